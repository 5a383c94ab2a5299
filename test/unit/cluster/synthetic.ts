// Test data with known answers: Gaussian blobs around given centres, and the iris fixture.
import { readFileSync } from 'node:fs';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';

export interface Blobs {
  /** Row-major n × d. */
  data: Float64Array;
  d: number;
  /** The blob each point was drawn from. */
  truth: Int32Array;
}

/** `perBlob` points around each centre, each coordinate normal with standard deviation `spread`. */
export function blobs(centers: number[][], perBlob: number, spread: number, seed = 1): Blobs {
  const random = seededRandom(seed);
  const d = centers[0].length;
  const n = centers.length * perBlob;
  const data = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    // Interleaved, so no algorithm can profit from the input order.
    const c = i % centers.length;
    truth[i] = c;
    for (let t = 0; t < d; t++) data[i * d + t] = centers[c][t] + spread * normal(random);
  }
  return { data, d, truth };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** True when two labelings split the points the same way, whatever numbers they give the groups. */
export function samePartition(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  const aToB = new Map<number, number>();
  const bToA = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((aToB.get(a[i]) ?? b[i]) !== b[i] || (bToA.get(b[i]) ?? a[i]) !== a[i]) return false;
    aToB.set(a[i], b[i]);
    bToA.set(b[i], a[i]);
  }
  return true;
}

/** The four iris measurements (row-major 150 × 4) from test/fixtures/iris/iris.csv. */
export function irisMeasurements(): Float64Array {
  const text = readFileSync(new URL('../../fixtures/iris/iris.csv', import.meta.url), 'utf8');
  const rows = text.trim().split('\n').slice(1);
  const data = new Float64Array(rows.length * 4);
  rows.forEach((row, i) => row.split(',').slice(0, 4).forEach((v, t) => (data[i * 4 + t] = Number(v))));
  return data;
}
