// Divide-and-conquer eigensolver for a symmetric tridiagonal matrix (LAPACK dstedc with
// compz = 'I', i.e. dlaed0 → dlaed1/2/3/4): Cuppen's method (Numer. Math. 36 (1981) 177–195) with
// Gu & Eisenstat's stable eigenvectors (SIAM J. Matrix Anal. Appl. 16 (1995) 172–191). The matrix
// is torn into leaves of at most SMLSIZ rows, solved by implicit QL (tql.ts); pairs of solved
// blocks are merged bottom-up by rank-one updates (dcmerge.ts, secular.ts), whose
// back-transformations are matrix products (gemm.ts) — the part that makes it fast for large n.
// Internally the eigenvectors are the rows of w (contiguous per vector); one transposition at the
// end gives the column layout of the result.
// EPS is dlamch('Epsilon') as in dstedc's splitting test; SAFMIN as in tql: off-diagonals below it
// are negligible for T scaled to max|tᵢⱼ| ≈ 1.
import { ld, st, ldi, sti, UNIT_ROUNDOFF as EPS, SAFMIN } from './memory';
import { tql, tqlSweeps, sortAscending } from './tql';
import { merge, permuteRows } from './dcmerge';

/**
 * Leaves of at most this size are solved by QL (LAPACK: 25). Any value in 8–25 times the same from
 * n ≈ 64 up (32 and 48 are slower); 16 moves the crossover with plain QL down to n ≈ 20.
 */
const SMLSIZ = 16;

/** Doubles of `work` that stedc needs for order n: 6n, then 1.5n² + n/2 for the merges (see merge). */
export function stedcWorkDoubles(n: i32): i32 {
  return 6 * n + ((3 * n * n + n + 1) >> 1) + 2;
}

/** Ints of `iwork` that stedc needs for order n. */
export function stedcWorkInts(n: i32): i32 {
  return 7 * n + 2;
}

/** 2^e for −1022 ≤ e ≤ 1023, exactly. */
// @ts-ignore: decorator
@inline function pow2(e: i32): f64 { return reinterpret<f64>(<u64>(e + 1023) << 52); }

/** x[0..n) ← 2^e·x exactly (in two steps when 2^e alone would not be a normal number). */
function scale2(x: usize, n: i32, e: i32): void {
  let f1: f64 = 1, f2: f64 = 1;
  if (e > 1000) { f1 = pow2(1000); f2 = pow2(e - 1000); } else if (e < -1000) { f1 = pow2(-1000); f2 = pow2(e + 1000); } else f1 = pow2(e);
  for (let i = 0; i < n; i++) st(x, i, ld(x, i) * f1 * f2);
}

/** The binary exponent of x > 0 (x = f·2^e, 1 ≤ f < 2), subnormals included. */
function exponent(x: f64): i32 {
  let e = 0;
  if (x < 2.2250738585072014e-308) { x *= pow2(600); e = -600; }
  return e + <i32>((reinterpret<u64>(x) >> 52) & 0x7ff) - 1023;
}

/** QL sweeps left for the leaves of the current stedc() call: maxIter is a budget for all of them, as for one QL run. */
let sweepBudget: i32 = 0;

/**
 * A leaf: eigenpairs of the m×m tridiagonal (d, e) by QL with Z = I, sorted ascending, the
 * eigenvectors written as rows into the block at w (leading dimension ldw). e is not touched (its
 * last entry is the coupling to the next block): QL works on a copy. Scratch z: m², ecopy: m.
 */
function leaf(d: usize, e: usize, m: i32, w: usize, ldw: i32, z: usize, ecopy: usize, rot: usize, rotCap: i32): i32 {
  const mb = <usize>m << 3;
  memory.fill(z, 0, <usize>m * mb);
  for (let i = 0; i < m; i++) { st(z, i * m + i, 1); st(ecopy, i, i < m - 1 ? ld(e, i) : 0); }
  const info = tql(d, ecopy, m, z, true, sweepBudget, rot, rotCap);
  sweepBudget -= tqlSweeps;
  if (info != 0) return info;
  sortAscending(d, m, z, true);
  for (let i = 0; i < m; i++) memory.copy(w + ((<usize>i * <usize>ldw) << 3), z + <usize>i * mb, mb);
  return 0;
}

/**
 * dlaed0 on one unreduced block of order m > SMLSIZ: halve it until the pieces have at most SMLSIZ
 * rows, tear at each cut (d_k, d_k+1 −= |e_k|: T = diag(T₁, T₂) + |e_k|·u·uᵀ), solve the leaves,
 * merge neighbours level by level.
 */
function divide(d: usize, e: usize, m: i32, w: usize, ldw: i32, work: usize, iwork: usize, rot: usize, rotCap: i32): i32 {
  const part = iwork; // cumulative ends of the pieces (≤ m of them)
  const iv = iwork + ((<usize>m + 1) << 2);
  const vec = work, q2 = work + (<usize>m * 48);
  sti(part, 0, m);
  let cnt = 1;
  while (ldi(part, cnt - 1) > SMLSIZ) {
    for (let j = cnt - 1; j >= 0; j--) { const s = ldi(part, j); sti(part, 2 * j + 1, (s + 1) >> 1); sti(part, 2 * j, s >> 1); }
    cnt <<= 1;
  }
  for (let j = 1; j < cnt; j++) sti(part, j, ldi(part, j) + ldi(part, j - 1));
  for (let j = 0; j < cnt - 1; j++) {
    const b = ldi(part, j) - 1, beta = abs(ld(e, b));
    st(d, b, ld(d, b) - beta);
    st(d, b + 1, ld(d, b + 1) - beta);
  }
  const rs = <usize>ldw << 3;
  for (let j = 0; j < cnt; j++) {
    const s = j == 0 ? 0 : ldi(part, j - 1);
    const info = leaf(d + (<usize>s << 3), e + (<usize>s << 3), ldi(part, j) - s, w + <usize>s * rs + (<usize>s << 3), ldw, q2, vec, rot, rotCap);
    if (info != 0) return s + info;
  }
  while (cnt > 1) {
    for (let j = 0; j < cnt >> 1; j++) {
      const s = j == 0 ? 0 : ldi(part, 2 * j - 1);
      const mid = ldi(part, 2 * j), end = ldi(part, 2 * j + 1);
      const info = merge(d + (<usize>s << 3), mid - s, end - mid, ld(e, mid - 1), w + <usize>s * rs + (<usize>s << 3), ldw, q2, vec, iv);
      if (info != 0) return -1; // a secular root missed its cap
      sti(part, j, end);
    }
    cnt >>= 1;
  }
  return 0;
}

