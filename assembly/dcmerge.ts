// One merge of the divide-and-conquer eigensolver (LAPACK dlaed1 → dlaed2 → dlaed3): the
// eigen-decompositions of the two halves T₁ = W₁Λ₁W₁ᵀ, T₂ = W₂Λ₂W₂ᵀ of a torn tridiagonal
// become that of T = diag(T₁, T₂) + |β|·u·uᵀ = diag(W₁, W₂)·(Λ + ρ·z·zᵀ)·diag(W₁, W₂)ᵀ.
// Storage: the eigenvectors are the ROWS of the block (Wᵀ, row-major, leading dimension ldw), so
// z, the Givens deflations and the gathering of the old vectors all touch contiguous rows, and the
// back-transformation Vᵀ = Uᵀ·Wᵀ is a plain row-major gemm. The eigenvectors U of Λ + ρ·z·zᵀ use
// Gu & Eisenstat's ẑ (SIAM J. Matrix Anal. Appl. 15 (1994) 1266–1276; LAPACK dlaed3): the z for
// which the computed roots are exact eigenvalues, so the vectors ẑⱼ/(dⱼ − λᵢ) are orthogonal to
// working precision however close the roots are.
import { ld, st, ldv, stv, ldi, sti, UNIT_ROUNDOFF as EPS } from './memory'; // EPS: dlamch('Epsilon')
import { hyp } from './tridiag';
import { gemm } from './gemm';
import { laed5, secularRoot, secularFailed } from './secular';


/**
 * Reorders rows and values in place: afterwards row t (and d[t]) is the old row order[t]. Cycle
 * following with one spare row (tmp, ≥ max(m, cols) doubles) and a mark per row.
 */
export function permuteRows(w: usize, ldw: i32, cols: i32, d: usize, m: i32, order: usize, mark: usize, tmp: usize): void {
  const rs = <usize>ldw << 3, bytes = <usize>cols << 3;
  for (let t = 0; t < m; t++) st(tmp, t, ld(d, ldi(order, t)));
  for (let t = 0; t < m; t++) { st(d, t, ld(tmp, t)); sti(mark, t, 0); }
  for (let t = 0; t < m; t++) {
    if (ldi(mark, t) != 0 || ldi(order, t) == t) continue;
    memory.copy(tmp, w + <usize>t * rs, bytes);
    let cur = t;
    while (true) {
      sti(mark, cur, 1);
      const nxt = ldi(order, cur);
      if (nxt == t) { memory.copy(w + <usize>cur * rs, tmp, bytes); break; }
      memory.copy(w + <usize>cur * rs, w + <usize>nxt * rs, bytes);
      cur = nxt;
    }
  }
}

/** out[0..na+nb) ← the stable merge of the ascending runs a (values va) and b (values vb), as indices. */
function mergeOrder(va: usize, na: i32, ia: usize, vb: usize, nb: i32, ib: usize, out: usize): void {
  let p = 0, q = 0, t = 0;
  while (p < na && q < nb) {
    if (ld(vb, q) < ld(va, p)) sti(out, t++, ldi(ib, q++)); else sti(out, t++, ldi(ia, p++));
  }
  while (p < na) sti(out, t++, ldi(ia, p++));
  while (q < nb) sti(out, t++, ldi(ib, q++));
}

/** x ← c·x + s·y, y ← c·y − s·x over n entries (LAPACK drot). */
function rot2(x: usize, y: usize, n: i32, c: f64, s: f64): void {
  for (let i = 0; i < n; i++) {
    const a = ld(x, i), b = ld(y, i);
    st(x, i, c * a + s * b);
    st(y, i, c * b - s * a);
  }
}

/**
 * Merges the solved halves of the block starting at d/w (sizes m1 + m2, each with d ascending and
 * its eigenvectors in its diagonal block of rows, zero elsewhere in the block) torn with coupling
 * beta. On return d is ascending and row i of the m×m block is the eigenvector of d[i].
 * Scratch: vec (6m doubles), iv (6m ints) and q2 for the gathered old vectors followed by the k×k
 * secular matrix: q2 + k² ≤ 1.5m² + m/2 doubles (the worst case: no deflation, no type-2 columns).
 * Returns 0, or 1 when a secular root missed its iteration cap.
 */
