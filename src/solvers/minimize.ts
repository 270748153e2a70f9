// minimize / maximize (API.md): picks the method, validates options, runs the driver (or the
// WebAssembly fast path for a quadratic), and dispatches constrained Problems to a registered
// handler so the constrained module never edits this file.
import { OptimaError } from '../errors.js';
import type { VectorLike } from '../linalg/matrix.js';
import { toPoint } from '../objective/finiteDifferences.js';
import { isQuadratic } from '../objective/quadratic.js';
import type { Objective } from '../objective/types.js';
import { type Method, type MinimizeResult, run } from './driver.js';
import { METHOD_TABLE } from './methods/index.js';
import { type IterationState, type MinimizeOptions, resolveOptions } from './options.js';
import { tryFastPath } from './fastPath.js';

/** A solver for some other kind of problem (e.g. constrained `Problem`s), tried before the Objective path. */
export interface ProblemSolver {
  /** true when this solver handles `f`. */
  accepts(f: unknown): boolean;
  solve(f: unknown, x0: VectorLike, options: MinimizeOptions | undefined): MinimizeResult;
}

const problemSolvers: ProblemSolver[] = [];

/** Registers a handler for minimize(problem, …); later registrations win. Returns an unregister function. */
export function registerProblemSolver(solver: ProblemSolver): () => void {
  problemSolvers.unshift(solver);
  return () => {
    const i = problemSolvers.indexOf(solver);
    if (i >= 0) problemSolvers.splice(i, 1);
  };
}

function checkObjective(f: unknown): asserts f is Objective {
  const o = f as Partial<Objective> | null;
  if (!o || typeof o !== 'object' || typeof o.value !== 'function' || typeof o.gradient !== 'function' || typeof o.hessian !== 'function' ||
      typeof o.dim !== 'number' || !Number.isInteger(o.dim) || o.dim < 1) {
    throw new OptimaError('INVALID_OBJECTIVE', 'minimize: f must be an Objective (quadratic(…), objective(…) or a testFunctions entry) or a Problem');
  }
}

/**
 * minimize(f, x0, options) (API.md): the default method is L-BFGS. Never mutates x0. A run that
 * fails to converge returns a result whose `status` says why; only bad input throws.
 */
export function minimize(f: Objective | object, x0: VectorLike, options?: MinimizeOptions): MinimizeResult {
  for (const s of problemSolvers) if (s.accepts(f)) return s.solve(f, x0, options);
  checkObjective(f);
  const start = toPoint(x0 instanceof Float64Array || Array.isArray(x0) ? x0 : (x0 as { data: Float64Array }).data, 'x0', f.dim);
  const o = resolveOptions(options, f.dim);
  const method = METHOD_TABLE[o.method] as Method;
  if (o.method === 'direct' && !isQuadratic(f)) {
    throw new OptimaError('INVALID_OPTION', "options.method 'direct' needs a quadratic objective (quadratic({ H, g, c }))");
  }
  return tryFastPath(f, start, o) ?? run(method, f, start, o);
}

/** −f, keeping the quadratic type (and so the fast paths) when f is quadratic. */
function negate(f: Objective): Objective {
  if (isQuadratic(f)) return f.negated();
  const neg = (g: Float64Array) => {
    for (let i = 0; i < g.length; i++) g[i] = -g[i]!;
    return g;
  };
  return {
    dim: f.dim,
    exactHessian: f.exactHessian,
    get calls() { return f.calls; },
    value: (x) => -f.value(x),
    gradient: (x, out) => neg(f.gradient(x, out)),
    valueAndGradient: f.valueAndGradient
      ? (x, out) => {
          const v = f.valueAndGradient!(x, out);
          neg(out);
          return -v;
        }
      : undefined,
    hessian: (x) => {
      const H = f.hessian(x);
      return { rows: H.rows, cols: H.cols, data: Float64Array.from(H.data, (v) => -v) };
    },
  };
}

/** maximize(f, x0, options) = minimize(−f); result.fx is the maximum value of f (history too). */
export function maximize(f: Objective | object, x0: VectorLike, options?: MinimizeOptions): MinimizeResult {
  for (const s of problemSolvers) if (s.accepts(f)) {
    throw new OptimaError('INVALID_OPTION', 'maximize: constrained problems are minimized; negate the objective of the problem instead');
  }
  checkObjective(f);
  const nf = negate(f);
  const cb = options?.callback;
  const opts = cb ? { ...options, callback: (st: IterationState) => cb({ ...st, fx: -st.fx }) } : options;
  let r: MinimizeResult;
  try {
    r = minimize(nf, x0, opts);
  } finally {
    if (isQuadratic(nf)) nf.dispose();
  }
  r.fx = -r.fx;
  if (r.history) r.history.fx = r.history.fx.map((v) => -v);
  return r;
}
