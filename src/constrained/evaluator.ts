// Counted access to a Problem's functions. Every call hands user code a private copy of x (so a
// callee that writes into x cannot corrupt solver state) and checks that scalars come back as numbers.
import { OptimaError } from '../errors.js';
import { centralGradient } from './fd.js';
import type { Problem } from './types.js';

export interface Counts {
  f: number;
  gradient: number;
  hessian: number;
  constraints: number;
  constraintGradients: number;
}

export class Evaluator {
  readonly counts: Counts = { f: 0, gradient: 0, hessian: 0, constraints: 0, constraintGradients: 0 };
  readonly n: number;
  readonly m: number;
  private readonly xc: Float64Array;
  /** The objective's own call counters at the start, when it keeps them (finite-difference objectives). */
  private readonly base: { f: number; gradient: number; hessian: number } | undefined;

  constructor(readonly problem: Problem) {
    this.n = problem.dim;
    this.m = problem.constraints.length;
    this.xc = new Float64Array(this.n);
    const c = problem.objective.calls;
    this.base = c ? { f: c.f, gradient: c.gradient, hessian: c.hessian } : undefined;
  }

  /**
   * Evaluations for the result: calls of user code when the objective counts them itself (one
   * finite-difference gradient is then 2n calls of f, as the unconstrained solvers report), else
   * interface calls; plus constraint calls (finite differences included) and analytic constraint gradients.
   */
  evaluations(): Counts {
    const c = this.problem.objective.calls;
    const own = this.counts;
    if (!c || !this.base) return { ...own };
    return { ...own, f: c.f - this.base.f, gradient: c.gradient - this.base.gradient, hessian: c.hessian - this.base.hessian };
  }

  private copy(x: Float64Array): Float64Array {
    this.xc.set(x);
    return this.xc;
  }

  value(x: Float64Array): number {
    this.counts.f++;
    const v = this.problem.objective.value(this.copy(x));
    if (typeof v !== 'number') throw new OptimaError('INVALID_OBJECTIVE', `objective.value returned ${typeof v}; expected a number`);
    return v;
  }

  gradient(x: Float64Array, out: Float64Array): Float64Array {
    this.counts.gradient++;
    const g = this.problem.objective.gradient(this.copy(x), out);
    if (g !== out) {
      if (!(g instanceof Float64Array) || g.length !== this.n) {
        throw new OptimaError('INVALID_OBJECTIVE', `objective.gradient must return a Float64Array of length ${this.n}`);
      }
      out.set(g);
    }
    return out;
  }

  constraint(i: number, x: Float64Array): number {
    this.counts.constraints++;
    const v = this.problem.constraints[i]!.fn(this.copy(x));
    if (typeof v !== 'number') throw new OptimaError('INVALID_OBJECTIVE', `constraints[${i}].fn returned ${typeof v}; expected a number`);
    return v;
  }

  /** All constraint values into out (length m). */
  constraints(x: Float64Array, out: Float64Array): Float64Array {
    for (let i = 0; i < this.m; i++) out[i] = this.constraint(i, x);
    return out;
  }

  /** ∇cᵢ(x) into out: the user's gradient, else central differences (2n calls of cᵢ). */
  constraintGradient(i: number, x: Float64Array, out: Float64Array): Float64Array {
    const c = this.problem.constraints[i]!;
    if (c.gradient) {
      this.counts.constraintGradients++;
      out.fill(0);
      c.gradient(this.copy(x), out);
      return out;
    }
    const xs = Float64Array.from(x);
    return centralGradient((z) => this.constraint(i, z), xs, out);
  }
}

/** Largest violation: max(maxᵢ max(0, gᵢ), maxⱼ |hⱼ|); NaN if any value is NaN. */
export function violation(problem: Problem, c: Float64Array): number {
  let v = 0;
  for (let i = 0; i < c.length; i++) {
    const ci = c[i]!;
    if (ci !== ci) return NaN;
    const vi = problem.constraints[i]!.type === 'eq' ? Math.abs(ci) : Math.max(0, ci);
    if (vi > v) v = vi;
  }
  return v;
}
