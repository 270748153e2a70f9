// General matrix-matrix product C ← op(A)·B, row-major, op(A) = A or Aᵀ (the BLAS-3 kernel the
// divide-and-conquer eigensolver spends most of its time in). The inner dimension is cut into
// KC-deep slices; a packed copy of each 4-column strip of B stays in L1 while every 4-row tile of
// op(A) streams past it into a 4×4 register tile of C (8 f64x2 accumulators: at the mul + add port
// limit, ~23 GFlop/s here). C is written on the first slice and accumulated after. The packing
// buffers are static (memory.data), not allocated: gemm is not reentrant, which one wasm thread
// never needs.
import { ld, st } from './memory';

/** Depth of one k-slice: a 4-row tile of A (8 KiB) and the packed B strip (8 KiB) fit L1; 64 and 128 measured no better. */
const KC = 256;

/**
 * C ← op(A)·B with op(A) m×k (A stored m×k, or k×m when transA), B k×n, C m×n, all row-major
 * with leading dimensions lda, ldb, ldc in elements. C is overwritten (not read), so k = 0 gives
 * C = 0. Nothing is allocated; nothing outside the m×n window of C is written.
 */
export function gemm(transA: bool, m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
  if (m <= 0 || n <= 0) return;
  const cs = <usize>ldc << 3;
  if (k <= 0) {
    for (let i = 0; i < m; i++) memory.fill(c + <usize>i * cs, 0, <usize>n << 3);
    return;
  }
  // byte steps of op(A) between rows (rs) and along the inner dimension (ps)
  const rs: usize = transA ? 8 : <usize>lda << 3;
  const ps: usize = transA ? <usize>lda << 3 : 8;
  const bs = <usize>ldb << 3;
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const ap = a + <usize>p0 * ps, bp = b + <usize>p0 * bs;
    if (transA) {
      // op(A) = Aᵀ: a 4-row tile is 4 adjacent entries of KC rows lda apart, which for a
      // power-of-two lda all fall in one L1 set (measured 14 against 20 GFlop/s at 512³ with
      // SIMD). Copy MC rows of op(A) at a time into tile-contiguous form first, once per k-slice.
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mb = min(MC, m - i0), mt = mb & ~3;
        const src = ap + <usize>i0 * rs;
        for (let t = 0; t < mt; t += 4) {
          let q = src + <usize>t * rs, dst = APACK + <usize>t * <usize>kc * 8;
          for (let p = 0; p < kc; p++) {
            if (ASC_FEATURE_SIMD) { v128.store(dst, v128.load(q)); v128.store(dst, v128.load(q, 16), 16); }
            else { store<u64>(dst, load<u64>(q)); store<u64>(dst, load<u64>(q, 8), 8); store<u64>(dst, load<u64>(q, 16), 16); store<u64>(dst, load<u64>(q, 24), 24); }
            q += ps; dst += 32;
          }
        }
        slice(mb, n, kc, src, rs, ps, APACK, <usize>kc << 5, 8, 32, bp, bs, c + <usize>i0 * cs, cs, p0 > 0);
      }
    } else slice(m, n, kc, ap, rs, ps, ap, rs << 2, rs, ps, bp, bs, c, cs, p0 > 0);
  }
}

/** Rows of op(A) packed at a time when transA (MC·KC doubles, 128 KiB: L2-resident). */
const MC = 64;
/** Packed copy of one KC×4 (scalar build: KC×2) strip of B: contiguous, so a large power-of-two ldb cannot alias L1 sets. */
const BPACK: usize = memory.data(KC * 4 * 8, 16);
/** Packed 4-row tiles of op(A) (transA only): tile t, step p at APACK + (t·kc + 4p)·8. */
const APACK: usize = memory.data(KC * MC * 8, 16);

/**
 * One k-slice: C (+)= op(A)[:, slice]·B[slice, :]. Column strips outside, row tiles inside (the
 * packed B strip is reused from L1). The full 4-row tiles read op(A) through (at, tileStep, trs,
 * tps) — the original or a packed copy; leftover rows read it through (a, rs, ps).
 */
