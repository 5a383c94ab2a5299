import { transfer } from 'comlink';
import { scoreRfm } from '../src/core/index.ts';
import type { AnalysisApi } from '../src/core/index.ts';

/** The analysis worker's API as a plain object (see ingest-api.ts for why). */
export function createAnalysisApi(): AnalysisApi {
  return {
    async scoreRfm(customers, settings) {
      const s = scoreRfm(customers, settings);
      return transfer(s, [s.recency.buffer, s.r.buffer, s.f.buffer, s.m.buffer]);
    },
  };
}
