// Gradient descent, x ← x − α∇f(x): with a fixed α (lineSearch 'none', the lecture's method) or
// with α chosen by Armijo backtracking or a strong Wolfe search (Nocedal & Wright §3.1).
import type { Method } from '../driver.js';
import { SmoothState, dot, lineSearchStep } from './common.js';

interface GdMemory {
  /** α·∇fᵀd of the previous step, for the next initial trial step (N&W eq. 3.60). */
  lastSlope: number;
  lastAlpha: number;
}

export const gd: Method<SmoothState<GdMemory>> = {
  name: 'gd',
  searchedSteps: (o) => o.lineSearch !== 'none',
  init(ctx, x0) {
    return new SmoothState<GdMemory>(ctx, x0, { lastSlope: 0, lastAlpha: 0 });
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
    const own = s.own;
    if (own.lastSlope !== 0) alpha0 = Math.min(1e10, (own.lastAlpha * own.lastSlope) / slope);
    else alpha0 = o.stepSize ?? Math.min(1, 1 / Math.sqrt(-slope));
    const alpha = lineSearchStep(ctx, s, s.d, alpha0, 0.9, slope);
    if (!(alpha > 0)) return 'lineSearch';
    own.lastAlpha = alpha;
    own.lastSlope = slope;
    return undefined;
  },
};
