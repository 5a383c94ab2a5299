import type { PainterPicture, PainterRequest } from '../charts/d3/scatter-painter.ts';
import type { PointTransform } from '../charts/d3/paint-points.ts';
import { startScatterPainter } from './workers.ts';

type Paint = Extract<PainterRequest, { type: 'paint' }>;

/**
 * The page's side of the scatter's painter worker. One picture is asked for at a time: zooms
 * that arrive while it is painted replace each other, and the latest is asked for as soon as the
 * picture comes back, so a steady zoom gets a new picture as often as the painter can make one
 * and never a queue of stale ones.
 */
export class ScatterPainterClient {
  readonly #worker: Worker;
  #busy = false;
  #next: Omit<Paint, 'type' | 'id'> | null = null;
  #id = 0;

  constructor(onpicture: (picture: PainterPicture, more: boolean) => void) {
    this.#worker = startScatterPainter();
    this.#worker.onmessage = (event: MessageEvent<PainterPicture>) => {
      this.#busy = false;
      const more = this.#next !== null;
      if (more) this.#send();
      onpicture(event.data, more);
    };
  }

  /** New positions (the painter keeps these arrays: pass copies). */
  points(bx: Float32Array, by: Float32Array): void {
    this.#post({ type: 'points', bx, by }, [bx.buffer, by.buffer]);
  }

  /** New colours or selection (the painter keeps these arrays: pass copies). */
  colours(request: Extract<PainterRequest, { type: 'colours' }>): void {
    const moved = [request.groups.buffer, ...(request.selected ? [request.selected.buffer] : [])];
    this.#post(request, moved);
  }

  paint(zoom: PointTransform, width: number, height: number, dpr: number): void {
    this.#next = { zoom: { ...zoom }, width, height, dpr };
    if (!this.#busy) this.#send();
  }

  destroy(): void {
    this.#worker.terminate();
  }

  #send(): void {
    const next = this.#next!;
    this.#next = null;
    this.#busy = true;
    this.#post({ type: 'paint', id: ++this.#id, ...next }, []);
  }

  #post(request: PainterRequest, transfer: ArrayBufferLike[]): void {
    this.#worker.postMessage(request, transfer as Transferable[]);
  }
}
