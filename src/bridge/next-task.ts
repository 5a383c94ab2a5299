/**
 * A new task: a message to itself. A zero-delay timer nested five deep waits 4 ms (over the
 * sixteen 1 MB steps of a 10M-row file's customer table that was about 45 ms more before its
 * scores), and a worker's loop over a file's reads may run without a task in between, so its
 * messages (another worker's answer or progress, a stop) are only taken at such a boundary.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
