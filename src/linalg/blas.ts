// dot, matvec and solve: validation and staging in TypeScript, all arithmetic in the kernels.
import { OptimaError } from '../errors.js';
import { memoryBuffer, rt, scratch } from '../runtime/runtime.js';
import {
  type MatrixLike, type VectorLike, SLOT, Vector, WasmMatrix, deliver, locateOut, outPtr, requireFinite, stageMatrix, stageVector, vectorLength,
} from './matrix.js';

const EPS = Number.EPSILON;

/** A resident handle's owner (undefined for plain arrays): a cheap brand check, no instanceof. */
type Owned = { readonly r?: unknown };

/** aᵀb. Lengths must match. A NaN or ±Infinity entry throws NOT_FINITE naming it. */
export function dot(a: VectorLike, b: VectorLike): number {
  // Fast path: two live Vectors of the current instance need no staging and no scan.
  if ((a as Owned).r === rt && (b as Owned).r === rt) {
    const va = a as Vector, vb = b as Vector;
    const n = va.length;
    if (n >= 0 && n === vb.length && va.ptr !== 0 && vb.ptr !== 0) {
      const s = rt.k.dot(va.ptr, vb.ptr, n);
      if (s - s === 0) return s;
    }
  }
  const n = vectorLength(a, 'a');
  const pa = stageVector(a, 'a', SLOT.X);
  const pb = stageVector(b, 'b', SLOT.Y, n);
  const s = rt.k.dot(pa, pb, n);
  // A finite sum proves finite inputs (NaN and ±Inf always reach it); otherwise find the culprit.
  if (s - s !== 0) {
    requireFinite(pa, n, 'a');
    requireFinite(pb, n, 'b');
  }
  return s;
}

function overlaps(p: number, n: number, q: number, m: number): boolean {
  return p < q + m * 8 && q < p + n * 8;
}

/**
 * A·x for A (m×n) and x (n): into `out` (length m) if given, else a new Float64Array. `out` may
 * be a Float64Array or a resident Vector (then its live `data` view is returned).
 */
export function matvec(A: MatrixLike, x: VectorLike, out?: Float64Array | Vector): Float64Array {
  // Fast path (per-call cost matters at n = 16): resident A and x, and `out` a resident Vector or
  // a view of linear memory, all in the current instance and not aliased: one kernel call, no
  // staging, no copy. Brand checks on `.r` and no `.buffer` getter for a Vector out keep it lean.
  const r = rt;
  if (out !== undefined && (A as Owned).r === r && (x as Owned).r === r) {
    const M = A as WasmMatrix, v = x as Vector;
    const m = M.rows, n = M.cols, pa = M.ptr, px = v.ptr;
    if (pa !== 0 && px !== 0 && m > 0 && v.length === n && out.length === m) {
      const handle = (out as Owned).r === r;
      const py = handle ? (out as Vector).ptr : (out as Float64Array).buffer === memoryBuffer() ? (out as Float64Array).byteOffset : 0;
      if (py !== 0 && !overlaps(py, m, px, n) && !overlaps(py, m, pa, m * n)) {
        if (r.k.matvecChecked(m, n, pa, px, py) !== 0) {
          requireFinite(pa, m * n, 'A', n);
          requireFinite(px, n, 'x');
        }
        return handle ? (out as Vector).data : (out as Float64Array);
      }
    }
  }
  return matvecStaged(A, x, out instanceof Vector ? out.data : out);
}

/** matvec for any accepted input: stage (copy if needed), compute, check, deliver. */
function matvecStaged(A: MatrixLike, x: VectorLike, out?: Float64Array): Float64Array {
  const target = locateOut(out, 'out');
  const a = stageMatrix(A, 'A', SLOT.A);
  const px = stageVector(x, 'x', SLOT.X, a.cols);
  let py = outPtr(target, a.rows, SLOT.Y);
  // Writing y while reading A or x would corrupt the product: compute aside, then copy.
  const aliased = overlaps(py, a.rows, px, a.cols) || overlaps(py, a.rows, a.ptr, a.rows * a.cols);
  if (aliased) py = scratch(SLOT.Y, a.rows);
  rt.k.gemv(a.rows, a.cols, 1, a.ptr, px, 0, py);
  // Every entry of A and x reaches some y_i (NaN·0 and Inf·0 are NaN), so a finite y proves them finite.
  if (a.rows === 0 ? rt.k.firstNonFinite(px, a.cols) >= 0 : rt.k.firstNonFinite(py, a.rows) >= 0) {
    requireFinite(a.ptr, a.rows * a.cols, 'A', a.cols);
    requireFinite(px, a.cols, 'x');
  }
  return deliver(py, a.rows, target);
}

/**
 * Solves A·x = b. Symmetric A with a positive diagonal is tried with Cholesky first; anything
 * else, or a Cholesky breakdown, uses LU with partial pivoting. A pivot of magnitude
 * ≤ n·ε·max|Aᵢⱼ| means A is numerically singular: SINGULAR.
 */
export function solve(A: MatrixLike, b: VectorLike): Float64Array {
  const a = stageMatrix(A, 'A', SLOT.A);
  if (a.rows !== a.cols) throw new OptimaError('DIMENSION_MISMATCH', `A must be square; got ${a.rows}×${a.cols}`);
  const n = a.rows;
  const pb = stageVector(b, 'b', SLOT.X, n);
  const k = rt.k;
  // amax propagates NaN and ∞ (wasm f64.max), so a finite norm proves A finite: one pass, not two.
  const norm = k.amax(a.ptr, n * n);
  if (!Number.isFinite(norm)) requireFinite(a.ptr, n * n, 'A', n);
  requireFinite(pb, n, 'b');
  const work = scratch(SLOT.W, n * n);
  const piv = scratch(SLOT.PIV, (n >> 1) + 1);
  const x = scratch(SLOT.Y, n);
  const tol = n * EPS * norm;
  k.copy(work, a.ptr, n * n);
  k.copy(x, pb, n);
  if (n > 0 && norm === 0) throw new OptimaError('SINGULAR', `A is singular: every entry is zero`);
  let ok = false;
  if (k.asymmetry(a.ptr, n) === 0 && k.cholesky(work, n, tol) === 0) {
    k.choleskySolve(work, n, x);
    ok = true;
  }
  if (!ok) {
    k.copy(work, a.ptr, n * n);
    const fail = k.lu(work, n, piv, tol);
    if (fail !== 0) {
      throw new OptimaError('SINGULAR', `A is singular to working precision: pivot ${fail - 1} is below n·ε·‖A‖ = ${tol.toExponential(3)}`);
    }
    k.luSolve(work, n, piv, x);
  }
  return deliver(x, n, undefined);
}
