// Householder reduction of a symmetric matrix to tridiagonal form, T = QᵀAQ, and the accumulation
// of Qᵀ (LAPACK dsytd2 with uplo = 'L' and dorg2l, or EISPACK tred2). The matrix is row-major and
// only its upper triangle is read or written: row k right of the diagonal is column k below it,
// so every inner loop (the symmetric matrix-vector product and the rank-2 update) runs over
// contiguous memory with f64x2.
import { ld, st, ldv, stv, hsum } from './memory';
import { dot, axpy, nrm2 } from './blas';

// @ts-ignore: decorator
@inline function at(a: usize, n: i32, i: i32, j: i32): usize { return a + ((<usize>i * <usize>n + <usize>j) << 3); }

/** √(x² + y²) without overflow or harmful underflow; the fast branch is the common one. */
// @ts-ignore: decorator
@inline export function hyp(x: f64, y: f64): f64 {
  const t = x * x + y * y;
  if (t > 1e-290 && t < 1e290) return Math.sqrt(t);
  const m = max(abs(x), abs(y));
  if (m == 0 || !isFinite(m)) return m;
  const u = x / m, v = y / m;
  return m * Math.sqrt(u * u + v * v);
}

/**
 * p ← B·v for the symmetric m×m block B at `b` (leading dimension lda), upper triangle only.
 * Row i is read once: its dot with v gives p[i] the upper part, and its axpy into p[i+1..] the
 * mirrored lower part.
 */
function symvUpper(b: usize, lda: i32, m: i32, v: usize, p: usize): void {
  for (let i = 0; i < m; i++) st(p, i, 0);
  for (let i = 0; i < m; i++) {
    const row = b + ((<usize>i * <usize>lda) << 3);
    const vi = ld(v, i);
    let s = ld(row, i) * vi;
    let j = i + 1;
    if (ASC_FEATURE_SIMD) {
      const vvi = f64x2.splat(vi);
      let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
      for (; j + 4 <= m; j += 4) {
        const a0 = ldv(row, j), a1 = ldv(row, j + 2);
        s0 = f64x2.add(s0, f64x2.mul(a0, ldv(v, j)));
        s1 = f64x2.add(s1, f64x2.mul(a1, ldv(v, j + 2)));
        stv(p, j, f64x2.add(ldv(p, j), f64x2.mul(a0, vvi)));
        stv(p, j + 2, f64x2.add(ldv(p, j + 2), f64x2.mul(a1, vvi)));
      }
      for (; j + 2 <= m; j += 2) {
        const a0 = ldv(row, j);
        s0 = f64x2.add(s0, f64x2.mul(a0, ldv(v, j)));
        stv(p, j, f64x2.add(ldv(p, j), f64x2.mul(a0, vvi)));
      }
      s += hsum(f64x2.add(s0, s1));
    }
    for (; j < m; j++) {
      const aij = ld(row, j);
      s += aij * ld(v, j);
      st(p, j, ld(p, j) + aij * vi);
    }
    st(p, i, ld(p, i) + s);
  }
}

/** B ← B − v·wᵀ − w·vᵀ on the upper triangle of the m×m block at `b` (leading dimension lda). */
function syr2Upper(b: usize, lda: i32, m: i32, v: usize, w: usize): void {
  for (let i = 0; i < m; i++) {
    const row = b + ((<usize>i * <usize>lda) << 3);
    const vi = -ld(v, i), wi = -ld(w, i);
    let j = i;
    if (ASC_FEATURE_SIMD) {
      const vvi = f64x2.splat(vi), vwi = f64x2.splat(wi);
      for (; j + 4 <= m; j += 4) {
        stv(row, j, f64x2.add(ldv(row, j), f64x2.add(f64x2.mul(vvi, ldv(w, j)), f64x2.mul(vwi, ldv(v, j)))));
        stv(row, j + 2, f64x2.add(ldv(row, j + 2), f64x2.add(f64x2.mul(vvi, ldv(w, j + 2)), f64x2.mul(vwi, ldv(v, j + 2)))));
      }
      for (; j + 2 <= m; j += 2) {
        stv(row, j, f64x2.add(ldv(row, j), f64x2.add(f64x2.mul(vvi, ldv(w, j)), f64x2.mul(vwi, ldv(v, j)))));
      }
    }
    for (; j < m; j++) st(row, j, ld(row, j) + (vi * ld(w, j) + wi * ld(v, j)));
  }
}

