import { ClvAborted } from './clv-error.ts';

export interface QuasiNewtonOptions {
  /**
   * Stop when the decrease the quadratic model still promises (½ gᵀH⁻¹g) is below this: a
   * criterion in units of f, so it means the same for flat and steep directions.
   */
  fTol?: number;
  maxIterations?: number;
  /** Inverse Hessian to start from (row-major n×n), e.g. from a search on a sample of the data; identity by default. */
  inverseHessian?: Float64Array;
  /** Stop (not converged) once this says the point is outside the region of interest: a search running off to a boundary. */
  outside?: (x: number[]) => boolean;
  /**
   * Forward differences (n + 1 evaluations per gradient, about half) instead of central ones, for
   * a search that only needs to find the right basin; less precise near the minimum.
   */
  forward?: boolean;
  /** Checked every iteration; a set flag throws {@link ClvAborted}. */
  signal?: { readonly aborted: boolean };
}

export interface QuasiNewtonResult {
  x: number[];
  f: number;
  evaluations: number;
  iterations: number;
  converged: boolean;
  /** The final inverse Hessian estimate, to seed a further search near the same point. */
  inverseHessian: Float64Array;
}

/** Relative step of the central differences (on log-parameters, so absolute steps of about this). */
const H = 1e-5;
/** Step of the forward differences: their error is about this times the curvature. */
const FORWARD_H = 1e-6;

/**
 * Minimises `f` from `x0` by BFGS with a backtracking line search, with the gradient `df` when
 * there is one and central differences when not. The likelihoods are smooth in their log-parameters and cost the same to evaluate
 * anywhere, so 2n + 1 evaluations per gradient and a few dozen iterations are far fewer
 * evaluations than a simplex search needs (which also stalls on the flat ridges these
 * likelihoods have). A non-finite value counts as +∞: the line search steps back from regions
 * where the likelihood cannot be evaluated.
 */
export function quasiNewton(f: (x: number[]) => number, x0: number[], options: QuasiNewtonOptions = {}, df?: (x: number[]) => number[]): QuasiNewtonResult {
  const { fTol = 1e-12, maxIterations = 200, outside, forward = false, signal } = options;
  const n = x0.length;
  let evaluations = 0;
  const value = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const gradient = (x: number[]): number[] | null => {
    if (df) {
      evaluations++;
      const g = df(x);
      return g.every(Number.isFinite) ? g : null;
    }
    const g = new Array<number>(n);
    if (forward) {
      const f0 = value(x);
      for (let j = 0; j < n; j++) {
        const up = x.slice();
        up[j] += FORWARD_H;
        const fu = value(up);
        if (!Number.isFinite(fu) || !Number.isFinite(f0)) return null;
        g[j] = (fu - f0) / FORWARD_H;
      }
      return g;
    }
    for (let j = 0; j < n; j++) {
      const up = x.slice();
      const down = x.slice();
      up[j] += H;
      down[j] -= H;
      const fu = value(up);
      const fd = value(down);
      if (!Number.isFinite(fu) || !Number.isFinite(fd)) return null;
      g[j] = (fu - fd) / (2 * H);
    }
    return g;
  };
  const Hinv = options.inverseHessian ? Float64Array.from(options.inverseHessian) : identity(n);
  let x = x0.slice();
  let fx = value(x);
  let g = Number.isFinite(fx) ? gradient(x) : null;
  let iterations = 0;
  let converged = false;
  while (g && iterations < maxIterations) {
    if (signal?.aborted) throw new ClvAborted();
    iterations++;
    let d = times(Hinv, g).map((v) => -v);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // The estimate lost positive definiteness (rounding on a flat ridge): restart it.
      Hinv.set(identity(n));
      d = g.map((v) => -v);
      slope = dot(g, d);
    }
    if (-slope / 2 < fTol) {
      converged = true;
      break;
    }
    // Backtracking (Armijo); a first step longer than 2 in any log-parameter is cut to 2.
    const longest = Math.max(...d.map(Math.abs));
    let t = longest > 2 ? 2 / longest : 1;
    let xNew: number[] | null = null;
    let fNew = Infinity;
    for (let k = 0; k < 40; k++) {
      const trial = x.map((v, j) => v + t * d[j]);
      const ft = value(trial);
      if (ft <= fx + 1e-4 * t * slope) {
        xNew = trial;
        fNew = ft;
        break;
      }
      t /= 2;
    }
    if (!xNew) {
      // No decrease along a descent direction: at a maximum to the precision of the values.
      converged = -slope / 2 < fTol * 1e3;
      break;
    }
    const gNew = gradient(xNew);
    if (!gNew) break;
    const s = xNew.map((v, j) => v - x[j]);
    const y = gNew.map((v, j) => v - g![j]);
    const sy = dot(s, y);
    if (sy > 1e-300) update(Hinv, s, y, sy);
    x = xNew;
    fx = fNew;
    g = gNew;
    if (outside?.(x)) break;
  }
  return { x, f: fx, evaluations, iterations, converged: converged && Number.isFinite(fx), inverseHessian: Hinv };
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function times(m: Float64Array, v: number[]): number[] {
  const n = v.length;
  return Array.from({ length: n }, (_, i) => {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += m[i * n + j] * v[j];
    return sum;
  });
}

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** The BFGS update of the inverse Hessian: H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ, ρ = 1/(yᵀs). */
function update(m: Float64Array, s: number[], y: number[], sy: number): void {
  const n = s.length;
  const rho = 1 / sy;
  const hy = times(m, y);
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      m[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }
  }
}
