// Newton's method with a positive-definite Hessian modification (Nocedal & Wright Alg. 3.3,
// "Cholesky with added multiple of the identity"): factor ∇²f + τI with τ raised from 0 (or from
// −min Hᵢᵢ + β) by doubling until Cholesky succeeds, then solve (∇²f + τI)d = −∇f in WebAssembly
// and search along d from α = 1 (Armijo by default, so full Newton steps are taken near x*).
import { heap, rt, scratch } from '../../runtime/runtime.js';
import { SLOT } from '../../linalg/matrix.js';
import type { Method } from '../driver.js';
import { SmoothState, dot, lineSearchStep } from './common.js';

/** Writes the modified-Newton direction into d; false if no shift made the Hessian factorable. */
export function modifiedNewtonDirection(H: Float64Array, g: Float64Array, d: Float64Array): boolean {
  const n = g.length;
  const k = rt.k;
  const pa = scratch(SLOT.SOLVER, n * n);
  const pb = scratch(SLOT.SOLVER + 1, n);
  let scale = 0, minDiag = Infinity;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(H[i]!));
  if (!Number.isFinite(scale)) return false;
  for (let i = 0; i < n; i++) minDiag = Math.min(minDiag, H[i * n + i]!);
  const beta = 1e-3 * Math.max(1, scale);
  let tau = minDiag > 0 ? 0 : -minDiag + beta;
  for (let attempt = 0; attempt < 80; attempt++) {
    const h = heap();
    const base = pa >>> 3;
    h.set(H, base);
    for (let i = 0; i < n; i++) h[base + i * n + i]! += tau;
    if (k.cholesky(pa, n, n * Number.EPSILON * (scale + tau)) === 0) {
      const hb = heap();
      for (let i = 0; i < n; i++) hb[(pb >>> 3) + i] = -g[i]!;
      k.choleskySolve(pa, n, pb);
      d.set(heap().subarray(pb >>> 3, (pb >>> 3) + n));
      return true;
    }
    tau = Math.max(2 * tau, beta);
  }
  return false;
}

export const newton: Method<SmoothState<undefined>> = {
  name: 'newton',
  searchedSteps: () => true,
  init(ctx, x0) {
    return new SmoothState(ctx, x0, undefined);
  },
  step(ctx, s) {
    const H = ctx.p.hessian(s.x);
    if (!modifiedNewtonDirection(H, s.g, s.d) || !(dot(s.d, s.g) < 0)) {
      for (let i = 0; i < ctx.n; i++) s.d[i] = -s.g[i]!;
    }
    return lineSearchStep(ctx, s, s.d, 1, 0.9) > 0 ? undefined : 'lineSearch';
  },
};
