// penalized(problem, r) and lagrangian(problem, α): Objectives built from a Problem (API.md).
import { OptimaError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { Composite, lagrangeTerms, penaltyTerms, type Terms } from './composite.js';
import { Evaluator } from './evaluator.js';
import { isProblem } from './is-problem.js';
import type { ObjectiveShape, Problem } from './types.js';

function requireProblem(p: unknown, fn: string): Problem {
  if (!isProblem(p)) throw new OptimaError('INVALID_OPTION', `${fn}: problem must be made by problem(); got ${p === null ? 'null' : typeof p}`);
  return p;
}

/** Copies a caller's point into a Float64Array of length n, checking its length. */
function point(x: unknown, n: number, scratch: Float64Array): Float64Array {
  if (!(x instanceof Float64Array) && !Array.isArray(x)) {
    throw new OptimaError('DIMENSION_MISMATCH', `x must be a Float64Array or number[]; got ${x === null ? 'null' : typeof x}`);
  }
  if (x.length !== n) throw new OptimaError('DIMENSION_MISMATCH', `x has length ${x.length}; expected ${n}`);
  for (let i = 0; i < n; i++) scratch[i] = x[i] as number;
  return scratch;
}

/** An Objective view of φ = f + Σψᵢ(cᵢ). */
function asObjective(p: Problem, terms: Terms): ObjectiveShape & { readonly calls: Evaluator['counts'] } {
  const ev = new Evaluator(p);
  const phi = new Composite(ev, terms);
  const n = p.dim;
  const xs = new Float64Array(n);
  return {
    dim: n,
    calls: ev.counts,
    value: (x: Float64Array) => phi.value(point(x, n, xs)),
    gradient: (x: Float64Array, out?: Float64Array) => {
      if (out !== undefined && (!(out instanceof Float64Array) || out.length !== n)) {
        throw new OptimaError('DIMENSION_MISMATCH', `out must be a Float64Array of length ${n}`);
      }
      return phi.gradient(point(x, n, xs), out ?? new Float64Array(n));
    },
    hessian: (x: Float64Array): Matrix => phi.hessian(point(x, n, xs)),
  };
}

/**
 * The quadratic penalty function  P_r(x) = f(x) + r Σᵢ max(0, gᵢ(x))² + r Σⱼ hⱼ(x)²
 * (gᵢ the 'ineq' constraints, hⱼ the 'eq' ones) as an Objective. Its gradient is exact given
 * exact constraint gradients; its Hessian is ∇²f + 2r Σ_active (∇c∇cᵀ + c∇²c), the ∇²c by finite
 * differences. Bounds are not part of P_r (the solvers project onto them).
 * Reference: Nocedal & Wright, Numerical Optimization (2006), §17.1.
 */
export function penalized(problem: Problem, r: number): ObjectiveShape {
  const p = requireProblem(problem, 'penalized');
  if (typeof r !== 'number' || !(r >= 0) || !Number.isFinite(r)) {
    throw new OptimaError('INVALID_OPTION', `penalized: r must be a finite number ≥ 0; got ${String(r)}`);
  }
  return asObjective(p, penaltyTerms(p.constraints.map((c) => c.type === 'eq'), r));
}

/**
 * The Lagrangian  L(x, α) = f(x) + Σᵢ αᵢ cᵢ(x)  for fixed multipliers α (one per constraint, in
 * the order given to problem()). Inequality multipliers must be ≥ 0 (dual feasibility).
 */
export function lagrangian(problem: Problem, multipliers: Float64Array | readonly number[]): ObjectiveShape {
  const p = requireProblem(problem, 'lagrangian');
  const m = p.constraints.length;
  if (!(multipliers instanceof Float64Array) && !Array.isArray(multipliers)) {
    throw new OptimaError('DIMENSION_MISMATCH', `multipliers must be a Float64Array or number[]; got ${typeof multipliers}`);
  }
  if (multipliers.length !== m) {
    throw new OptimaError('DIMENSION_MISMATCH', `multipliers has length ${multipliers.length}; the problem has ${m} constraints`);
  }
  const alpha = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const a = multipliers[i] as unknown;
    if (typeof a !== 'number' || !Number.isFinite(a)) {
      throw new OptimaError('NOT_FINITE', `multipliers[${i}] must be a finite number; got ${String(a)}`);
    }
    if (p.constraints[i]!.type === 'ineq' && a < 0) {
      throw new OptimaError('INVALID_OPTION', `multipliers[${i}] = ${a} is negative but constraints[${i}] is an inequality (α ≥ 0 required)`);
    }
    alpha[i] = a;
  }
  return asObjective(p, lagrangeTerms(alpha));
}
