// Nonlinear conjugate gradients, Polak–Ribière+ (Nocedal & Wright §5.2, eq. 5.44–5.45):
// β = max(0, ∇fₖ₊₁ᵀ(∇fₖ₊₁ − ∇fₖ) / ∇fₖᵀ∇fₖ), d ← −∇f + βd, restarted to −∇f every n iterations
// and whenever d is not a descent direction; strong Wolfe line search with c₂ = 0.1.
import { normInf } from '../counted.js';
import type { Method } from '../driver.js';
import { SmoothState, dot, lineSearchStep } from './common.js';
import { workF64 } from '../../runtime/workArrays.js';

interface CgMemory {
  gPrev: Float64Array;
  sinceRestart: number;
  lastAlpha: number;
  lastSlope: number;
}

export const cg: Method<SmoothState<CgMemory>> = {
  name: 'cg',
  searchedSteps: () => true,
  init(ctx, x0) {
    const s = new SmoothState<CgMemory>(ctx, x0, { gPrev: workF64(ctx.n), sinceRestart: 0, lastAlpha: 0, lastSlope: 0 });
    for (let i = 0; i < ctx.n; i++) s.d[i] = -s.g[i]!;
    return s;
  },
  step(ctx, s) {
    const n = ctx.n, own = s.own;
    let slope = dot(s.g, s.d);
    let steepest = own.sinceRestart === 0;
    if (!(slope < 0)) steepest = true;
    const gmax = normInf(s.g);
    own.gPrev.set(s.g);
    let alpha;
    for (;;) {
      if (steepest) {
        for (let i = 0; i < n; i++) s.d[i] = -s.g[i]!;
        slope = dot(s.g, s.d);
        own.sinceRestart = 0;
      }
      // N&W eq. 3.60: the previous step's first-order change, else a unit-sized first move.
      const alpha0 = own.lastSlope !== 0 ? Math.min(1e10, (own.lastAlpha * own.lastSlope) / slope) : Math.min(1, 1 / gmax);
      alpha = lineSearchStep(ctx, s, s.d, alpha0, 0.1, slope);
      if (alpha > 0) break;
      if (steepest) return 'lineSearch';
      steepest = true; // a failed conjugate direction: retry along −∇f
    }
    own.lastAlpha = alpha;
    own.lastSlope = slope;
    const gPrev = own.gPrev, gg = dot(gPrev, gPrev);
    let num = 0;
    for (let i = 0; i < n; i++) num += s.g[i]! * (s.g[i]! - gPrev[i]!);
    let beta = gg > 0 ? Math.max(0, num / gg) : 0;
    own.sinceRestart++;
    if (own.sinceRestart >= n) {
      beta = 0;
      own.sinceRestart = 0;
    }
    for (let i = 0; i < n; i++) s.d[i] = -s.g[i]! + beta * s.d[i]!;
    return undefined;
  },
};
