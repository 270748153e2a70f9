// The one loop every method runs in (argmin Executor, Optim.jl optimize): a method file supplies
// only init and step; the driver owns counting, stopping tests, callback, abort, history and the
// result, so adding a method never touches this file.
import type { Objective } from '../objective/types.js';
import { allFinite, copyInto } from '../linalg/matrix.js';
import { Counted, type Evaluations, normInf } from './counted.js';
import { isMinimum } from './minimum.js';
import type { ResolvedOptions } from './options.js';
import { GROWTH_ITERATIONS, REASONS, type Reason, type Status, UNBOUNDED_F, describeStop } from './status.js';
import { workF64 } from '../runtime/workArrays.js';

/** What every method's state exposes to the driver: the current iterate and f (and ∇f) there. */
export interface IterateState {
  x: Float64Array;
  fx: number;
  /** ∇f(x), or undefined for gradient-free methods (Nelder–Mead). */
  g: Float64Array | undefined;
}

export interface Context {
  readonly p: Counted;
  readonly o: ResolvedOptions;
  readonly n: number;
}

/**
 * A method: options come from ResolvedOptions (the capability table in options.ts says which),
 * `init` evaluates the start, `step` advances one iteration and may end the run with a Reason
 * (e.g. a failed line search). Methods never test convergence on ∇f themselves.
 */
export interface Method<S extends IterateState = IterateState> {
  readonly name: string;
  init(ctx: Context, x0: Float64Array): S;
  step(ctx: Context, state: S): Reason | undefined;
  /** true when an iteration may legitimately leave x unchanged (Nelder–Mead's best vertex). */
  readonly xMayRepeat?: boolean;
  /** Frees what init allocated outside the JS heap (WebAssembly memory); called once, however the run ends. */
  release?(state: S): void;
  /** true when the method applies stepTolerance / fTolerance itself (to its simplex). */
  readonly ownsTolerances?: boolean;
}

export interface History {
  x: Float64Array[];
  fx: number[];
  gradientNorm: number[];
}

export interface MinimizeResult {
  x: Float64Array;
  fx: number;
  gradientNorm: number;
  iterations: number;
  evaluations: Evaluations;
  converged: boolean;
  status: Status;
  message: string;
  history?: History;
  multipliers?: Float64Array;
  constraintViolation?: number;
}

/** Assembles a result from a reason (also used by the quadratic fast path). */
export function makeResult(
  reason: Reason, o: ResolvedOptions, x: Float64Array, fx: number, gradientNorm: number,
  iterations: number, evaluations: Evaluations, history?: History,
): MinimizeResult {
  const { status, message } = describeStop(reason, {
    gradientNorm, gradientTolerance: o.gradientTolerance, stepTolerance: o.stepTolerance,
    fTolerance: o.fTolerance, maxIterations: o.maxIterations, iterations,
  });
  const r: MinimizeResult = { x, fx, gradientNorm, iterations, evaluations, converged: status === 'converged', status, message };
  if (history) r.history = history;
  return r;
}

/** The end-of-run test for a small gradient: a minimum is 'gradient', anything else 'vanishing'. */
export function gradientStop(p: Counted, x: Float64Array, fx: number, g: Float64Array): Reason {
  return isMinimum(p, x, fx, g) ? 'gradient' : 'vanishing';
}

export function run<S extends IterateState>(method: Method<S>, objective: Objective, x0: Float64Array, o: ResolvedOptions): MinimizeResult {
  const p = new Counted(objective);
  const n = x0.length;
  const ctx: Context = { p, o, n };
  const history: History | undefined = o.history ? { x: [], fx: [], gradientNorm: [] } : undefined;
  const s = method.init(ctx, x0.slice());
  try {
    return loop(method, s, p, ctx, history);
  } finally {
    method.release?.(s);
  }
}

function loop<S extends IterateState>(method: Method<S>, s: S, p: Counted, ctx: Context, history: History | undefined): MinimizeResult {
  const { o, n } = ctx;
  let iterations = 0;
  let gnorm = s.g ? normInf(s.g) : NaN;
  const record = () => {
    if (!history) return;
    history.x.push(s.x.slice());
    history.fx.push(s.fx);
    history.gradientNorm.push(gnorm);
  };
  const finish = (reason: Reason): MinimizeResult => {
    // A method may end on its own test (Nelder–Mead's simplex) before the driver's finiteness
    // check runs: a non-finite f or x is never reported as converged (fuzzing found f = −∞ there).
    const finite = Number.isFinite(s.fx) && allFinite(s.x);
    if (REASONS[reason].status === 'converged' && !finite) reason = 'notFinite';
    if (!s.g && finite) {
      // Gradient-free methods report ‖∇f‖∞ at the answer too (one gradient evaluation).
      const g = workF64(n);
      p.gradient(s.x, g);
      gnorm = normInf(g);
    }
    return makeResult(reason, o, s.x.slice(), s.fx, gnorm, iterations, p.evaluations(), history);
  };
  record();
  if (!Number.isFinite(s.fx) || !allFinite(s.x) || (s.g && gnorm !== gnorm)) return finish('notFiniteStart');
  if (s.g && gnorm <= o.gradientTolerance) return finish(gradientStop(p, s.x, s.fx, s.g));

  const f0 = s.fx;
  let growth = 0;
  const xPrev = workF64(n);
  while (iterations < o.maxIterations) {
    if (o.signal?.aborted) return finish('signal');
    copyInto(xPrev, s.x);
    const fPrev = s.fx;
    const stop = method.step(ctx, s);
    iterations++;
    gnorm = s.g ? normInf(s.g) : NaN;
    record();
    if (stop) return finish(stop);
    // One pass over x: the largest step, the scale, and finiteness (x − x is 0 only for finite x).
    let dx = 0, xmax = 1, nonFinite = 0;
    const x = s.x;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      nonFinite += xi - xi;
      dx = Math.max(dx, Math.abs(xi - xPrev[i]!));
      xmax = Math.max(xmax, Math.abs(xi));
    }
    if (!Number.isFinite(s.fx) || nonFinite !== 0 || (s.g && gnorm !== gnorm)) return finish('notFinite');
    if (s.fx < UNBOUNDED_F) return finish('unbounded');
    growth = s.fx > f0 && s.fx > fPrev ? growth + 1 : 0;
    if (growth >= GROWTH_ITERATIONS) return finish('growing');
    if (o.callback) {
      const keepGoing = o.callback({ iteration: iterations, x: s.x.slice(), fx: s.fx, gradientNorm: gnorm });
      if (keepGoing === false) return finish('callback');
    }
    if (o.signal?.aborted) return finish('signal');
    if (s.g && gnorm <= o.gradientTolerance) return finish(gradientStop(p, s.x, s.fx, s.g));
    if (dx === 0 && !method.xMayRepeat) return finish('noProgress');
    if (method.ownsTolerances) continue;
    if (o.stepTolerance > 0 && dx <= o.stepTolerance * xmax) return finish('step');
    if (o.fTolerance > 0 && Math.abs(fPrev - s.fx) <= o.fTolerance * Math.max(1, Math.abs(s.fx)) && s.fx <= fPrev) return finish('fChange');
  }
  return finish('maxIterations');
}
