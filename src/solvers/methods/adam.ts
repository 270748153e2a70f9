// Adam (Kingma & Ba 2015, Alg. 1): m ← β₁m + (1−β₁)∇f, v ← β₂v + (1−β₂)∇f², x ← x − α·m̂/(√v̂ + ε)
// with the bias corrections m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
import type { Method } from '../driver.js';
import { SmoothState } from './common.js';
import { workF64 } from '../../runtime/workArrays.js';

/** The moment estimates and the step count. */
interface AdamMemory {
  m: Float64Array;
  v: Float64Array;
  t: number;
}

export const adam: Method<SmoothState<AdamMemory>> = {
  name: 'adam',
  init(ctx, x0) {
    return new SmoothState<AdamMemory>(ctx, x0, { m: workF64(ctx.n), v: workF64(ctx.n), t: 0 });
  },
  step(ctx, s) {
    const { stepSize, beta1, beta2, epsilon } = ctx.o;
    const mem = s.own, ms = mem.m, vs = mem.v;
    const t = ++mem.t;
    const c1 = 1 - beta1 ** t, c2 = 1 - beta2 ** t;
    for (let i = 0; i < ctx.n; i++) {
      const g = s.g[i]!;
      const m = beta1 * ms[i]! + (1 - beta1) * g;
      const v = beta2 * vs[i]! + (1 - beta2) * g * g;
      ms[i] = m;
      vs[i] = v;
      s.x[i]! -= (stepSize! * (m / c1)) / (Math.sqrt(v / c2) + epsilon);
    }
    s.fx = ctx.p.valueAndGradient(s.x, s.g);
    return undefined;
  },
};
