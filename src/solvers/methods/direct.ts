// The direct solution of a quadratic: ∇f = Hx + g = 0 ⇔ Hx = −g, by Cholesky. H not positive
// definite means no unique minimum: NOT_POSITIVE_DEFINITE (x²−y² has a saddle, not a minimum).
import { OptimaError } from '../../errors.js';
import { heap, rt, scratch } from '../../runtime/runtime.js';
import { SLOT } from '../../linalg/matrix.js';
import type { QuadraticObjective } from '../../objective/quadratic.js';
import type { IterateState, Method } from '../driver.js';

interface DirectState extends IterateState {
  g: Float64Array;
}

export const direct: Method<DirectState> = {
  name: 'direct',
  init(ctx, x0) {
    const g = new Float64Array(ctx.n);
    return { x: x0, fx: ctx.p.valueAndGradient(x0, g), g };
  },
  step(ctx, s) {
    const q = (ctx.p.objective as QuadraticObjective).home();
    const n = ctx.n, k = rt.k;
    const pa = scratch(SLOT.SOLVER, n * n);
    const pb = scratch(SLOT.SOLVER + 1, n);
    k.copy(pa, q.Hm.ptr, n * n);
    const scale = k.amax(pa, n * n);
    const fail = k.cholesky(pa, n, n * Number.EPSILON * scale);
    if (fail !== 0) {
      throw new OptimaError('NOT_POSITIVE_DEFINITE',
        `method 'direct': H is not positive definite (pivot ${fail - 1} ≤ n·ε·max|Hᵢⱼ|), so f has no unique minimum; ` +
        'its stationary point is a saddle, maximum or a continuum — see classifyCriticalPoint');
    }
    k.copy(pb, q.gv.ptr, n);
    k.scal(n, -1, pb);
    k.choleskySolve(pa, n, pb);
    s.x = heap().slice(pb >>> 3, (pb >>> 3) + n);
    s.fx = ctx.p.valueAndGradient(s.x, s.g);
    return 'exact';
  },
};
