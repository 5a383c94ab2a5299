import { paintPoints, type PointLayer, type PointTransform } from './paint-points.ts';
import { samplePicture } from './sample-picture.ts';

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
  /** A picture's pixels handed back once they are on the canvas, to be painted into again. */
  | { type: 'spare'; pixels: Uint8ClampedArray }
  /**
   * A picture at this zoom (CSS pixels), `width` × `height` device pixels. `quick`: a picture in
   * the middle of a zoom or pan, which may be drawn coarser (see ScatterPainter.paint).
   */
  | { type: 'paint'; id: number; zoom: PointTransform; width: number; height: number; dpr: number; quick?: boolean; asked?: number };

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
  /** Drawn coarser, for motion: smaller points (an exact picture follows once the zoom rests). */
  quick: boolean;
  /** Sampled from the ready picture rather than painted point by point (a quick picture only). */
  sampled: boolean;
  /** Milliseconds the painting took. */
  ms: number;
  /** When the page asked for it (the page's performance.now(), passed through for its trace). */
  asked: number;
  /** When the painting began and ended, in ms since the epoch (performance.timeOrigin + now()), so the page can place them on its own clock. */
  began: number;
  ended: number;
}

/** Side of a tile of the painter's index, in CSS pixels at zoom 1. */
const TILE = 8;
/**
 * A quick picture draws smaller points only when more than this many are in view: below it the
 * exact picture is already fast (a few milliseconds), and it keeps the look steady while zooming in.
 */
export const QUICK_ABOVE = 40_000;
/** At most this many tiles a side (points spread far beyond the plot get wider tiles). */
const MAX_TILES = 1024;
/** Pixel buffers kept for reuse: one on its way back from the page, one in hand, one more. */
const MAX_SPARES = 3;
/**
 * Buffers made ready while idle, written once so their memory is mapped: a motion's first
 * pictures come faster than the page gives buffers back, and a fresh buffer of a few MB costs
 * its page faults (several ms on a loaded machine) in the picture that first writes it.
 */
const READY_SPARES = 2;
/**
 * The ready picture (every point at zoom 1, painted ahead while the painter is idle) has this many
 * times the picture's resolution, and quick pictures are sampled from it up to this zoom.
 */
export const READY_SCALE = 2;
/** No ready picture beyond this many pixels (32 MB): larger plots paint every quick picture. */
const READY_MAX_PIXELS = 8_000_000;
/** Slots painted into the ready picture between two looks at the clock. */
const READY_CHUNK = 16_384;

/** Side of a point in device pixels: exact, and quick (half, at least 1). */
const exactSide = (dpr: number) => Math.max(2, Math.round(3 * dpr));
const quickSide = (dpr: number) => Math.max(1, Math.floor(exactSide(dpr) / 2));

/** The ready picture and how far its painting has gone (pass, then slot). */
interface Ready {
  width: number;
  height: number;
  dpr: number;
  /** The positions and colours it is painted from (see ScatterPainter's #version). */
  version: number;
  layer: PointLayer;
  pass: number;
  next: number;
  done: boolean;
  /** Every point's square lies inside it, so what is outside it is blank. */
  contained: boolean;
}

/**
 * The scatter's pictures, painted on the CPU into a pixel buffer: the worker that runs it keeps
 * the positions and colours between pictures, so a zoom or pan sends a transform and nothing else.
 *
 * The points are kept sorted by tile (row-major tiles of TILE px at zoom 1, customers in their
 * order within a tile), and painted in that order: a zoomed picture reads only the rows of tiles
 * in view, each a contiguous run, instead of testing every customer, and neighbours on screen are
 * neighbours in memory. The order is fixed per layout, so overlapping points stack the same way
 * at every zoom; within a tile the later customer is in front.
 */
