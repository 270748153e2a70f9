// Heavy-ball momentum (Polyak 1964): v ← βv − α∇f(x), x ← x + v. Same update as the WASM fast
// path (assembly/loops.ts), so both give the same iterates.
import type { Method } from '../driver.js';
import { type SmoothState, initSmooth } from './common.js';
import { workF64 } from '../../runtime/workArrays.js';

export interface VelocityState extends SmoothState {
  v: Float64Array;
}

export const momentum: Method<VelocityState> = {
  name: 'momentum',
  init(ctx, x0) {
    const b = initSmooth(ctx, x0);
    return { x: b.x, fx: b.fx, g: b.g, xNew: b.xNew, gNew: b.gNew, wolfe: b.wolfe, v: workF64(ctx.n) };
  },
  step(ctx, s) {
    const a = ctx.o.stepSize!, b = ctx.o.momentum;
    for (let i = 0; i < ctx.n; i++) {
      const v = b * s.v[i]! - a * s.g[i]!;
      s.v[i] = v;
      s.x[i]! += v;
    }
    s.fx = ctx.p.valueAndGradient(s.x, s.g);
    return undefined;
  },
};
