// Householder reduction of a symmetric matrix to tridiagonal form, T = QᵀAQ, and the accumulation
// of Qᵀ (LAPACK dsytd2 with uplo = 'L' and dorg2l, or EISPACK tred2). The matrix is row-major and
// only its upper triangle is read or written: row k right of the diagonal is column k below it,
// so every inner loop (the symmetric matrix-vector product and the rank-2 update) runs over
// contiguous memory with f64x2.
import { ld, st, ldv, stv, hsum, at, SAFMIN, TWO_600 } from './memory';
import { dot, axpy, nrm2, scal } from './blas';



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

/**
 * One row of the fused step: r[j] ← r[j] − (vi·w[j] + wi·v[j]) for j < len (the rank-2 update of
 * step k), then, with the updated entries, the next step's symmetric product: returns
 * Σ r[j]·u[j] and does q[j] += r[j]·ui. One pass over the row does the work of two.
 */
// @ts-ignore: decorator
@inline function fusedRow(r: usize, len: i32, vi: f64, wi: f64, v: usize, w: usize, ui: f64, u: usize, q: usize): f64 {
  let j = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const vvi = f64x2.splat(vi), vwi = f64x2.splat(wi), vui = f64x2.splat(ui);
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    // bumped pointers with constant offsets: one addressing mode per access (see blas dot)
    let pr = r, pw = w, pv = v, pu = u, pq = q;
    const stop = r + (<usize>(len & ~3) << 3);
    while (pr < stop) {
      const x0 = f64x2.sub(v128.load(pr), f64x2.add(f64x2.mul(vvi, v128.load(pw)), f64x2.mul(vwi, v128.load(pv))));
      const x1 = f64x2.sub(v128.load(pr, 16), f64x2.add(f64x2.mul(vvi, v128.load(pw, 16)), f64x2.mul(vwi, v128.load(pv, 16))));
      v128.store(pr, x0);
      v128.store(pr, x1, 16);
      s0 = f64x2.add(s0, f64x2.mul(x0, v128.load(pu)));
      s1 = f64x2.add(s1, f64x2.mul(x1, v128.load(pu, 16)));
      v128.store(pq, f64x2.add(v128.load(pq), f64x2.mul(x0, vui)));
      v128.store(pq, f64x2.add(v128.load(pq, 16), f64x2.mul(x1, vui)), 16);
      pr += 32; pw += 32; pv += 32; pu += 32; pq += 32;
    }
    j = len & ~3;
    for (; j + 2 <= len; j += 2) {
      const x0 = f64x2.sub(ldv(r, j), f64x2.add(f64x2.mul(vvi, ldv(w, j)), f64x2.mul(vwi, ldv(v, j))));
      stv(r, j, x0);
      s0 = f64x2.add(s0, f64x2.mul(x0, ldv(u, j)));
      stv(q, j, f64x2.add(ldv(q, j), f64x2.mul(x0, vui)));
    }
    s = hsum(f64x2.add(s0, s1));
  }
  for (; j < len; j++) {
    const x = ld(r, j) - (vi * ld(w, j) + wi * ld(v, j));
    st(r, j, x);
    s += x * ld(u, j);
    st(q, j, ld(q, j) + x * ui);
  }
  return s;
}

/** The second row's sum from fusedRows (AssemblyScript returns one value). */
let sumB: f64 = 0;

/**
 * fusedRow for two rows a and b over the same columns (j < len), sharing the loads of w, v, u and
 * the load/store of q: per row and column that is about half the memory traffic, and half the
 * loop overhead, which dominates at n = 64 where rows are ~20 entries long. q[j] gets row a's term
 * first and then row b's, as two single-row passes would. Returns row a's sum; row b's is in sumB.
 */
