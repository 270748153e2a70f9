// Heavy-ball momentum (Polyak 1964): v ← βv − α∇f(x), x ← x + v. Same update as the WASM fast
// path (assembly/loops.ts), so both give the same iterates.
import type { Method } from '../driver.js';
import { SmoothState } from './common.js';
import { workF64 } from '../../runtime/workArrays.js';

export type VelocityState = SmoothState<{ v: Float64Array }>;

export const momentum: Method<VelocityState> = {
  name: 'momentum',
  init(ctx, x0) {
    return new SmoothState(ctx, x0, { v: workF64(ctx.n) });
  },
  step(ctx, s) {
    const a = ctx.o.stepSize!, b = ctx.o.momentum, vs = s.own.v;
    for (let i = 0; i < ctx.n; i++) {
      const v = b * vs[i]! - a * s.g[i]!;
      vs[i] = v;
      s.x[i]! += v;
    }
    s.fx = ctx.p.valueAndGradient(s.x, s.g);
    return undefined;
  },
};
