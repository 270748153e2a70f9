// Implicit QL iteration with Wilkinson-style shifts on a symmetric tridiagonal matrix (EISPACK
// tql2 / LAPACK dsteqr; Bowdler, Martin, Reinsch & Wilkinson, Numer. Math. 11 (1968) 293–306).
import { ld, st, ldv, stv, EPS, SAFMIN, TWO_600 } from './memory';
import { hyp } from './tridiag';

/** Below this (in both p and eᵢ) a rotation is computed from scaled copies; (1e-150)² still is no subnormal. */
const TINY: f64 = 1e-150;
// TWO_600 (memory.ts) scales them: TINY·2⁶⁰⁰ ≈ 4e30 cannot overflow. SAFMIN is the absolute floor
// of dsteqr's deflation test.

/**
 * eᵢ is negligible when |eᵢ| ≤ ε·tst1 or |eᵢ| < SAFMIN. The floor matters when tst1 (the norm of
 * the rows seen so far) is tiny: the caller scaled T to about 1, so an eᵢ below 2e-292 changes T by
 * far less than ε‖T‖, while keeping it would make the shift (d[l+1] − d[l]) / 2e[l] overflow to ∞
 * and every eigenvalue NaN (found by fuzzing [[0, 1e-20, 0], [1e-20, 1e300, 0], [0, 0, 0]]).
 */
// @ts-ignore: decorator
@inline function negligible(ei: f64, tst1: f64): bool {
  const a = abs(ei);
  return a <= EPS * tst1 || a < SAFMIN;
}

/**
 * Applies the plane rotation of one QL step to rows i and i+1 of Zᵀ (columns i, i+1 of Z):
 * zᵢ₊₁ ← s·zᵢ + c·zᵢ₊₁, zᵢ ← c·zᵢ − s·zᵢ₊₁.
 */
function rotateRows(zi: usize, zj: usize, n: i32, c: f64, s: f64): void {
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    const vc = f64x2.splat(c), vs = f64x2.splat(s);
    // bumped pointers with constant offsets: one addressing mode per load/store (see blas dot)
    let pi = zi, pj = zj;
    const stop = zi + (<usize>(n & ~3) << 3);
    while (pi < stop) {
      const x0 = v128.load(pi), y0 = v128.load(pj), x1 = v128.load(pi, 16), y1 = v128.load(pj, 16);
      v128.store(pj, f64x2.add(f64x2.mul(vs, x0), f64x2.mul(vc, y0)));
      v128.store(pi, f64x2.sub(f64x2.mul(vc, x0), f64x2.mul(vs, y0)));
      v128.store(pj, f64x2.add(f64x2.mul(vs, x1), f64x2.mul(vc, y1)), 16);
      v128.store(pi, f64x2.sub(f64x2.mul(vc, x1), f64x2.mul(vs, y1)), 16);
      pi += 32; pj += 32;
    }
    k = n & ~3;
    for (; k + 2 <= n; k += 2) {
      const x0 = ldv(zi, k), y0 = ldv(zj, k);
      stv(zj, k, f64x2.add(f64x2.mul(vs, x0), f64x2.mul(vc, y0)));
      stv(zi, k, f64x2.sub(f64x2.mul(vc, x0), f64x2.mul(vs, y0)));
    }
  }
  for (; k < n; k++) {
    const x = ld(zi, k), y = ld(zj, k);
    st(zj, k, s * x + c * y);
    st(zi, k, c * x - s * y);
  }
}

/** Columns per pass in applyRotations: a 64-column slice of every row of Zᵀ (256 KiB at n = 512) stays in L2; measured 18% faster than 32 at n = 512. */
const SLICE = 64;

/**
 * Applies `count` recorded rotations (i, c, s) in order to the rows of Zᵀ, one slice of
 * columns at a time. Each slice sees the rotations in the same order as unbatched, so the result
 * is identical; but Zᵀ streams through memory once per batch instead of once per sweep.
 */
function applyRotations(z: usize, n: i32, rot: usize, count: i32): void {
  const rowBytes = <usize>n << 3;
  for (let c0 = 0; c0 < n; c0 += SLICE) {
    const width = min(SLICE, n - c0);
    const base = z + (<usize>c0 << 3);
    for (let r = 0; r < count; r++) {
      const i = <i32>ld(rot, 3 * r);
      const zi = base + <usize>i * rowBytes;
      rotateRows(zi, zi + rowBytes, width, ld(rot, 3 * r + 1), ld(rot, 3 * r + 2));
    }
  }
}

