import type { PainterPicture, PainterRequest } from '../charts/d3/scatter-painter.ts';
import type { PointTransform } from '../charts/d3/paint-points.ts';
import { PaintQueue } from './paint-queue.ts';
import { startScatterPainter } from './workers.ts';

/**
 * The page's side of the scatter's painter worker. One picture is asked for at a time (see
 * PaintQueue): zooms that arrive while it is painted replace each other, the latest is asked for
 * as soon as the picture comes back, and a zoom or pan in motion gets quick pictures, then the
 * exact one once it rests.
 */
export class ScatterPainterClient {
  readonly #worker: Worker;
  readonly #queue: PaintQueue;
  #id = 0;

  constructor(onpicture: (picture: PainterPicture, more: boolean) => void) {
    this.#worker = startScatterPainter();
    this.#queue = new PaintQueue((ask) => this.#post({ type: 'paint', id: ++this.#id, ...ask, asked: performance.now() }, []));
    this.#worker.onmessage = (event: MessageEvent<PainterPicture>) => {
      const more = this.#queue.done();
      onpicture(event.data, more);
    };
  }

  /** New positions (the painter keeps these arrays: pass copies). */
  points(bx: Float32Array, by: Float32Array): void {
    this.#queue.changed();
    this.#post({ type: 'points', bx, by }, [bx.buffer, by.buffer]);
  }

  /** New colours or selection (the painter keeps these arrays: pass copies). */
  colours(request: Extract<PainterRequest, { type: 'colours' }>): void {
    this.#queue.changed();
    const moved = [request.groups.buffer, ...(request.selected ? [request.selected.buffer] : [])];
    this.#post(request, moved);
  }

  /** A picture's pixels, once on the canvas, go back to be painted into again (see ScatterPainter). */
  spare(pixels: Uint8ClampedArray): void {
    this.#post({ type: 'spare', pixels }, [pixels.buffer]);
  }

  paint(zoom: PointTransform, width: number, height: number, dpr: number): void {
    this.#queue.ask(zoom, width, height, dpr);
  }

  destroy(): void {
    this.#queue.dispose();
    this.#worker.terminate();
  }

  #post(request: PainterRequest, transfer: ArrayBufferLike[]): void {
    this.#worker.postMessage(request, transfer as Transferable[]);
  }
}
