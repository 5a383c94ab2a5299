import { describe, expect, it } from 'vitest';
import { QUICK_ABOVE, READY_SCALE, ScatterPainter, warmUpPainter, type PainterRequest } from '../../../src/charts/d3/scatter-painter.ts';
import { paintPoints } from '../../../src/charts/d3/paint-points.ts';
import { samplePicture } from '../../../src/charts/d3/sample-picture.ts';
import { mulberry32 } from '../../../scripts/mulberry32.mjs';

type Rgb = [number, number, number];
const PALETTE: Rgb[] = [[230, 159, 0], [86, 180, 233], [0, 158, 115], [213, 94, 0], [204, 121, 167], [0, 114, 178]];
const GREY: Rgb = [211, 215, 221];


/**
 * Points in vertical bands 50 px wide with a 12 px gap between bands, one colour per band, so
 * no two points of different colours ever cover the same pixel at zoom ≥ 1: the picture then
 * does not depend on the order points are painted in, and must equal the one-pass painter's
 * over the customers in their order. Some positions are NaN, some far off the plot.
 */
function bandedPoints(n: number, seed: number) {
  const rand = mulberry32(seed);
  const bx = new Float32Array(n);
  const by = new Float32Array(n);
  const groups = new Uint8Array(n);
  const selected = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const band = Math.floor(rand() * 6);
    bx[i] = band * 62 + 6 + rand() * 44;
    by[i] = 4 + rand() * 190;
    groups[i] = 1 + band;
    selected[i] = rand() < 0.4 ? 1 : 0;
    if (i % 97 === 0) bx[i] = NaN;
    if (i % 89 === 0) by[i] = rand() < 0.5 ? -5000 : 9000;
  }
  // One customer without a group: never painted.
  groups[1] = 0;
  return { bx, by, groups, selected };
}

/** The picture as one call per pass over all customers in their order would paint it. */
function reference(p: ReturnType<typeof bandedPoints>, hidden: number[], withSelection: boolean, zoom: { k: number; x: number; y: number }, width: number, height: number, dpr: number) {
  const layer = { pixels: new Uint8ClampedArray(width * height * 4), width, height };
  const at = { k: zoom.k * dpr, x: zoom.x * dpr, y: zoom.y * dpr };
  const size = Math.max(2, Math.round(3 * dpr));
  const n = p.bx.length;
  const over = new Uint8Array(n);
  const under = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const g = p.groups[i];
    if (g === 0 || hidden.includes(g)) continue;
    if (withSelection && !p.selected[i]) under[i] = 1;
    else over[i] = g;
  }
  let painted = withSelection ? paintPoints(layer, p.bx, p.by, under, [GREY], size, 0.6, at) : 0;
  painted += paintPoints(layer, p.bx, p.by, over, PALETTE, size, 0.75, at);
  return { pixels: layer.pixels, painted };
}

function painterFor(p: ReturnType<typeof bandedPoints>, hidden: number[], withSelection: boolean) {
  const painter = new ScatterPainter();
  painter.take({ type: 'points', bx: p.bx.slice(), by: p.by.slice() });
  painter.take({ type: 'colours', groups: p.groups.slice(), hidden, selected: withSelection ? p.selected.slice() : null, palette: PALETTE, grey: GREY });
  return painter;
}

const paint = (zoom: { k: number; x: number; y: number }, width: number, height: number, dpr: number): Extract<PainterRequest, { type: 'paint' }> => ({ type: 'paint', id: 1, zoom, width, height, dpr });

