import { transfer } from 'comlink';
import { scoreRfm, type CustomerTable } from '../src/core/index.ts';
import type { AnalysisApi } from '../src/core/index.ts';

/** The analysis worker's API as a plain object (see ingest-api.ts for why). */
export function createAnalysisApi(): AnalysisApi {
  let customers: CustomerTable | null = null;
  const table = (): CustomerTable => {
    if (!customers) throw new Error('analysis worker: setCustomers() must come before any analysis');
    return customers;
  };

  return {
    async setCustomers(table) {
      customers = table;
    },
    async scoreRfm(settings) {
      const s = scoreRfm(table(), settings);
      return transfer(s, [s.recency.buffer, s.r.buffer, s.f.buffer, s.m.buffer]);
    },
  };
}
