// objective({dim, f, gradient?, hessian?}): a user function as an Objective, with finite
// differences standing in for missing derivatives (API.md). Every call of user code is counted,
// so solvers can report honest evaluation counts when the gradient is 2n calls of f.
import { OptimaError } from '../errors.js';
import { type Matrix, type MatrixLike, copyInto, fillWith } from '../linalg/matrix.js';
import { centralGradient, hessianFromGradient, numericalHessian } from './finiteDifferences.js';
import { type Objective, markTrustedClass, plainMatrix } from './types.js';

export interface ObjectiveSpec {
  dim: number;
  f: (x: Float64Array) => number;
  gradient?: (x: Float64Array, out: Float64Array) => void;
  hessian?: (x: Float64Array) => MatrixLike;
}

class UserObjective implements Objective {
  readonly dim: number;
  readonly exactHessian: boolean;
  readonly calls = { f: 0, gradient: 0, hessian: 0 };
  private readonly spec: ObjectiveSpec;
  private readonly countedF: (x: Float64Array) => number;

  /** The copies user code receives (valid during the call; never a solver's buffer). */
  private readonly fArg: Float64Array;
  private readonly gArg: Float64Array;

  constructor(spec: ObjectiveSpec) {
    this.dim = spec.dim;
    this.spec = spec;
    this.exactHessian = spec.hessian !== undefined;
    this.fArg = new Float64Array(spec.dim);
    this.gArg = new Float64Array(spec.dim);
    this.countedF = (x) => this.callF(x);
  }

  // Errors are built out of line (below): a template literal is a lot of bytecode, and V8 inlines
  // a call only while the caller's total inlined bytecode stays under a budget (920 in Node 20).
  private check(x: Float64Array): void {
    if (!(x instanceof Float64Array) || x.length !== this.dim) throw badPoint(x, this.dim);
  }

  /** The user's f on a copy of x, counted (methods, not a closure: the hot paths inline them). */
  private callF(x: Float64Array): number {
    this.calls.f++;
    const a = this.fArg;
    copyInto(a, x);
    return this.spec.f(a);
  }

  private callGradient(user: (x: Float64Array, out: Float64Array) => void, x: Float64Array, g: Float64Array): void {
    this.calls.gradient++;
    fillWith(g, NaN); // an entry the user forgets to write stays NaN and is caught, never silently stale
    const a = this.gArg;
    copyInto(a, x);
    user(a, g);
  }

  value(x: Float64Array): number {
    this.check(x);
    return checkNumber(this.callF(x));
  }

  gradient(x: Float64Array, out?: Float64Array): Float64Array {
    this.check(x);
    const g = out ?? new Float64Array(this.dim);
    if (g.length !== this.dim) throw badOut(g, this.dim);
    const user = this.spec.gradient;
    if (!user) return centralGradient(this.countedF, x, g, true);
    this.callGradient(user, x, g);
    return g;
  }

  /**
   * f(x) and ∇f(x) into out in one call: the solvers' line searches want both at every trial point,
   * and one dispatch with one check of x is measurably cheaper than value() then gradient().
   * The same user calls, in the same order, with the same copies as the two separate calls.
   */
  valueAndGradient(x: Float64Array, out: Float64Array): number {
    this.check(x);
    if (out.length !== this.dim) throw badOut(out, this.dim);
    const user = this.spec.gradient;
    if (!user) return this.differencedValueAndGradient(x, out);
    // Both copies and the NaN fill in one pass before f runs (f sees only its own copy, so this is
    // unobservable): x is read once, and the gradient's inputs are ready when f returns.
    const n = this.dim, fArg = this.fArg, gArg = this.gArg, calls = this.calls;
    if (n > 32) { fArg.set(x); gArg.set(x); out.fill(NaN); } else {
      for (let i = 0; i < n; i++) { const xi = x[i]!; fArg[i] = xi; gArg[i] = xi; out[i] = NaN; }
    }
    calls.f++;
    const v = checkNumber(this.spec.f(fArg));
    calls.gradient++;
    user(gArg, out);
    return v;
  }

