/** A source of uniform numbers in [0, 1), like `Math.random` but reproducible. */
export type Random = () => number;

/**
 * A seeded generator (sfc32, state spread from the seed by splitmix32): the same seed always
 * gives the same sequence, so a clustering with the same seed reproduces exactly. Outputs have
 * 32 bits of resolution, plenty for picking among millions of points.
 */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  // splitmix32 turns nearby seeds (0, 1, 2...) into unrelated states.
  const next = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  const random = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 still echo the seed; discard them as its author recommends.
  for (let i = 0; i < 12; i++) random();
  return random;
}

/** A uniform integer in 0..n-1. */
export function randomIndex(random: Random, n: number): number {
  const i = Math.floor(random() * n);
  // Guards a generator that returns exactly 1 (not ours, but Random is an open type).
  return i < n ? i : n - 1;
}
