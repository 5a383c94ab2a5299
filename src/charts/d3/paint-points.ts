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

/** Where points go: device pixel = position × k + (x, y). */
export interface PointTransform {
  k: number;
  x: number;
  y: number;
}

const IDENTITY: PointTransform = { k: 1, x: 0, y: 0 };

/**
 * Paints square points straight into a pixel buffer, blending each over what is there (source-
 * over). For 100k+ points this is one to two orders of magnitude faster than a canvas call per
 * point.
 *
 * `px`/`py` are point positions, placed at `px × k + x` device pixels by `at` (so a zoom needs
 * no projected copy); `group[i]` (1-based) picks `colors[group - 1]`. Only points `from` to
 * `to - 1` are painted, so a caller can spread a large paint; painting consecutive ranges in
 * order gives the same pixels as one call.
 */
export function paintPoints(
  layer: PointLayer,
  px: Float32Array,
  py: Float32Array,
  group: Uint8Array,
  colors: ReadonlyArray<[number, number, number]>,
  size: number,
  alpha: number,
  at: PointTransform = IDENTITY,
  from = 0,
  to = px.length,
): number {
  const { pixels, width, height } = layer;
  // One 32-bit word per pixel: RGBA bytes in memory are 0xAABBGGRR on little-endian machines,
  // which is every machine a browser runs on.
  const words = new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.length >> 2);
  const half = size / 2;
  const { source, keep, outAlpha } = blendTables(alpha);
  const n = colors.length;
  const red = new Int32Array(n + 1);
  const green = new Int32Array(n + 1);
  const blue = new Int32Array(n + 1);
  // A point on a transparent pixel leaves its own colour at its opacity: one store, exact.
  const onEmpty = new Uint32Array(n + 1);
  for (let c = 0; c < n; c++) {
    [red[c + 1], green[c + 1], blue[c + 1]] = colors[c];
    onEmpty[c + 1] = ((outAlpha[0] << 24) | (colors[c][2] << 16) | (colors[c][1] << 8) | colors[c][0]) >>> 0;
  }
  const { k, x: ox, y: oy } = at;
  let painted = 0;
  for (let i = from; i < to; i++) {
    const c = group[i];
    if (c === 0 || c > n) continue;
    const left = Math.round(px[i] * k + ox - half);
    const top = Math.round(py[i] * k + oy - half);
    // NaN positions fail every comparison and are skipped with the off-screen ones.
    if (!(left < width && top < height && left + size > 0 && top + size > 0)) continue;
    const x0 = left < 0 ? 0 : left;
    const y0 = top < 0 ? 0 : top;
    const x1 = left + size > width ? width : left + size;
    const y1 = top + size > height ? height : top + size;
    painted++;
    const r = red[c];
    const g = green[c];
    const b = blue[c];
    const fresh = onEmpty[c];
    for (let y = y0; y < y1; y++) {
      const end = y * width + x1;
      for (let o = y * width + x0; o < end; o++) {
        const word = words[o];
        if (word === 0) {
          words[o] = fresh;
          continue;
        }
        const a = word >>> 24;
        const s = source[a];
        const q = keep[a];
        const nr = (r * s + (word & 255) * q + 32768) >>> 16;
        const ng = (g * s + ((word >>> 8) & 255) * q + 32768) >>> 16;
        const nb = (b * s + ((word >>> 16) & 255) * q + 32768) >>> 16;
        words[o] = ((outAlpha[a] << 24) | (nb << 16) | (ng << 8) | nr) >>> 0;
      }
    }
  }
  return painted;
}

let tables: { alpha: number; source: Int32Array; keep: Int32Array; outAlpha: Int32Array } | null = null;

/**
 * Source-over of a point of opacity `alpha` onto a pixel of opacity a (a byte, so 256 cases):
 * out alpha = alpha + a (1 - alpha), and a channel goes from p to (c alpha + p a (1 - alpha)) /
 * out alpha. The two weights are tabled per byte in 16-bit fixed point, so a pixel costs integer
 * multiply-adds (within a unit of the exact blend) instead of divisions.
 */
function blendTables(alpha: number) {
  if (tables?.alpha === alpha) return tables;
  const source = new Int32Array(256);
  const keep = new Int32Array(256);
  const outAlpha = new Int32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    const a = byte / 255;
    const out = alpha + a * (1 - alpha);
    source[byte] = Math.round((alpha / out) * 65536);
    keep[byte] = Math.round(((a * (1 - alpha)) / out) * 65536);
    outAlpha[byte] = Math.min(255, Math.round(out * 255));
  }
  tables = { alpha, source, keep, outAlpha };
  return tables;
}

/**
 * Paints made-up points into a scratch buffer, so that the first real chart is painted by
 * compiled code (cold, the first 16k points took over 12 ms). Returns the points painted (so nothing is optimised away).
 */
export function warmUpPainting(): number {
  const n = 20_000;
  const px = Float32Array.from({ length: n }, (_, i) => (i * 37) % 200);
  const py = Float32Array.from({ length: n }, (_, i) => (i * 53) % 100);
  const group = Uint8Array.from({ length: n }, (_, i) => 1 + (i % 3));
  const layer = { pixels: new Uint8ClampedArray(200 * 100 * 4), width: 200, height: 100 };
  return paintPoints(layer, px, py, group, [[255, 0, 0], [0, 128, 0], [0, 0, 255]], 3, 0.75);
}
