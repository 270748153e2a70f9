// Dense factorizations and triangular solves, row-major, in place. Every inner loop is a
// contiguous dot or axpy, so the SIMD kernels of blas.ts do the flops.
import { ld, st, ldv, stv, ldi, sti } from './memory';
import { dot, axpy } from './blas';

// @ts-ignore: decorator
@inline function row(a: usize, n: i32, i: i32): usize { return a + ((<usize>i * <usize>n) << 3); }

/**
 * Cholesky A = L·Lᵀ in the lower triangle (dot-product / Crout form: row i of L needs rows 0..i-1).
 * Returns 0 on success, or k+1 when the k-th pivot is ≤ `tol` (or NaN): A is not numerically
 * positive definite. The strict upper triangle is left as it was.
 */
export function cholesky(a: usize, n: i32, tol: f64): i32 {
  for (let i = 0; i < n; i++) {
    const ri = row(a, n, i);
    for (let j = 0; j < i; j++) {
      const rj = row(a, n, j);
      st(ri, j, (ld(ri, j) - dot(ri, rj, j)) / ld(rj, j));
    }
    const s = ld(ri, i) - dot(ri, ri, i);
    if (!(s > tol)) return i + 1;
    st(ri, i, Math.sqrt(s));
  }
  return 0;
}

/** Solves L·Lᵀ·x = b in place in b, L from cholesky(). */
export function choleskySolve(a: usize, n: i32, b: usize): void {
  for (let i = 0; i < n; i++) {
    const ri = row(a, n, i);
    st(b, i, (ld(b, i) - dot(ri, b, i)) / ld(ri, i));
  }
  // Lᵀ·x = y by columns of Lᵀ = rows of L: x_i is final once the rows below have been applied.
  for (let i = n - 1; i >= 0; i--) {
    const ri = row(a, n, i);
    const xi = ld(b, i) / ld(ri, i);
    st(b, i, xi);
    axpy(i, -xi, ri, b);
  }
}

/** Swaps rows i and k of A (n columns). */
function swapRows(a: usize, n: i32, i: i32, k: i32): void {
  const ri = row(a, n, i), rk = row(a, n, k);
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 2 <= n; j += 2) { const t = ldv(ri, j); stv(ri, j, ldv(rk, j)); stv(rk, j, t); }
  }
  for (; j < n; j++) { const t = ld(ri, j); st(ri, j, ld(rk, j)); st(rk, j, t); }
}

/**
 * LU with partial pivoting, P·A = L·U, L unit lower and U upper stored in A; `piv` (i32[n])
 * records the row swapped into place at each step. Returns 0, or k+1 when the k-th pivot has
 * magnitude ≤ `tol` (numerically singular) or is NaN. Elimination continues past a NaN-free
 * tiny pivot only if the caller asks for it (tol < 0).
 */
export function lu(a: usize, n: i32, piv: usize, tol: f64): i32 {
  for (let k = 0; k < n; k++) {
    let p = k;
    let best: f64 = -1;
    for (let i = k; i < n; i++) {
      const v = abs(ld(row(a, n, i), k));
      if (v != v) { p = i; best = v; break; } // NaN: take it so it surfaces
      if (v > best) { best = v; p = i; }
    }
    sti(piv, k, p);
    if (!(best > tol)) return k + 1;
    if (p != k) swapRows(a, n, p, k);
    const rk = row(a, n, k);
    const inv = 1.0 / ld(rk, k);
    const tail = n - k - 1;
    const tailOff = <usize>(k + 1) << 3;
    for (let i = k + 1; i < n; i++) {
      const ri = row(a, n, i);
      const l = ld(ri, k) * inv;
      st(ri, k, l);
      if (l != 0) axpy(tail, -l, rk + tailOff, ri + tailOff);
    }
  }
  return 0;
}

/** Solves A·x = b in place in b from lu()'s factors and pivots. */
export function luSolve(a: usize, n: i32, piv: usize, b: usize): void {
  for (let k = 0; k < n; k++) {
    const p = ldi(piv, k);
    if (p != k) { const t = ld(b, k); st(b, k, ld(b, p)); st(b, p, t); }
  }
  for (let i = 1; i < n; i++) st(b, i, ld(b, i) - dot(row(a, n, i), b, i));
  for (let i = n - 1; i >= 0; i--) {
    const ri = row(a, n, i);
    const off = <usize>(i + 1) << 3;
    st(b, i, (ld(b, i) - dot(ri + off, b + off, n - i - 1)) / ld(ri, i));
  }
}

/** max |A[i][j] − A[j][i]| over the strict upper triangle, NaN-propagating. */
export function asymmetry(a: usize, n: i32): f64 {
  let m: f64 = 0;
  for (let i = 0; i < n; i++) {
    const ri = row(a, n, i);
    for (let j = i + 1; j < n; j++) m = max(m, abs(ld(ri, j) - ld(row(a, n, j), i)));
  }
  return m;
}
