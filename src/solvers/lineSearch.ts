// Shared line searches along a descent direction d from x (Nocedal & Wright, Numerical
// Optimization, 2nd ed., §3.1 and §3.5). Both write the accepted point into xNew and its
// gradient into gNew, and return its f. A NaN or infinite f at a trial point counts as "too far".
import type { Counted } from './counted.js';

export interface LineSearchResult {
  alpha: number;
  fx: number;
  /** false when no step satisfying the sufficient-decrease condition was found. */
  ok: boolean;
}

const C1 = 1e-4;
const MAX_EVALS = 40;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function place(x: Float64Array, d: Float64Array, alpha: number, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = x[i]! + alpha * d[i]!;
}

/**
 * Armijo backtracking (N&W Alg. 3.1 with the safeguarded quadratic interpolation of §3.5):
 * accept the first α with f(x + αd) ≤ f(x) + c₁α∇fᵀd, c₁ = 1e-4. f only at trial points, the
 * gradient once at the accepted one.
 */
export function armijo(p: Counted, x: Float64Array, fx: number, g: Float64Array, d: Float64Array, alpha0: number, xNew: Float64Array, gNew: Float64Array): LineSearchResult {
  const slope = dot(g, d);
  let alpha = alpha0;
  for (let i = 0; i < MAX_EVALS; i++) {
    place(x, d, alpha, xNew);
    const f = p.value(xNew);
    if (f <= fx + C1 * alpha * slope) {
      p.gradient(xNew, gNew);
      return { alpha, fx: f, ok: true };
    }
    // Minimizer of the quadratic through φ(0), φ′(0), φ(α), kept in [0.1α, 0.5α].
    const denom = 2 * (f - fx - slope * alpha);
    const next = Number.isFinite(f) && denom > 0 ? (-slope * alpha * alpha) / denom : 0.5 * alpha;
    alpha = Math.min(0.5 * alpha, Math.max(0.1 * alpha, next));
  }
  return { alpha: 0, fx, ok: false };
}

/** Minimizer of the cubic matching φ and φ′ at a and b (N&W eq. 3.59), or NaN. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - 3 * (fa - fb) / (a - b);
  const s = d1 * d1 - da * db;
  if (!(s >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(s);
  return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
}

/**
 * Strong Wolfe line search (N&W Alg. 3.5 with zoom, Alg. 3.6; cubic interpolation safeguarded to
 * the middle 80% of the bracket): f(x+αd) ≤ f + c₁α∇fᵀd and |∇f(x+αd)ᵀd| ≤ c₂|∇fᵀd|.
 * c₂ = 0.9 for quasi-Newton, 0.1 for conjugate gradients. If the curvature condition cannot be
 * met within the budget but sufficient decrease was, that point is returned (ok: true).
 */
export function wolfe(
  p: Counted, x: Float64Array, fx: number, g: Float64Array, d: Float64Array, alpha0: number,
  xNew: Float64Array, gNew: Float64Array, c2 = 0.9,
): LineSearchResult {
  const slope0 = dot(g, d);
  const n = x.length;
  // The best sufficient-decrease point seen so far (returned if the budget runs out).
  const xBest = new Float64Array(n), gBest = new Float64Array(n);
  let fBest = Infinity, aBest = 0;
  let evals = 0;
  const evaluate = (alpha: number): [number, number] => {
    evals++;
    place(x, d, alpha, xNew);
    let f = p.valueAndGradient(xNew, gNew);
    if (!Number.isFinite(f)) f = Infinity;
    const df = f === Infinity ? NaN : dot(gNew, d);
    if (f <= fx + C1 * alpha * slope0 && f < fBest && df === df) {
      fBest = f; aBest = alpha; xBest.set(xNew); gBest.set(gNew);
    }
    return [f, df];
  };
  const finish = (): LineSearchResult => {
    if (fBest === Infinity) return { alpha: 0, fx, ok: false };
    xNew.set(xBest); gNew.set(gBest);
    return { alpha: aBest, fx: fBest, ok: true };
  };
  const curvatureOk = (df: number) => Math.abs(df) <= -c2 * slope0;

  const zoom = (lo: number, flo: number, dlo: number, hi: number, fhi: number, dhi: number): LineSearchResult => {
    while (evals < MAX_EVALS) {
      const width = hi - lo;
      let a = Number.isFinite(fhi) && dhi === dhi ? cubicMin(lo, flo, dlo, hi, fhi, dhi) : NaN;
      const left = Math.min(lo, hi) + 0.1 * Math.abs(width), right = Math.max(lo, hi) - 0.1 * Math.abs(width);
      if (!(a >= left && a <= right)) a = lo + 0.5 * width;
      if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
      const [f, df] = evaluate(a);
      if (f > fx + C1 * a * slope0 || f >= flo) {
        hi = a; fhi = f; dhi = df;
      } else {
        if (curvatureOk(df)) return { alpha: a, fx: f, ok: true };
        if (df * (hi - lo) >= 0) { hi = lo; fhi = flo; dhi = dlo; }
        lo = a; flo = f; dlo = df;
      }
    }
    return finish();
  };

  let aPrev = 0, fPrev = fx, dPrev = slope0;
  let alpha = alpha0;
  while (evals < MAX_EVALS) {
    const [f, df] = evaluate(alpha);
    if (f > fx + C1 * alpha * slope0 || (evals > 1 && f >= fPrev)) return zoom(aPrev, fPrev, dPrev, alpha, f, df);
    if (curvatureOk(df)) return { alpha, fx: f, ok: true };
    if (df >= 0) return zoom(alpha, f, df, aPrev, fPrev, dPrev);
    aPrev = alpha; fPrev = f; dPrev = df;
    alpha *= 2;
  }
  return finish();
}
