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
const TRUSTED = Symbol('optima.trusted');

/** Marks one object (a non-enumerable brand: a spread copy `{...o}` is not trusted). */
export function markTrusted<T extends object>(o: T): T {
  Object.defineProperty(o, TRUSTED, { value: true });
  return o;
}

/**
 * Marks every instance of a class through its prototype: free per instance, where a WeakSet or
 * defineProperty per object measured 130–170 ns, a tenth of a whole 2-D solve's fixed cost.
 */
export function markTrustedClass(c: { prototype: object }): void {
  Object.defineProperty(c.prototype, TRUSTED, { value: true });
}

export function isTrusted(o: object): boolean {
  return (o as { [TRUSTED]?: boolean })[TRUSTED] === true;
}
