import { ClvAborted } from './clv-error.ts';

export interface NelderMeadOptions {
  /** Stop when the spread of the simplex values is below this (absolute). */
  fTol?: number;
  /** ...and its vertices are within this of the best in every coordinate. */
  xTol?: number;
  maxEvaluations?: number;
  /** Size of the first simplex's steps. */
  step?: number;
  /** Checked every iteration; a set flag throws {@link ClvAborted}. */
  signal?: { readonly aborted: boolean };
}

export interface NelderMeadResult {
  x: number[];
  f: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Minimises `f` from `x0` with the Nelder–Mead simplex (standard coefficients 1, 2, ½, ½),
 * restarted once from its own answer so a collapsed simplex does not stop it short. Gradient
 * free: the Pareto/NBD likelihood has no cheap gradient. A non-finite value counts as +∞, so the
 * search steps back from regions where the likelihood cannot be evaluated.
 */
export function nelderMead(f: (x: number[]) => number, x0: number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const { fTol = 1e-9, xTol = 1e-7, maxEvaluations = 4000, step = 0.5, signal } = options;
  let evaluations = 0;
  const value = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let best = { x: x0.slice(), f: value(x0) };
  let converged = false;
  for (let round = 0; round < 2; round++) {
    const r = simplexSearch(value, best.x, best.f, step / (round * 4 + 1), fTol, xTol, maxEvaluations, () => evaluations, signal);
    converged = r.converged;
    best = { x: r.x, f: r.f };
  }
  return { ...best, evaluations, converged: converged && Number.isFinite(best.f) };
}

function simplexSearch(
  value: (x: number[]) => number,
  x0: number[],
  f0: number,
  step: number,
  fTol: number,
  xTol: number,
  maxEvaluations: number,
  used: () => number,
  signal: { readonly aborted: boolean } | undefined,
): { x: number[]; f: number; converged: boolean } {
  const n = x0.length;
  const pts: number[][] = [x0.slice()];
  const fs: number[] = [f0];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += step;
    pts.push(p);
    fs.push(value(p));
  }
  const order = () => {
    const idx = pts.map((_, i) => i).sort((a, b) => fs[a] - fs[b]);
    const p2 = idx.map((i) => pts[i]);
    const f2 = idx.map((i) => fs[i]);
    for (let i = 0; i <= n; i++) {
      pts[i] = p2[i];
      fs[i] = f2[i];
    }
  };
  const along = (c: number[], p: number[], t: number) => c.map((ci, j) => ci + t * (p[j] - ci));
  while (used() < maxEvaluations) {
    if (signal?.aborted) throw new ClvAborted();
    order();
    let spread = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(pts[i][j] - pts[0][j]));
    if (fs[n] - fs[0] <= fTol && spread <= xTol) return { x: pts[0], f: fs[0], converged: true };
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    const xr = along(centroid, pts[n], -1);
    const fr = value(xr);
    if (fr < fs[0]) {
      const xe = along(centroid, pts[n], -2);
      const fe = value(xe);
      if (fe < fr) [pts[n], fs[n]] = [xe, fe];
      else [pts[n], fs[n]] = [xr, fr];
    } else if (fr < fs[n - 1]) {
      [pts[n], fs[n]] = [xr, fr];
    } else {
      const outside = fr < fs[n];
      const xc = along(centroid, pts[n], outside ? -0.5 : 0.5);
      const fc = value(xc);
      if (fc < (outside ? fr : fs[n])) {
        [pts[n], fs[n]] = [xc, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          pts[i] = along(pts[0], pts[i], 0.5);
          fs[i] = value(pts[i]);
        }
      }
    }
  }
  order();
  return { x: pts[0], f: fs[0], converged: false };
}
