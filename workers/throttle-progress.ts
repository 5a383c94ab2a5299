/** The least time between two progress messages. */
const PROGRESS_MS = 50;

/**
 * A progress callback that passes a report on at most every 50 ms, and always the one for the
 * end (`bytesRead === total`). The file streams in chunks from 64 KiB: a message for each
 * would keep the receiving thread busy for nothing a person could see.
 */
export function throttleProgress(total: number, send: (bytesRead: number) => void): (bytesRead: number) => void {
  let last = -Infinity;
  return (bytesRead) => {
    const now = performance.now();
    if (bytesRead < total && now - last < PROGRESS_MS) return;
    last = now;
    send(bytesRead);
  };
}
