// Shapes shared by the constrained-optimization modules. Objectives are the shared Objective
// (src/objective/types.ts): any object with dim, value, gradient and hessian is accepted.
import type { Objective } from '../objective/types.js';
import type { Status } from '../solvers/status.js';

/** f: ℝⁿ → ℝ with gradient and Hessian: the shared Objective of API.md. */
export type ObjectiveShape = Objective;

/** One constraint as the user writes it: 'ineq' means fn(x) ≤ 0, 'eq' means fn(x) = 0. */
export interface ConstraintSpec {
  type: 'ineq' | 'eq';
  fn: (x: Float64Array) => number;
  gradient?: (x: Float64Array, out: Float64Array) => void;
}

/** A validated constraint: `gradient` is the user's, or undefined when finite differences stand in. */
export interface Constraint {
  readonly type: 'ineq' | 'eq';
  readonly fn: (x: Float64Array) => number;
  readonly gradient: ((x: Float64Array, out: Float64Array) => void) | undefined;
}

/**
 * min f(x) subject to cᵢ(x) ≤ 0 ('ineq'), cⱼ(x) = 0 ('eq') and lower ≤ x ≤ upper.
 * Built by `problem()`, which validates everything; ±Infinity in a bound means no bound.
 */
export interface Problem {
  readonly kind: 'problem';
  readonly objective: ObjectiveShape;
  readonly dim: number;
  readonly constraints: readonly Constraint[];
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** True when some coordinate has a finite lower or upper bound. */
  readonly bounded: boolean;
}

/** The statuses a constrained solve can end with: the shared table (which has 'infeasible' for this module). */
export type ConstrainedStatus = Status;

/** Karush–Kuhn–Tucker residuals at the returned point (all ∞-norms). */
export interface KktResiduals {
  /** ‖∇f + Σαᵢ∇cᵢ − z_lower + z_upper‖∞, bound multipliers z ≥ 0 included. */
  stationarity: number;
  /** max(maxᵢ max(0, gᵢ), maxⱼ |hⱼ|, bound violation). */
  primalFeasibility: number;
  /** max(|αᵢ gᵢ|, z_lower·(x − l), z_upper·(u − x)). */
  complementarity: number;
  /** max(0, −min αᵢ) over inequality multipliers (bound multipliers are ≥ 0 by construction). */
  dualFeasibility: number;
}

export interface IterationState {
  iteration: number;
  x: Float64Array;
  fx: number;
  gradientNorm: number;
}

export interface ConstrainedOptions {
  method?: 'penalty' | 'augmented-lagrangian' | 'lbfgs' | 'projected-gradient';
  maxIterations?: number;
  /** Inner-solve tolerance on the projected gradient: penalty and bounds-only solves (default 1e-8); the
   *  augmented Lagrangian's final inner tolerance when given (default 0.1·optimalityTolerance·max(1, ‖∇f‖∞)). */
  gradientTolerance?: number;
  callback?: (state: IterationState) => boolean | void;
  signal?: AbortSignal;
  history?: boolean;
  /** Inner (bound-constrained) solver: 'lbfgs' (default, projected L-BFGS) or 'projected-gradient'. */
  innerMethod?: 'lbfgs' | 'projected-gradient';
  /** Outer iterations (penalty updates / multiplier updates); default 12 (penalty), 50 (augmented Lagrangian). */
  maxOuterIterations?: number;
  /** r₀ (penalty) or ρ₀ (augmented Lagrangian); default 1 and 10. */
  initialPenalty?: number;
  /** Factor r or ρ grows by; default 10. */
  penaltyGrowth?: number;
  /** Cap on r or ρ; default 1e10 (penalty) and 1e8 (augmented Lagrangian). */
  maxPenalty?: number;
  /** Primal feasibility tolerance; default 1e-6. */
  constraintTolerance?: number;
  /** Stationarity / complementarity tolerance (relative to max(1, ‖∇f‖∞)); default 1e-6. */
  optimalityTolerance?: number;
  /** Penalty method: stop when ‖Δx‖∞ ≤ this·max(1, ‖x‖∞) (with feasibility); default 1e-6. */
  stepTolerance?: number;
  /** Starting multipliers for the augmented Lagrangian (one per constraint); default 0. */
  multipliers?: Float64Array | readonly number[];
  /** L-BFGS memory; default 10. */
  memory?: number;
}

export interface OuterRecord {
  penalty: number;
  x: Float64Array;
  fx: number;
  constraintViolation: number;
  innerIterations: number;
}

export interface ConstrainedResult {
  x: Float64Array;
  fx: number;
  gradientNorm: number;
  iterations: number;
  evaluations: { f: number; gradient: number; hessian: number; constraints: number; constraintGradients: number };
  converged: boolean;
  status: ConstrainedStatus;
  message: string;
  history?: { x: Float64Array[]; fx: number[]; gradientNorm: number[] };
  multipliers?: Float64Array;
  constraintViolation?: number;
  /** KKT residuals at x with `multipliers` (and the bound multipliers below). */
  kkt?: KktResiduals;
  boundMultipliers?: { lower: Float64Array; upper: Float64Array };
  outerIterations?: number;
  /** One record per outer iteration: the penalty used and where its inner solve ended. */
  outerHistory?: OuterRecord[];
}

// minimize() takes these options and returns these fields for a Problem: declared onto the shared
// MinimizeOptions / MinimizeResult so typed callers can pass and read them.
declare module '../solvers/options.js' {
  interface MinimizeOptions {
    /** Problem only: inner bound-constrained solver, 'lbfgs' (default) or 'projected-gradient'. */
    innerMethod?: 'lbfgs' | 'projected-gradient';
    /** Problem only: outer iterations; default 12 (penalty), 50 (augmented Lagrangian). */
    maxOuterIterations?: number;
    /** Problem only: r₀ (penalty, default 1) or ρ₀ (augmented Lagrangian, default 10). */
    initialPenalty?: number;
    /** Problem only: factor r or ρ grows by (default 10). */
    penaltyGrowth?: number;
    /** Problem only: cap on r or ρ (default 1e10 penalty, 1e8 augmented Lagrangian). */
    maxPenalty?: number;
    /** Problem only: primal feasibility tolerance (default 1e-6). */
    constraintTolerance?: number;
    /** Problem only: KKT stationarity/complementarity tolerance relative to max(1, ‖∇f‖∞) (default 1e-6). */
    optimalityTolerance?: number;
    /** Problem only (augmented Lagrangian): starting multipliers, one per constraint (default 0). */
    multipliers?: Float64Array | readonly number[];
  }
}
declare module '../solvers/driver.js' {
  interface MinimizeResult {
    /** Problem only: KKT residuals at x. */
    kkt?: KktResiduals;
    /** Problem only: multipliers of the active bounds (z ≥ 0). */
    boundMultipliers?: { lower: Float64Array; upper: Float64Array };
    /** Problem only: number of outer iterations and where each ended. */
    outerIterations?: number;
    outerHistory?: OuterRecord[];
  }
}
