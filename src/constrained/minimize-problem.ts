// minimize(problem, x0, options): validates, picks the method and runs it. A Problem with
// constraints defaults to the augmented Lagrangian; one with bounds only (or nothing) goes straight
// to the projected L-BFGS bound solver.
import { OptimaError } from '../errors.js';
import { Vector, type VectorLike } from '../linalg/matrix.js';
import { augmentedLagrangian } from './augmented-lagrangian.js';
import { project } from './bound-solver.js';
import { Composite } from './composite.js';
import { Evaluator } from './evaluator.js';
import { resolveOptions } from './options.js';
import { penaltyMethod } from './penalty.js';
import { isProblem } from './is-problem.js';
import { Run, type Outcome } from './run.js';
import type { ConstrainedOptions, ConstrainedResult, Problem } from './types.js';

function startPoint(x0: unknown, n: number): Float64Array {
  if (x0 instanceof Vector) x0 = x0.data;
  if (!(x0 instanceof Float64Array) && !Array.isArray(x0)) {
    throw new OptimaError('DIMENSION_MISMATCH', `x0 must be a Float64Array or number[]; got ${x0 === null ? 'null' : typeof x0}`);
  }
  if (x0.length !== n) throw new OptimaError('DIMENSION_MISMATCH', `x0 has length ${x0.length}; expected objective.dim = ${n}`);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x0[i] as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new OptimaError('NOT_FINITE', `x0[${i}] must be a finite number; got ${String(v)}`);
    x[i] = v;
  }
  return x;
}

function boundsOnly(run: Run, x0: Float64Array): Outcome {
  const { ev, o } = run;
  const p = ev.problem;
  const phi = new Composite(ev, { psi: () => 0, dpsi: () => 0, d2psi: () => 0 });
  const inner = run.inner(phi, project(x0, p.lower, p.upper), o.gradientTolerance);
  run.record(0, inner.x, phi.f, 0, inner.iterations);
  return { x: inner.x, multipliers: new Float64Array(0), status: inner.status, detail: inner.unbounded ? 'the objective appears unbounded below' : '' };
}

const NAMES = { penalty: 'penalty method', 'augmented-lagrangian': 'augmented Lagrangian', bounds: 'projected L-BFGS' } as const;

/**
 * Solves min f(x) s.t. the problem's constraints and bounds. x0 outside the bounds is projected
 * into them; every iterate stays inside. Never throws for a problem that fails to converge: the
 * result's `status` ('converged' only when all KKT residuals are within tolerance, 'infeasible',
 * 'max-iterations', 'stalled', 'diverged', 'aborted') and `message` say why.
 *
 * `iterations`, `callback` and `history` count inner iterations over the whole run; each reports x,
 * fx = f(x) (the objective, not the penalty or augmented Lagrangian) and gradientNorm = the projected
 * gradient of the function the inner solver is minimizing. `gradientNorm` of the result is the KKT
 * stationarity. `outerHistory` records each outer iteration (penalty, x, f, violation).
 */
export function minimizeProblem(problem: Problem, x0: VectorLike, options?: ConstrainedOptions): ConstrainedResult {
  if (!isProblem(problem)) throw new OptimaError('INVALID_OPTION', 'minimizeProblem: problem must be made by problem()');
  const o = resolveOptions(problem, options);
  const x = startPoint(x0, problem.dim);
  const run = new Run(new Evaluator(problem), o);
  const out = o.method === 'penalty' ? penaltyMethod(run, x)
    : o.method === 'augmented-lagrangian' ? augmentedLagrangian(run, x)
    : boundsOnly(run, x);
  const name = o.method === 'bounds' && o.innerMethod === 'projected-gradient' ? 'projected gradient' : NAMES[o.method];
  return run.result(out, name);
}
