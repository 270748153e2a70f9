// Gradient descent, x ← x − α∇f(x): with a fixed α (lineSearch 'none', the lecture's method) or
// with α chosen by Armijo backtracking or a strong Wolfe search (Nocedal & Wright §3.1).
import type { Method } from '../driver.js';
import { type SmoothState, dot, initSmooth, lineSearchStep } from './common.js';
import { workF64 } from '../../runtime/workArrays.js';

interface GdState extends SmoothState {
  d: Float64Array;
  /** α·∇fᵀd of the previous step, for the next initial trial step (N&W eq. 3.60). */
  lastSlope: number;
  lastAlpha: number;
}

export const gd: Method<GdState> = {
  name: 'gd',
  searchedSteps: (o) => o.lineSearch !== 'none',
  init(ctx, x0) {
    const b = initSmooth(ctx, x0);
    return { x: b.x, fx: b.fx, g: b.g, xNew: b.xNew, gNew: b.gNew, wolfe: b.wolfe, d: workF64(ctx.n), lastSlope: 0, lastAlpha: 0 };
  },
  step(ctx, s) {
    const { n, o } = ctx;
    if (o.lineSearch === 'none') {
      const a = o.stepSize!;
      for (let i = 0; i < n; i++) s.xNew[i] = s.x[i]! - a * s.g[i]!;
      const x = s.x;
      s.x = s.xNew;
      s.xNew = x;
      s.fx = ctx.p.valueAndGradient(s.x, s.g);
      return undefined;
    }
    for (let i = 0; i < n; i++) s.d[i] = -s.g[i]!;
    const slope = dot(s.g, s.d);
    let alpha0: number;
    if (s.lastSlope !== 0) alpha0 = Math.min(1e10, (s.lastAlpha * s.lastSlope) / slope);
    else alpha0 = o.stepSize ?? Math.min(1, 1 / Math.sqrt(-slope));
    const alpha = lineSearchStep(ctx, s, s.d, alpha0, 0.9, slope);
    if (!(alpha > 0)) return 'lineSearch';
    s.lastAlpha = alpha;
    s.lastSlope = slope;
    return undefined;
  },
};
