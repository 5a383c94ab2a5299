;; The plain records of a CSV chunk, found 16 bytes at a time, and hashed: the loop of
;; RecordScanner that looks at every byte of a file, in WebAssembly with SIMD.
;;
;; Assembled into plain-records-module.ts by `npm run build:wasm` (scripts/build-wasm.mjs, with
;; wabt); a unit test checks the two agree. The TypeScript side is plain-records.ts.
;;
;; A plain record has no quote and no NUL byte: its fields end at the delimiter and it ends at a
;; line feed or carriage return (CR LF counted as one break), or at the end of the last chunk.
;; Any other record is left to RecordScanner's own reader, which knows quotes, stray quotes and
;; NUL bytes: the scan stops at such a record and says so.
;;
;; Memory: the chunk at 0 (up to INPUT_BYTES), 16 bytes of slack so a 16-byte load may run past
;; its end, then the output: per record 4 x i32 (the index of its first field, its field count,
;; its two hashes) at RECORDS, and the start and end of each field, record after record, at
;; STARTS and ENDS: the reader of a record reads its fields there, where they are.
(module
  (memory (export "memory") 133)
  (global (export "INPUT_BYTES") i32 (i32.const 0x820000))
  (global $RECORDS (export "RECORDS") i32 (i32.const 0x820100))
  (global $ENDS (export "ENDS") i32 (i32.const 0x824100))
  (global $STARTS (export "STARTS") i32 (i32.const 0x834100))
  (global $RECORDS_MAX (export "RECORDS_MAX") i32 (i32.const 1024))
  (global $ENDS_MAX (export "ENDS_MAX") i32 (i32.const 16384))
  ;; After a scan: where the next record starts, and why the scan stopped (see plain-records.ts).
  (global $next (export "next") (mut i32) (i32.const 0))
  (global $status (export "status") (mut i32) (i32.const 0))
  (global $h1 (mut i32) (i32.const 0))
  (global $h2 (mut i32) (i32.const 0))

  ;; The two hashes of bytes [s, e): recordHashes (record-hashes.ts) exactly, bit for bit, since a
  ;; record read by either scanner must hash alike. Its four lanes take one byte each of every
  ;; four; one load gives all four.
  (func $hash (param $s i32) (param $e i32)
    (local $l0 i32) (local $l1 i32) (local $l2 i32) (local $l3 i32)
    (local $i i32) (local $w i32) (local $len i32) (local $h i32) (local $g i32)
    (local.set $l0 (i32.const 0x811c9dc5))
    (local.set $l1 (i32.const 0x050c5d1f))
    (local.set $l2 (i32.const 0x2b5f1a63))
    (local.set $l3 (i32.const 0x1b873593))
    (local.set $i (local.get $s))
    (block $words_done
      (loop $words
        (br_if $words_done (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $e)))
        (local.set $w (i32.load (local.get $i)))
        (local.set $l0 (i32.mul (i32.xor (local.get $l0) (i32.and (local.get $w) (i32.const 255))) (i32.const 0x01000193)))
        (local.set $l1 (i32.mul (i32.xor (local.get $l1) (i32.and (i32.shr_u (local.get $w) (i32.const 8)) (i32.const 255))) (i32.const 0x01000193)))
        (local.set $l2 (i32.mul (i32.xor (local.get $l2) (i32.and (i32.shr_u (local.get $w) (i32.const 16)) (i32.const 255))) (i32.const 0x01000193)))
        (local.set $l3 (i32.mul (i32.xor (local.get $l3) (i32.shr_u (local.get $w) (i32.const 24))) (i32.const 0x01000193)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $words)))
    (block $bytes_done
      (loop $bytes
        (br_if $bytes_done (i32.ge_s (local.get $i) (local.get $e)))
        (local.set $l0 (i32.mul (i32.xor (local.get $l0) (i32.load8_u (local.get $i))) (i32.const 0x01000193)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (local.set $len (i32.sub (local.get $e) (local.get $s)))
    (local.set $h (i32.xor
      (i32.mul (i32.xor (local.get $l0) (local.get $len)) (i32.const 0x85ebca6b))
      (i32.mul (local.get $l1) (i32.const 0xc2b2ae35))))
    (local.set $h (i32.xor (i32.xor
      (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))) (i32.const 0x27d4eb2f))
      (i32.mul (local.get $l2) (i32.const 0x165667b1)))
      (i32.mul (local.get $l3) (i32.const 0x9e3779b1))))
    (global.set $h1 (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
    (local.set $g (i32.xor
      (i32.mul (i32.xor (local.get $l3) (local.get $len)) (i32.const 0xcc9e2d51))
      (i32.mul (local.get $l2) (i32.const 0x1b873593))))
    (local.set $g (i32.xor (i32.xor
      (i32.mul (i32.xor (local.get $g) (i32.shr_u (local.get $g) (i32.const 16))) (i32.const 0x85ebca77))
      (i32.mul (local.get $l1) (i32.const 0xc2b2ae3d)))
      (i32.mul (local.get $l0) (i32.const 0x27d4eb2f))))
    (global.set $h2 (i32.xor (local.get $g) (i32.shr_u (local.get $g) (i32.const 15)))))

  ;; Reads the records of bytes [from, n) until one is not plain, the output is full or the bytes
  ;; end. Blank records (one empty field) are passed over, not written. Returns the records
  ;; written; $next is where reading goes on and $status says why it stopped:
  ;; 0 the bytes are read ($next = n), 1 the output is full, 2 the record at $next is not plain
  ;; (or has more fields than the output holds), 3 the record at $next runs past n and `final`
  ;; is 0 (its end is in the next chunk).
  (func (export "scan") (param $from i32) (param $n i32) (param $final i32) (param $delimiter i32) (result i32)
    (local $p i32) (local $records i32) (local $fields i32)
    (local $start i32) (local $firstField i32) (local $fieldStart i32) (local $q i32) (local $mask i32) (local $at i32)
    (local $b i32) (local $end i32) (local $after i32) (local $out i32)
    (local $v v128) (local $d v128)
    (local.set $d (i8x16.splat (local.get $delimiter)))
    (local.set $p (local.get $from))
    (block $stop
      (loop $record
        (if (i32.ge_u (local.get $p) (local.get $n))
          (then (global.set $status (i32.const 0)) (br $stop)))
        (if (i32.eq (local.get $records) (global.get $RECORDS_MAX))
          (then (global.set $status (i32.const 1)) (br $stop)))
        (local.set $start (local.get $p))
        (local.set $firstField (local.get $fields))
        (local.set $q (local.get $p))
        (block $complete
          (loop $field
            (local.set $fieldStart (local.get $q))
            ;; $at: the first delimiter, line break, quote or NUL at or after $q, or n.
            (block $found
              (loop $search
                (if (i32.ge_u (local.get $q) (local.get $n))
                  (then (local.set $at (local.get $n)) (br $found)))
                (local.set $v (v128.load (local.get $q)))
                (local.set $mask (i8x16.bitmask (v128.or
                  (v128.or
                    (i8x16.eq (local.get $v) (local.get $d))
                    (i8x16.eq (local.get $v) (i8x16.splat (i32.const 10))))
                  (v128.or
                    (v128.or
                      (i8x16.eq (local.get $v) (i8x16.splat (i32.const 13)))
                      (i8x16.eq (local.get $v) (i8x16.splat (i32.const 34))))
                    (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0)))))))
                ;; Bytes past n are left over from an earlier chunk.
                (if (i32.lt_u (i32.sub (local.get $n) (local.get $q)) (i32.const 16))
                  (then (local.set $mask (i32.and (local.get $mask)
                    (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $n) (local.get $q))) (i32.const 1))))))
                (if (local.get $mask)
                  (then (local.set $at (i32.add (local.get $q) (i32.ctz (local.get $mask)))) (br $found)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $search)))
            (if (i32.ge_u (local.get $at) (local.get $n))
              (then
                ;; The bytes end inside the record: it is complete only in the last chunk.
                (if (i32.eqz (local.get $final))
                  (then (global.set $status (i32.const 3)) (local.set $p (local.get $start)) (br $stop)))
                (local.set $b (i32.const -1)))
              (else
                (local.set $b (i32.load8_u (local.get $at)))
                (if (i32.or (i32.eq (local.get $b) (i32.const 34)) (i32.eqz (local.get $b)))
                  (then (global.set $status (i32.const 2)) (local.set $p (local.get $start)) (br $stop)))))
            (if (i32.eq (local.get $fields) (global.get $ENDS_MAX))
              (then
                ;; A record with more fields than the output holds goes to the other reader.
                (global.set $status (select (i32.const 2) (i32.const 1) (i32.eq (local.get $firstField) (i32.const 0))))
                (local.set $p (local.get $start))
                (br $stop)))
            (i32.store (i32.add (global.get $STARTS) (i32.shl (local.get $fields) (i32.const 2))) (local.get $fieldStart))
            (i32.store (i32.add (global.get $ENDS) (i32.shl (local.get $fields) (i32.const 2))) (local.get $at))
            (local.set $fields (i32.add (local.get $fields) (i32.const 1)))
            (if (i32.eq (local.get $b) (local.get $delimiter))
              (then (local.set $q (i32.add (local.get $at) (i32.const 1))) (br $field)))
            (local.set $end (local.get $at))
            (local.set $after (select (i32.add (local.get $at) (i32.const 1)) (local.get $n) (i32.lt_u (local.get $at) (local.get $n))))
            (if (i32.and (i32.eq (local.get $b) (i32.const 13)) (i32.lt_u (local.get $after) (local.get $n)))
              (then (if (i32.eq (i32.load8_u (local.get $after)) (i32.const 10))
                (then (local.set $after (i32.add (local.get $after) (i32.const 1)))))))))
        (if (i32.and
              (i32.eq (i32.sub (local.get $fields) (local.get $firstField)) (i32.const 1))
              (i32.eq (local.get $end) (local.get $start)))
          (then
            (local.set $fields (local.get $firstField))
            (local.set $p (local.get $after))
            (br $record)))
        (call $hash (local.get $start) (local.get $end))
        (local.set $out (i32.add (global.get $RECORDS) (i32.shl (local.get $records) (i32.const 4))))
        (i32.store (local.get $out) (local.get $firstField))
        (i32.store offset=4 (local.get $out) (i32.sub (local.get $fields) (local.get $firstField)))
        (i32.store offset=8 (local.get $out) (global.get $h1))
        (i32.store offset=12 (local.get $out) (global.get $h2))
        (local.set $records (i32.add (local.get $records) (i32.const 1)))
        (local.set $p (local.get $after))
        (br $record)))
    (global.set $next (local.get $p))
    (local.get $records))
)
