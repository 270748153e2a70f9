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

// NaN for rarely-run branches as a module constant (why: see lineSearch.ts).
const NAN = NaN;

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
  /**
   * true when, with these options, every step is a line search through lineSearchStep, which
   * either fails or moves x and leaves f evaluated there. Then x never repeats, and x is finite
   * whenever f is (Counted gives NaN at a non-finite x), so the driver's pass over x, which looks
   * for those two cases, runs only when stepTolerance needs the step's length.
   */
  readonly searchedSteps?: (o: ResolvedOptions) => boolean;
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
export function gradientStop(p: Counted, x: Float64Array, fx: number, g: Float64Array, scratch?: Float64Array): Reason {
  return isMinimum(p, x, fx, g, scratch) ? 'gradient' : 'vanishing';
}

/** x0 becomes the method's first iterate: pass a copy the caller does not keep (minimize passes toPoint's). */
export function run<S extends IterateState>(method: Method<S>, objective: Objective, x0: Float64Array, o: ResolvedOptions): MinimizeResult {
  const p = new Counted(objective);
  const n = x0.length;
  const ctx: Context = { p, o, n };
  const history: History | undefined = o.history ? { x: [], fx: [], gradientNorm: [] } : undefined;
  const s = method.init(ctx, x0);
  try {
    return loop(method, s, p, ctx, history);
  } finally {
    method.release?.(s);
  }
}

function record(history: History, s: IterateState, gnorm: number): void {
  history.x.push(s.x.slice());
  history.fx.push(s.fx);
  history.gradientNorm.push(gnorm);
}

function finish(reason: Reason, s: IterateState, p: Counted, o: ResolvedOptions, gnorm: number, iterations: number, history: History | undefined): MinimizeResult {
  // A method may end on its own test (Nelder–Mead's simplex) before the driver's finiteness
  // check runs: a non-finite f or x is never reported as converged (fuzzing found f = −∞ there).
  const finite = Number.isFinite(s.fx) && allFinite(s.x);
  if (REASONS[reason].status === 'converged' && !finite) reason = 'notFinite';
  if (!s.g && finite) {
    // Gradient-free methods report ‖∇f‖∞ at the answer too (one gradient evaluation).
    const g = workF64(s.x.length);
    p.gradient(s.x, g);
    gnorm = normInf(g);
  }
  return makeResult(reason, o, s.x.slice(), s.fx, gnorm, iterations, p.evaluations(), history);
}

// The loop reads options into locals once (o cannot change during a run, but the JIT cannot know
// that across the calls of step) and ends in one place, so no closures are made per run.
function loop<S extends IterateState>(method: Method<S>, s: S, p: Counted, ctx: Context, history: History | undefined): MinimizeResult {
  const { o, n } = ctx;
  const { maxIterations, gradientTolerance, stepTolerance, fTolerance, callback, signal } = o;
  const xMayRepeat = method.xMayRepeat === true, ownsTolerances = method.ownsTolerances === true;
  const passOverX = stepTolerance > 0 || method.searchedSteps?.(o) !== true;
  let iterations = 0;
  let gnorm = s.g ? normInf(s.g) : NAN;
  if (history) record(history, s, gnorm);
  if (!Number.isFinite(s.fx) || !allFinite(s.x) || (s.g && gnorm !== gnorm)) return finish('notFiniteStart', s, p, o, gnorm, iterations, history);
  if (s.g && gnorm <= gradientTolerance) return finish(gradientStop(p, s.x, s.fx, s.g), s, p, o, gnorm, iterations, history);

  const f0 = s.fx;
  let growth = 0;
  const xPrev = workF64(n);
  copyInto(xPrev, s.x); // afterwards kept up to date by the pass over x below
  let reason: Reason = 'maxIterations';
  while (iterations < maxIterations) {
    if (signal?.aborted) { reason = 'signal'; break; }
    const fPrev = s.fx;
    const stop = method.step(ctx, s);
    iterations++;
    const g = s.g;
    gnorm = g ? normInf(g) : NAN;
    if (history) record(history, s, gnorm);
    if (stop) { reason = stop; break; }
    // One pass over x: the largest step, the scale, finiteness (x − x is 0 only for finite x),
    // and x saved for the next iteration's step (every iteration that goes on passes here).
    // Without the pass (searched steps, no stepTolerance) dx stays NaN: no step test can fire.
    let dx = passOverX ? 0 : NAN, xmax = 1, nonFinite = 0;
    const x = s.x, fx = s.fx;
    if (passOverX) for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      nonFinite += xi - xi;
      dx = Math.max(dx, Math.abs(xi - xPrev[i]!));
      xmax = Math.max(xmax, Math.abs(xi));
      xPrev[i] = xi;
    }
    if (!Number.isFinite(fx) || nonFinite !== 0 || (g && gnorm !== gnorm)) { reason = 'notFinite'; break; }
    if (fx < UNBOUNDED_F) { reason = 'unbounded'; break; }
    growth = fx > f0 && fx > fPrev ? growth + 1 : 0;
    if (growth >= GROWTH_ITERATIONS) { reason = 'growing'; break; }
    if (callback) {
      const keepGoing = callback({ iteration: iterations, x: s.x.slice(), fx: s.fx, gradientNorm: gnorm });
      if (keepGoing === false) { reason = 'callback'; break; }
    }
    if (signal?.aborted) { reason = 'signal'; break; }
    // xPrev is free from here on: the probe writes its points there.
    if (s.g && gnorm <= gradientTolerance) { reason = gradientStop(p, s.x, s.fx, s.g, xPrev); break; }
    if (dx === 0 && !xMayRepeat) { reason = 'noProgress'; break; }
    if (ownsTolerances) continue;
    if (stepTolerance > 0 && dx <= stepTolerance * xmax) { reason = 'step'; break; }
    if (fTolerance > 0 && Math.abs(fPrev - s.fx) <= fTolerance * Math.max(1, Math.abs(s.fx)) && s.fx <= fPrev) { reason = 'fChange'; break; }
  }
  return finish(reason, s, p, o, gnorm, iterations, history);
}
