// problem(): validates a constrained problem once, so the solvers can trust its shape.
import { OptimaError } from '../errors.js';
import { ensureRegistered } from './register.js';
import type { Constraint, ConstraintSpec, ObjectiveShape, Problem } from './types.js';

export { isProblem } from './is-problem.js';

function describe(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number') return String(v);
  return v === null ? 'null' : typeof v;
}

/** Throws INVALID_OBJECTIVE unless `f` has a positive integer dim and value/gradient/hessian methods. */
export function requireObjective(f: unknown, name = 'objective'): ObjectiveShape {
  if (f === null || typeof f !== 'object') {
    throw new OptimaError('INVALID_OBJECTIVE', `${name} must be an Objective (see objective() / quadratic()); got ${describe(f)}`);
  }
  const o = f as Partial<ObjectiveShape>;
  if (typeof o.dim !== 'number' || !Number.isInteger(o.dim) || o.dim < 1) {
    throw new OptimaError('INVALID_OBJECTIVE', `${name}.dim must be a positive integer; got ${describe(o.dim)}`);
  }
  for (const m of ['value', 'gradient', 'hessian'] as const) {
    if (typeof o[m] !== 'function') throw new OptimaError('INVALID_OBJECTIVE', `${name}.${m} must be a function; got ${describe(o[m])}`);
  }
  return f as ObjectiveShape;
}

function validateConstraint(c: unknown, i: number): Constraint {
  const name = `constraints[${i}]`;
  if (c === null || typeof c !== 'object') {
    throw new OptimaError('INVALID_OPTION', `${name} must be {type, fn, gradient?}; got ${describe(c)}`);
  }
  const s = c as Partial<ConstraintSpec>;
  if (s.type !== 'ineq' && s.type !== 'eq') {
    throw new OptimaError('INVALID_OPTION', `${name}.type must be 'ineq' (fn(x) ≤ 0) or 'eq' (fn(x) = 0); got ${describe(s.type)}`);
  }
  if (typeof s.fn !== 'function') throw new OptimaError('INVALID_OBJECTIVE', `${name}.fn must be a function; got ${describe(s.fn)}`);
  if (s.gradient !== undefined && typeof s.gradient !== 'function') {
    throw new OptimaError('INVALID_OBJECTIVE', `${name}.gradient must be a function when given; got ${describe(s.gradient)}`);
  }
  return Object.freeze({ type: s.type, fn: s.fn, gradient: s.gradient });
}

function readBound(v: unknown, name: string, n: number, fill: number): Float64Array {
  const out = new Float64Array(n).fill(fill);
  if (v === undefined) return out;
  if (!(v instanceof Float64Array) && !Array.isArray(v)) {
    throw new OptimaError('DIMENSION_MISMATCH', `${name} must be a Float64Array or number[]; got ${describe(v)}`);
  }
  if (v.length !== n) throw new OptimaError('DIMENSION_MISMATCH', `${name} has length ${v.length}; expected objective.dim = ${n}`);
  for (let i = 0; i < n; i++) {
    const b = v[i] as unknown;
    if (typeof b !== 'number' || Number.isNaN(b)) {
      throw new OptimaError('NOT_FINITE', `${name}[${i}] must be a number (±Infinity means no bound); got ${describe(b)}`);
    }
    if (b === -fill) {
      throw new OptimaError('INVALID_OPTION', `${name}[${i}] = ${b} admits no x; use ${fill} for "no bound"`);
    }
    out[i] = b;
  }
  return out;
}

/**
 * problem({objective, constraints, bounds}): min f(x) s.t. cᵢ(x) ≤ 0 ('ineq'), cⱼ(x) = 0 ('eq'),
 * lower ≤ x ≤ upper. Constraint gradients are the user's or central finite differences.
 *
 * @example
 * // min x² + y² s.t. x + y ≥ 1, written 1 − x − y ≤ 0:
 * const p = problem({ objective: f, constraints: [{ type: 'ineq', fn: (x) => 1 - x[0] - x[1] }] });
 */
export function problem(spec: {
  objective: ObjectiveShape;
  constraints?: readonly ConstraintSpec[];
  bounds?: { lower?: Float64Array | readonly number[]; upper?: Float64Array | readonly number[] };
}): Problem {
  if (spec === null || typeof spec !== 'object') {
    throw new OptimaError('INVALID_OPTION', `problem expects {objective, constraints?, bounds?}; got ${describe(spec)}`);
  }
  const objective = requireObjective(spec.objective);
  const n = objective.dim;
  const cs = spec.constraints;
  if (cs !== undefined && !Array.isArray(cs)) {
    throw new OptimaError('INVALID_OPTION', `constraints must be an array of {type, fn, gradient?}; got ${describe(cs)}`);
  }
  const constraints = Object.freeze((cs ?? []).map(validateConstraint));
  const b = spec.bounds;
  if (b !== undefined && (b === null || typeof b !== 'object')) {
    throw new OptimaError('INVALID_OPTION', `bounds must be {lower?, upper?}; got ${describe(b)}`);
  }
  const lower = readBound(b?.lower, 'bounds.lower', n, -Infinity);
  const upper = readBound(b?.upper, 'bounds.upper', n, Infinity);
  let bounded = false;
  for (let i = 0; i < n; i++) {
    if (lower[i]! > upper[i]!) {
      throw new OptimaError('INVALID_OPTION', `bounds.lower[${i}] = ${lower[i]} exceeds bounds.upper[${i}] = ${upper[i]}`);
    }
    if (lower[i]! > -Infinity || upper[i]! < Infinity) bounded = true;
  }
  ensureRegistered();
  return Object.freeze({ kind: 'problem', objective, dim: n, constraints, lower, upper, bounded });
}
