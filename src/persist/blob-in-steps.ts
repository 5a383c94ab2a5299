/** Bytes copied into the Blob per step: small enough that one step's copy is no peak. */
const STEP_BYTES = 8 << 20;

/**
 * A Blob of `parts` made a few MB at a time, each step's bytes handed to the browser's blob store
 * before the next is copied. `new Blob(parts)` copies every part in this process and keeps the copy
 * until the browser has fetched it all: a second copy of a 150 MB session table at once, where
 * this holds one step. Parts larger than a step are cut into views (no copy).
 */
export async function blobInSteps(parts: Iterable<Uint8Array<ArrayBuffer>>, type = '', stepBytes = STEP_BYTES): Promise<Blob> {
  let blob = new Blob([], { type });
  let step: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  const flush = async () => {
    if (step.length === 0) return;
    const piece = new Blob(step);
    step = [];
    size = 0;
    // Reading a byte of the piece waits until the browser holds it: then this process's copy is gone.
    await piece.slice(piece.size - 1).arrayBuffer();
    blob = new Blob([blob, piece], { type });
  };
  for (const part of parts) {
    for (let at = 0; at < part.byteLength; at += stepBytes) {
      const view = at === 0 && part.byteLength <= stepBytes ? part : part.subarray(at, at + stepBytes);
      step.push(view);
      size += view.byteLength;
      if (size >= stepBytes) await flush();
    }
  }
  await flush();
  return blob;
}
