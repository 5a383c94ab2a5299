/** The least time between two progress messages between workers. */
const PROGRESS_MS = 50;

/**
 * The least time between two progress reports to the page. Each one is drawn: in a trace of the
 * 5M-row bench file, reports every 50 ms kept the page's main thread, its compositor and the
 * GPU process's busy with frames; four a second took them 250-400 ms less processor time over
 * the 4.4 s import (60-90 ms a second), time the two workers reading the file on a two-core
 * machine had back. Four a second still move the bar smoothly enough to see, and the byte and
 * row counts stay readable.
 */
export const PAGE_PROGRESS_MS = 250;

/**
 * A progress callback that passes a report on at most every `everyMs`, and always the one for
 * the end (`bytesRead === total`). The file streams in chunks from 64 KiB: a message for each
 * would keep the receiving thread busy for nothing a person could see.
 */
export function throttleProgress(total: number, send: (bytesRead: number) => void, everyMs = PROGRESS_MS): (bytesRead: number) => void {
  let last = -Infinity;
  return (bytesRead) => {
    const now = performance.now();
    if (bytesRead < total && now - last < everyMs) return;
    last = now;
    send(bytesRead);
  };
}