export class ScatterPainter {
  /** Customer of each slot of the painting order. */
  #order: Int32Array = new Int32Array(0);
  /** Positions in painting order. */
  #sx: Float32Array = new Float32Array(0);
  #sy: Float32Array = new Float32Array(0);
  /** Slots of tile t: tileStart[t] to tileStart[t + 1] - 1. */
  #tileStart: Int32Array = new Int32Array(1);
  #cols = 1;
  #rows = 1;
  /** The grid: tile (c, r) holds positions from x0 + c × tileW and y0 + r × tileH. */
  #x0 = 0;
  #y0 = 0;
  #tileW = TILE;
  #tileH = TILE;
  /** Customers as given (the colours arrive by customer). */
  #groups: Uint8Array = new Uint8Array(0);
  #hidden: number[] = [];
  #selected: Uint8Array | null = null;
  /** Colour group per slot: the selected (everyone, without a selection) ... */
  #over: Uint8Array = new Uint8Array(0);
  /** ... over the rest in grey (1), or null without a selection. */
  #under: Uint8Array | null = null;
  #palette: Rgb[] = [];
  #grey: Rgb = [211, 215, 221];
  /**
   * Pictures' buffers given back by the page. A picture is a few MB (1294 × 520 px is 2.7 MB):
   * a new one per frame in motion is ~160 MB a second of garbage for the page, whose collector
   * then stops its main thread, and a fresh allocation to zero here.
   */
  #spares: Uint8ClampedArray[] = [];
  /** Counts the changes of positions or colours: a ready picture painted from older ones is stale. */
  #version = 0;
  /** The extent of the positions (CSS pixels at zoom 1; min > max without any). */
  #extent = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  /** The size of the pictures last asked for: the ready picture is painted for it. */
  #wanted: { width: number; height: number; dpr: number } | null = null;
  /**
   * Every point at zoom 1, at READY_SCALE times the resolution, painted ahead (see prepare): the
   * first pictures of a zoom have every point in view, and painting them costs most (10-25 ms for
   * 242,843 points on the bench's machine); sampled from this one they cost one read per pixel.
   */
  #ready: Ready | null = null;
  /** Scratch for samplePicture: the ready picture's column for each column of a picture. */
  #sampleCols = new Int32Array(0);

