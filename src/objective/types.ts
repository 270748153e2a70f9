// The Objective contract (API.md) and the few optional members optima's own objectives add so
// solvers can take fast paths. Other modules (constraints, analysis) build on this interface:
// keep it small and stable.
import type { Matrix } from '../linalg/matrix.js';

/**
 * A twice-differentiable f: ℝⁿ → ℝ. `gradient` writes into `out` when given (and returns it);
 * `hessian` is analytic where known, else finite differences.
 */
export interface Objective {
  readonly dim: number;
  value(x: Float64Array): number;
  gradient(x: Float64Array, out?: Float64Array): Float64Array;
  hessian(x: Float64Array): Matrix;
  /** Optional: f(x), with ∇f(x) written to `out`, in one pass (shares work, e.g. Hx for a quadratic). */
  valueAndGradient?(x: Float64Array, out: Float64Array): number;
  /** Optional: true when `hessian` is exact (analytic), false or absent when it is approximated. */
  readonly exactHessian?: boolean;
  /**
   * Optional: calls made to user code so far, for objectives whose derivatives are finite
   * differences of a user f (one `gradient` call is then 2n calls of f). Solvers report these.
   */
  readonly calls?: { readonly f: number; readonly gradient: number; readonly hessian: number };
}

/** A plain row-major Matrix (not resident), what finite differences and analytic Hessians return. */
export function plainMatrix(rows: number, cols: number, data = new Float64Array(rows * cols)): Matrix {
  return { rows, cols, data };
}

/**
 * Objectives made by optima itself (quadratic, objective(), testFunctions) that never write to
 * the x they are given: the solver driver can hand them its buffers without a defensive copy
 * (objective() copies before calling user code itself).
 */
const trusted = new WeakSet<object>();
export function markTrusted<T extends object>(o: T): T {
  trusted.add(o);
  return o;
}
export function isTrusted(o: object): boolean {
  return trusted.has(o);
}
