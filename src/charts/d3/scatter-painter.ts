import { paintPoints, type PointTransform } from './paint-points.ts';

type Rgb = [number, number, number];

/** What the scatter's painter is told, in order; the latest `paint` is the one that counts. */
export type PainterRequest =
  /** Point positions at zoom 1, in CSS pixels of the plot (copies: the painter keeps them). */
  | { type: 'points'; bx: Float32Array; by: Float32Array }
  /**
   * The colours: a 1-based group per customer (0: not painted) into `palette`, the groups
   * switched off, and the selection (1: selected; null: none). Selected customers are painted
   * in their colour over the rest in grey.
   */
  | { type: 'colours'; groups: Uint8Array; hidden: number[]; selected: Uint8Array | null; palette: Rgb[]; grey: Rgb }
  /** A picture at this zoom (CSS pixels), `width` × `height` device pixels. */
  | { type: 'paint'; id: number; zoom: PointTransform; width: number; height: number; dpr: number };

/** A finished picture: straight RGBA, `width` × `height`, for the zoom it was asked at. */
export interface PainterPicture {
  type: 'picture';
  id: number;
  zoom: PointTransform;
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
  /** Points with at least one pixel on the picture. */
  painted: number;
  /** Milliseconds the painting took. */
  ms: number;
}

/**
 * The scatter's pictures, painted on the CPU into a pixel buffer: the worker that runs it keeps
 * the positions and colours between pictures, so a zoom or pan sends a transform and nothing else.
 */
export class ScatterPainter {
  #bx: Float32Array = new Float32Array(0);
  #by: Float32Array = new Float32Array(0);
  #over: Uint8Array = new Uint8Array(0);
  #under: Uint8Array | null = null;
  #palette: Rgb[] = [];
  #grey: Rgb = [211, 215, 221];

  take(request: Exclude<PainterRequest, { type: 'paint' }>): void {
    if (request.type === 'points') {
      this.#bx = request.bx;
      this.#by = request.by;
    } else {
      const { groups, selected } = request;
      const off = new Set(request.hidden);
      const over = new Uint8Array(groups.length);
      const under = selected ? new Uint8Array(groups.length) : null;
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i];
        if (g === 0 || off.has(g)) continue;
        if (under && !selected![i]) under[i] = 1;
        else over[i] = g;
      }
      this.#over = over;
      this.#under = under;
      this.#palette = request.palette;
      this.#grey = request.grey;
    }
  }

  paint(request: Extract<PainterRequest, { type: 'paint' }>): PainterPicture {
    const { id, zoom, width, height, dpr } = request;
    const started = performance.now();
    const layer = { pixels: new Uint8ClampedArray(width * height * 4), width, height };
    const at = { k: zoom.k * dpr, x: zoom.x * dpr, y: zoom.y * dpr };
    const size = Math.max(2, Math.round(3 * dpr));
    const n = Math.min(this.#bx.length, this.#over.length);
    // The unselected in grey first, the selected (or everyone, without a selection) over them.
    let painted = this.#under ? paintPoints(layer, this.#bx, this.#by, this.#under, [this.#grey], size, 0.6, at, 0, n) : 0;
    painted += paintPoints(layer, this.#bx, this.#by, this.#over, this.#palette, size, 0.75, at, 0, n);
    return { type: 'picture', id, zoom, width, height, pixels: layer.pixels, painted, ms: performance.now() - started };
  }
}