// @ts-ignore: decorator
@inline function fusedRows(ra: usize, rb: usize, len: i32, via: f64, wia: f64, uia: f64, vib: f64, wib: f64, uib: f64, v: usize, w: usize, u: usize, q: usize): f64 {
  let j = 0;
  let sa: f64 = 0, sb: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(via), wa = f64x2.splat(wia), ua = f64x2.splat(uia);
    const vb = f64x2.splat(vib), wb = f64x2.splat(wib), ub = f64x2.splat(uib);
    let a0 = f64x2.splat(0), b0 = a0, a1 = a0, b1 = a0;
    let pa = ra, pb = rb, pw = w, pv = v, pu = u, pq = q;
    const stop = ra + (<usize>(len & ~3) << 3);
    while (pa < stop) {
      const w0 = v128.load(pw), v0 = v128.load(pv), u0 = v128.load(pu);
      const w1 = v128.load(pw, 16), v1 = v128.load(pv, 16), u1 = v128.load(pu, 16);
      const xa0 = f64x2.sub(v128.load(pa), f64x2.add(f64x2.mul(va, w0), f64x2.mul(wa, v0)));
      const xb0 = f64x2.sub(v128.load(pb), f64x2.add(f64x2.mul(vb, w0), f64x2.mul(wb, v0)));
      const xa1 = f64x2.sub(v128.load(pa, 16), f64x2.add(f64x2.mul(va, w1), f64x2.mul(wa, v1)));
      const xb1 = f64x2.sub(v128.load(pb, 16), f64x2.add(f64x2.mul(vb, w1), f64x2.mul(wb, v1)));
      v128.store(pa, xa0); v128.store(pa, xa1, 16);
      v128.store(pb, xb0); v128.store(pb, xb1, 16);
      a0 = f64x2.add(a0, f64x2.mul(xa0, u0)); a1 = f64x2.add(a1, f64x2.mul(xa1, u1));
      b0 = f64x2.add(b0, f64x2.mul(xb0, u0)); b1 = f64x2.add(b1, f64x2.mul(xb1, u1));
      v128.store(pq, f64x2.add(f64x2.add(v128.load(pq), f64x2.mul(xa0, ua)), f64x2.mul(xb0, ub)));
      v128.store(pq, f64x2.add(f64x2.add(v128.load(pq, 16), f64x2.mul(xa1, ua)), f64x2.mul(xb1, ub)), 16);
      pa += 32; pb += 32; pw += 32; pv += 32; pu += 32; pq += 32;
    }
    j = len & ~3;
    if (j + 2 <= len) {
      const w0 = ldv(w, j), v0 = ldv(v, j), u0 = ldv(u, j);
      const xa0 = f64x2.sub(ldv(ra, j), f64x2.add(f64x2.mul(va, w0), f64x2.mul(wa, v0)));
      const xb0 = f64x2.sub(ldv(rb, j), f64x2.add(f64x2.mul(vb, w0), f64x2.mul(wb, v0)));
      stv(ra, j, xa0); stv(rb, j, xb0);
      a0 = f64x2.add(a0, f64x2.mul(xa0, u0));
      b0 = f64x2.add(b0, f64x2.mul(xb0, u0));
      stv(q, j, f64x2.add(f64x2.add(ldv(q, j), f64x2.mul(xa0, ua)), f64x2.mul(xb0, ub)));
      j += 2;
    }
    sa = hsum(f64x2.add(a0, a1));
    sb = hsum(f64x2.add(b0, b1));
  }
  for (; j < len; j++) {
    const wj = ld(w, j), vj = ld(v, j), uj = ld(u, j);
    const xa = ld(ra, j) - (via * wj + wia * vj);
    const xb = ld(rb, j) - (vib * wj + wib * vj);
    st(ra, j, xa);
    st(rb, j, xb);
    sa += xa * uj;
    sb += xb * uj;
    st(q, j, ld(q, j) + xa * uia + xb * uib);
  }
  sumB = sb;
  return sa;
}

