// W ← Q·W for the orthogonal Q = H₀H₁⋯H_{n−3} of tridiagonalize(), without forming Q (LAPACK
// dormtr/dormql with dlarft + dlarfb): divide and conquer returns the eigenvectors W of T, and
// V = Q·W are those of A. Four reflectors at a time are one block reflector I − V·T·Vᵀ (the
// compact WY form, Schreiber & Van Loan 1989), applied to 4-column strips of W that stay in L1:
// every element of W is read twice and written once per four reflectors instead of per one, and
// the accumulators of Vᵀ·W live in registers. Measured against formQt + a matrix product: see
// the commit that introduced it.
import { ld, st, at } from './memory';

/** Reflectors per block: 4 × (two f64x2 columns) = 8 accumulators, what V8 keeps in registers. */
const NB = 4;
/** Columns per slice: a 64-column slice of W (256 KiB at n = 512) stays in L2 across all blocks. */
const SLICE = 64;

/**
 * The triangular factor of the block of `kb` reflectors starting at k0 (dlarft, forward,
 * columnwise): H_{k0}⋯H_{k0+kb−1} = I − V·T·Vᵀ, T upper triangular (NB×NB, row-major, at t).
 * T[j][i] = −τᵢ·Σ_l T[j][l]·(v_lᵀvᵢ) for j < i, T[i][i] = τᵢ.
 */
function blockFactor(a: usize, n: i32, tau: usize, k0: i32, kb: i32, t: usize): void {
  for (let i = 0; i < NB * NB; i++) st(t, i, 0);
  for (let i = 0; i < kb; i++) {
    const ti = ld(tau, k0 + i);
    st(t, i * NB + i, ti);
    if (ti == 0 || i == 0) continue;
    // g[l] = v_lᵀvᵢ over the rows where vᵢ is nonzero (global rows ≥ k0+i+1)
    const vi = at(a, n, k0 + i, k0 + i + 1);
    const len = n - k0 - i - 1;
    let g0: f64 = 0, g1: f64 = 0, g2: f64 = 0;
    for (let r = 0; r < len; r++) {
      const x = ld(vi, r);
      // v_l's entry for the same global row k0+i+1+r sits at column k0+i+1+r of row k0+l
      g0 += ld(at(a, n, k0, k0 + i + 1), r) * x;
      if (i > 1) g1 += ld(at(a, n, k0 + 1, k0 + i + 1), r) * x;
      if (i > 2) g2 += ld(at(a, n, k0 + 2, k0 + i + 1), r) * x;
    }
    // T[0:i, i] = −τᵢ·T[0:i, 0:i]·g
    for (let j = 0; j < i; j++) {
      let s: f64 = 0;
      for (let l = j; l < i; l++) s += ld(t, j * NB + l) * (l == 0 ? g0 : l == 1 ? g1 : g2);
      st(t, j * NB + i, -ti * s);
    }
  }
}

/**
 * One block (reflectors k0 … k0+kb−1, factor T) applied to the rows k0+1 … n−1 of a slice of W
 * (`width` columns, leading dimension ldw): W ← W − V·(T·(Vᵀ·W)), one strip of four columns at a time.
 */
