import type { PointLayer } from './paint-points.ts';

/**
 * Fills `out` from `source` by nearest sampling: output pixel (u, v) takes the source pixel
 * (⌊(u + ½) × step + dx⌋, ⌊(v + ½) × step + dy⌋). Every output pixel is written, so `out` needs no
 * clearing. A source pixel outside `source` reads as transparent when `outsideBlank` (the caller
 * knows nothing is painted there); otherwise nothing is written and false is returned.
 *
 * This is how the scatter's painter draws a quick picture from a ready one painted ahead at a
 * finer resolution (see ScatterPainter): the time is one read and one write per output pixel,
 * whatever the number of points. With `step` at most the side of a point in the source, no point
 * falls between two samples, so none disappears.
 * `cols` is scratch space for the source column of each output column (at least `out.width` long).
 */
export function samplePicture(source: PointLayer, out: PointLayer, step: number, dx: number, dy: number, outsideBlank: boolean, cols: Int32Array): boolean {
  const { width, height } = out;
  const column = (u: number) => Math.floor((u + 0.5) * step + dx);
  const row = (v: number) => Math.floor((v + 0.5) * step + dy);
  if (!outsideBlank && (column(0) < 0 || column(width - 1) >= source.width || row(0) < 0 || row(height - 1) >= source.height)) return false;
  const from = new Uint32Array(source.pixels.buffer, source.pixels.byteOffset, source.width * source.height);
  const to = new Uint32Array(out.pixels.buffer, out.pixels.byteOffset, width * height);
  for (let u = 0; u < width; u++) {
    const c = column(u);
    cols[u] = c >= 0 && c < source.width ? c : -1;
  }
  for (let v = 0; v < height; v++) {
    const r = row(v);
    const o = v * width;
    if (r < 0 || r >= source.height) {
      to.fill(0, o, o + width);
      continue;
    }
    const line = r * source.width;
    for (let u = 0; u < width; u++) {
      const c = cols[u];
      to[o + u] = c < 0 ? 0 : from[line + c];
    }
  }
  return true;
}

/** Samples a made-up picture, so that the first quick picture of a zoom runs compiled code. Returns a pixel (so nothing is optimised away). */
export function warmUpSampling(): number {
  const source = { pixels: new Uint8ClampedArray(400 * 200 * 4).fill(7), width: 400, height: 200 };
  const out = { pixels: new Uint8ClampedArray(200 * 100 * 4), width: 200, height: 100 };
  const cols = new Int32Array(200);
  for (let i = 0; i < 20; i++) samplePicture(source, out, 2 / (1 + i / 20), -i, -i, true, cols);
  return out.pixels[(50 * 200 + 100) * 4];
}