export function merge(d: usize, m1: i32, m2: i32, beta: f64, w: usize, ldw: i32, q2: usize, vec: usize, iv: usize): i32 {
  const m = m1 + m2;
  const rs = <usize>ldw << 3;
  const zv = vec, dl = vec + (<usize>m << 3), zk = vec + (<usize>m << 4), lam = vec + (<usize>m * 24);
  const wz = vec + (<usize>m << 5), tmp = vec + (<usize>m * 40);
  const indx = iv, coltyp = iv + (<usize>m << 2), kidx = iv + (<usize>m << 3);
  const defl = iv + (<usize>m * 12), perm = iv + (<usize>m << 4), mark = iv + (<usize>m * 20);

  // z = [last components of W₁'s vectors; sign(β)·first components of W₂'s] / √2, ρ = 2|β| (dlaed1/2)
  const r2 = Math.SQRT1_2, sz = beta < 0 ? -r2 : r2;
  for (let i = 0; i < m1; i++) st(zv, i, r2 * ld(w + <usize>i * rs, m1 - 1));
  for (let i = m1; i < m; i++) st(zv, i, sz * ld(w + <usize>i * rs, m1));
  const rho = 2 * abs(beta);

  // the merged ascending order of both halves' eigenvalues
  for (let i = 0; i < m; i++) sti(mark, i, i);
  mergeOrder(d, m1, mark, d + (<usize>m1 << 3), m2, mark + (<usize>m1 << 2), indx);

  // deflation tolerance (dlaed2): 8ε·max(|d|, |z|)
  let dmax: f64 = 0, zmax: f64 = 0;
  for (let i = 0; i < m; i++) { dmax = max(dmax, abs(ld(d, i))); zmax = max(zmax, abs(ld(zv, i))); }
  const tol = 8 * EPS * max(dmax, zmax);
  if (rho * zmax <= tol) {
    // the coupling is negligible: the halves' pairs are already those of T
    permuteRows(w, ldw, m, d, m, indx, mark, tmp);
    return 0;
  }

  // Deflate (dlaed2). Types: 1 = vector lives in the top half only, 3 = bottom only, 2 = both
  // (rotated together), 4 = deflated. Small ρ|zⱼ|: (dⱼ, vⱼ) is already an eigenpair of T. Nearly
  // equal dⱼ ≤ d_next: a Givens rotation of the two vectors zeroes zⱼ at a cost of |t·c·s| ≤ tol.
  for (let i = 0; i < m; i++) sti(coltyp, i, i < m1 ? 1 : 3);
  let k = 0, nd = 0, pj = -1;
  for (let t = 0; t < m; t++) {
    const nj = ldi(indx, t);
    if (rho * abs(ld(zv, nj)) <= tol) { sti(coltyp, nj, 4); sti(defl, nd++, nj); continue; }
    if (pj < 0) { pj = nj; continue; }
    const zs = ld(zv, pj), zc = ld(zv, nj);
    const tau = hyp(zc, zs);
    const c = zc / tau, s = -zs / tau;
    const gap = ld(d, nj) - ld(d, pj);
    if (abs(gap * c * s) <= tol) {
      st(zv, nj, tau); st(zv, pj, 0);
      if (ldi(coltyp, nj) != ldi(coltyp, pj)) sti(coltyp, nj, 2);
      sti(coltyp, pj, 4);
      rot2(w + <usize>pj * rs, w + <usize>nj * rs, m, c, s);
      const dp = ld(d, pj), dn = ld(d, nj);
      st(d, pj, dp * c * c + dn * s * s);
      st(d, nj, dp * s * s + dn * c * c);
      sti(defl, nd++, pj);
    } else sti(kidx, k++, pj);
    pj = nj;
  }
  if (pj >= 0) sti(kidx, k++, pj);
  // the deflated values, nearly sorted already (rotations move them by ≤ tol): insertion sort
  for (let a = 1; a < nd; a++) {
    const x = ldi(defl, a), v = ld(d, x);
    let b = a - 1;
    while (b >= 0 && ld(d, ldi(defl, b)) > v) { sti(defl, b + 1, ldi(defl, b)); b--; }
    sti(defl, b + 1, x);
  }

  // Group the k surviving poles by type (1, 2, 3) so the back-transformation splits into a top
  // product over types 1–2 and a bottom one over types 2–3 (dlaed3): about half the flops of m·m·k.
  let c1 = 0, c2 = 0;
  for (let j = 0; j < k; j++) { const ty = ldi(coltyp, ldi(kidx, j)); if (ty == 1) c1++; else if (ty == 2) c2++; }
  const n12 = c1 + c2, n23 = k - c1;
  let q1 = 0, qq2 = c1, q3 = n12;
  for (let j = 0; j < k; j++) {
    const ty = ldi(coltyp, ldi(kidx, j));
    if (ty == 1) sti(perm, q1++, j); else if (ty == 2) sti(perm, qq2++, j); else sti(perm, q3++, j);
  }
  for (let j = 0; j < k; j++) { const x = ldi(kidx, j); st(dl, j, ld(d, x)); st(zk, j, ld(zv, x)); }

  // gather the old vectors: tops of types 1–2, bottoms of types 2–3, then the deflated rows whole
  const top = q2, bot = q2 + ((<usize>n12 * <usize>m1) << 3), dfl = bot + ((<usize>n23 * <usize>m2) << 3);
  const b1 = <usize>m1 << 3, b2 = <usize>m2 << 3, bm = <usize>m << 3;
  for (let c = 0; c < n12; c++) memory.copy(top + <usize>c * b1, w + <usize>ldi(kidx, ldi(perm, c)) * rs, b1);
  for (let c = c1; c < k; c++) memory.copy(bot + <usize>(c - c1) * b2, w + <usize>ldi(kidx, ldi(perm, c)) * rs + b1, b2);
  for (let t = 0; t < nd; t++) { memory.copy(dfl + <usize>t * bm, w + <usize>ldi(defl, t) * rs, bm); st(tmp, t, ld(d, ldi(defl, t))); }
  const u = dfl + <usize>nd * bm; // k×k, right after the gathered vectors

  const info = secularSolve(k, dl, zk, rho, lam, u, perm, wz, zv);

  // Vᵀ = Uᵀ·diag(W₁, W₂)ᵀ restricted to the non-deflated rows, by blocks
  gemm(false, k, m1, n12, u, k, top, m1, w, ldw);
  gemm(false, k, m2, n23, u + (<usize>c1 << 3), k, bot, m2, w + b1, ldw);
  for (let t = 0; t < nd; t++) memory.copy(w + <usize>(k + t) * rs, dfl + <usize>t * bm, bm);
  for (let i = 0; i < k; i++) st(d, i, ld(lam, i));
  for (let t = 0; t < nd; t++) st(d, k + t, ld(tmp, t));

  // final ascending order: merge the roots (ascending by interlacing) with the deflated values
  for (let i = 0; i < m; i++) sti(mark, i, i);
  mergeOrder(d, k, mark, d + (<usize>k << 3), nd, mark + (<usize>k << 2), indx);
  permuteRows(w, ldw, m, d, m, indx, coltyp, tmp);
  return info;
}

