// BFGS with a dense inverse-Hessian approximation Hₖ (Nocedal & Wright Alg. 6.1, eq. 6.17):
// H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, ρ = 1/yᵀs, with H₀ scaled by yᵀs/yᵀy before the first
// update (eq. 6.20); strong Wolfe line search (c₂ = 0.9). O(n²) memory and work per iteration.
import { normInf } from '../counted.js';
import type { Method } from '../driver.js';
import { SmoothState, dot, lineSearchStep } from './common.js';
import { workF64 } from '../../runtime/workArrays.js';

/** The inverse-Hessian approximation and the update's work vectors. */
interface BfgsMemory {
  H: Float64Array;
  s: Float64Array;
  y: Float64Array;
  Hy: Float64Array;
  updated: boolean;
}

function resetIdentity(H: Float64Array, n: number, scale: number): void {
  H.fill(0);
  for (let i = 0; i < n; i++) H[i * n + i] = scale;
}

export const bfgs: Method<SmoothState<BfgsMemory>> = {
  name: 'bfgs',
  searchedSteps: () => true,
  init(ctx, x0) {
    const n = ctx.n;
    const H = workF64(n * n);
    resetIdentity(H, n, 1);
    return new SmoothState<BfgsMemory>(ctx, x0, { H, s: workF64(n), y: workF64(n), Hy: workF64(n), updated: false });
  },
  step(ctx, st) {
    const n = ctx.n, mem = st.own, H = mem.H, d = st.d;
    for (let attempt = 0; attempt < 2; attempt++) {
      const g = st.g;
      for (let i = 0; i < n; i++) {
        let v = 0;
        const row = i * n;
        for (let j = 0; j < n; j++) v -= H[row + j]! * g[j]!;
        d[i] = v;
      }
      if (!(dot(d, st.g) < 0)) {
        resetIdentity(H, n, 1);
        mem.updated = false;
        for (let i = 0; i < n; i++) d[i] = -st.g[i]!;
      }
      const alpha0 = mem.updated ? 1 : Math.min(1, 1 / normInf(st.g));
      if (lineSearchStep(ctx, st, d, alpha0, 0.9) > 0) {
        const s = mem.s, y = mem.y, Hy = mem.Hy;
        const x = st.x, xo = st.xNew, g1 = st.g, go = st.gNew;
        for (let i = 0; i < n; i++) {
          s[i] = x[i]! - xo[i]!;
          y[i] = g1[i]! - go[i]!;
        }
        const sy = dot(s, y), yy = dot(y, y);
        if (!(sy > Number.EPSILON * Math.sqrt(dot(s, s) * yy))) return undefined; // skip: no positive curvature
        if (!mem.updated) resetIdentity(H, n, sy / yy);
        mem.updated = true;
        const rho = 1 / sy;
        for (let i = 0; i < n; i++) {
          let v = 0;
          const row = i * n;
          for (let j = 0; j < n; j++) v += H[row + j]! * y[j]!;
          Hy[i] = v;
        }
        const yHy = dot(y, Hy);
        const c = (1 + rho * yHy) * rho;
        // H ← H − ρ(Hy sᵀ + s yᵀH) + (1 + ρ yᵀHy)ρ ssᵀ  (H symmetric, so yᵀH = (Hy)ᵀ)
        for (let i = 0; i < n; i++) {
          const si = s[i]!, a = c * si - rho * Hy[i]!, e = -rho * si, row = i * n;
          for (let j = 0; j < n; j++) H[row + j]! += a * s[j]! + e * Hy[j]!;
        }
        return undefined;
      }
      if (!mem.updated) break;
      resetIdentity(H, n, 1);
      mem.updated = false;
    }
    return 'lineSearch';
  },
};