/** In-place transpose of the n×n matrix w, 16×16 tile pairs at a time. */
function transposeInPlace(w: usize, n: i32): void {
  const T = 16;
  for (let i0 = 0; i0 < n; i0 += T) {
    const i1 = min(i0 + T, n);
    for (let j0 = i0; j0 < n; j0 += T) {
      const j1 = min(j0 + T, n);
      for (let i = i0; i < i1; i++) {
        for (let j = max(j0, i + 1); j < j1; j++) {
          const a = w + ((<usize>i * <usize>n + <usize>j) << 3), b = w + ((<usize>j * <usize>n + <usize>i) << 3);
          const t = load<f64>(a); store<f64>(a, load<f64>(b)); store<f64>(b, t);
        }
      }
    }
  }
}

/** order[0..n) ← the indices of d sorted ascending (bottom-up merge sort; tmp: n ints). */
function argsort(d: usize, n: i32, order: usize, tmp: usize): void {
  for (let i = 0; i < n; i++) sti(order, i, i);
  let src = order, dst = tmp;
  for (let width = 1; width < n; width <<= 1) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = min(lo + width, n), hi = min(lo + 2 * width, n);
      let p = lo, q = mid, t = lo;
      while (p < mid && q < hi) {
        if (ld(d, ldi(src, q)) < ld(d, ldi(src, p))) sti(dst, t++, ldi(src, q++)); else sti(dst, t++, ldi(src, p++));
      }
      while (p < mid) sti(dst, t++, ldi(src, p++));
      while (q < hi) sti(dst, t++, ldi(src, q++));
    }
    const s = src; src = dst; dst = s;
  }
  if (src != order) memory.copy(order, src, <usize>n << 2);
}

/**
 * All eigenpairs of the symmetric tridiagonal matrix with diagonal d[0..n) and off-diagonal
 * e[0..n−1) (e[i] couples i and i+1), scaled by the caller to max|entry| ≈ 1 and finite. On
 * return d is ascending and column j of w (n×n, row-major) is the unit eigenvector of d[j]; e is
 * destroyed. Scratch: work (stedcWorkDoubles(n)), iwork (stedcWorkInts(n)), rot (3·rotCap
 * doubles, rotCap ≥ 1, for the QL leaves). Returns 0; or i + 1 > 0 when the leaves needed more
 * than maxIter QL sweeps in total (i: the eigenvalue QL was working on), −1 when a secular root
 * missed its iteration cap (results then incomplete).
 */
export function stedc(d: usize, e: usize, n: i32, w: usize, work: usize, iwork: usize, maxIter: i32, rot: usize, rotCap: i32): i32 {
  if (n <= 0) return 0;
  sweepBudget = maxIter;
  const nb = <usize>n << 3;
  memory.fill(w, 0, <usize>n * nb);
  for (let i = 0; i < n; i++) st(w, i * n + i, 1);
  if (n == 1) return 0;
  // Split where eᵢ is negligible (dstedc: |eᵢ| ≤ ε·√|dᵢ|·√|dᵢ₊₁|) and solve each block apart,
  // scaled by a power of two to max-norm in [1, 2) so every tolerance below is relative to it.
  let blocks = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (i < n - 1) {
      const ei = abs(ld(e, i));
      if (!(ei <= EPS * Math.sqrt(abs(ld(d, i))) * Math.sqrt(abs(ld(d, i + 1))) || ei < SAFMIN)) continue;
    }
    const m = i - s + 1;
    blocks++;
    if (m > 1) {
      const db = d + (<usize>s << 3), eb = e + (<usize>s << 3);
      let nrm: f64 = 0;
      for (let j = 0; j < m; j++) nrm = max(nrm, abs(ld(db, j)));
      for (let j = 0; j < m - 1; j++) nrm = max(nrm, abs(ld(eb, j)));
      if (nrm > 0) {
        const ex = exponent(nrm);
        scale2(db, m, -ex);
        scale2(eb, m - 1, -ex);
        const wb = w + <usize>s * nb + (<usize>s << 3);
        const info = m <= SMLSIZ
          ? leaf(db, eb, m, wb, n, work, work + ((<usize>m * <usize>m) << 3), rot, rotCap)
          : divide(db, eb, m, wb, n, work, iwork, rot, rotCap);
        if (info != 0) return info < 0 ? info : s + info;
        scale2(db, m, ex);
      }
    }
    s = i + 1;
  }
  if (blocks > 1) {
    // each block is ascending; interleave them (rows of w are the vectors)
    let sorted = true;
    for (let i = 1; i < n; i++) if (ld(d, i) < ld(d, i - 1)) { sorted = false; break; }
    if (!sorted) {
      argsort(d, n, iwork, iwork + nb / 2);
      permuteRows(w, n, n, d, n, iwork, iwork + nb, work);
    }
  }
  transposeInPlace(w, n);
  return 0;
}
