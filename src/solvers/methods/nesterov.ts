// Nesterov accelerated gradient in the form of Sutskever et al. (2013) / optax `nesterov=True`,
// which needs ∇f only at the iterate itself: v ← βv − α∇f(x), x ← x + βv − α∇f(x).
import type { Method } from '../driver.js';
import { SmoothState } from './common.js';
import type { VelocityState } from './momentum.js';
import { workF64 } from '../../runtime/workArrays.js';

export const nesterov: Method<VelocityState> = {
  name: 'nesterov',
  init(ctx, x0) {
    return new SmoothState(ctx, x0, { v: workF64(ctx.n) });
  },
  step(ctx, s) {
    const a = ctx.o.stepSize!, b = ctx.o.momentum, vs = s.own.v;
    for (let i = 0; i < ctx.n; i++) {
      const step = -a * s.g[i]!;
      const v = b * vs[i]! + step;
      vs[i] = v;
      s.x[i]! += b * v + step;
    }
    s.fx = ctx.p.valueAndGradient(s.x, s.g);
    return undefined;
  },
};