/** Σ r[j]·u[j], and q[j] += r[j]·ui, for j < len: one row of the symmetric product alone. */
function symvRow(r: usize, len: i32, ui: f64, u: usize, q: usize): f64 {
  let j = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const vui = f64x2.splat(ui);
    let s0 = f64x2.splat(0);
    for (; j + 2 <= len; j += 2) {
      const x0 = ldv(r, j);
      s0 = f64x2.add(s0, f64x2.mul(x0, ldv(u, j)));
      stv(q, j, f64x2.add(ldv(q, j), f64x2.mul(x0, vui)));
    }
    s = hsum(s0);
  }
  for (; j < len; j++) {
    const x = ld(r, j);
    s += x * ld(u, j);
    st(q, j, ld(q, j) + x * ui);
  }
  return s;
}

/** r[j] ← r[j] − (vi·w[j] + wi·v[j]) for j < len: one row of the rank-2 update alone. */
function updateRow(r: usize, len: i32, vi: f64, wi: f64, v: usize, w: usize): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const vvi = f64x2.splat(vi), vwi = f64x2.splat(wi);
    for (; j + 2 <= len; j += 2) {
      stv(r, j, f64x2.sub(ldv(r, j), f64x2.add(f64x2.mul(vvi, ldv(w, j)), f64x2.mul(vwi, ldv(v, j)))));
    }
  }
  for (; j < len; j++) st(r, j, ld(r, j) - (vi * ld(w, j) + wi * ld(v, j)));
}

/**
 * The Householder reflector of row k right of the diagonal (dlarfg): x ↦ β·e₁ with
 * H = I − τ·v·vᵀ, β = −sign(x₀)‖x‖, v₀ = 1 stored over x. Sets d[k], e[k]; returns τ (0: H = I).
 */
function reflect(a: usize, n: i32, k: i32, d: usize, e: usize): f64 {
  const m = n - k - 1;
  const x = at(a, n, k, k + 1);
  st(d, k, ld(at(a, n, k, k), 0));
  let alpha = ld(x, 0);
  const sigma = nrm2(x + 8, m - 1);
  if (sigma == 0) {
    st(e, k, alpha); // already reduced
    return 0;
  }
  let beta = hyp(alpha, sigma);
  // A subnormal ‖x‖ carries too few bits for an orthogonal H (τ and v would be rounded to a
  // handful of bits): scale x up by an exact power of two first, as LAPACK dlarfg does with
  // 1/safmin, and scale β back afterwards. τ and v do not depend on the scale of x.
  let unscale: f64 = 1;
  if (beta < SAFMIN) {
    for (let i = 0; i < m; i++) st(x, i, ld(x, i) * TWO_600);
    alpha = ld(x, 0);
    beta = hyp(alpha, nrm2(x + 8, m - 1));
    unscale = 1 / TWO_600;
  }
  if (alpha >= 0) beta = -beta;
  const t = (beta - alpha) / beta;
  const denom = alpha - beta; // |denom| ≥ |β| > 0, same sign as α
  if (abs(denom) > 1e-290) {
    scal(m - 1, 1 / denom, x + 8);
  } else {
    for (let i = 1; i < m; i++) st(x, i, ld(x, i) / denom);
  }
  st(x, 0, 1);
  st(e, k, beta * unscale);
  return t;
}

/** w ← τ·w − ½τ²(wᵀv)·v: from p = B·v to the w of B ← B − v·wᵀ − w·vᵀ. */
function finishW(w: usize, v: usize, m: i32, t: f64): void {
  scal(m, t, w);
  axpy(m, -0.5 * t * dot(w, v, m), v, w);
}

/**
 * Reduces the symmetric n×n matrix at `a` (upper triangle, destroyed) to T with diagonal d[0..n)
 * and off-diagonal e[0..n−1) (e[k] couples k and k+1; e[n−1] = 0). Step k reflects row k right of
 * the diagonal onto β·e₁ (v stored in its place, τ in tau[k]) and updates the trailing block
 * B ← H·B·H as p = τ·B·v, w = p − ½τ(pᵀv)·v, B ← B − v·wᵀ − w·vᵀ (Golub & Van Loan §8.3.1).
 * The update of step k and the product B·v of step k+1 share one pass over each row (the next
 * reflector needs only the first updated row), which halves the traffic through the matrix.
 * `p` and `q` hold n doubles each. The caller scales A so that max|aᵢⱼ| ≈ 1.
 */
