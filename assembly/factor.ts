// Dense factorizations and triangular solves, row-major, in place. Every inner loop is a
// contiguous dot or axpy, so the SIMD kernels of blas.ts do the flops.
import { ld, st, ldv, stv, ldi, sti, hsum } from './memory';
import { dot, axpy } from './blas';

// @ts-ignore: decorator
@inline function row(a: usize, n: i32, i: i32): usize { return a + ((<usize>i * <usize>n) << 3); }

// The four dot products of a 2×2 block, left in these globals by dots2x2 (no tuples in AS).
let r00: f64 = 0, r01: f64 = 0, r10: f64 = 0, r11: f64 = 0;

/**
 * r_pq = Σ_{k<len} a_p[k]·b_q[k] for rows a0, a1 and b0, b1: each load feeds two products, so
 * the 2×2 block does twice the flops per byte of a plain dot (register blocking).
 */
function dots2x2(a0: usize, a1: usize, b0: usize, b1: usize, len: i32): void {
  let k = 0;
  let s00: f64 = 0, s01: f64 = 0, s10: f64 = 0, s11: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    // Four accumulators over two column pairs per pass, bumped pointers: eight accumulators
    // (u and v per product) made V8 spill to the stack (see blas gemv).
    let u00 = f64x2.splat(0), u01 = f64x2.splat(0), u10 = f64x2.splat(0), u11 = f64x2.splat(0);
    let pa0 = a0, pa1 = a1, pb0 = b0, pb1 = b1;
    const stop = a0 + (<usize>(len & ~3) << 3);
    while (pa0 < stop) {
      let x0 = v128.load(pa0), x1 = v128.load(pa1), y0 = v128.load(pb0), y1 = v128.load(pb1);
      u00 = f64x2.add(u00, f64x2.mul(x0, y0)); u01 = f64x2.add(u01, f64x2.mul(x0, y1));
      u10 = f64x2.add(u10, f64x2.mul(x1, y0)); u11 = f64x2.add(u11, f64x2.mul(x1, y1));
      x0 = v128.load(pa0, 16); x1 = v128.load(pa1, 16); y0 = v128.load(pb0, 16); y1 = v128.load(pb1, 16);
      u00 = f64x2.add(u00, f64x2.mul(x0, y0)); u01 = f64x2.add(u01, f64x2.mul(x0, y1));
      u10 = f64x2.add(u10, f64x2.mul(x1, y0)); u11 = f64x2.add(u11, f64x2.mul(x1, y1));
      pa0 += 32; pa1 += 32; pb0 += 32; pb1 += 32;
    }
    k = len & ~3;
    if (k + 2 <= len) {
      const x0 = ldv(a0, k), x1 = ldv(a1, k), y0 = ldv(b0, k), y1 = ldv(b1, k);
      u00 = f64x2.add(u00, f64x2.mul(x0, y0)); u01 = f64x2.add(u01, f64x2.mul(x0, y1));
      u10 = f64x2.add(u10, f64x2.mul(x1, y0)); u11 = f64x2.add(u11, f64x2.mul(x1, y1));
      k += 2;
    }
    s00 = hsum(u00); s01 = hsum(u01);
    s10 = hsum(u10); s11 = hsum(u11);
  }
  for (; k < len; k++) {
    const x0 = ld(a0, k), x1 = ld(a1, k), y0 = ld(b0, k), y1 = ld(b1, k);
    s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
  }
  r00 = s00; r01 = s01; r10 = s10; r11 = s11;
}

/**
 * Cholesky A = L·Lᵀ in the lower triangle (dot-product / Crout form: row i of L needs rows
 * 0..i-1), two rows of L at a time against two earlier rows at a time (dots2x2), which halves
 * the loads per flop of the one-dot-at-a-time form. Returns 0 on success, or k+1 when the k-th
 * pivot is ≤ `tol` (or NaN): A is not numerically positive definite. The strict upper triangle
 * is left as it was. (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 4.2.2.)
 */