/**
 * Eigenvalues of the tridiagonal (d, e) in place in d (unsorted), e[i] coupling i and i+1 and
 * e[n−1] = 0; e is destroyed. With wantZ, the rotations are applied to the rows of Zᵀ at z (n×n),
 * so an initial z = Qᵀ ends as the transposed eigenvectors of QTQᵀ; they are recorded in `rot`
 * (3·rotCap doubles, rotCap ≥ 1) and applied in batches. An off-diagonal is
 * negligible when |eᵢ| ≤ ε·max_{j≤l}(|d_j| + |e_j|) or |eᵢ| < 2e-292 (normwise backward stable). Returns 0, or
 * l + 1 when more than maxIter QL sweeps in total were needed (d is then incomplete).
 */
/** QL sweeps the last tql() call made (callers that share one budget between calls subtract it). */
export let tqlSweeps: i32 = 0;

export function tql(d: usize, e: usize, n: i32, z: usize, wantZ: bool, maxIter: i32, rot: usize, rotCap: i32): i32 {
  let f: f64 = 0, tst1: f64 = 0;
  let iters = 0;
  let pending = 0; // rotations recorded in rot but not yet applied to z
  for (let l = 0; l < n; l++) {
    tst1 = max(tst1, abs(ld(d, l)) + abs(ld(e, l)));
    let m = l;
    while (m < n - 1) {
      if (negligible(ld(e, m), tst1)) break;
      m++;
    }
    if (m > l) {
      do {
        if (++iters > maxIter) { if (wantZ) applyRotations(z, n, rot, pending); tqlSweeps = iters; return l + 1; }
        // shift: the eigenvalue of the leading 2×2 nearer d[l]; p + r never cancels
        let g = ld(d, l);
        const el = ld(e, l);
        let p = (ld(d, l + 1) - g) / (2 * el);
        let r = abs(p) < 1e100 ? Math.sqrt(p * p + 1) : abs(p);
        if (p < 0) r = -r;
        st(d, l, el / (p + r));
        st(d, l + 1, el * (p + r));
        const dl1 = ld(d, l + 1);
        let h = g - ld(d, l);
        for (let i = l + 2; i < n; i++) st(d, i, ld(d, i) - h);
        f += h;
        // chase the bulge from m up to l
        p = ld(d, m);
        let c: f64 = 1, c2: f64 = 1, c3: f64 = 1, s: f64 = 0, s2: f64 = 0;
        const el1 = ld(e, l + 1);
        for (let i = m - 1; i >= l; i--) {
          c3 = c2; c2 = c; s2 = s;
          const ei = ld(e, i), di = ld(d, i);
          g = c * ei;
          h = c * p;
          // r ≥ |eᵢ| > 0: eᵢ is not negligible for l ≤ i < m. When p and eᵢ are both tiny, r would be
          // subnormal and carry only a few bits, so c² + s² ≠ 1 and Z loses orthogonality: rotate
          // with p, eᵢ scaled up by 2^600 (exact) instead; c and s do not depend on the scale.
          let pp = p, ee = ei, back: f64 = 1;
          if (abs(p) < TINY && abs(ei) < TINY) { pp = p * TWO_600; ee = ei * TWO_600; back = 1 / TWO_600; }
          r = hyp(pp, ee);
          st(e, i + 1, s * (r * back));
          s = ee / r;
          c = pp / r;
          p = c * di - s * g;
          st(d, i + 1, h + s * (c * g + s * di));
          if (wantZ) {
            if (pending == rotCap) { applyRotations(z, n, rot, pending); pending = 0; }
            st(rot, 3 * pending, <f64>i);
            st(rot, 3 * pending + 1, c);
            st(rot, 3 * pending + 2, s);
            pending++;
          }
        }
        p = (-s * s2 * c3 * el1 * ld(e, l)) / dl1; // dl1 = e_l·(p+r) ≠ 0
        st(e, l, s * p);
        st(d, l, c * p);
      } while (!negligible(ld(e, l), tst1));
    }
    st(d, l, ld(d, l) + f);
    st(e, l, 0);
  }
  if (wantZ) applyRotations(z, n, rot, pending);
  tqlSweeps = iters;
  return 0;
}

/** Off-diagonal squares below this are negligible for A scaled to max|aᵢⱼ| ≈ 1 (|e| ≤ 1e−150). */
const TINY2: f64 = 1e-300;

/**
 * Eigenvalues only, root-free: the Pal–Walker–Kahan variant of implicit QL (LAPACK dsterf;
 * Parlett, The Symmetric Eigenvalue Problem, §8.15). Working on e² removes the square root from
 * the bulge chase, whose sequential dependence bounds the speed. A 2×2 block left at the top is
 * finished in closed form (dlae2). Same splitting criterion as tql(). d ends unsorted; e is
 * destroyed. Returns 0, or l + 1 past maxIter sweeps.
 */
