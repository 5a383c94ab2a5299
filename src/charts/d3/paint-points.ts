/** Parses "#rrggbb" or "rgb(r, g, b)" (what d3 colour schemes give) into [r, g, b]. */
export function parseRgb(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  if (rgb) return [+rgb[1], +rgb[2], +rgb[3]];
  throw new Error(`paintPoints: cannot read colour ${JSON.stringify(color)}`);
}

export interface PointLayer {
  /** RGBA pixels, row-major, `width` x `height` device pixels (an ImageData's data). */
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Paints square points straight into a pixel buffer, blending each over what is there. For
 * 100k+ points this is one to two orders of magnitude faster than a canvas call per point,
 * so even a quarter of a million customers paint well inside one frame.
 *
 * `px`/`py` are point centres in device pixels; `group[i]` (1-based) picks `colors[group - 1]`.
 * Only points `from` to `to - 1` are painted, so a caller can spread a large paint over several
 * frames; painting consecutive ranges in order gives the same pixels as one call.
 */
export function paintPoints(
  layer: PointLayer,
  px: Float32Array,
  py: Float32Array,
  group: Uint8Array,
  colors: ReadonlyArray<[number, number, number]>,
  size: number,
  alpha: number,
  from = 0,
  to = px.length,
): number {
  const { pixels, width, height } = layer;
  const half = size / 2;
  // Source-over of a point of opacity `alpha` onto a pixel of opacity a (a byte, so 256 cases):
  // out alpha = alpha + a (1 - alpha), and a channel goes from p to (c alpha + p a (1 - alpha)) /
  // out alpha. The factors that depend on a are tabled once per call, the colours' share once per
  // colour: a pixel then costs two multiply-adds per channel instead of three divisions.
  const { fresh, keep, outAlpha } = blendTables(alpha);
  const source = colors.map((c) => [c[0] * alpha, c[1] * alpha, c[2] * alpha]);
  let painted = 0;
  for (let i = from; i < to; i++) {
    const c = source[group[i] - 1];
    if (!c) continue;
    const left = Math.round(px[i] - half);
    const top = Math.round(py[i] - half);
    const x0 = Math.max(0, left);
    const y0 = Math.max(0, top);
    const x1 = Math.min(width, left + size);
    const y1 = Math.min(height, top + size);
    if (x0 >= x1 || y0 >= y1) continue;
    painted++;
    const r = c[0];
    const g = c[1];
    const b = c[2];
    for (let y = y0; y < y1; y++) {
      let o = (y * width + x0) * 4;
      for (let x = x0; x < x1; x++, o += 4) {
        const a = pixels[o + 3];
        const f = fresh[a];
        const k = keep[a];
        pixels[o] = r * f + pixels[o] * k;
        pixels[o + 1] = g * f + pixels[o + 1] * k;
        pixels[o + 2] = b * f + pixels[o + 2] * k;
        pixels[o + 3] = outAlpha[a];
      }
    }
  }
  return painted;
}

let tables: { alpha: number; fresh: Float64Array; keep: Float64Array; outAlpha: Float64Array } | null = null;

/** Per pixel opacity byte: 1 / out alpha, a (1 - alpha) / out alpha, and out alpha as a byte. */
function blendTables(alpha: number) {
  if (tables?.alpha === alpha) return tables;
  const fresh = new Float64Array(256);
  const keep = new Float64Array(256);
  const outAlpha = new Float64Array(256);
  for (let byte = 0; byte < 256; byte++) {
    const a = byte / 255;
    const out = alpha + a * (1 - alpha);
    fresh[byte] = 1 / out;
    keep[byte] = (a * (1 - alpha)) / out;
    outAlpha[byte] = out * 255;
  }
  tables = { alpha, fresh, keep, outAlpha };
  return tables;
}

/**
 * Paints made-up points into a scratch buffer, so that the first real chart is painted by
 * compiled code: cold, the first slice of 16k points took over 12 ms, a frame's whole budget.
 * Returns the points painted (so nothing is optimised away).
 */
export function warmUpPainting(): number {
  const n = 20_000;
  const px = Float32Array.from({ length: n }, (_, i) => (i * 37) % 200);
  const py = Float32Array.from({ length: n }, (_, i) => (i * 53) % 100);
  const group = Uint8Array.from({ length: n }, (_, i) => 1 + (i % 3));
  const layer = { pixels: new Uint8ClampedArray(200 * 100 * 4), width: 200, height: 100 };
  return paintPoints(layer, px, py, group, [[255, 0, 0], [0, 128, 0], [0, 0, 255]], 3, 0.75);
}
