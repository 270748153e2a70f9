// The driver's one wrapper around the user's objective (argmin Problem<O>, Optim OnceDifferentiable,
// scipy _wrap_scalar_function): counts calls, hands user code a copy of x (never a solver
// buffer), insists on a number from f and a gradient of the right length.
import { OptimaError } from '../errors.js';
import { allFinite, fillWith } from '../linalg/matrix.js';
import { type Objective, isTrusted } from '../objective/types.js';
import { notANumber } from '../objective/objective.js';

// NaN for rarely-run branches as a module constant (why: see lineSearch.ts).
const NAN = NaN;

export interface Evaluations {
  f: number;
  gradient: number;
  hessian: number;
}

export class Counted {
  readonly n: number;
  readonly objective: Objective;
  private readonly copy: boolean;
  private readonly base: Evaluations | undefined;
  // Interface calls, counted in plain fields (an object's fields cost an extra load per count).
  private nf = 0;
  private ng = 0;
  private nh = 0;

  constructor(objective: Objective) {
    this.objective = objective;
    this.n = objective.dim;
    this.copy = !isTrusted(objective); // optima's own objectives never write to x
    const c = objective.calls;
    this.base = c ? { f: c.f, gradient: c.gradient, hessian: c.hessian } : undefined;
  }

  private arg(x: Float64Array): Float64Array {
    return this.copy ? x.slice() : x; // a foreign Objective gets a fresh copy every call
  }

  private checkValue(v: unknown): number {
    if (typeof v !== 'number') throw notANumber(v);
    return v;
  }

  private checkGradient(r: unknown, g: Float64Array): void {
    if (r === g) return;
    const a = r as ArrayLike<number> | undefined;
    if (!a || typeof a.length !== 'number' || a.length !== this.n) {
      throw new OptimaError('INVALID_OBJECTIVE', `gradient must have length ${this.n}; got ${a && typeof a.length === 'number' ? a.length : typeof r}`);
    }
    for (let i = 0; i < this.n; i++) g[i] = a[i]!;
  }

  // A trial point can overflow (x + αd with a huge α): f there is NaN to the solver, which then
  // backtracks or reports 'diverged', and user code never sees a non-finite x (a quadratic
  // objective would rightly refuse it with NOT_FINITE; found by fuzzing).
  value(x: Float64Array): number {
    return allFinite(x) ? this.callValue(x) : NAN;
  }

  gradient(x: Float64Array, g: Float64Array): void {
    if (allFinite(x)) this.callGradient(x, g);
    else fillWith(g, NaN);
  }

  /** f(x), with ∇f(x) written to g; one pass when the objective offers it. */
  valueAndGradient(x: Float64Array, g: Float64Array): number {
    if (!allFinite(x)) { fillWith(g, NaN); return NAN; }
    const o = this.objective;
    if (o.valueAndGradient) {
      this.nf++;
      this.ng++;
      return this.checkValue(o.valueAndGradient(this.copy ? x.slice() : x, g));
    }
    const v = this.callValue(x);
    this.callGradient(x, g);
    return v;
  }

  /** The user's f at a finite x, counted and checked. */
  private callValue(x: Float64Array): number {
    this.nf++;
    return this.checkValue(this.objective.value(this.arg(x)));
  }

  private callGradient(x: Float64Array, g: Float64Array): void {
    this.ng++;
    this.checkGradient(this.objective.gradient(this.arg(x), g), g);
  }

  /** ∇²f(x) as row-major data (a fresh array the caller may overwrite). */
  hessian(x: Float64Array): Float64Array {
    if (!allFinite(x)) return new Float64Array(this.n * this.n).fill(NaN);
    this.nh++;
    const H = this.objective.hessian(this.arg(x));
    const n = this.n;
    if (!H || H.rows !== n || H.cols !== n || !H.data || H.data.length !== n * n) {
      throw new OptimaError('INVALID_OBJECTIVE', `hessian must be ${n}×${n}`);
    }
    return Float64Array.from(H.data);
  }

  /** Calls of user code when the objective counts them itself (finite differences), else interface calls. */
  evaluations(): Evaluations {
    const c = this.objective.calls;
    if (c && this.base) return { f: c.f - this.base.f, gradient: c.gradient - this.base.gradient, hessian: c.hessian - this.base.hessian };
    return { f: this.nf, gradient: this.ng, hessian: this.nh };
  }
}

/** ‖v‖∞ that propagates NaN (Math.max does; a plain `if (a > m)` would skip it and report convergence). */
export function normInf(v: Float64Array): number {
  let m = 0;
  for (let i = 0, n = v.length; i < n; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

