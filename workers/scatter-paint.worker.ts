import { ScatterPainter, warmUpPainter, type PainterRequest } from '../src/charts/d3/scatter-painter.ts';
import { warmUpPainting } from '../src/charts/d3/paint-points.ts';
import { warmUpSampling } from '../src/charts/d3/sample-picture.ts';

// The scatter's painter, off the main thread. The page asks for one picture at a time (see
// ScatterPainterClient), so a zoom arriving meanwhile waits and only the latest is painted.
const painter = new ScatterPainter();

// Once idle, the painter prepares the picture its first quick pictures are sampled from (see
// ScatterPainter.prepare), a few ms at a time so that a picture asked for meanwhile hardly waits.
// It waits for a quiet moment first: right after a change (a brush, new colours) the page has its
// own work to do, and a laptop's few cores are shared with it.
const PREPARE_MS = 4;
const PREPARE_AFTER_MS = 250;
// After the first picture of new positions (a file just read), the page mounts the rest of the
// workspace for a second or more while the ingest worker works out the metrics: with both cores
// taken, slices of 4 ms of CPU here took 15-75 ms, and the page's tasks of 4-10 ms of CPU
// stretched to 54-58 ms (a Chromium trace of a 5M import). That first preparation waits longer.
const PREPARE_AFTER_FIRST_MS = 2000;
let firstPicture = false;
let preparing: ReturnType<typeof setTimeout> | undefined;
const prepare = () => {
  if (painter.prepare(PREPARE_MS)) preparing = setTimeout(prepare, 0);
};

onmessage = (event: MessageEvent<PainterRequest>) => {
  const request = event.data;
  let wait = PREPARE_AFTER_MS;
  if (request.type !== 'paint') {
    painter.take(request);
    if (request.type === 'points') firstPicture = true;
  } else {
    const picture = painter.paint(request);
    postMessage(picture, [picture.pixels.buffer]);
    if (firstPicture) wait = PREPARE_AFTER_FIRST_MS;
    firstPicture = false;
  }
  clearTimeout(preparing);
  preparing = setTimeout(prepare, wait);
};

// Compiled before the first picture (see warmUpPainting), and before the first sampled one.
warmUpPainting();
warmUpSampling();
// And the painter's own steps, a round a task: a first picture asked for meanwhile waits one round at most.
for (let round = 0; round < 3; round++) setTimeout(() => warmUpPainter(round), 0);
