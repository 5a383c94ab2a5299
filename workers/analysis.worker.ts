import { expose } from 'comlink';
import { warmUpScoring } from '../src/core/index.ts';
import { createAnalysisApi } from './analysis-api.ts';
import { holdLifeLock } from './hold-life-lock.ts';

expose(createAnalysisApi());
// Compiled and optimised while the analyst picks a file (see warm-up-scoring.ts).
setTimeout(warmUpScoring, 0);
holdLifeLock();
