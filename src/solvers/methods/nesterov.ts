// Nesterov accelerated gradient in the form of Sutskever et al. (2013) / optax `nesterov=True`,
// which needs ∇f only at the iterate itself: v ← βv − α∇f(x), x ← x + βv − α∇f(x).
import type { Method } from '../driver.js';
import { initSmooth } from './common.js';
import type { VelocityState } from './momentum.js';
import { workF64 } from '../../runtime/workArrays.js';

export const nesterov: Method<VelocityState> = {
  name: 'nesterov',
  init(ctx, x0) {
    const b = initSmooth(ctx, x0);
    return { x: b.x, fx: b.fx, g: b.g, xNew: b.xNew, gNew: b.gNew, wolfe: b.wolfe, v: workF64(ctx.n) };
  },
  step(ctx, s) {
    const a = ctx.o.stepSize!, b = ctx.o.momentum;
    for (let i = 0; i < ctx.n; i++) {
      const step = -a * s.g[i]!;
      const v = b * s.v[i]! + step;
      s.v[i] = v;
      s.x[i]! += b * v + step;
    }
    s.fx = ctx.p.valueAndGradient(s.x, s.g);
    return undefined;
  },
};
