// classifyCriticalPoint: first- and second-order conditions at a point (Nocedal & Wright,
// Numerical Optimization, 2nd ed., §2.1, Theorems 2.2–2.4).
import { OptimaError } from '../errors.js';
import type { VectorLike } from '../linalg/matrix.js';
import {
  EPS, SQRT_EPS, type ObjectiveLike, copyPoint, normInf, positiveOption, requireObjective, requireOptions, valueAt,
} from './common.js';
import { hessianIsExact } from './markers.js';
import { spectrum, symmetricHessian } from './spectrum.js';

export type CriticalPointKind = 'minimum' | 'maximum' | 'saddle' | 'degenerate' | 'not-critical';

export interface ClassifyOptions {
  /** Absolute bound on ‖∇f(x)‖∞ for x to count as critical. Default: see classifyCriticalPoint. */
  gradientTolerance?: number;
  /** |λ| at or below this counts as a zero eigenvalue. Default: see classifyCriticalPoint. */
  eigenvalueTolerance?: number;
}

export interface CriticalPointResult {
  kind: CriticalPointKind;
  /** ‖∇f(x)‖∞. */
  gradientNorm: number;
  /** Eigenvalues of the (symmetrized) Hessian at x, ascending. Always computed, even when not critical. */
  eigenvalues: Float64Array;
  /** The tolerances the verdict used (the defaults, unless given). */
  gradientTolerance: number;
  eigenvalueTolerance: number;
}

/** A checked, finite copy of f.gradient(x). */
export function gradientAt(f: ObjectiveLike, x: Float64Array, who: string): Float64Array {
  const g = f.gradient(x, new Float64Array(f.dim));
  if (!(g instanceof Float64Array) || g.length !== f.dim) {
    throw new OptimaError('INVALID_OBJECTIVE', `${who}: f.gradient(x) must return a Float64Array of length ${f.dim}`);
  }
  for (let i = 0; i < g.length; i++) {
    if (!Number.isFinite(g[i]!)) throw new OptimaError('NOT_FINITE', `${who}: f.gradient(x)[${i}] is ${g[i]}`);
  }
  return g;
}

/**
 * Classifies x as a local minimum, maximum, saddle point, degenerate critical point or not a
 * critical point, from ∇f(x) and the eigenvalues λ₁ ≤ … ≤ λₙ of the Hessian ∇²f(x):
 *
 * 1. ‖∇f(x)‖∞ > gradientTolerance → 'not-critical'.
 * 2. Otherwise, with τ the eigenvalue tolerance: every λ > τ → 'minimum' (second-order
 *    sufficient condition); every λ < −τ → 'maximum'; some λ > τ and some λ < −τ → 'saddle'
 *    (even if another |λ| ≤ τ: the indefinite directions decide); else some |λ| ≤ τ with all other
 *    eigenvalues of one sign → 'degenerate' (second-order test inconclusive, e.g. x³ or the
 *    monkey saddle x³ − 3xy² at 0).
 *
 * Default gradientTolerance = 1e-6 · max(1, ‖H‖_F · max(1, ‖x‖∞)). Near a nondegenerate critical
 * point x*, ∇f(x) ≈ H(x − x*), so this accepts points whose coordinates are right to about six
 * significant digits relative to max(1, |x|), the precision critical points are usually quoted to
 * (Himmelblau's minimum (3.584428, −1.848126) has ‖∇f‖∞ ≈ 3.2e-5 there, its tolerance ≈ 3.9e-4).
 * Pass an absolute gradientTolerance to be stricter; minimize's default of 1e-8 always passes.
 *
 * Default eigenvalue tolerance τ:
 * - exact Hessian (a `quadratic()` or one the objective marks as analytic): τ = n·ε·‖H‖_F, the
 *   backward error of the symmetric eigen-solver, so x² − y² at 0 gives exactly −2 and 2.
 * - otherwise (finite differences, or unknown): τ = √ε·(‖H‖_F + 4|f(x)|/minᵢ max(1, |xᵢ|)²). The
 *   second difference (f(x+hᵢeᵢ) − 2f(x) + f(x−hᵢeᵢ))/hᵢ² with hᵢ = ε^¼·max(1, |xᵢ|) carries a
 *   rounding error up to 2ε|f|/hᵢ² = 2√ε|f|/max(1, |xᵢ|)² (doubled here for the additions), and no
 *   entry is trustworthy below √ε relative to ‖H‖. So x⁴ + 5 at 0 is 'degenerate', never a
 *   minimum or maximum decided by rounding noise, while 1e-10·(x² + y²) at 0 is still a minimum.
 *
 * @example classifyCriticalPoint(quadratic({ H: [[2, 0], [0, -2]], g: [0, 0] }), [0, 0])
 *          // → { kind: 'saddle', eigenvalues: [-2, 2], gradientNorm: 0, … }
 */
export function classifyCriticalPoint(f: ObjectiveLike, x: VectorLike, options?: ClassifyOptions): CriticalPointResult {
  const who = 'classifyCriticalPoint';
  const obj = requireObjective(f, who);
  const opts = requireOptions(options, who);
  const userGradTol = positiveOption(opts, 'gradientTolerance', who, true);
  const userEigTol = positiveOption(opts, 'eigenvalueTolerance', who, true);
  const n = obj.dim;
  const point = copyPoint(x, n, 'x');

  const g = gradientAt(obj, point.slice(), who);
  const gradientNorm = normInf(g);
  const { data, norm } = symmetricHessian(obj.hessian(point.slice()), n, 'f.hessian(x)');
  const eigenvalues = spectrum(data, n, norm).values;

  const xScale = Math.max(1, normInf(point));
  const gradientTolerance = userGradTol ?? 1e-6 * Math.max(1, norm * xScale);
  let eigenvalueTolerance = userEigTol;
  if (eigenvalueTolerance === undefined) {
    if (hessianIsExact(obj)) eigenvalueTolerance = n * EPS * norm;
    else {
      let minScale = Infinity;
      for (const v of point) minScale = Math.min(minScale, Math.max(1, Math.abs(v)));
      eigenvalueTolerance = SQRT_EPS * (norm + (4 * Math.abs(valueAt(obj, point.slice(), who))) / (minScale * minScale));
    }
  }

  const result = (kind: CriticalPointKind): CriticalPointResult =>
    ({ kind, gradientNorm, eigenvalues, gradientTolerance, eigenvalueTolerance: eigenvalueTolerance! });
  if (!(gradientNorm <= gradientTolerance)) return result('not-critical');
  let positive = 0, negative = 0;
  for (const lambda of eigenvalues) {
    if (lambda > eigenvalueTolerance) positive++;
    else if (lambda < -eigenvalueTolerance) negative++;
  }
  if (positive > 0 && negative > 0) return result('saddle');
  if (positive === n) return result('minimum');
  if (negative === n) return result('maximum');
  return result('degenerate');
}