describe('ScatterPainter', () => {
  it('paints exactly the pixels and the count of the one-pass painter, zoomed, panned, with a selection and hidden groups', () => {
    const p = bandedPoints(20_000, 7);
    const rand = mulberry32(99);
    const width = 380;
    const height = 200;
    let checked = 0;
    for (const [hidden, withSelection] of [[[], false], [[3], true], [[1, 6], false]] as Array<[number[], boolean]>) {
      const painter = painterFor(p, hidden, withSelection);
      for (let trial = 0; trial < 12; trial++) {
        const dpr = trial % 3 === 2 ? 2 : 1;
        const k = trial === 0 ? 1 : 1 + rand() * (trial < 6 ? 3 : 60);
        // Anywhere from the plot's left/top edge to its right/bottom edge under the pointer.
        const zoom = { k, x: -rand() * width * (k - 1) + (rand() - 0.5) * 40, y: -rand() * height * (k - 1) + (rand() - 0.5) * 40 };
        const got = painter.paint(paint(zoom, width * dpr, height * dpr, dpr));
        const want = reference(p, hidden, withSelection, zoom, width * dpr, height * dpr, dpr);
        expect(got.painted, `trial ${trial} at ${JSON.stringify(zoom)}`).toBe(want.painted);
        expect(got.pixels.length).toBe(want.pixels.length);
        let differ = 0;
        for (let o = 0; o < want.pixels.length; o++) if (got.pixels[o] !== want.pixels[o]) differ++;
        expect(differ, `trial ${trial} at ${JSON.stringify(zoom)}`).toBe(0);
        checked += want.painted;
      }
    }
    // The comparison saw painted points, not only empty pictures.
    expect(checked).toBeGreaterThan(50_000);
  });

  it('stacks overlapping customers in their order: the later one in front', () => {
    const painter = new ScatterPainter();
    painter.take({ type: 'points', bx: Float32Array.of(10, 10.2, 30), by: Float32Array.of(10, 10.2, 30) });
    painter.take({ type: 'colours', groups: Uint8Array.of(1, 2, 1), hidden: [], selected: null, palette: [[255, 0, 0], [0, 0, 255]], grey: GREY });
    const picture = painter.paint(paint({ k: 1, x: 0, y: 0 }, 40, 40, 1));
    const at = (x: number, y: number) => [...picture.pixels.slice((y * 40 + x) * 4, (y * 40 + x) * 4 + 4)];
    // Red at 0.75, then blue at 0.75 over it: alpha 0.9375; red 255 × 0.1875 / 0.9375 = 51, blue 255 × 0.75 / 0.9375 = 204.
    expect(at(10, 10)).toEqual([51, 0, 204, 239]);
    expect(picture.painted).toBe(3);
  });

  it('takes new positions after the colours and new colours after the positions', () => {
    const painter = new ScatterPainter();
    painter.take({ type: 'colours', groups: Uint8Array.of(1, 2), hidden: [], selected: null, palette: [[255, 0, 0], [0, 0, 255]], grey: GREY });
    painter.take({ type: 'points', bx: Float32Array.of(5, 20), by: Float32Array.of(5, 5) });
    const pixel = (pic: { pixels: Uint8ClampedArray }, x: number, y: number) => [...pic.pixels.slice((y * 30 + x) * 4, (y * 30 + x) * 4 + 4)];
    let picture = painter.paint(paint({ k: 1, x: 0, y: 0 }, 30, 10, 1));
    expect(pixel(picture, 5, 5)).toEqual([255, 0, 0, 191]);
    expect(pixel(picture, 20, 5)).toEqual([0, 0, 255, 191]);
    painter.take({ type: 'points', bx: Float32Array.of(20, 5), by: Float32Array.of(5, 5) });
    picture = painter.paint(paint({ k: 1, x: 0, y: 0 }, 30, 10, 1));
    expect(pixel(picture, 5, 5)).toEqual([0, 0, 255, 191]);
    painter.take({ type: 'colours', groups: Uint8Array.of(1, 2), hidden: [2], selected: Uint8Array.of(1, 0), palette: [[255, 0, 0], [0, 0, 255]], grey: GREY });
    picture = painter.paint(paint({ k: 1, x: 0, y: 0 }, 30, 10, 1));
    expect(pixel(picture, 20, 5)).toEqual([255, 0, 0, 191]);
    expect(pixel(picture, 5, 5)).toEqual([0, 0, 0, 0]);
    expect(picture.painted).toBe(1);
  });

  it('paints nothing, without failing, with no points or only NaN positions', () => {
    const painter = new ScatterPainter();
    expect(painter.paint(paint({ k: 1, x: 0, y: 0 }, 10, 10, 1)).painted).toBe(0);
    painter.take({ type: 'points', bx: Float32Array.of(NaN, 3), by: Float32Array.of(1, NaN) });
    painter.take({ type: 'colours', groups: Uint8Array.of(1, 1), hidden: [], selected: null, palette: [[1, 2, 3]], grey: GREY });
    const picture = painter.paint(paint({ k: 2, x: -3, y: -3 }, 10, 10, 1));
    expect(picture.painted).toBe(0);
    expect(picture.pixels.every((v) => v === 0)).toBe(true);
  });

  it('paints into a buffer the page hands back, cleared first: the same picture as a fresh buffer; a spare of another size is not used', () => {
    const p = bandedPoints(5_000, 11);
    const painter = painterFor(p, [], true);
    const fresh = painterFor(p, [], true);
    const first = painter.paint(paint({ k: 1, x: 0, y: 0 }, 380, 200, 1));
    painter.take({ type: 'spare', pixels: first.pixels });
    const zoomed = { k: 3, x: -300, y: -150 };
    const second = painter.paint(paint(zoomed, 380, 200, 1));
    expect(second.pixels).toBe(first.pixels);
    const want = fresh.paint(paint(zoomed, 380, 200, 1));
    expect(second.painted).toBe(want.painted);
    expect(Buffer.compare(Buffer.from(second.pixels.buffer), Buffer.from(want.pixels.buffer))).toBe(0);
    painter.take({ type: 'spare', pixels: second.pixels });
    const wider = painter.paint(paint(zoomed, 400, 200, 1));
    expect(wider.pixels).not.toBe(second.pixels);
    expect(wider.pixels.length).toBe(400 * 200 * 4);
  });
});

