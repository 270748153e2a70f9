// Nonlinear conjugate gradients, Polak–Ribière+ (Nocedal & Wright §5.2, eq. 5.44–5.45):
// β = max(0, ∇fₖ₊₁ᵀ(∇fₖ₊₁ − ∇fₖ) / ∇fₖᵀ∇fₖ), d ← −∇f + βd, restarted to −∇f every n iterations
// and whenever d is not a descent direction; strong Wolfe line search with c₂ = 0.1.
import type { Method } from '../driver.js';
import { type SmoothState, dot, initSmooth, lineSearchStep } from './common.js';
import { workF64 } from '../../runtime/workArrays.js';

interface CgState extends SmoothState {
  d: Float64Array;
  gPrev: Float64Array;
  sinceRestart: number;
  lastAlpha: number;
  lastSlope: number;
}

export const cg: Method<CgState> = {
  name: 'cg',
  searchedSteps: () => true,
  init(ctx, x0) {
    const s = initSmooth(ctx, x0);
    const d = workF64(ctx.n);
    for (let i = 0; i < ctx.n; i++) d[i] = -s.g[i]!;
    return { x: s.x, fx: s.fx, g: s.g, xNew: s.xNew, gNew: s.gNew, wolfe: s.wolfe, d, gPrev: workF64(ctx.n), sinceRestart: 0, lastAlpha: 0, lastSlope: 0 };
  },
  step(ctx, s) {
    const n = ctx.n;
    let slope = dot(s.g, s.d);
    let steepest = s.sinceRestart === 0;
    if (!(slope < 0)) steepest = true;
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(s.g[i]!));
    s.gPrev.set(s.g);
    let alpha;
    for (;;) {
      if (steepest) {
        for (let i = 0; i < n; i++) s.d[i] = -s.g[i]!;
        slope = dot(s.g, s.d);
        s.sinceRestart = 0;
      }
      // N&W eq. 3.60: the previous step's first-order change, else a unit-sized first move.
      const alpha0 = s.lastSlope !== 0 ? Math.min(1e10, (s.lastAlpha * s.lastSlope) / slope) : Math.min(1, 1 / gmax);
      alpha = lineSearchStep(ctx, s, s.d, alpha0, 0.1, slope);
      if (alpha > 0) break;
      if (steepest) return 'lineSearch';
      steepest = true; // a failed conjugate direction: retry along −∇f
    }
    s.lastAlpha = alpha;
    s.lastSlope = slope;
    const gg = dot(s.gPrev, s.gPrev);
    let num = 0;
    for (let i = 0; i < n; i++) num += s.g[i]! * (s.g[i]! - s.gPrev[i]!);
    let beta = gg > 0 ? Math.max(0, num / gg) : 0;
    s.sinceRestart++;
    if (s.sinceRestart >= n) {
      beta = 0;
      s.sinceRestart = 0;
    }
    for (let i = 0; i < n; i++) s.d[i] = -s.g[i]! + beta * s.d[i]!;
    return undefined;
  },
};
