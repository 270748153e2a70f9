// THE table of why a solve stopped (Optim.jl TerminationCode, scipy _status_message): every
// stop goes through a reason code here, so `status` and `message` are never free text at call sites.

export type Status = 'converged' | 'max-iterations' | 'stalled' | 'vanishing-gradient' | 'diverged' | 'aborted'
  /** Constrained problems only (src/constrained): x minimizes the constraint violation, which stays positive. */
  | 'infeasible';

/** Numbers a message may quote. */
export interface StopFacts {
  gradientNorm: number;
  gradientTolerance: number;
  stepTolerance: number;
  fTolerance: number;
  maxIterations: number;
  iterations: number;
}

type Entry = { status: Status; message: (s: StopFacts) => string };

const g = (v: number) => v.toExponential(2);
// Tolerances are nearly always the defaults: remember the last one formatted (toExponential costs
// ~70 ns, and a message is built for every solve).
let lastTol = NaN, lastTolText = '';
const tol = (v: number) => {
  if (v !== lastTol) { lastTolText = v.toExponential(2); lastTol = v; }
  return lastTolText;
};

export const REASONS = {
  gradient: {
    status: 'converged',
    message: (s) => `‖∇f‖∞ = ${g(s.gradientNorm)} ≤ gradientTolerance ${tol(s.gradientTolerance)} at a minimum (no direction of negative curvature found)`,
  },
  step: { status: 'converged', message: (s) => `the step ‖Δx‖∞ fell to stepTolerance ${tol(s.stepTolerance)} (relative to max(1, ‖x‖∞))` },
  fChange: { status: 'converged', message: (s) => `the decrease of f fell to fTolerance ${tol(s.fTolerance)} (relative to max(1, |f|))` },
  simplex: {
    status: 'converged',
    message: (s) => `the simplex shrank below stepTolerance ${tol(s.stepTolerance)} in x and fTolerance ${tol(s.fTolerance)} in f`,
  },
  exact: { status: 'converged', message: () => 'solved Hx = −g exactly (Cholesky): the unique minimum of the quadratic' },
  maxIterations: { status: 'max-iterations', message: (s) => `stopped after maxIterations = ${s.maxIterations} iterations with ‖∇f‖∞ = ${g(s.gradientNorm)}` },
  lineSearch: {
    status: 'stalled',
    message: (s) => `the line search found no decrease of f along the search direction (‖∇f‖∞ = ${g(s.gradientNorm)}): f is at its precision limit or the gradient is inaccurate`,
  },
  noProgress: { status: 'stalled', message: () => 'the step left x unchanged: no further progress is possible at this step size' },
  vanishing: {
    status: 'vanishing-gradient',
    message: (s) => `‖∇f‖∞ = ${g(s.gradientNorm)} is below gradientTolerance but x is not a minimum: f still curves downward here (a plateau, saddle or slope whose gradient vanishes)`,
  },
  notFinite: { status: 'diverged', message: (s) => `f or x became NaN or infinite at iteration ${s.iterations}` },
  notFiniteStart: { status: 'diverged', message: () => 'f or ∇f is NaN or infinite at the starting point' },
  growing: { status: 'diverged', message: (s) => `f grew above f(x0) for ${GROWTH_ITERATIONS} consecutive iterations (iteration ${s.iterations}): the step size is too large` },
  negativeCurvature: { status: 'diverged', message: () => 'the quadratic has a direction of non-positive curvature (H is not positive definite): f is unbounded below' },
  unbounded: { status: 'diverged', message: () => 'f fell below −1e300: the objective appears unbounded below' },
  callback: { status: 'aborted', message: (s) => `the callback returned false at iteration ${s.iterations}` },
  infeasible: {
    status: 'infeasible',
    message: () => 'the constraints appear infeasible: x is a stationary point of the constraint violation, which stays positive',
  },
  signal: { status: 'aborted', message: (s) => `the AbortSignal was aborted (iteration ${s.iterations})` },
} satisfies Record<string, Entry>;

export type Reason = keyof typeof REASONS;

/** A run is declared diverging after f increased on this many consecutive iterations while above f(x0). */
export const GROWTH_ITERATIONS = 20;
/** Below this, f is treated as unbounded below. */
export const UNBOUNDED_F = -1e300;

export function describeStop(reason: Reason, facts: StopFacts): { status: Status; message: string } {
  const e: Entry = REASONS[reason];
  return { status: e.status, message: e.message(facts) };
}
