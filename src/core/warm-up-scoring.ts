import { packCustomers, unpackCustomers } from './ingest/pack-strings.ts';
import { scoreAndSegment } from './segments/score-and-segment.ts';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Times the made-up table is scored: see {@link warmUpScoring}. */
const ROUNDS = 10;

/**
 * The analysis worker's first call, a customer table unpacked and scored, run over a small
 * made-up table while the worker waits for its first file: the analyst's table is then scored
 * by code the JavaScript engine has already compiled and optimised. Once was not enough: the
 * engine optimises a function fully only after many calls, and the first scores of a 5M-row
 * file's 243k customers still took 54-61 ms in Node, against 27-34 ms for the next ones. Ten
 * rounds (about 40 ms, long before a file is chosen) bring the first to about 30 ms. Warming the
 * import the same way did not pay: parsing is slow at first because fresh memory is being
 * touched, not because of the compiler, and the warm-up competed with the page for the processor. Returns the table's size, so no step is
 * optimised away.
 */
export function warmUpScoring(): number {
  const n = 5000;
  const table = {
    n,
    ids: Array.from({ length: n }, (_, i) => `C${i}`),
    firstDay: Int32Array.from({ length: n }, (_, i) => 19_000 + (i % 300)),
    lastDay: Int32Array.from({ length: n }, (_, i) => 19_300 + ((i * 7) % 400)),
    frequency: Uint32Array.from({ length: n }, (_, i) => 1 + ((i * 13) % 9)),
    monetary: Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 10_000) / 10),
  };
  let scored = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const customers = unpackCustomers(packCustomers(table), decode);
    scored = scoreAndSegment(customers, { bins: 5, analysisDay: 19_701 + round }).r.length;
  }
  return scored;
}