  take(request: Exclude<PainterRequest, { type: 'paint' }>): void {
    if (request.type === 'spare') {
      if (this.#spares.length < MAX_SPARES) this.#spares.push(request.pixels);
      return;
    }
    this.#version++;
    if (request.type === 'points') this.#index(request.bx, request.by);
    else {
      this.#groups = request.groups;
      this.#hidden = request.hidden;
      this.#selected = request.selected;
      this.#palette = request.palette;
      this.#grey = request.grey;
    }
    this.#colour();
  }

  paint(request: Extract<PainterRequest, { type: 'paint' }>): PainterPicture {
    const { id, zoom, width, height, dpr } = request;
    const started = performance.now();
    this.#wanted = { width, height, dpr };
    const at = { k: zoom.k * dpr, x: zoom.x * dpr, y: zoom.y * dpr };
    const exactSize = exactSide(dpr);
    // The tiles a point in view can be in: its square reaches size / 2 device pixels beyond it.
    const reach = exactSize / 2 + 1;
    const col = (v: number) => Math.floor((v - this.#x0) / this.#tileW);
    const row = (v: number) => Math.floor((v - this.#y0) / this.#tileH);
    const c0 = Math.max(0, col((-reach - at.x) / at.k));
    const c1 = Math.min(this.#cols - 1, col((width + reach - at.x) / at.k));
    const r0 = Math.max(0, row((-reach - at.y) / at.k));
    const r1 = Math.min(this.#rows - 1, row((height + reach - at.y) / at.k));
    // Each row of tiles in view is one run of slots.
    const runs: number[] = [];
    let inView = 0;
    for (let r = r0; r <= r1 && c0 <= c1; r++) {
      const from = this.#tileStart[r * this.#cols + c0];
      const to = this.#tileStart[r * this.#cols + c1 + 1];
      if (from < to) runs.push(from, to);
      inView += to - from;
    }
    // In motion with many points in view, points of half the size (1 px at dpr 1, 9 times fewer
    // pixels to blend): the same places and colours, a lighter cloud, until the exact picture.
    const quick = request.quick === true && inView > QUICK_ABOVE;
    // The points counted for a sampled picture are those of the tiles in view (a few more than
    // those on it): a quick picture's count is not the exact one's.
    const sampled = quick ? this.#sample(zoom, width, height, dpr) : null;
    let painted = inView;
    let pixels = sampled;
    if (!pixels) {
      const layer = { pixels: this.#blank(width * height * 4, true), width, height };
      const size = quick ? quickSide(dpr) : exactSize;
      painted = 0;
      for (const [groups, colours, alpha] of this.#passes()) {
        for (let j = 0; j < runs.length; j += 2) painted += paintPoints(layer, this.#sx, this.#sy, groups, colours, size, alpha, at, runs[j], runs[j + 1]);
      }
      pixels = layer.pixels;
    }
    const ended = performance.now();
    const origin = performance.timeOrigin;
    return { type: 'picture', id, zoom, width, height, pixels, painted, quick, sampled: sampled !== null, ms: ended - started, asked: request.asked ?? NaN, began: origin + started, ended: origin + ended };
  }

  /**
   * Paints part of the ready picture for the size last asked for, for about `budgetMs`, and says
   * whether more is left. The painter's worker calls it while idle, so a picture asked for
   * meanwhile waits one part at most; a change of positions, colours or size starts it again.
   * Painted in parts in painting order, it is the picture one call would paint. The pixel
   * buffers of the first pictures are made ready too (see READY_SPARES).
   */
  prepare(budgetMs: number): boolean {
    const want = this.#wanted;
    if (!want) return false;
    const length = want.width * want.height * 4;
    this.#spares = this.#spares.filter((b) => b.length === length);
    while (this.#spares.length < READY_SPARES) this.#spares.push(new Uint8ClampedArray(length).fill(0));
    let ready = this.#ready;
    if (!ready || ready.version !== this.#version || ready.width !== want.width || ready.height !== want.height || ready.dpr !== want.dpr) {
      const width = want.width * READY_SCALE;
      const height = want.height * READY_SCALE;
      if (width * height > READY_MAX_PIXELS || width * height === 0) {
        this.#ready = null;
        return false;
      }
      const reuse = ready?.layer.width === width && ready.layer.height === height ? ready.layer.pixels.fill(0) : null;
      const k = READY_SCALE * want.dpr;
      // Half a side and a rounding in from each edge: the squares of points inside those bounds are whole.
      const reach = (READY_SCALE * quickSide(want.dpr)) / 2 + 1;
      const { minX, maxX, minY, maxY } = this.#extent;
      const contained = minX > maxX || (minX * k >= reach && maxX * k + reach <= width && minY * k >= reach && maxY * k + reach <= height);
      ready = { ...want, version: this.#version, layer: { pixels: reuse ?? new Uint8ClampedArray(width * height * 4), width, height }, pass: 0, next: 0, done: false, contained };
      this.#ready = ready;
    }
    if (ready.done) return false;
    const started = performance.now();
    const passes = this.#passes();
    const at = { k: READY_SCALE * ready.dpr, x: 0, y: 0 };
    const size = READY_SCALE * quickSide(ready.dpr);
    const slots = this.#sx.length;
    while (ready.pass < passes.length) {
      const [groups, colours, alpha] = passes[ready.pass];
      const to = Math.min(slots, ready.next + READY_CHUNK);
      paintPoints(ready.layer, this.#sx, this.#sy, groups, colours, size, alpha, at, ready.next, to);
      ready.next = to;
      if (to >= slots) {
        ready.pass++;
        ready.next = 0;
      }
      if (performance.now() - started >= budgetMs) break;
    }
    ready.done = ready.pass >= passes.length;
    // A few samples at real size, thrown away: the first quick picture of the next motion then
    // runs code already optimised for it (the warm-up at the worker's start is too small for that).
    for (const k of ready.done ? [1.1, 1.3, 1.6] : []) {
      const pixels = this.#sample({ k, x: 0, y: 0 }, ready.width, ready.height, ready.dpr);
      if (pixels) this.#spares.push(pixels);
    }
    return !ready.done;
  }

  /** A quick picture sampled from the ready one, or null when there is none for this size and zoom. */
  #sample(zoom: PointTransform, width: number, height: number, dpr: number): Uint8ClampedArray | null {
    const ready = this.#ready;
    if (!ready?.done || ready.version !== this.#version || ready.width !== width || ready.height !== height || ready.dpr !== dpr) return null;
    if (!(zoom.k >= 1 && zoom.k <= READY_SCALE)) return null;
    if (this.#sampleCols.length < width) this.#sampleCols = new Int32Array(width);
    const pixels = this.#blank(width * height * 4, false);
    // Output pixel u shows the point at (u - x·dpr) / (k·dpr) CSS px, which the ready picture has at READY_SCALE·dpr times that.
    const step = READY_SCALE / zoom.k;
    if (samplePicture(ready.layer, { pixels, width, height }, step, -zoom.x * dpr * step, -zoom.y * dpr * step, ready.contained, this.#sampleCols)) return pixels;
    this.#spares.push(pixels);
    return null;
  }

  /** The passes of a picture: the unselected in grey first, the selected (or everyone, without a selection) over them. */
  #passes(): Array<[Uint8Array, Rgb[], number]> {
    const passes: Array<[Uint8Array, Rgb[], number]> = this.#under ? [[this.#under, [this.#grey], 0.6]] : [];
    passes.push([this.#over, this.#palette, 0.75]);
    return passes;
  }

  /** A buffer of this length (cleared if asked): a spare of that size if there is one (older sizes are dropped). */
  #blank(length: number, clear: boolean): Uint8ClampedArray {
    this.#spares = this.#spares.filter((b) => b.length === length);
    const spare = this.#spares.pop();
    if (!spare) return new Uint8ClampedArray(length);
    if (clear) spare.fill(0);
    return spare;
  }

  /** Sorts the points by tile (a counting sort, so customers keep their order within a tile). */
  #index(bx: Float32Array, by: Float32Array): void {
    const n = Math.min(bx.length, by.length);
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = bx[i];
      const y = by[i];
      // NaN and infinite positions are never painted: they stay out of the index.
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    this.#extent = { minX, maxX, minY, maxY };
    if (minX > maxX) minX = maxX = minY = maxY = 0;
    const tileW = Math.max(TILE, (maxX - minX) / (MAX_TILES - 1));
    const tileH = Math.max(TILE, (maxY - minY) / (MAX_TILES - 1));
    const cols = Math.floor((maxX - minX) / tileW) + 1;
    const rows = Math.floor((maxY - minY) / tileH) + 1;
    const tileOf = new Int32Array(n);
    const start = new Int32Array(cols * rows + 1);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const x = bx[i];
      const y = by[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        tileOf[i] = -1;
        continue;
      }
      const c = Math.min(cols - 1, Math.floor((x - minX) / tileW));
      const r = Math.min(rows - 1, Math.floor((y - minY) / tileH));
      tileOf[i] = r * cols + c;
      start[tileOf[i] + 1]++;
      kept++;
    }
    for (let t = 1; t < start.length; t++) start[t] += start[t - 1];
    const next = start.slice(0, cols * rows);
    const order = new Int32Array(kept);
    const sx = new Float32Array(kept);
    const sy = new Float32Array(kept);
    for (let i = 0; i < n; i++) {
      const t = tileOf[i];
      if (t < 0) continue;
      const slot = next[t]++;
      order[slot] = i;
      sx[slot] = bx[i];
      sy[slot] = by[i];
    }
    this.#order = order;
    this.#sx = sx;
    this.#sy = sy;
    this.#tileStart = start;
    this.#cols = cols;
    this.#rows = rows;
    this.#x0 = minX;
    this.#y0 = minY;
    this.#tileW = tileW;
    this.#tileH = tileH;
  }

  /** The groups in painting order, split into the selected (over) and the rest (under, in grey). */
  #colour(): void {
    const order = this.#order;
    const groups = this.#groups;
    const selected = this.#selected;
    const off = new Set(this.#hidden);
    const over = new Uint8Array(order.length);
    const under = selected ? new Uint8Array(order.length) : null;
    for (let slot = 0; slot < order.length; slot++) {
      const i = order[slot];
      const g = i < groups.length ? groups[i] : 0;
      if (g === 0 || off.has(g)) continue;
      if (under && !selected![i]) under[slot] = 1;
      else over[slot] = g;
    }
    this.#over = over;
    this.#under = under;
  }
}

/**
 * Runs a throwaway painter over made-up points, from new positions to a picture, so that the
 * first real picture is indexed, coloured and painted by code the engine has compiled and
 * optimised. Cold, at 243k points (Node), the index took 29-37 ms, the colours 6-7 and the
 * picture 31-37; after three rounds over 20k points, 16, 2 and 17. Returns the points painted.
 */
export function warmUpPainter(round: number): number {
  const n = 20_000;
  const bx = Float32Array.from({ length: n }, (_, i) => (i * 37 + round) % 600);
  const by = Float32Array.from({ length: n }, (_, i) => (i * 53 + round) % 400);
  const groups = Uint8Array.from({ length: n }, (_, i) => i % 6);
  // Every other round with a selection, which paints the rest in grey under it.
  const selected = round % 2 === 1 ? Uint8Array.from({ length: n }, (_, i) => i % 3 === 0 ? 1 : 0) : null;
  const painter = new ScatterPainter();
  painter.take({ type: 'points', bx, by });
  const palette: Rgb[] = [[230, 80, 60], [60, 130, 200], [90, 170, 90], [240, 180, 40], [150, 100, 190]];
  painter.take({ type: 'colours', groups, hidden: [5], selected, palette, grey: [211, 215, 221] });
  return painter.paint({ type: 'paint', id: 0, zoom: { k: 1, x: 0, y: 0 }, width: 600, height: 400, dpr: 1 }).painted;
}
