type NumericArray = Int32Array | Uint8Array | Float64Array;
type NumericArrayConstructor<T extends NumericArray> = { new (length: number): T };

/** A typed array that doubles when full: columns are built row by row without row objects. */
export interface GrowableColumn<T extends NumericArray> {
  length: number;
  /** Makes room for at least `capacity` values, so a column of known size never regrows. */
  reserve(capacity: number): void;
  /** Appends a whole array (another part of the same column). */
  append(values: ArrayLike<number>): void;
  /**
   * Appends codes of another part's dictionary translated to this one's (`map[code]`); codes
   * below 0 (empty cells) stay -1.
   */
  appendMapped(codes: Int32Array, map: Int32Array): void;
  /** Appends values with `offset` added (another part's row numbers, renumbered). */
  appendShifted(values: Int32Array, offset: number): void;
  push(value: number): void;
  /** The filled part as a view, without copying: for a column read once and let go. */
  view(): T;
  /** The filled part, trimmed to length (a copy, so the builder's spare capacity is freed). */
  toArray(): T;
}

/**
 * A column class for one element type. Each call makes new method functions, so the engine
 * sees one array type per method: code shared between Int32Array, Float64Array and Uint8Array
 * columns goes polymorphic on every element access, which measured several times slower in the
 * row loop.
 */
function columnClass<T extends NumericArray>(Ctor: NumericArrayConstructor<T>): new (initialCapacity?: number) => GrowableColumn<T> {
  return class implements GrowableColumn<T> {
    private data: T;
    length = 0;

    constructor(initialCapacity = 1024) {
      this.data = new Ctor(initialCapacity);
    }

    reserve(capacity: number): void {
      if (capacity <= this.data.length) return;
      const next = new Ctor(capacity);
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }

    append(values: ArrayLike<number>): void {
      this.reserve(Math.max(this.data.length, this.length + values.length));
      this.data.set(values, this.length);
      this.length += values.length;
    }

    appendMapped(codes: Int32Array, map: Int32Array): void {
      this.reserve(Math.max(this.data.length, this.length + codes.length));
      const data = this.data;
      let at = this.length;
      for (let i = 0; i < codes.length; i++) {
        const c = codes[i];
        data[at++] = c < 0 ? -1 : map[c];
      }
      this.length = at;
    }

    appendShifted(values: Int32Array, offset: number): void {
      this.reserve(Math.max(this.data.length, this.length + values.length));
      const data = this.data;
      let at = this.length;
      for (let i = 0; i < values.length; i++) data[at++] = values[i] + offset;
      this.length = at;
    }

    push(value: number): void {
      if (this.length === this.data.length) {
        const next = new Ctor(this.data.length * 2);
        next.set(this.data);
        this.data = next;
      }
      this.data[this.length++] = value;
    }

    view(): T {
      return this.data.subarray(0, this.length) as T;
    }

    toArray(): T {
      return this.data.slice(0, this.length) as T;
    }
  };
}

export const Int32Column = columnClass(Int32Array);
export const Float64Column = columnClass(Float64Array);
export const Uint8Column = columnClass(Uint8Array);
