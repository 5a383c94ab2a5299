import { expose } from 'comlink';
import { createIngestPartApi } from './ingest-part-api.ts';

expose(createIngestPartApi());
