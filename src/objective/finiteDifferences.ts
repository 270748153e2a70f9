// Finite-difference derivatives and a gradient checker (scipy.optimize.approx_fprime /
// check_grad, with Nocedal & Wright §8.1 step choices). User functions always receive a fresh
// copy of the point, so a function that writes to its argument cannot corrupt the differences.
import { OptimaError } from '../errors.js';
import { type Matrix, allFinite } from '../linalg/matrix.js';
import { type Objective, plainMatrix } from './types.js';

const EPS = Number.EPSILON;
/** ε^(1/3): balances O(h²) truncation against O(ε/h) rounding in a central first difference. */
export const STEP_FIRST = Math.cbrt(EPS);
/** ε^(1/4): the same balance for a second difference, O(h²) against O(ε/h²). */
export const STEP_SECOND = Math.pow(EPS, 0.25);

/** Copies VectorLike input into a new Float64Array, checking finiteness. */
export function toPoint(x: unknown, name: string, dim?: number): Float64Array {
  if (!(x instanceof Float64Array) && !Array.isArray(x)) {
    throw new OptimaError('DIMENSION_MISMATCH', `${name} must be a Float64Array or number[]; got ${x === null ? 'null' : typeof x}`);
  }
  if (dim !== undefined && x.length !== dim) {
    throw new OptimaError('DIMENSION_MISMATCH', `${name} has length ${x.length}; expected ${dim}`);
  }
  // A copy by a loop, not Float64Array.from (a builtin that walks the iterator protocol: ~50 ns
  // more for a 2-D start). Only numbers pass: null, '1' or true would convert silently.
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v: unknown = x[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new OptimaError('NOT_FINITE', `${name}[${i}] must be a finite number; got ${String(v)}`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Calls f on a copy of x and insists on a number back. A difference step that left the finite
 * range (x near ±1.8e308) has no finite f: NaN, and f is not called.
 */
export function callF(f: (x: Float64Array) => number, x: Float64Array, copy = true): number {
  if (!allFinite(x)) return NaN;
  const v = f(copy ? x.slice() : x);
  if (typeof v !== 'number') throw new OptimaError('INVALID_OBJECTIVE', `f must return a number; got ${typeof v}`);
  return v;
}

/** A step h with x + h exactly representable, so the divisor is the step really taken. */
function exactStep(xi: number, rel: number): number {
  const h = rel * Math.max(1, Math.abs(xi));
  return (xi + h) - xi;
}

/**
 * Central differences ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / 2hᵢ with hᵢ = ε^(1/3)·max(1, |xᵢ|):
 * error O(ε^(2/3)) relative to the scale of f. 2n calls of f.
 */
export function centralGradient(
  f: (x: Float64Array) => number, x: Float64Array, out: Float64Array = new Float64Array(x.length), fCopiesX = false,
): Float64Array {
  const w = x.slice();
  const copy = !fCopiesX;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const h = exactStep(xi, STEP_FIRST);
    w[i] = xi + h;
    const fp = callF(f, w, copy);
    w[i] = xi - h;
    const fm = callF(f, w, copy);
    w[i] = xi;
    out[i] = (fp - fm) / (2 * h);
  }
  return out;
}

/** numericalGradient(f, x) (API.md): central differences, see centralGradient. */
export function numericalGradient(f: (x: Float64Array) => number, x: Float64Array | readonly number[]): Float64Array {
  if (typeof f !== 'function') throw new OptimaError('INVALID_OBJECTIVE', 'numericalGradient: f must be a function');
  return centralGradient(f, toPoint(x, 'x'));
}

/**
 * numericalHessian(f, x) (API.md): second differences with hᵢ = ε^(1/4)·max(1, |xᵢ|),
 *   Hᵢᵢ ≈ (f(x+hᵢeᵢ) − 2f(x) + f(x−hᵢeᵢ)) / hᵢ²,
 *   Hᵢⱼ ≈ (f(x+hᵢeᵢ+hⱼeⱼ) − f(x+hᵢeᵢ−hⱼeⱼ) − f(x−hᵢeᵢ+hⱼeⱼ) + f(x−hᵢeᵢ−hⱼeⱼ)) / 4hᵢhⱼ,
 * symmetric by construction. 2n² + 1 calls of f; error O(√ε) relative to the scale of f.
 */
export function numericalHessian(f: (x: Float64Array) => number, x: Float64Array | readonly number[]): Matrix {
  if (typeof f !== 'function') throw new OptimaError('INVALID_OBJECTIVE', 'numericalHessian: f must be a function');
  const p = toPoint(x, 'x');
  const n = p.length;
  const H = new Float64Array(n * n);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) h[i] = exactStep(p[i]!, STEP_SECOND);
  const f0 = callF(f, p);
  const w = p.slice();
  for (let i = 0; i < n; i++) {
    const hi = h[i]!;
    w[i] = p[i]! + hi;
    const fp = callF(f, w);
    w[i] = p[i]! - hi;
    const fm = callF(f, w);
    w[i] = p[i]!;
    H[i * n + i] = (fp - 2 * f0 + fm) / (hi * hi);
    for (let j = i + 1; j < n; j++) {
      const hj = h[j]!;
      let s = 0;
      for (const [si, sj, sign] of [[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]] as const) {
        w[i] = p[i]! + si * hi;
        w[j] = p[j]! + sj * hj;
        s += sign * callF(f, w);
      }
      w[i] = p[i]!;
      w[j] = p[j]!;
      const v = s / (4 * hi * hj);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return plainMatrix(n, n, H);
}

/** Hessian from central differences of an analytic gradient (step ε^(1/3)), then symmetrized. */
export function hessianFromGradient(
  grad: (x: Float64Array, out: Float64Array) => void,
  x: Float64Array,
): Matrix {
  const n = x.length;
  const H = new Float64Array(n * n);
  const gp = new Float64Array(n), gm = new Float64Array(n);
  const w = x.slice();
  for (let j = 0; j < n; j++) {
    const xj = x[j]!;
    const h = exactStep(xj, STEP_FIRST);
    w[j] = xj + h;
    if (allFinite(w)) grad(w.slice(), gp); else gp.fill(NaN);
    w[j] = xj - h;
    if (allFinite(w)) grad(w.slice(), gm); else gm.fill(NaN);
    w[j] = xj;
    for (let i = 0; i < n; i++) H[i * n + j] = (gp[i]! - gm[i]!) / (2 * h);
  }
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (H[i * n + j]! + H[j * n + i]!);
      H[i * n + j] = m;
      H[j * n + i] = m;
    }
  return plainMatrix(n, n, H);
}

/** A gradient component counts as wrong when it differs from central differences by more than this, relatively. */
export const GRADIENT_CHECK_TOLERANCE = 1e-6;

/**
 * checkGradient(f, x) (API.md): compares f.gradient(x) with central differences of f.value.
 * maxRelError = maxᵢ |gᵢ − dᵢ| / max(1, |gᵢ|, |dᵢ|), where dᵢ is the difference quotient;
 * ok when it is ≤ 1e-6 — central differences are accurate to ~ε^(2/3) ≈ 4e-11 of f's scale,
 * so a correct gradient passes with a wide margin and a wrong component fails.
 * (Like scipy.optimize.check_grad, but per component and scaled.)
 */
export function checkGradient(f: Objective, x: Float64Array | readonly number[]): { maxAbsError: number; maxRelError: number; ok: boolean } {
  if (f === null || typeof f !== 'object' || typeof f.value !== 'function' || typeof f.gradient !== 'function') {
    throw new OptimaError('INVALID_OBJECTIVE', 'checkGradient: f must be an Objective (use objective({ dim, f, gradient }))');
  }
  const p = toPoint(x, 'x', f.dim);
  const g = f.gradient(p.slice());
  if (!(g instanceof Float64Array) || g.length !== p.length) {
    throw new OptimaError('INVALID_OBJECTIVE', `checkGradient: gradient must return a Float64Array of length ${p.length}`);
  }
  const d = centralGradient((y) => f.value(y), p);
  let maxAbsError = 0, maxRelError = 0;
  for (let i = 0; i < p.length; i++) {
    const e = Math.abs(g[i]! - d[i]!);
    const r = e / Math.max(1, Math.abs(g[i]!), Math.abs(d[i]!));
    // NaN-propagating maxima: a NaN anywhere makes the check fail, never pass.
    maxAbsError = e > maxAbsError || e !== e ? e : maxAbsError;
    maxRelError = r > maxRelError || r !== r ? r : maxRelError;
    if (maxRelError !== maxRelError) break;
  }
  return { maxAbsError, maxRelError, ok: maxRelError <= GRADIENT_CHECK_TOLERANCE };
}