/**
 * Reduces the symmetric n×n matrix at `a` (upper triangle, destroyed) to T with diagonal d[0..n)
 * and off-diagonal e[0..n−1) (e[k] couples k and k+1; e[n−1] = 0). Step k reflects row k right of
 * the diagonal, x, onto β·e₁ with H = I − τ·v·vᵀ (dlarfg: β = −sign(x₀)‖x‖, v₀ = 1), stores v in
 * place of x and τ in tau[k], then updates the trailing block B ← H·B·H as
 * p = τ·B·v, w = p − ½τ(pᵀv)·v, B ← B − v·wᵀ − w·vᵀ (Golub & Van Loan §8.3.1). `p` holds n doubles.
 * The caller scales A so that max|aᵢⱼ| ≈ 1: then no norm below overflows.
 */
export function tridiagonalize(a: usize, n: i32, d: usize, e: usize, tau: usize, p: usize): void {
  for (let k = 0; k < n - 2; k++) {
    const m = n - k - 1;
    const x = at(a, n, k, k + 1);
    st(d, k, ld(at(a, n, k, k), 0));
    const alpha = ld(x, 0);
    const sigma = nrm2(x + 8, m - 1);
    let t: f64 = 0;
    if (sigma == 0) {
      st(e, k, alpha); // already reduced: H = I
    } else {
      let beta = hyp(alpha, sigma);
      if (alpha >= 0) beta = -beta;
      t = (beta - alpha) / beta;
      const denom = alpha - beta; // |denom| ≥ |β| > 0, same sign as α
      if (abs(denom) > 1e-290) {
        const r = 1 / denom;
        for (let i = 1; i < m; i++) st(x, i, ld(x, i) * r);
      } else {
        for (let i = 1; i < m; i++) st(x, i, ld(x, i) / denom);
      }
      st(x, 0, 1);
      st(e, k, beta);
      const blk = at(a, n, k + 1, k + 1);
      symvUpper(blk, n, m, x, p);
      for (let i = 0; i < m; i++) st(p, i, t * ld(p, i));
      axpy(m, -0.5 * t * dot(p, x, m), x, p);
      syr2Upper(blk, n, m, x, p);
    }
    st(tau, k, t);
  }
  if (n >= 2) {
    st(d, n - 2, ld(at(a, n, n - 2, n - 2), 0));
    st(e, n - 2, ld(at(a, n, n - 2, n - 1), 0));
    st(tau, n - 2, 0);
  }
  if (n >= 1) {
    st(d, n - 1, ld(at(a, n, n - 1, n - 1), 0));
    st(e, n - 1, 0);
    st(tau, n - 1, 0);
  }
}

/**
 * z ← Qᵀ = H_{n−3}···H₀ from the reflectors left in `a` by tridiagonalize(). Built backwards,
 * P ← P·H_k for k = n−3 … 0, so P is the identity outside its trailing (n−k−1)² block and each
 * step costs O((n−k)²) (dorg2l). Row i of that block needs only its own yᵢ = rowᵢ·v, so it is
 * updated while still in cache: rowᵢ ← rowᵢ − τ·yᵢ·vᵀ.
 */
export function formQt(a: usize, n: i32, tau: usize, z: usize): void {
  memory.fill(z, 0, (<usize>n * <usize>n) << 3);
  for (let i = 0; i < n; i++) st(at(z, n, i, i), 0, 1);
  for (let k = n - 3; k >= 0; k--) {
    const t = ld(tau, k);
    if (t == 0) continue;
    const m = n - k - 1;
    const v = at(a, n, k, k + 1);
    for (let i = 0; i < m; i++) {
      const row = at(z, n, k + 1 + i, k + 1);
      axpy(m, -t * dot(row, v, m), v, row);
    }
  }
}
