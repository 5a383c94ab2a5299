import type { Server } from 'node:http';

export const SUB_PATH: string;

/** Serves `dir` on 127.0.0.1:`port` (0: any free port); resolves to the server once it listens. */
export function serveDist(port: number, dir?: string, options?: { extra?: Record<string, string> }): Promise<Server>;
