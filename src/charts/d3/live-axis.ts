import type { NumberValue } from 'd3';

const SVG = 'http://www.w3.org/2000/svg';
const TICK_SIZE = 6;
const SPACING = TICK_SIZE + 3;

interface Tick {
  g: SVGGElement;
  text: SVGTextElement;
  transform: string;
  label: string;
}

/** What LiveAxis needs of a d3 continuous scale. */
export interface TickScale {
  (value: NumberValue): number | undefined;
  ticks(count: number): number[];
  range(): number[];
}

/**
 * An axis drawn as d3's axisBottom / axisLeft draws it (the same elements, attributes and look),
 * for an axis redrawn every frame of a zoom or pan. d3's axis keys its ticks by their position,
 * so when the scale moves every tick is removed and created again and every label's text is set:
 * garbage and text layout each frame. Here a tick is kept while its value is on the axis, and an
 * attribute or a label is written only when it changes, so a pan moves the ticks and writes no text.
 */
export class LiveAxis {
  readonly #g: SVGGElement;
  readonly #bottom: boolean;
  readonly #offset: number;
  #domain: SVGPathElement;
  #path = '';
  #ticks = new Map<number, Tick>();

  constructor(g: SVGGElement, orient: 'bottom' | 'left') {
    this.#g = g;
    this.#bottom = orient === 'bottom';
    // d3's axis puts the lines on the pixel's centre at one device pixel per CSS pixel.
    this.#offset = typeof window !== 'undefined' && window.devicePixelRatio > 1 ? 0 : 0.5;
    g.replaceChildren();
    g.setAttribute('fill', 'none');
    g.setAttribute('font-size', '10');
    g.setAttribute('font-family', 'sans-serif');
    g.setAttribute('text-anchor', this.#bottom ? 'middle' : 'end');
    this.#domain = document.createElementNS(SVG, 'path');
    this.#domain.setAttribute('class', 'domain');
    this.#domain.setAttribute('stroke', 'currentColor');
    g.append(this.#domain);
  }

  /** Draws `count` ticks of `scale` (as scale.ticks gives them), labelled by `format` ('' for none). */
  draw(scale: TickScale, count: number, format: (value: number) => string): void {
    const offset = this.#offset;
    const range = scale.range();
    const r0 = +range[0] + offset;
    const r1 = +range[range.length - 1] + offset;
    const path = this.#bottom ? `M${r0},${TICK_SIZE}V${offset}H${r1}V${TICK_SIZE}` : `M${-TICK_SIZE},${r0}H${offset}V${r1}H${-TICK_SIZE}`;
    if (path !== this.#path) this.#domain.setAttribute('d', (this.#path = path));

    const values = scale.ticks(count);
    const kept = new Map<number, Tick>();
    const spare: Tick[] = [];
    for (const value of values) {
      const tick = this.#ticks.get(value);
      if (tick) {
        kept.set(value, tick);
        this.#ticks.delete(value);
      }
    }
    for (const tick of this.#ticks.values()) spare.push(tick);
    for (const value of values) {
      let tick = kept.get(value);
      if (!tick) {
        tick = spare.pop() ?? this.#tick();
        kept.set(value, tick);
      }
      const at = +(scale(value) ?? NaN) + offset;
      const transform = this.#bottom ? `translate(${at},0)` : `translate(0,${at})`;
      if (transform !== tick.transform) tick.g.setAttribute('transform', (tick.transform = transform));
      const label = format(value);
      if (label !== tick.label) tick.text.textContent = tick.label = label;
    }
    for (const tick of spare) tick.g.remove();
    this.#ticks = kept;
  }

  #tick(): Tick {
    const g = document.createElementNS(SVG, 'g');
    g.setAttribute('class', 'tick');
    g.setAttribute('opacity', '1');
    const line = document.createElementNS(SVG, 'line');
    line.setAttribute('stroke', 'currentColor');
    line.setAttribute(this.#bottom ? 'y2' : 'x2', String(this.#bottom ? TICK_SIZE : -TICK_SIZE));
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('fill', 'currentColor');
    text.setAttribute(this.#bottom ? 'y' : 'x', String(this.#bottom ? SPACING : -SPACING));
    text.setAttribute('dy', this.#bottom ? '0.71em' : '0.32em');
    g.append(line, text);
    this.#g.append(g);
    return { g, text, transform: '', label: '\u0000' };
  }
}
