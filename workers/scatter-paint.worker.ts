import { ScatterPainter, type PainterRequest } from '../src/charts/d3/scatter-painter.ts';
import { warmUpPainting } from '../src/charts/d3/paint-points.ts';

// The scatter's painter, off the main thread. The page asks for one picture at a time (see
// ScatterPainterClient), so a zoom arriving meanwhile waits and only the latest is painted.
const painter = new ScatterPainter();

onmessage = (event: MessageEvent<PainterRequest>) => {
  const request = event.data;
  if (request.type !== 'paint') {
    painter.take(request);
    return;
  }
  const picture = painter.paint(request);
  postMessage(picture, [picture.pixels.buffer]);
};

// Compiled before the first picture (see warmUpPainting).
warmUpPainting();