function applyBlock(a: usize, n: i32, k0: i32, kb: i32, t: usize, w: usize, ldw: i32, width: i32): void {
  const m = n - k0 - 1;
  const rowBytes = <usize>ldw << 3;
  // V's rows: reflector k0+q holds the entry for local row i at column k0+1+i of its row of a,
  // and is zero for i < q (the unit lower trapezoid of dlarft).
  const v0 = at(a, n, k0, k0 + 1), v1 = at(a, n, k0 + 1, k0 + 1), v2 = at(a, n, k0 + 2, k0 + 1), v3 = at(a, n, k0 + 3, k0 + 1);
  const base = w + ((<usize>(k0 + 1) * <usize>ldw) << 3);
  let j = 0;
  // Full blocks only: rows 0 … 2 hold V's unit lower trapezoid (zeros above) and are peeled off,
  // so the main row loops carry no masks (measured 1.6× on this kernel).
  if (ASC_FEATURE_SIMD && kb == NB && m > NB) {
    const t00 = f64x2.splat(ld(t, 0)), t01 = f64x2.splat(ld(t, 1)), t02 = f64x2.splat(ld(t, 2)), t03 = f64x2.splat(ld(t, 3));
    const t11 = f64x2.splat(ld(t, 5)), t12 = f64x2.splat(ld(t, 6)), t13 = f64x2.splat(ld(t, 7));
    const t22 = f64x2.splat(ld(t, 10)), t23 = f64x2.splat(ld(t, 11)), t33 = f64x2.splat(ld(t, 15));
    for (; j + 4 <= width; j += 4) {
      const col = base + (<usize>j << 3);
      const r1 = col + rowBytes, r2 = r1 + rowBytes;
      // rows 0 … 2: v₀ everywhere, v₁ from row 1, v₂ from row 2 (v₃ starts at row 3)
      const x0 = v128.load(col), y0 = v128.load(col, 16), x1 = v128.load(r1), y1 = v128.load(r1, 16), x2 = v128.load(r2), y2 = v128.load(r2, 16);
      const c00 = f64x2.splat(ld(v0, 0)), c01 = f64x2.splat(ld(v0, 1)), c02 = f64x2.splat(ld(v0, 2));
      const c11 = f64x2.splat(ld(v1, 1)), c12 = f64x2.splat(ld(v1, 2)), c22 = f64x2.splat(ld(v2, 2));
      let a0 = f64x2.add(f64x2.add(f64x2.mul(c00, x0), f64x2.mul(c01, x1)), f64x2.mul(c02, x2));
      let b0 = f64x2.add(f64x2.add(f64x2.mul(c00, y0), f64x2.mul(c01, y1)), f64x2.mul(c02, y2));
      let a1 = f64x2.add(f64x2.mul(c11, x1), f64x2.mul(c12, x2)), b1 = f64x2.add(f64x2.mul(c11, y1), f64x2.mul(c12, y2));
      let a2 = f64x2.mul(c22, x2), b2 = f64x2.mul(c22, y2);
      let a3 = f64x2.splat(0), b3 = a3;
      let p = r2 + rowBytes;
      for (let i = 3; i < m; i++) {
        const x = v128.load(p), y = v128.load(p, 16);
        const c0v = f64x2.splat(ld(v0, i)), c1v = f64x2.splat(ld(v1, i)), c2v = f64x2.splat(ld(v2, i)), c3v = f64x2.splat(ld(v3, i));
        a0 = f64x2.add(a0, f64x2.mul(c0v, x)); b0 = f64x2.add(b0, f64x2.mul(c0v, y));
        a1 = f64x2.add(a1, f64x2.mul(c1v, x)); b1 = f64x2.add(b1, f64x2.mul(c1v, y));
        a2 = f64x2.add(a2, f64x2.mul(c2v, x)); b2 = f64x2.add(b2, f64x2.mul(c2v, y));
        a3 = f64x2.add(a3, f64x2.mul(c3v, x)); b3 = f64x2.add(b3, f64x2.mul(c3v, y));
        p += rowBytes;
      }
      // Z = T·Y (T upper triangular)
      const za0 = f64x2.add(f64x2.add(f64x2.mul(t00, a0), f64x2.mul(t01, a1)), f64x2.add(f64x2.mul(t02, a2), f64x2.mul(t03, a3)));
      const zb0 = f64x2.add(f64x2.add(f64x2.mul(t00, b0), f64x2.mul(t01, b1)), f64x2.add(f64x2.mul(t02, b2), f64x2.mul(t03, b3)));
      const za1 = f64x2.add(f64x2.mul(t11, a1), f64x2.add(f64x2.mul(t12, a2), f64x2.mul(t13, a3)));
      const zb1 = f64x2.add(f64x2.mul(t11, b1), f64x2.add(f64x2.mul(t12, b2), f64x2.mul(t13, b3)));
      const za2 = f64x2.add(f64x2.mul(t22, a2), f64x2.mul(t23, a3)), zb2 = f64x2.add(f64x2.mul(t22, b2), f64x2.mul(t23, b3));
      const za3 = f64x2.mul(t33, a3), zb3 = f64x2.mul(t33, b3);
      v128.store(col, f64x2.sub(x0, f64x2.mul(c00, za0)));
      v128.store(col, f64x2.sub(y0, f64x2.mul(c00, zb0)), 16);
      v128.store(r1, f64x2.sub(x1, f64x2.add(f64x2.mul(c01, za0), f64x2.mul(c11, za1))));
      v128.store(r1, f64x2.sub(y1, f64x2.add(f64x2.mul(c01, zb0), f64x2.mul(c11, zb1))), 16);
      v128.store(r2, f64x2.sub(x2, f64x2.add(f64x2.add(f64x2.mul(c02, za0), f64x2.mul(c12, za1)), f64x2.mul(c22, za2))));
      v128.store(r2, f64x2.sub(y2, f64x2.add(f64x2.add(f64x2.mul(c02, zb0), f64x2.mul(c12, zb1)), f64x2.mul(c22, zb2))), 16);
      p = r2 + rowBytes;
      for (let i = 3; i < m; i++) {
        const c0v = f64x2.splat(ld(v0, i)), c1v = f64x2.splat(ld(v1, i)), c2v = f64x2.splat(ld(v2, i)), c3v = f64x2.splat(ld(v3, i));
        const dx = f64x2.add(f64x2.add(f64x2.mul(c0v, za0), f64x2.mul(c1v, za1)), f64x2.add(f64x2.mul(c2v, za2), f64x2.mul(c3v, za3)));
        const dy = f64x2.add(f64x2.add(f64x2.mul(c0v, zb0), f64x2.mul(c1v, zb1)), f64x2.add(f64x2.mul(c2v, zb2), f64x2.mul(c3v, zb3)));
        v128.store(p, f64x2.sub(v128.load(p), dx));
        v128.store(p, f64x2.sub(v128.load(p, 16), dy), 16);
        p += rowBytes;
      }
    }
  }
  // the remaining columns (all of them in the scalar build), one at a time
  for (; j < width; j++) {
    const col = base + (<usize>j << 3);
    let y0: f64 = 0, y1: f64 = 0, y2: f64 = 0, y3: f64 = 0;
    let p = col;
    for (let i = 0; i < m; i++) {
      const x = load<f64>(p);
      y0 += ld(v0, i) * x;
      if (i >= 1 && kb > 1) y1 += ld(v1, i) * x;
      if (i >= 2 && kb > 2) y2 += ld(v2, i) * x;
      if (i >= 3 && kb > 3) y3 += ld(v3, i) * x;
      p += rowBytes;
    }
    const z0 = ld(t, 0) * y0 + ld(t, 1) * y1 + ld(t, 2) * y2 + ld(t, 3) * y3;
    const z1 = ld(t, 5) * y1 + ld(t, 6) * y2 + ld(t, 7) * y3;
    const z2 = ld(t, 10) * y2 + ld(t, 11) * y3;
    const z3 = ld(t, 15) * y3;
    p = col;
    for (let i = 0; i < m; i++) {
      let d = ld(v0, i) * z0;
      if (i >= 1 && kb > 1) d += ld(v1, i) * z1;
      if (i >= 2 && kb > 2) d += ld(v2, i) * z2;
      if (i >= 3 && kb > 3) d += ld(v3, i) * z3;
      store<f64>(p, load<f64>(p) - d);
      p += rowBytes;
    }
  }
}