export function tridiagonalize(a: usize, n: i32, d: usize, e: usize, tau: usize, p: usize, q: usize): void {
  let w = p, wn = q;
  if (n >= 3) {
    const t0 = reflect(a, n, 0, d, e);
    st(tau, 0, t0);
    if (t0 != 0) {
      const v0 = at(a, n, 0, 1);
      symvUpper(at(a, n, 1, 1), n, n - 1, v0, w);
      finishW(w, v0, n - 1, t0);
    }
  }
  for (let k = 0; k <= n - 3; k++) {
    const m = n - k - 1; // the trailing block of step k starts at (k+1, k+1)
    const v = at(a, n, k, k + 1);
    const tk = ld(tau, k);
    if (tk != 0) updateRow(at(a, n, k + 1, k + 1), m, ld(v, 0), ld(w, 0), v, w);
    let tn: f64 = 0;
    if (k + 1 <= n - 3) {
      tn = reflect(a, n, k + 1, d, e);
      st(tau, k + 1, tn);
    }
    if (tk == 0 && tn == 0) continue;
    const u = at(a, n, k + 1, k + 2); // next v: u[i−1] pairs with local column i of this block
    if (tn != 0) memory.fill(wn, 0, <usize>(m - 1) << 3);
    for (let i = 1; i < m; i++) {
      const r = at(a, n, k + 1 + i, k + 1 + i);
      const len = m - i - 1;
      const off = <usize>(i + 1) << 3;
      if (tk != 0 && tn != 0 && i + 1 < m) {
        // rows i and i+1 together: row i's first entry (column i+1) alone, then both rows over
        // columns i+2 … m−1 (rows of the upper triangle start one column apart)
        const r2 = at(a, n, k + 2 + i, k + 2 + i);
        const vi = ld(v, i), wi = ld(w, i), ui = ld(u, i - 1);
        const vj = ld(v, i + 1), wj = ld(w, i + 1), uj = ld(u, i);
        const rii = ld(r, 0) - 2 * vi * wi;
        st(r, 0, rii);
        const x = ld(r, 1) - (vi * wj + wi * vj); // row i, column i+1
        st(r, 1, x);
        let si = x * ld(u, i);
        st(wn, i, ld(wn, i) + x * ui);
        const rjj = ld(r2, 0) - 2 * vj * wj;
        st(r2, 0, rjj);
        const off2 = <usize>(i + 2) << 3;
        si += fusedRows(r + 16, r2 + 8, len - 1, vi, wi, ui, vj, wj, uj, v + off2, w + off2, u + off, wn + off);
        st(wn, i - 1, ld(wn, i - 1) + rii * ui + si);
        st(wn, i, ld(wn, i) + rjj * uj + sumB);
        i++;
        continue;
      }
      if (tk != 0) {
        const vi = ld(v, i), wi = ld(w, i);
        const rii = ld(r, 0) - 2 * vi * wi;
        st(r, 0, rii);
        if (tn != 0) {
          const ui = ld(u, i - 1);
          const s = fusedRow(r + 8, len, vi, wi, v + off, w + off, ui, u + (<usize>i << 3), wn + (<usize>i << 3));
          st(wn, i - 1, ld(wn, i - 1) + rii * ui + s);
        } else {
          updateRow(r + 8, len, vi, wi, v + off, w + off);
        }
      } else {
        // no update this step (H_k = I): the product alone
        const ui = ld(u, i - 1);
        const s = symvRow(r + 8, len, ui, u + (<usize>i << 3), wn + (<usize>i << 3));
        st(wn, i - 1, ld(wn, i - 1) + ld(r, 0) * ui + s);
      }
    }
    if (tn != 0) finishW(wn, u, m - 1, tn);
    const t = w; w = wn; wn = t;
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