function slice(m: i32, n: i32, kc: i32, a: usize, rs: usize, ps: usize, at: usize, tileStep: usize, trs: usize, tps: usize,
               b: usize, bs: usize, c: usize, cs: usize, acc: bool): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 4 <= n; j += 4) {
      const bj = b + (<usize>j << 3), cj = c + (<usize>j << 3);
      let src = bj, dst = BPACK;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src)); v128.store(dst, v128.load(src, 16), 16);
        src += bs; dst += 32;
      }
      let i = 0;
      for (; i + 4 <= m; i += 4) tile4x4(kc, at + (<usize>i >> 2) * tileStep, trs, tps, BPACK, 32, cj + <usize>i * cs, cs, acc);
      for (; i < m; i++) tile1xW(kc, a + <usize>i * rs, ps, bj, bs, cj + <usize>i * cs, acc, 4);
    }
    if (j + 2 <= n) {
      const bj = b + (<usize>j << 3), cj = c + (<usize>j << 3);
      for (let i = 0; i < m; i++) tile1xW(kc, a + <usize>i * rs, ps, bj, bs, cj + <usize>i * cs, acc, 2);
      j += 2;
    }
  } else {
    for (; j + 2 <= n; j += 2) {
      const bj = b + (<usize>j << 3), cj = c + (<usize>j << 3);
      let src = bj, dst = BPACK;
      for (let p = 0; p < kc; p++) {
        store<u64>(dst, load<u64>(src)); store<u64>(dst, load<u64>(src, 8), 8);
        src += bs; dst += 16;
      }
      let i = 0;
      for (; i + 4 <= m; i += 4) tile4x2scalar(kc, at + (<usize>i >> 2) * tileStep, trs, tps, BPACK, 16, cj + <usize>i * cs, cs, acc);
      for (; i < m; i++) tile1x1(kc, a + <usize>i * rs, ps, bj, bs, cj + <usize>i * cs, acc, 2);
    }
  }
  for (; j < n; j++) {
    const bj = b + (<usize>j << 3), cj = c + (<usize>j << 3);
    for (let i = 0; i < m; i++) tile1x1(kc, a + <usize>i * rs, ps, bj, bs, cj + <usize>i * cs, acc, 1);
  }
}

/** 4×4 block of C: 8 f64x2 accumulators, 2 vectors of B and 4 splats of A per step (14 xmm live, no spills). */
function tile4x4(kc: i32, a: usize, rs: usize, ps: usize, b: usize, bs: usize, c: usize, cs: usize, acc: bool): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  let a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs, pb = b;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let x = v128.load64_splat(a0);
    c00 = f64x2.add(c00, f64x2.mul(x, b0)); c01 = f64x2.add(c01, f64x2.mul(x, b1));
    x = v128.load64_splat(a1);
    c10 = f64x2.add(c10, f64x2.mul(x, b0)); c11 = f64x2.add(c11, f64x2.mul(x, b1));
    x = v128.load64_splat(a2);
    c20 = f64x2.add(c20, f64x2.mul(x, b0)); c21 = f64x2.add(c21, f64x2.mul(x, b1));
    x = v128.load64_splat(a3);
    c30 = f64x2.add(c30, f64x2.mul(x, b0)); c31 = f64x2.add(c31, f64x2.mul(x, b1));
    a0 += ps; a1 += ps; a2 += ps; a3 += ps; pb += bs;
  }
  const r1 = c + cs, r2 = r1 + cs, r3 = r2 + cs;
  if (acc) {
    c00 = f64x2.add(c00, v128.load(c)); c01 = f64x2.add(c01, v128.load(c, 16));
    c10 = f64x2.add(c10, v128.load(r1)); c11 = f64x2.add(c11, v128.load(r1, 16));
    c20 = f64x2.add(c20, v128.load(r2)); c21 = f64x2.add(c21, v128.load(r2, 16));
    c30 = f64x2.add(c30, v128.load(r3)); c31 = f64x2.add(c31, v128.load(r3, 16));
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(r1, c10); v128.store(r1, c11, 16);
  v128.store(r2, c20); v128.store(r2, c21, 16);
  v128.store(r3, c30); v128.store(r3, c31, 16);
}

