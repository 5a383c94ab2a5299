/** The bytes of plain-records.wat, assembled with wabt. */
export function assemblePlainRecords(): Promise<Uint8Array>;
/** The TypeScript module that holds `bytes` (plain-records-module.ts). */
export function plainRecordsModule(bytes: Uint8Array): string;
