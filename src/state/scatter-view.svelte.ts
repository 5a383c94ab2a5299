import type { AxisScaleKind } from '../core/index.ts';

/** A pan and zoom of the plot: screen = base × k + (x, y), in CSS pixels. */
export interface ZoomTransform {
  k: number;
  x: number;
  y: number;
}

export const IDENTITY: ZoomTransform = Object.freeze({ k: 1, x: 0, y: 0 });
/** How far the plot zooms in: beyond this, points a pixel apart are hundreds of pixels apart. */
export const MAX_ZOOM = 512;
/** How long the zoom rests before what keeps it (the session's save, the link) hears of it (ms). */
export const ZOOM_REST_MS = 200;

/**
 * What the scatter shows, as plain data: the fields on each axis and their scales, what the
 * colours show and which groups are switched off, the zoom, and whether a drag draws a lasso.
 * Zooming changes only the transform; it never recomputes anything about the customers.
 */
export class ScatterViewState {
  /** Field ids (as rules name them: "recency", "monetary", "rScore", ...). */
  x = $state('recency');
  y = $state('monetary');
  xScale = $state<AxisScaleKind>('linear');
  yScale = $state<AxisScaleKind>('log');
  /** Spread integer scores a little, so the customers of one score pair are not one dot. */
  jitter = $state(true);
  /** The colouring's key ("r", "segment", "cluster", "rule:0", "field:preferredChannel"). */
  colour = $state('r');
  /** Groups (1-based) of the colouring not drawn. */
  hidden = $state.raw<ReadonlySet<number>>(new Set());
  #zoom = $state.raw<ZoomTransform>(IDENTITY);
  #resting: ReturnType<typeof setTimeout> | undefined;
  /**
   * Counts the zoom's rests: one more ZOOM_REST_MS after the last change. The session's save and
   * the link follow this instead of the zoom, so a zoom or pan (a change every frame) does not
   * make them copy every setting every frame; they read the zoom as it is when they run.
   */
  zoomRests = $state(0);

  get zoom(): ZoomTransform {
    return this.#zoom;
  }

  set zoom(zoom: ZoomTransform) {
    this.#zoom = zoom;
    clearTimeout(this.#resting);
    this.#resting = setTimeout(() => this.zoomRests++, ZOOM_REST_MS);
  }
  /** A plain drag draws a lasso instead of panning. */
  lasso = $state(false);
  /** The field of the histogram beside the scatter, and its scale. */
  histogram = $state('monetary');
  histogramScale = $state<AxisScaleKind>('log');

  setHistogram(field: string): void {
    this.histogram = field;
    this.histogramScale = field === 'monetary' ? 'log' : 'linear';
  }

  setX(field: string): void {
    if (field === this.x) return;
    this.x = field;
    this.xScale = 'linear';
    this.zoom = IDENTITY;
  }

  setY(field: string): void {
    if (field === this.y) return;
    this.y = field;
    this.yScale = field === 'monetary' ? 'log' : 'linear';
    this.zoom = IDENTITY;
  }

  setColour(key: string): void {
    if (key === this.colour) return;
    this.colour = key;
    this.hidden = new Set();
  }

  toggleGroup(group: number): void {
    const next = new Set(this.hidden);
    if (!next.delete(group)) next.add(group);
    this.hidden = next;
  }

  /** Zooms by `factor` about the point (cx, cy) of the plot, within 1..MAX_ZOOM. */
  zoomAbout(factor: number, cx: number, cy: number): void {
    const { k, x, y } = this.zoom;
    const next = Math.min(MAX_ZOOM, Math.max(1, k * factor));
    if (next === 1) {
      this.zoom = IDENTITY;
      return;
    }
    const f = next / k;
    this.zoom = { k: next, x: cx - (cx - x) * f, y: cy - (cy - y) * f };
  }

  panBy(dx: number, dy: number): void {
    const { k, x, y } = this.zoom;
    this.zoom = { k, x: x + dx, y: y + dy };
  }

  resetZoom(): void {
    this.zoom = IDENTITY;
  }
}
