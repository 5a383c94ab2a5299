import { ScatterPainter, type PainterRequest } from '../src/charts/d3/scatter-painter.ts';
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
let preparing: ReturnType<typeof setTimeout> | undefined;
const prepare = () => {
  if (painter.prepare(PREPARE_MS)) preparing = setTimeout(prepare, 0);
};

onmessage = (event: MessageEvent<PainterRequest>) => {
  const request = event.data;
  if (request.type !== 'paint') painter.take(request);
  else {
    const picture = painter.paint(request);
    postMessage(picture, [picture.pixels.buffer]);
  }
  clearTimeout(preparing);
  preparing = setTimeout(prepare, PREPARE_AFTER_MS);
};

// Compiled before the first picture (see warmUpPainting), and before the first sampled one.
warmUpPainting();
warmUpSampling();