/**
 * Row i of u: δᵢ (dⱼ − λᵢ) in, the unit eigenvector ẑⱼ/δᵢⱼ out (dlaed3), entry c taken from pole
 * perm[c]. The permuted copy gathers lane pairs (measured 8% of stedc at n = 512 faster than scalar).
 */
function formVectors(k: i32, u: usize, wz: usize, s: usize, perm: usize): void {
  const rowBytes = <usize>k << 3;
  for (let i = 0; i < k; i++) {
    const row = u + <usize>i * rowBytes;
    let ss: f64 = 0;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      let acc = f64x2.splat(0);
      for (; j + 2 <= k; j += 2) { const v = f64x2.div(ldv(wz, j), ldv(row, j)); stv(s, j, v); acc = f64x2.add(acc, f64x2.mul(v, v)); }
      ss = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
    }
    for (; j < k; j++) { const v = ld(wz, j) / ld(row, j); st(s, j, v); ss += v * v; }
    const inv = 1 / Math.sqrt(ss);
    let c = 0;
    if (ASC_FEATURE_SIMD) {
      const vinv = f64x2.splat(inv);
      for (; c + 2 <= k; c += 2) {
        const v = v128.load64_lane(s + (<usize>ldi(perm, c + 1) << 3), v128.load64_zero(s + (<usize>ldi(perm, c) << 3)), 1);
        stv(row, c, f64x2.mul(v, vinv));
      }
    }
    for (; c < k; c++) st(row, c, ld(s, ldi(perm, c)) * inv);
  }
}