describe('ScatterPainter quick pictures (in motion)', () => {
  /** More points than QUICK_ABOVE, spread over the plot. */
  function many() {
    const rand = mulberry32(5);
    const n = QUICK_ABOVE + 20_000;
    const bx = Float32Array.from({ length: n }, () => rand() * 300);
    const by = Float32Array.from({ length: n }, () => rand() * 150);
    const painter = new ScatterPainter();
    painter.take({ type: 'points', bx, by });
    painter.take({ type: 'colours', groups: new Uint8Array(n).fill(1), hidden: [], selected: null, palette: [[0, 114, 178]], grey: GREY });
    return painter;
  }
  const covered = (pixels: Uint8ClampedArray) => {
    let count = 0;
    for (let o = 3; o < pixels.length; o += 4) if (pixels[o] > 0) count++;
    return count;
  };

  it('draws 1 px points in motion with many in view, and the exact picture when not in motion', () => {
    const painter = many();
    const ask = { ...paint({ k: 1, x: 0, y: 0 }, 300, 150, 1) };
    const quick = painter.paint({ ...ask, quick: true });
    const exact = painter.paint(ask);
    expect(quick.quick).toBe(true);
    expect(exact.quick).toBe(false);
    expect(exact.painted).toBe(QUICK_ABOVE + 20_000);
    // Each quick point covers only the pixel at its centre, which the exact square covers too.
    expect(covered(quick.pixels)).toBeLessThan(covered(exact.pixels));
    for (let o = 3; o < quick.pixels.length; o += 4) if (quick.pixels[o] > 0) expect(exact.pixels[o]).toBeGreaterThan(0);
  });

  it('stays exact in motion when few points are in view', () => {
    const painter = many();
    const zoom = { k: 8, x: -600, y: -300 };
    const quick = painter.paint({ ...paint(zoom, 300, 150, 1), quick: true });
    const exact = painter.paint(paint(zoom, 300, 150, 1));
    expect(quick.quick).toBe(false);
    expect(quick.pixels).toEqual(exact.pixels);
  });

  /** Prepares the ready picture in parts (as the worker does while idle); returns the parts. */
  function prepareAll(painter: ScatterPainter): number {
    let parts = 1;
    while (painter.prepare(0)) parts++;
    return parts;
  }

  /** Enough points for quick pictures up to READY_SCALE (a quarter of them in view there). */
  function lots() {
    const rand = mulberry32(6);
    const n = 5 * QUICK_ABOVE;
    const bx = Float32Array.from({ length: n }, () => rand() * 300);
    const by = Float32Array.from({ length: n }, () => rand() * 150);
    const painter = new ScatterPainter();
    painter.take({ type: 'points', bx: bx.slice(), by: by.slice() });
    painter.take({ type: 'colours', groups: new Uint8Array(n).fill(1), hidden: [], selected: null, palette: [[0, 114, 178]], grey: GREY });
    return { painter, bx, by, n };
  }

  it('samples the first quick pictures of a zoom from a ready picture painted ahead at twice the resolution, in parts', () => {
    const { painter, bx, by, n } = lots();
    const exact = painter.paint(paint({ k: 1, x: 0, y: 0 }, 300, 150, 1));
    expect(prepareAll(painter)).toBeGreaterThan(1);
    // The ready picture as one call paints it: every point at zoom 1, READY_SCALE times finer, 2 px squares.
    const ready = { pixels: new Uint8ClampedArray(600 * 300 * 4), width: 600, height: 300 };
    paintPoints(ready, bx, by, new Uint8Array(n).fill(1), [[0, 114, 178]], 2, 0.75, { k: READY_SCALE, x: 0, y: 0 });
    for (const zoom of [{ k: 1, x: 0, y: 0 }, { k: 1.26, x: -40, y: -20 }, { k: 2, x: -300, y: -150 }]) {
      const quick = painter.paint({ ...paint(zoom, 300, 150, 1), quick: true });
      expect(quick.quick).toBe(true);
      const want = { pixels: new Uint8ClampedArray(300 * 150 * 4), width: 300, height: 150 };
      const step = READY_SCALE / zoom.k;
      samplePicture(ready, want, step, -zoom.x * step, -zoom.y * step, false, new Int32Array(300));
      expect(Buffer.compare(Buffer.from(quick.pixels.buffer), Buffer.from(want.pixels.buffer)), JSON.stringify(zoom)).toBe(0);
    }
    // Not sampled beyond READY_SCALE, nor for another size, and the exact picture is painted as ever.
    const fresh = lots().painter;
    const deeper = { k: READY_SCALE * 1.2, x: -100, y: -50 };
    expect(painter.paint({ ...paint(deeper, 300, 150, 1), quick: true }).pixels).toEqual(fresh.paint({ ...paint(deeper, 300, 150, 1), quick: true }).pixels);
    expect(painter.paint({ ...paint({ k: 1.5, x: 0, y: 0 }, 280, 150, 1), quick: true }).pixels).toEqual(fresh.paint({ ...paint({ k: 1.5, x: 0, y: 0 }, 280, 150, 1), quick: true }).pixels);
    expect(painter.paint(paint({ k: 1, x: 0, y: 0 }, 300, 150, 1)).pixels).toEqual(exact.pixels);
  });

  it('loses no point in a sampled picture: each in view covers a pixel at its place', () => {
    const { painter, bx, by, n } = lots();
    painter.paint(paint({ k: 1, x: 0, y: 0 }, 300, 150, 1));
    prepareAll(painter);
    for (const zoom of [{ k: 1, x: 0, y: 0 }, { k: 1.13, x: -17.3, y: -4.1 }, { k: 1.71, x: -90.2, y: -33.3 }, { k: 2, x: -150, y: -75 }]) {
      const quick = painter.paint({ ...paint(zoom, 300, 150, 1), quick: true });
      let seen = 0;
      for (let i = 0; i < n; i++) {
        const u = bx[i] * zoom.k + zoom.x;
        const v = by[i] * zoom.k + zoom.y;
        if (u < 1 || v < 1 || u >= 299 || v >= 149) continue;
        // The point's square, 2 px at twice the resolution, is k px here: one of the pixels it overlaps is painted.
        let covered = false;
        for (let y = Math.floor(v - zoom.k / 2 - 0.5); y <= Math.floor(v + zoom.k / 2 + 0.5) && !covered; y++) {
          for (let x = Math.floor(u - zoom.k / 2 - 0.5); x <= Math.floor(u + zoom.k / 2 + 0.5); x++) if (quick.pixels[(y * 300 + x) * 4 + 3] > 0) covered = true;
        }
        expect(covered, `point ${i} at ${JSON.stringify(zoom)}`).toBe(true);
        seen++;
      }
      expect(seen).toBeGreaterThan(1000);
    }
  });

  it('paints quick pictures directly while the ready picture is stale: new colours show at once', () => {
    const { painter, n } = lots();
    painter.paint(paint({ k: 1, x: 0, y: 0 }, 300, 150, 1));
    prepareAll(painter);
    const recoloured = { type: 'colours' as const, groups: new Uint8Array(n).fill(1), hidden: [], selected: null, palette: [[200, 10, 10]] as Rgb[], grey: GREY };
    painter.take(recoloured);
    const fresh = lots().painter;
    fresh.take(recoloured);
    const zoom = { k: 1.5, x: -50, y: -20 };
    const quick = painter.paint({ ...paint(zoom, 300, 150, 1), quick: true });
    expect(quick.pixels).toEqual(fresh.paint({ ...paint(zoom, 300, 150, 1), quick: true }).pixels);
    // Once prepared again, the sampled picture has the new colours too.
    prepareAll(painter);
    const sampled = painter.paint({ ...paint(zoom, 300, 150, 1), quick: true });
    const red = [...sampled.pixels].filter((_, o) => o % 4 === 0 && sampled.pixels[o + 3] > 0);
    expect(red.length).toBeGreaterThan(1000);
    expect(red.every((v) => v === 200)).toBe(true);
  });
});

describe('warmUpPainter', () => {
  it('paints its made-up points, coloured groups only, with and without a selection', () => {
    // Groups are i % 6: group 0 has no colour and group 5 is switched off, so 4 in 6 are painted.
    let coloured = 0;
    for (let i = 0; i < 20_000; i++) if (i % 6 >= 1 && i % 6 <= 4) coloured++;
    expect(warmUpPainter(0)).toBe(coloured);
    expect(warmUpPainter(1)).toBe(coloured);
  });
});
