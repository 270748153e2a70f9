// The quadratic fast path: gd (fixed step), momentum, nesterov and cg on a quadratic objective
// run wholly inside WebAssembly (assembly/loops.ts), one boundary crossing per solve. Taken only
// when nothing asks for per-iteration data (no callback, no history); a signal is checked before
// the loop (no user code runs during it, so nothing could abort it meanwhile).
import { SLOT } from '../linalg/matrix.js';
import { isQuadratic } from '../objective/quadratic.js';
import type { Objective } from '../objective/types.js';
import { heap, rt, scratch } from '../runtime/runtime.js';
import { Counted } from './counted.js';
import { type MinimizeResult, gradientStop, makeResult } from './driver.js';
import type { ResolvedOptions } from './options.js';
import type { Reason } from './status.js';

const LOOP_METHOD: Partial<Record<ResolvedOptions['method'], number>> = { gd: 0, momentum: 1, nesterov: 2, cg: 3 };
const REASON_OF_CODE: Record<number, Reason> = {
  1: 'gradient', 2: 'step', 3: 'fChange', 4: 'maxIterations', 5: 'notFinite', 6: 'unbounded', 7: 'growing', 8: 'noProgress', 9: 'negativeCurvature',
};

/** Whether minimize would take the fast path for this objective and these options. */
export function usesFastPath(f: Objective, o: ResolvedOptions): boolean {
  // The type test first: most solves are of user functions, and looking the method name up in
  // LOOP_METHOD is a megamorphic keyed load (~100 instructions) once several methods have run.
  if (!isQuadratic(f)) return false;
  const code = LOOP_METHOD[o.method];
  if (code === undefined || o.callback || o.history) return false;
  return o.method !== 'gd' || o.lineSearch === 'none';
}

export function tryFastPath(f: Objective, x0: Float64Array, o: ResolvedOptions): MinimizeResult | undefined {
  if (!usesFastPath(f, o) || !isQuadratic(f)) return undefined;
  const n = f.dim;
  const p = new Counted(f);
  const k = rt.k;
  const px = scratch(SLOT.SOLVER + 2, n);
  const pg = scratch(SLOT.SOLVER + 3, n);
  const ws = scratch(SLOT.SOLVER + 4, 4 * n);
  const out = scratch(SLOT.SOLVER + 5, 3);
  heap().set(x0, px >>> 3);
  // f and ∇f at x0 through the counted objective, so the counts include them.
  const g0 = new Float64Array(n);
  const f0 = p.valueAndGradient(x0, g0);
  const result = (reason: Reason, x: Float64Array, fx: number, gnorm: number, iterations: number, extra = 0) => {
    const ev = p.evaluations();
    ev.f += extra;
    ev.gradient += extra;
    return makeResult(reason, o, x, fx, gnorm, iterations, ev);
  };
  let gnorm0 = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(g0[i]!);
    if (!(a <= gnorm0)) gnorm0 = a;
  }
  if (!Number.isFinite(f0) || !Number.isFinite(gnorm0)) return result('notFiniteStart', x0, f0, gnorm0, 0);
  if (gnorm0 <= o.gradientTolerance) return result(gradientStop(p, x0, f0, g0), x0, f0, gnorm0, 0);
  if (o.signal?.aborted) return result('signal', x0, f0, gnorm0, 0);
  heap().set(g0, pg >>> 3);
  f.home();
  const code = k.quadraticLoop(
    LOOP_METHOD[o.method]!, n, f.Hm.ptr, f.gv.ptr, f.c, px, pg, f0, ws,
    o.stepSize ?? 0, o.momentum, o.gradientTolerance, o.stepTolerance, o.fTolerance, o.maxIterations, out,
  );
  const h = heap();
  const fx = h[out >>> 3]!, gnorm = h[(out >>> 3) + 1]!, iterations = h[(out >>> 3) + 2]!;
  const x = h.slice(px >>> 3, (px >>> 3) + n);
  let reason = REASON_OF_CODE[code] ?? 'notFinite';
  if (reason === 'gradient') reason = gradientStop(p, x, fx, h.slice(pg >>> 3, (pg >>> 3) + n));
  // Each iteration evaluated f and ∇f once (one H·x product) inside the loop.
  return result(reason, x, fx, gnorm, iterations, iterations);
}
