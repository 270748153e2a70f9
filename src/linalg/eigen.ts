// Symmetric eigen-solvers: validation, scaling and workspace in TypeScript; every flop in the
// kernels of assembly/eigen.ts (closed form for 2×2; for n ≥ 3 Householder tridiagonalization,
// then root-free QL for values (LAPACK dsterf), and for vectors implicit QL with Wilkinson shifts
// (dsteqr) on small n or divide and conquer with a blocked back-transformation (dstedc + dormtr,
// as dsyevd) from n = 20 (32 on the scalar builds), where it measured faster).
import { OptimaError } from '../errors.js';
import { heap, rt, scratch } from '../runtime/runtime.js';
import { resultF64 } from '../runtime/workArrays.js';
import { type Matrix, type MatrixLike, type VectorLike, SLOT, deliver, locateOut, requireFinite, stageMatrix, stageVector, vectorLength } from './matrix.js';

const EPS = Number.EPSILON;

/**
 * Two entries A[i][j], A[j][i] count as equal when |aᵢⱼ − aⱼᵢ| ≤ SYMMETRY_TOLERANCE·max|A|
 * (100·ε: a matrix assembled from symmetric formulas, e.g. a finite-difference Hessian that was
 * symmetrized, passes; anything visibly asymmetric is rejected). Only the upper triangle is used.
 */
export const SYMMETRY_TOLERANCE = 100 * EPS;

/** QL rotations recorded before they are applied to the vectors (×n): each batch streams Zᵀ once. */
const ROTATIONS_PER_ROW = 8;

/** QL sweeps allowed in total: 30 per eigenvalue, as LAPACK dsteqr. */
const SWEEPS_PER_EIGENVALUE = 30;

export interface EigSymResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** With `{ vectors: true }`: column j is the unit eigenvector of values[j]. */
  vectors?: Matrix;
}

export interface EigSymOptions {
  /** Also compute the eigenvectors (default false). */
  vectors?: boolean;
  /** Cap on QL sweeps in total (default 30·n, as LAPACK dsteqr; divide and conquer's leaves share it); past it, NOT_CONVERGED. */
  maxSweeps?: number;
}

function parseOptions(options: unknown, n: number): { vectors: boolean; maxSweeps: number } {
  if (options === undefined) return { vectors: false, maxSweeps: SWEEPS_PER_EIGENVALUE * n };
  if (options === null || typeof options !== 'object') {
    throw new OptimaError('INVALID_OPTION', `eigSym: options must be an object; got ${options === null ? 'null' : typeof options}`);
  }
  const { vectors, maxSweeps } = options as { vectors?: unknown; maxSweeps?: unknown };
  if (vectors !== undefined && typeof vectors !== 'boolean') {
    throw new OptimaError('INVALID_OPTION', `eigSym: options.vectors must be a boolean; got ${typeof vectors} ${String(vectors)}`);
  }
  if (maxSweeps !== undefined && !(typeof maxSweeps === 'number' && Number.isInteger(maxSweeps) && maxSweeps >= 0 && maxSweeps <= 0x7fffffff)) {
    throw new OptimaError('INVALID_OPTION', `eigSym: options.maxSweeps must be a non-negative integer; got ${String(maxSweeps)}`);
  }
  return { vectors: vectors === true, maxSweeps: maxSweeps ?? SWEEPS_PER_EIGENVALUE * n };
}

function notSymmetric(ptr: number, n: number, tol: number): never {
  const h = heap();
  const base = ptr >>> 3;
  let worst = -1, wi = 0, wj = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.abs(h[base + i * n + j]! - h[base + j * n + i]!);
      if (d > worst) { worst = d; wi = i; wj = j; }
    }
  }
  throw new OptimaError(
    'NOT_SYMMETRIC',
    `A must be symmetric: A[${wi}][${wj}] = ${h[base + wi * n + wj]} but A[${wj}][${wi}] = ${h[base + wj * n + wi]} ` +
      `(|difference| ${worst.toExponential(3)} > 100·ε·max|A| = ${tol.toExponential(3)})`,
  );
}