/** wz[j] ← wz[j]·δ[j]/(d[j] − dᵢ) for j in [j0, j1): one factor of the Gu–Eisenstat product. */
function mulRatio(wz: usize, row: usize, d: usize, di: f64, j0: i32, j1: i32): void {
  let j = j0;
  if (ASC_FEATURE_SIMD) {
    const vd = f64x2.splat(di);
    for (; j + 2 <= j1; j += 2) stv(wz, j, f64x2.mul(ldv(wz, j), f64x2.div(ldv(row, j), f64x2.sub(ldv(d, j), vd))));
  }
  for (; j < j1; j++) st(wz, j, ld(wz, j) * (ld(row, j) / (ld(d, j) - di)));
}

/**
 * Solves D + ρ·z·zᵀ (k poles d ascending and distinct, ‖z‖ = 1, ρ > 0) completely: lam[i] the
 * roots (ascending) and row i of u (k×k, row-major) the unit eigenvector of root i, its entry c
 * being the component on pole perm[c] (so the caller can group poles by block structure).
 * Scratch: wz and s, k doubles each. Returns 0, or 1 if some root missed its iteration cap.
 */
export function secularSolve(k: i32, d: usize, z: usize, rho: f64, lam: usize, u: usize, perm: usize, wz: usize, s: usize): i32 {
  secularFailed(); // clear
  const rowBytes = <usize>k << 3;
  if (k == 1) { st(lam, 0, ld(d, 0) + rho * ld(z, 0) * ld(z, 0)); st(u, 0, 1); return 0; }
  if (k == 2) {
    for (let i = 0; i < 2; i++) {
      st(lam, i, laed5(i, d, z, rho, s));
      const row = u + <usize>i * rowBytes;
      for (let c = 0; c < 2; c++) st(row, c, ld(s, ldi(perm, c)));
    }
    return 0;
  }
  // roots; row i of u holds δᵢⱼ = dⱼ − λᵢ, accurate because λᵢ = d_org + τ with τ kept apart
  for (let i = 0; i < k; i++) {
    const row = u + <usize>i * rowBytes;
    st(lam, i, secularRoot(k, i, d, z, row, rho));
  }
  // Gu–Eisenstat: ẑⱼ² = Πᵢ (dⱼ − λᵢ) / Π_{i≠j} (dⱼ − dᵢ), as a product of O(1) ratios (dlaed3)
  for (let j = 0; j < k; j++) st(wz, j, ld(u + <usize>j * rowBytes, j));
  for (let i = 0; i < k; i++) {
    const row = u + <usize>i * rowBytes, di = ld(d, i);
    mulRatio(wz, row, d, di, 0, i);
    mulRatio(wz, row, d, di, i + 1, k);
  }
  for (let j = 0; j < k; j++) st(wz, j, copysign(Math.sqrt(-ld(wz, j)), ld(z, j)));
  formVectors(k, u, wz, s, perm);
  return secularFailed();
}
