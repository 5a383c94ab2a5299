import { expose } from 'comlink';
import { createIngestApi } from './ingest-api.ts';

expose(createIngestApi());