/** x·2^e for an integer e in [−1100, 1100], without the intermediate power overflowing. */
function ldexp(x: number, e: number): number {
  if (e > 1000) return x * 2 ** 600 * 2 ** (e - 600);
  if (e < -1000) return x * 2 ** -600 * 2 ** (e + 600);
  return x * 2 ** e;
}

function unscale(values: Float64Array, e: number): Float64Array {
  if (e !== 0) for (let i = 0; i < values.length; i++) values[i] = ldexp(values[i]!, e);
  return values;
}

function identity(n: number): Matrix {
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return { rows: n, cols: n, data };
}

/**
 * Eigenvalues (ascending) and, with `{ vectors: true }`, orthonormal eigenvectors of a symmetric
 * matrix: A = V·diag(values)·Vᵀ. n = 2 uses the closed form of LAPACK dlaev2; n ≥ 3 reduces A to
 * tridiagonal form with Householder reflections (dsytrd) and then finds the values by root-free
 * QL (dsterf) or, with vectors, by implicit QL with Wilkinson shifts (dsteqr; Golub & Van Loan,
 * Matrix Computations, §8.3) for small n and Cuppen's divide and conquer with Gu–Eisenstat
 * vectors (dstedc, as LAPACK dsyevd) from n = 20, after scaling A by a power of
 * two so that max|aᵢⱼ| ≈ 1 (no overflow or underflow for entries anywhere in the f64 range).
 * Accuracy is LAPACK's: ‖AV − VΛ‖ and ‖VᵀV − I‖ are small multiples of n·ε·‖A‖ and n·ε.
 *
 * `vectors` is a plain row-major `{ rows, cols, data }` (data a fresh Float64Array, nothing to
 * dispose; for n ≥ 3 it shares one ArrayBuffer with `values`, so allocation is paid once); column
 * j belongs to values[j]. Pass it to `matrix(v.data, n, n)` to make it resident. Small results
 * (9 to 128 doubles: with vectors 3 ≤ n ≤ 10, values only 9 ≤ n ≤ 128) are views into a shared
 * 8 KiB pool, as Node's Buffer pools small buffers, so `.buffer` holds other results too:
 * `.slice()` before transferring it to a worker.
 *
 * Throws DIMENSION_MISMATCH (not square), NOT_FINITE (naming the entry), NOT_SYMMETRIC (naming
 * the worst pair; tolerance SYMMETRY_TOLERANCE·max|A|), INVALID_OPTION, and NOT_CONVERGED if the
 * QL iteration needs more than `maxSweeps` (default 30·n) sweeps in total (divide and conquer's QL
 * leaves share that budget; its secular-equation roots are capped at 40 iterations each): a guard
 * against hangs, not seen in practice. For n ≤ 2 (closed form) there is no iteration and maxSweeps is ignored.
 *
 * @example eigSym([[2, 0], [0, -2]]).values // Float64Array [-2, 2]
 */
