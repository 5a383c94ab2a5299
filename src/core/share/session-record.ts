import type { SessionSettings } from './session-settings.ts';

/** A saved session as the start page lists it: small, so the list loads at once. */
export interface SessionRecord {
  id: string;
  name: string;
  fileName: string;
  customers: number;
  created: number;
  updated: number;
  lastOpened: number;
  /** Bytes of the data record (the Arrow IPC of the customer table), as counted when it was written. */
  bytes: number;
  settings: SessionSettings;
}
