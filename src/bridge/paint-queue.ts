import type { PointTransform } from '../charts/d3/paint-points.ts';

/** One picture to ask the painter for. */
export interface PaintAsk {
  zoom: PointTransform;
  width: number;
  height: number;
  dpr: number;
  /** A picture for the middle of a zoom or pan: the painter may draw it coarser (see ScatterPainter). */
  quick: boolean;
}

/** How long the zoom must rest before the exact picture is asked for (ms). */
export const SETTLE_MS = 120;

/**
 * Which picture the painter is asked for, and when. At most one is being painted; asks that arrive
 * meanwhile replace each other, so the latest is painted next and none goes stale in a queue. A
 * zoom or pan with nothing else changed since the last ask is motion: it is asked for quick, and
 * once the zoom has rested SETTLE_MS the same view is asked for exact. Anything else (positions,
 * colours, the selection, the size) is asked for exact at once.
 */
export class PaintQueue {
  #busy = false;
  #next: PaintAsk | null = null;
  #last: PaintAsk | null = null;
  #changed = true;
  #settle: ReturnType<typeof setTimeout> | null = null;

  /** `send` posts one ask to the painter; call `done` when its picture is back. */
  constructor(private readonly send: (ask: PaintAsk) => void) {}

  /** Positions or colours were sent: the next picture is exact. */
  changed(): void {
    this.#changed = true;
  }

  ask(zoom: PointTransform, width: number, height: number, dpr: number): void {
    const last = this.#last;
    const moving = !this.#changed && last !== null && last.width === width && last.height === height && last.dpr === dpr && !sameZoom(last.zoom, zoom);
    this.#changed = false;
    this.#clearSettle();
    const ask = { zoom: { ...zoom }, width, height, dpr, quick: moving };
    this.#last = ask;
    this.#next = ask;
    if (moving) {
      this.#settle = setTimeout(() => {
        this.#settle = null;
        this.#next = { ...ask, quick: false };
        this.#pump();
      }, SETTLE_MS);
    }
    this.#pump();
  }

  /**
   * A picture is back. Returns whether another is on its way (asked or waiting for the zoom to
   * rest): only the last picture of a burst is the settled one.
   */
  done(): boolean {
    this.#busy = false;
    this.#pump();
    return this.#busy || this.#settle !== null;
  }

  dispose(): void {
    this.#clearSettle();
    this.#next = null;
  }

  #pump(): void {
    if (this.#busy || !this.#next) return;
    const next = this.#next;
    this.#next = null;
    this.#busy = true;
    this.send(next);
  }

  #clearSettle(): void {
    if (this.#settle !== null) clearTimeout(this.#settle);
    this.#settle = null;
  }
}

const sameZoom = (a: PointTransform, b: PointTransform) => a.k === b.k && a.x === b.x && a.y === b.y;