  private differencedValueAndGradient(x: Float64Array, out: Float64Array): number {
    const v = checkNumber(this.callF(x));
    centralGradient(this.countedF, x, out, true);
    return v;
  }

  hessian(x: Float64Array): Matrix {
    this.check(x);
    const n = this.dim;
    const user = this.spec.hessian;
    if (user) {
      this.calls.hessian++;
      return toPlainMatrix(user(x.slice()), n);
    }
    if (this.spec.gradient) {
      const grad = this.spec.gradient;
      return hessianFromGradient((y, out) => {
        this.calls.gradient++;
        out.fill(NaN);
        grad(y, out);
      }, x);
    }
    return numericalHessian(this.countedF, x);
  }
}
markTrustedClass(UserObjective);

function checkNumber(v: unknown): number {
  if (typeof v !== 'number') throw notANumber(v);
  return v;
}

export function notANumber(v: unknown): OptimaError {
  return new OptimaError('INVALID_OBJECTIVE', `f must return a number; got ${typeof v}`);
}

function badPoint(x: unknown, dim: number): OptimaError {
  return new OptimaError('DIMENSION_MISMATCH', `x has length ${(x as { length?: number })?.length}; the objective has dim ${dim}`);
}

function badOut(out: Float64Array, dim: number): OptimaError {
  return new OptimaError('DIMENSION_MISMATCH', `out has length ${out.length}; expected ${dim}`);
}

function toPlainMatrix(m: MatrixLike, n: number): Matrix {
  if (Array.isArray(m)) {
    if (m.length !== n || m.some((r) => !r || (r as ArrayLike<number>).length !== n)) {
      throw new OptimaError('INVALID_OBJECTIVE', `hessian must return an ${n}×${n} matrix`);
    }
    const data = new Float64Array(n * n);
    m.forEach((r, i) => data.set(r as ArrayLike<number>, i * n));
    return plainMatrix(n, n, data);
  }
  const mm = m as Partial<Matrix>;
  if (!mm || mm.rows !== n || mm.cols !== n || !mm.data || mm.data.length !== n * n) {
    throw new OptimaError('INVALID_OBJECTIVE', `hessian must return an ${n}×${n} matrix`);
  }
  return plainMatrix(n, n, Float64Array.from(mm.data));
}

/**
 * objective({ dim, f, gradient?, hessian? }) (API.md). Missing derivatives:
 * - gradient: central differences, hᵢ = ε^(1/3)·max(1, |xᵢ|) (2n calls of f);
 * - Hessian: central differences of the gradient (2n gradient calls), symmetrized; with no
 *   gradient either, second differences of f with hᵢ = ε^(1/4)·max(1, |xᵢ|).
 * User functions always get a copy of x. f must return a number (else INVALID_OBJECTIVE).
 */
export function objective(spec: ObjectiveSpec): Objective {
  if (spec === null || typeof spec !== 'object') throw new OptimaError('INVALID_OBJECTIVE', 'objective: expected { dim, f, gradient?, hessian? }');
  const { dim, f, gradient, hessian } = spec;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1) {
    throw new OptimaError('INVALID_OBJECTIVE', `objective: dim must be a positive integer; got ${String(dim)}`);
  }
  if (typeof f !== 'function') throw new OptimaError('INVALID_OBJECTIVE', 'objective: f must be a function');
  if (gradient !== undefined && typeof gradient !== 'function') throw new OptimaError('INVALID_OBJECTIVE', 'objective: gradient must be a function');
  if (hessian !== undefined && typeof hessian !== 'function') throw new OptimaError('INVALID_OBJECTIVE', 'objective: hessian must be a function');
  return new UserObjective({ dim, f, gradient, hessian });
}