/**
 * W ← Q·W (n×n, row-major) for Q = H₀H₁⋯H_{n−3}, reflector k stored in row k of `a` from column
 * k+1 (v₀ = 1 explicit) with τ in tau[k], as tridiagonalize() leaves them. `work` holds
 * applyQWork(n) doubles. Blocks are applied last to first (Q·W =
 * H₀(H₁(⋯W))), each to every 64-column slice of W while that slice is in cache.
 */
export function applyQ(a: usize, n: i32, tau: usize, w: usize, work: usize): void {
  const count = n - 2; // reflectors 0 … n−3
  if (count <= 0) return;
  const blocks = (count + NB - 1) / NB;
  for (let b = 0; b < blocks; b++) blockFactor(a, n, tau, b * NB, min(NB, count - b * NB), work + (<usize>(b * NB * NB) << 3));
  // Each slice is copied out with leading dimension SLICE + 4: a column strip of W itself has
  // a stride of n doubles, 4 KiB at n = 512, which maps every row to one cache set (measured 2.6×
  // slower there than n = 256 per flop).
  const packed = work + (<usize>(blocks * NB * NB) << 3);
  const ldp = SLICE + 4;
  for (let c0 = 0; c0 < n; c0 += SLICE) {
    const width = min(SLICE, n - c0);
    for (let i = 0; i < n; i++) memory.copy(packed + ((<usize>i * <usize>ldp) << 3), at(w, n, i, c0), <usize>width << 3);
    for (let b = blocks - 1; b >= 0; b--) {
      const k0 = b * NB;
      applyBlock(a, n, k0, min(NB, count - k0), work + (<usize>(b * NB * NB) << 3), packed, ldp, width);
    }
    for (let i = 0; i < n; i++) memory.copy(at(w, n, i, c0), packed + ((<usize>i * <usize>ldp) << 3), <usize>width << 3);
  }
}

/** Doubles of `work` applyQ needs: the block factors and one packed slice of W. */
export function applyQWork(n: i32): i32 {
  return NB * NB * max(1, (n - 2 + NB - 1) / NB) + n * (SLICE + 4);
}
