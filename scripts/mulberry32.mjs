// One seeded generator for everything that must produce the same data on every machine: the
// benchmark's generated files, the fuzz cases (replayed by seed and number) and the tests'
// synthetic inputs. Changing it changes all of those, so it stays exactly mulberry32.
// (The app's own clustering uses src/core/cluster/seeded-random.ts, sfc32.)

/** mulberry32: uniform numbers in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
