// What the analysis tools may learn about an objective beyond the Objective interface: whether
// it is a quadratic (then convexity is decided exactly) and whether its Hessian is exact.
import type { Matrix } from '../linalg/matrix.js';
import type { ObjectiveLike } from './common.js';

/** The constant Hessian H of a quadratic objective ½xᵀHx + gᵀx + c, or undefined. */
export function quadraticHessian(f: ObjectiveLike): Matrix | undefined {
  // Until QuadraticObjective lands: an exact-Hessian objective exposing a constant H.
  const q = f as ObjectiveLike & { exactHessian?: unknown; H?: unknown; Hm?: unknown };
  if (q.exactHessian !== true || q.Hm === undefined) return undefined;
  const H = q.H as Partial<Matrix> | undefined;
  if (H && typeof H === 'object' && H.rows === f.dim && H.cols === f.dim && H.data) return H as Matrix;
  return undefined;
}

/** True when f.hessian(x) is computed exactly (analytic or constant), not by finite differences. */
export function hessianIsExact(f: ObjectiveLike): boolean {
  if (quadraticHessian(f) !== undefined) return true;
  return (f as { exactHessian?: unknown }).exactHessian === true;
}
