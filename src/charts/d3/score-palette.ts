import { interpolateViridis, quantize } from 'd3';

/**
 * Colours for scores 1..bins: viridis from purple (score 1) to green (top score). Perceptually
 * even, readable with common colour blindness, and the pale yellow end is left out so every
 * score stays visible on white. Index i is the colour of score i + 1.
 */
export function scorePalette(bins: number): string[] {
  return quantize((t) => interpolateViridis(0.85 * t), bins);
}