export function cholesky(a: usize, n: i32, tol: f64): i32 {
  let i = 0;
  for (; i + 2 <= n; i += 2) { // i is even, so the columns before it pair up exactly
    const ri = row(a, n, i), rk = ri + (<usize>n << 3); // rows i and i+1
    let j = 0;
    for (; j + 2 <= i; j += 2) {
      const rj = row(a, n, j), rl = rj + (<usize>n << 3); // rows j and j+1 of L (final)
      dots2x2(ri, rk, rj, rl, j);
      const djj = ld(rj, j);
      const lij = (ld(ri, j) - r00) / djj;
      const lkj = (ld(rk, j) - r10) / djj;
      st(ri, j, lij); st(rk, j, lkj);
      const ljj1 = ld(rl, j), dj1 = ld(rl, j + 1);
      st(ri, j + 1, (ld(ri, j + 1) - r01 - lij * ljj1) / dj1);
      st(rk, j + 1, (ld(rk, j + 1) - r11 - lkj * ljj1) / dj1);
    }
    // the 2×2 diagonal block: L_ii, L_{i+1,i}, L_{i+1,i+1}
    dots2x2(ri, rk, ri, rk, i);
    const si = ld(ri, i) - r00;
    if (!(si > tol)) return i + 1;
    const lii = Math.sqrt(si);
    st(ri, i, lii);
    const lki = (ld(rk, i) - r10) / lii;
    st(rk, i, lki);
    const sk = ld(rk, i + 1) - r11 - lki * lki;
    if (!(sk > tol)) return i + 2;
    st(rk, i + 1, Math.sqrt(sk));
  }
  if (i < n) { // n odd: the last row alone
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

/** The asymmetry found by the last amaxAsymmetry call. */
let lastAsym: f64 = 0;
export function lastAsymmetry(): f64 { return lastAsym; }

/**
 * max |A[i][j]| over all of A (returned; NaN if any entry is, ∞ if any is ±∞) and
 * max |A[i][j] − A[j][i]| over the strict upper triangle (lastAsymmetry(); NaN if some pair
 * involves a NaN or ∞ − ∞) in one walk of the pairs. The SIMD build takes rows i, i+1 together:
 * A[j][i], A[j][i+1] are adjacent, so the column side is one v128 load (the column walk, not
 * arithmetic, is the cost), with pmax plus a NaN mask as in blas amax (f64x2.max costs V8 ~8
 * instructions).
 */
export function amaxAsymmetry(a: usize, n: i32): f64 {
  let m: f64 = 0, big: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    let m0 = f64x2.splat(0), m1 = f64x2.splat(0), b0 = f64x2.splat(0), b1 = f64x2.splat(0);
    let nan = f64x2.splat(0);
    for (; i + 2 <= n; i += 2) {
      const ri = row(a, n, i), rk = row(a, n, i + 1);
      const upper = ld(ri, i + 1), lower = ld(rk, i);
      m = max(m, abs(upper - lower));
      big = max(big, max(max(abs(ld(ri, i)), abs(ld(rk, i + 1))), max(abs(upper), abs(lower))));
      let j = i + 2;
      for (; j + 2 <= n; j += 2) {
        const u = f64x2.replace_lane(f64x2.splat(ld(ri, j)), 1, ld(rk, j));
        const v = f64x2.replace_lane(f64x2.splat(ld(ri, j + 1)), 1, ld(rk, j + 1));
        const cu = ldv(row(a, n, j), i), cv = ldv(row(a, n, j + 1), i);
        const du = f64x2.sub(u, cu), dv = f64x2.sub(v, cv);
        m0 = f64x2.pmax(m0, f64x2.abs(du));
        m1 = f64x2.pmax(m1, f64x2.abs(dv));
        b0 = f64x2.pmax(b0, f64x2.pmax(f64x2.abs(u), f64x2.abs(cu)));
        b1 = f64x2.pmax(b1, f64x2.pmax(f64x2.abs(v), f64x2.abs(cv)));
        nan = v128.or(nan, v128.or(f64x2.ne(du, du), f64x2.ne(dv, dv)));
      }
      if (j < n) {
        const u = f64x2.replace_lane(f64x2.splat(ld(ri, j)), 1, ld(rk, j)), cu = ldv(row(a, n, j), i);
        const du = f64x2.sub(u, cu);
        m0 = f64x2.pmax(m0, f64x2.abs(du));
        b0 = f64x2.pmax(b0, f64x2.pmax(f64x2.abs(u), f64x2.abs(cu)));
        nan = v128.or(nan, f64x2.ne(du, du));
      }
    }
    m0 = f64x2.pmax(m0, m1);
    b0 = f64x2.pmax(b0, b1);
    // a NaN difference means a NaN entry off the diagonal, which pmax may have skipped in b0/b1
    const anyNaN = v128.any_true(nan);
    m = anyNaN ? NaN : max(m, max(f64x2.extract_lane(m0, 0), f64x2.extract_lane(m0, 1)));
    big = anyNaN ? NaN : max(big, max(f64x2.extract_lane(b0, 0), f64x2.extract_lane(b0, 1)));
  }
  for (; i < n; i++) {
    const ri = row(a, n, i);
    big = max(big, abs(ld(ri, i)));
    for (let j = i + 1; j < n; j++) {
      const x = ld(ri, j), y = ld(row(a, n, j), i);
      m = max(m, abs(x - y));
      big = max(big, max(abs(x), abs(y)));
    }
  }
  lastAsym = m;
  return big;
}

/** max |A[i][j] − A[j][i]| over the strict upper triangle, NaN-propagating (amaxAsymmetry's walk). */
export function asymmetry(a: usize, n: i32): f64 {
  amaxAsymmetry(a, n);
  return lastAsym;
}