export function tqlValues(d: usize, e: usize, n: i32, maxIter: i32): i32 {
  for (let i = 0; i < n; i++) { const x = ld(e, i); st(e, i, x * x); }
  let tst1: f64 = 0, thresh: f64 = TINY2;
  let iters = 0;
  let lastL = -1;
  let l = 0;
  while (l < n) {
    if (l != lastL) {
      tst1 = max(tst1, abs(ld(d, l)) + Math.sqrt(ld(e, l)));
      thresh = max(EPS * EPS * tst1 * tst1, TINY2);
      lastL = l;
    }
    let m = l;
    while (m < n - 1) {
      if (ld(e, m) <= thresh) break;
      m++;
    }
    if (m < n - 1) st(e, m, 0);
    if (m == l) { l++; continue; }
    if (m == l + 1) {
      // the 2×2 [[d_l, √e_l],[√e_l, d_l+1]] in closed form: λ₁ = ½(sm ± rt), λ₂ = det/λ₁
      const a = ld(d, l), c = ld(d, l + 1), b2 = ld(e, l);
      const sm = a + c, df = a - c;
      const rt = Math.sqrt(df * df + 4 * b2);
      const l1 = 0.5 * (sm + copysign(rt, sm));
      st(d, l, l1);
      st(d, l + 1, l1 != 0 ? (a * c - b2) / l1 : 0.0);
      st(e, l, 0);
      l += 2;
      continue;
    }
    if (++iters > maxIter) return l + 1;
    // Wilkinson-style shift from the leading 2×2
    const rte = Math.sqrt(ld(e, l));
    const dl = ld(d, l);
    let sigma = (ld(d, l + 1) - dl) / (2 * rte);
    const r = abs(sigma) < 1e100 ? Math.sqrt(sigma * sigma + 1) : abs(sigma);
    sigma = dl - rte / (sigma + copysign(r, sigma));
    let c: f64 = 1, s: f64 = 0;
    let gamma = ld(d, m) - sigma;
    let p = gamma * gamma;
    for (let i = m - 1; i >= l; i--) {
      const bb = ld(e, i);
      const rr = p + bb;
      if (i != m - 1) st(e, i + 1, s * rr);
      // dsterf's c = p/rr, s = bb/rr, γ = c·(α−σ) − s·γ_old and p = γ²/c, with N = p·(α−σ) − bb·γ_old
      // written as γ = N/rr and p = γ·(N/p): the loop-carried chain p → N → N/p → ·γ → p has one
      // divide and no reciprocal before it, measured 10–12% faster than γ²·(rr/p) for
      // n = 16…256. (N²/(rr·p) would save the γ but rr·p underflows for tiny entries: fuzzing.)
      const alpha = ld(d, i);
      const oldgam = gamma, oldc = c;
      const num = p * (alpha - sigma) - bb * oldgam;
      const inv = 1 / rr;
      c = p * inv;
      s = bb * inv;
      gamma = num * inv;
      st(d, i + 1, oldgam + (alpha - gamma));
      p = c != 0 ? gamma * (num / p) : oldc * bb;
    }
    st(e, l, s * p);
    st(d, l, sigma + gamma);
  }
  return 0;
}

/**
 * Sorts d ascending with no eigenvectors to carry: bottom-up merge sort through t (n doubles)
 * with a branch-free merge (a select, not a jump: which side wins is a coin toss for QL's output
 * order). Measured against the selection sort below: n = 64 1.7×, n = 256 5.7× faster.
 */
export function sortValues(d: usize, n: i32, t: usize): void {
  let src = d, dst = t;
  for (let w = 1; w < n; w <<= 1) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = min(lo + w, n), hi = min(lo + 2 * w, n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        const a = ld(src, i), b = ld(src, j);
        const takeA = a <= b;
        st(dst, k++, select<f64>(a, b, takeA));
        i += <i32>takeA;
        j += <i32>!takeA;
      }
      while (i < mid) st(dst, k++, ld(src, i++));
      while (j < hi) st(dst, k++, ld(src, j++));
    }
    const x = src; src = dst; dst = x;
  }
  if (src != d) memory.copy(d, src, <usize>n << 3);
}

/** Sorts tql's eigenvalues d ascending (selection sort: n swaps at most, each moving one row of Zᵀ). */
export function sortAscending(d: usize, n: i32, z: usize, wantZ: bool): void {
  const rowBytes = <usize>n << 3;
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let v = ld(d, i);
    for (let j = i + 1; j < n; j++) {
      const dj = ld(d, j);
      if (dj < v) { k = j; v = dj; }
    }
    if (k == i) continue;
    st(d, k, ld(d, i));
    st(d, i, v);
    if (!wantZ) continue;
    const zi = z + <usize>i * rowBytes, zk = z + <usize>k * rowBytes;
    for (let c = 0; c < n; c++) { const t = ld(zi, c); st(zi, c, ld(zk, c)); st(zk, c, t); }
  }
}