/** One row of C, w = 4 or 2 columns (SIMD). */
function tile1xW(kc: i32, a: usize, ps: usize, b: usize, bs: usize, c: usize, acc: bool, w: i32): void {
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  let pa = a, pb = b;
  if (w == 4) {
    for (let p = 0; p < kc; p++) {
      const x = v128.load64_splat(pa);
      s0 = f64x2.add(s0, f64x2.mul(x, v128.load(pb)));
      s1 = f64x2.add(s1, f64x2.mul(x, v128.load(pb, 16)));
      pa += ps; pb += bs;
    }
    if (acc) { s0 = f64x2.add(s0, v128.load(c)); s1 = f64x2.add(s1, v128.load(c, 16)); }
    v128.store(c, s0); v128.store(c, s1, 16);
  } else {
    for (let p = 0; p < kc; p++) {
      s0 = f64x2.add(s0, f64x2.mul(v128.load64_splat(pa), v128.load(pb)));
      pa += ps; pb += bs;
    }
    if (acc) s0 = f64x2.add(s0, v128.load(c));
    v128.store(c, s0);
  }
}

/** 4 rows × 2 columns of C with 8 scalar accumulators (the scalar build's main tile). */
function tile4x2scalar(kc: i32, a: usize, rs: usize, ps: usize, b: usize, bs: usize, c: usize, cs: usize, acc: bool): void {
  let c00: f64 = 0, c01: f64 = 0, c10: f64 = 0, c11: f64 = 0, c20: f64 = 0, c21: f64 = 0, c30: f64 = 0, c31: f64 = 0;
  let a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs, pb = b;
  for (let p = 0; p < kc; p++) {
    const b0 = load<f64>(pb), b1 = load<f64>(pb, 8);
    let x = load<f64>(a0); c00 += x * b0; c01 += x * b1;
    x = load<f64>(a1); c10 += x * b0; c11 += x * b1;
    x = load<f64>(a2); c20 += x * b0; c21 += x * b1;
    x = load<f64>(a3); c30 += x * b0; c31 += x * b1;
    a0 += ps; a1 += ps; a2 += ps; a3 += ps; pb += bs;
  }
  const r1 = c + cs, r2 = r1 + cs, r3 = r2 + cs;
  if (acc) {
    c00 += load<f64>(c); c01 += load<f64>(c, 8); c10 += load<f64>(r1); c11 += load<f64>(r1, 8);
    c20 += load<f64>(r2); c21 += load<f64>(r2, 8); c30 += load<f64>(r3); c31 += load<f64>(r3, 8);
  }
  store<f64>(c, c00); store<f64>(c, c01, 8); store<f64>(r1, c10); store<f64>(r1, c11, 8);
  store<f64>(r2, c20); store<f64>(r2, c21, 8); store<f64>(r3, c30); store<f64>(r3, c31, 8);
}

/** One row of C, w = 1 or 2 columns, scalar. */
function tile1x1(kc: i32, a: usize, ps: usize, b: usize, bs: usize, c: usize, acc: bool, w: i32): void {
  let s0: f64 = 0, s1: f64 = 0;
  let pa = a, pb = b;
  if (w == 2) {
    for (let p = 0; p < kc; p++) { const x = load<f64>(pa); s0 += x * load<f64>(pb); s1 += x * load<f64>(pb, 8); pa += ps; pb += bs; }
    if (acc) { s0 += ld(c, 0); s1 += ld(c, 1); }
    st(c, 0, s0); st(c, 1, s1);
  } else {
    for (let p = 0; p < kc; p++) { s0 += load<f64>(pa) * load<f64>(pb); pa += ps; pb += bs; }
    if (acc) s0 += ld(c, 0);
    st(c, 0, s0);
  }
}
