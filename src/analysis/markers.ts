// What the analysis tools may learn about an objective beyond the Objective interface: whether
// it is a quadratic (then convexity is decided exactly) and whether its Hessian is exact.
import type { Matrix } from '../linalg/matrix.js';
import { isQuadratic } from '../objective/quadratic.js';
import type { ObjectiveLike } from './common.js';

/** The constant Hessian H of a `quadratic()` objective ½xᵀHx + gᵀx + c, or undefined. */
export function quadraticHessian(f: ObjectiveLike): Matrix | undefined {
  return isQuadratic(f) ? f.H : undefined;
}

/**
 * True when f.hessian(x) is exact (a quadratic, a test function, or `objective()` given an
 * analytic Hessian: the `exactHessian` flag of the Objective interface), false for finite differences.
 */
export function hessianIsExact(f: ObjectiveLike): boolean {
  return (f as { exactHessian?: unknown }).exactHessian === true;
}