export function eigSym(A: MatrixLike, options?: EigSymOptions): EigSymResult {
  const staged = stageMatrix(A, 'A', SLOT.EIG);
  const n = staged.rows;
  if (staged.cols !== n) throw new OptimaError('DIMENSION_MISMATCH', `A must be square; got ${staged.rows}×${staged.cols}`);
  const { vectors, maxSweeps } = parseOptions(options, n);
  const k = rt.k;
  const nn = n * n;
  // Checks read the input where it is; the private copy (a copied-in argument already is one:
  // scratch slot EIG) is made below together with the scaling, in one pass.
  const src = staged.ptr;
  const amax = k.amaxAsymmetry(src, n);
  if (!Number.isFinite(amax)) requireFinite(src, nn, 'A', n);
  const tol = SYMMETRY_TOLERANCE * amax;
  if (n > 1 && !(k.lastAsymmetry() <= tol)) notSymmetric(src, n, tol);
  if (n === 0) return vectors ? { values: new Float64Array(0), vectors: identity(0) } : { values: new Float64Array(0) };
  if (amax === 0) return vectors ? { values: new Float64Array(n), vectors: identity(n) } : { values: new Float64Array(n) };
  if (n === 1) {
    const values = Float64Array.of(heap()[src >>> 3]!);
    return vectors ? { values, vectors: identity(1) } : { values };
  }
  if (n === 2) {
    const out = scratch(SLOT.EIG + 2, 6);
    const h = heap(), s = src >>> 3; // scratch() may have grown memory: a fresh view
    k.eig2x2(h[s]!, h[s + 1]!, h[s + 3]!, out);
    const r = heap(), o = out >>> 3;
    // arrays this small live on the JS heap: far cheaper than slices of a shared buffer
    const values = Float64Array.of(r[o]!, r[o + 1]!);
    if (!vectors) return { values };
    return { values, vectors: { rows: 2, cols: 2, data: Float64Array.of(r[o + 2]!, r[o + 3]!, r[o + 4]!, r[o + 5]!) } };
  }
  // Scale by 2^−e (exact) so that max|aᵢⱼ| ∈ [1, 2); eigenvalues are scaled back by 2^e.
  const w = scratch(SLOT.EIG, nn);
  const e = Math.floor(Math.log2(amax));
  if (e > 1000 || e < -1000) {
    k.copyScaled(nn, ldexp(1, -Math.sign(e) * 600), src, w);
    k.scal(nn, ldexp(1, -(e - Math.sign(e) * 600)), w);
  } else if (e !== 0 || src !== w) {
    k.copyScaled(nn, 2 ** -e, src, w);
  }
  // d, e, work (3n), then room for ROTATIONS_PER_ROW·n recorded QL rotations (3 doubles each)
  const rotCap = ROTATIONS_PER_ROW * n;
  // and, for divide and conquer (vectors, larger n), its workspace
  const dcSize = k.eigDivideWork(n, vectors ? 1 : 0);
  const small = scratch(SLOT.EIG + 2, 5 * n + (vectors ? 3 * rotCap : 0) + dcSize);
  const z = vectors ? scratch(SLOT.EIG + 1, nn) : 0;
  const d = small, off = small + 8 * n, work = small + 16 * n, rot = small + 40 * n;
  const dc = rot + 24 * rotCap;
  const info = k.eigSymmetric(w, n, d, off, work, z, vectors ? 1 : 0, maxSweeps, rot, rotCap, dc);
  if (info < 0) {
    throw new OptimaError('NOT_CONVERGED', 'eigSym: a root of the secular equation (divide and conquer) did not converge within its iteration cap');
  }
  if (info !== 0) {
    throw new OptimaError('NOT_CONVERGED', `eigSym: the QL iteration did not converge within ${maxSweeps} sweeps (eigenvalue ${info - 1})`);
  }
  const h = heap();
  if (!vectors) {
    const values = resultF64(n);
    values.set(h.subarray(d >>> 3, (d >>> 3) + n));
    return { values: unscale(values, e) };
  }
  // one allocation for both results (allocating a typed array is what small calls cost), pooled when small
  const both = resultF64(n + nn);
  both.set(h.subarray(d >>> 3, (d >>> 3) + n));
  both.set(h.subarray(w >>> 3, (w >>> 3) + nn), n);
  return { values: unscale(both.subarray(0, n), e), vectors: { rows: n, cols: n, data: both.subarray(n) } };
}

/** The byte offset of a Float64Array that views linear memory now, else −1. */
function viewPtr(x: unknown): number {
  return x instanceof Float64Array && x.buffer === rt.k.memory.buffer ? x.byteOffset : -1;
}

