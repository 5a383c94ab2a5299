import { existsSync, mkdirSync, openSync, writeSync, closeSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A large, valid transactions CSV written once to the temp folder and reused: big enough that
 * reading it takes a while, so a test can cancel it half way.
 */
export function largeCsvPath(rows = 3_000_000): string {
  const dir = join(tmpdir(), 'segment-studio-e2e');
  const path = join(dir, `large-${rows}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  writeSync(fd, 'order_id,customer_id,order_date,amount\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    buf += `O${i},C${(i * 7919) % 150_000},2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')},${(10 + (i % 97)).toFixed(2)}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  renameSync(partial, path);
  return path;
}