function checkOut(x: unknown, n: number, name: string): Float64Array {
  if (!(x instanceof Float64Array)) throw new OptimaError('DIMENSION_MISMATCH', `${name} must be a Float64Array`);
  if (x.length !== n) throw new OptimaError('DIMENSION_MISMATCH', `${name} has length ${x.length}; expected ${n}`);
  return x;
}

/**
 * The result array for n doubles the kernel wrote at ptr: `out` itself when written in place (or a
 * fresh view of the same memory if the call grew memory and so detached `out`), else a copy.
 */
function result(ptr: number, n: number, out: Float64Array | undefined, inPlace: boolean): Float64Array {
  if (inPlace) return out!.buffer === rt.k.memory.buffer ? out! : new Float64Array(rt.k.memory.buffer, ptr, n);
  return deliver(ptr, n, locateOut(out, 'out'));
}

/**
 * Eigenvalues lo[i] ≤ hi[i] of [[a[i] b[i]],[b[i] c[i]]] for every i, in the closed form of LAPACK
 * dlae2 (no cancellation for close eigenvalues or tiny b; entries anywhere in the f64 range;
 * b = 0 gives the diagonal exactly), two problems per SIMD instruction. a, b, c may be
 * Float64Array, number[], resident Vectors or `vector(n).data` views; `out.lo` / `out.hi` that are
 * `vector(n).data` views are written in place (no copy at all; if copying a plain argument in grew
 * memory, the returned lo/hi are fresh views of the same vectors) and may alias a, b or c index
 * for index. Lengths must match (DIMENSION_MISMATCH); NaN/±∞ input throws NOT_FINITE naming the
 * entry. A finite input whose eigenvalue overflows gives ±Infinity.
 *
 * @example eigSym2x2Batch([2], [0], [-2]) // { lo: [-2], hi: [2] }
 */
export function eigSym2x2Batch(a: VectorLike, b: VectorLike, c: VectorLike, out?: { lo: Float64Array; hi: Float64Array }): { lo: Float64Array; hi: Float64Array } {
  const n = vectorLength(a, 'a');
  for (const [x, name] of [[b, 'b'], [c, 'c']] as const) {
    const m = vectorLength(x, name);
    if (m !== n) throw new OptimaError('DIMENSION_MISMATCH', `${name} has length ${m}; expected ${n}`);
  }
  if (out !== undefined && (out === null || typeof out !== 'object')) {
    throw new OptimaError('DIMENSION_MISMATCH', `out must be { lo: Float64Array, hi: Float64Array }; got ${out === null ? 'null' : typeof out}`);
  }
  const lo = out && checkOut(out.lo, n, 'out.lo'), hi = out && checkOut(out.hi, n, 'out.hi');
  // Views of linear memory are located before anything allocates: growth detaches them.
  const [va, vb, vc, vlo, vhi] = [a, b, c, lo, hi].map(viewPtr) as [number, number, number, number, number];
  // Slot EIG+2 holds c and both outputs (3n): reserved first, so staging c reuses its start.
  const base = scratch(SLOT.EIG + 2, 3 * n);
  const pa = va >= 0 ? va : stageVector(a, 'a', SLOT.EIG, n);
  const pb = vb >= 0 ? vb : stageVector(b, 'b', SLOT.EIG + 1, n);
  const pc = vc >= 0 ? vc : stageVector(c, 'c', SLOT.EIG + 2, n);
  const plo = vlo >= 0 ? vlo : base + 8 * n;
  const phi = vhi >= 0 ? vhi : base + 16 * n;
  if (rt.k.eig2x2Batch(pa, pb, pc, plo, phi, n) !== 0) {
    // some input is NaN or ±∞ (resident input is not scanned on the way in): name it
    requireFinite(pa, n, 'a');
    requireFinite(pb, n, 'b');
    requireFinite(pc, n, 'c');
  }
  return { lo: result(plo, n, lo, vlo >= 0), hi: result(phi, n, hi, vhi >= 0) };
}
