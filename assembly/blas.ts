// Level-1 and level-2 kernels. Each is written once; the `if (ASC_FEATURE_SIMD)` blocks compile
// away in the scalar build, whose scalar tails then do all the work.
import { ld, st, ldv, stv, hsum } from './memory';

/** Σ a[i]·b[i]. Four accumulators hide the add latency. */
export function dot(a: usize, b: usize, n: i32): f64 {
  let i = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
    // Bumped pointers with constant offsets: each load is one addressing mode, where (i + k) << 3
    // costs V8 an add and a shift per load (wasm's i32 address arithmetic may wrap, so it cannot fold).
    let pa = a, pb = b;
    const stop = a + (<usize>(n & ~7) << 3);
    while (pa < stop) {
      s0 = f64x2.add(s0, f64x2.mul(v128.load(pa), v128.load(pb)));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(pa, 16), v128.load(pb, 16)));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(pa, 32), v128.load(pb, 32)));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(pa, 48), v128.load(pb, 48)));
      pa += 64; pb += 64;
    }
    i = n & ~7;
    for (; i + 2 <= n; i += 2) s0 = f64x2.add(s0, f64x2.mul(ldv(a, i), ldv(b, i)));
    s = hsum(f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3)));
  } else {
    let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += ld(a, i) * ld(b, i);
      s1 += ld(a, i + 1) * ld(b, i + 1);
      s2 += ld(a, i + 2) * ld(b, i + 2);
      s3 += ld(a, i + 3) * ld(b, i + 3);
    }
    s = (s0 + s1) + (s2 + s3);
  }
  for (; i < n; i++) s += ld(a, i) * ld(b, i);
  return s;
}

/** y ← α·x + y */
export function axpy(n: i32, alpha: f64, x: usize, y: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha);
    for (; i + 4 <= n; i += 4) {
      stv(y, i, f64x2.add(ldv(y, i), f64x2.mul(va, ldv(x, i))));
      stv(y, i + 2, f64x2.add(ldv(y, i + 2), f64x2.mul(va, ldv(x, i + 2))));
    }
    for (; i + 2 <= n; i += 2) stv(y, i, f64x2.add(ldv(y, i), f64x2.mul(va, ldv(x, i))));
  }
  for (; i < n; i++) st(y, i, ld(y, i) + alpha * ld(x, i));
}

/** x ← α·x */
export function scal(n: i32, alpha: f64, x: usize): void {
  copyScaled(n, alpha, x, x);
}

/** y ← α·x (n doubles; y and x distinct or equal): a copy and a scal in one pass. */
export function copyScaled(n: i32, alpha: f64, x: usize, y: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha);
    for (; i + 4 <= n; i += 4) {
      stv(y, i, f64x2.mul(va, ldv(x, i)));
      stv(y, i + 2, f64x2.mul(va, ldv(x, i + 2)));
    }
    for (; i + 2 <= n; i += 2) stv(y, i, f64x2.mul(va, ldv(x, i)));
  }
  for (; i < n; i++) st(y, i, alpha * ld(x, i));
}

/** max |x[i]|, NaN if any entry is NaN (f64.max propagates NaN; `if (v > m)` would drop it). */
export function amax(x: usize, n: i32): f64 {
  let i = 0;
  let m: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    // pmax is one maxpd; f64x2.max's NaN rule costs V8 about eight instructions per call
    // (measured 4× slower here). NaN is caught instead by a mask of v ≠ v, or-ed up.
    let m0 = f64x2.splat(0), m1 = f64x2.splat(0), nan = f64x2.splat(0);
    let p = x;
    const stop = x + (<usize>(n & ~3) << 3);
    while (p < stop) {
      const v0 = v128.load(p), v1 = v128.load(p, 16);
      m0 = f64x2.pmax(m0, f64x2.abs(v0));
      m1 = f64x2.pmax(m1, f64x2.abs(v1));
      nan = v128.or(nan, v128.or(f64x2.ne(v0, v0), f64x2.ne(v1, v1)));
      p += 32;
    }
    i = n & ~3;
    for (; i + 2 <= n; i += 2) {
      const v = ldv(x, i);
      m0 = f64x2.pmax(m0, f64x2.abs(v));
      nan = v128.or(nan, f64x2.ne(v, v));
    }
    if (v128.any_true(nan)) return NaN;
    m0 = f64x2.pmax(m0, m1);
    m = max(f64x2.extract_lane(m0, 0), f64x2.extract_lane(m0, 1));
  }
  for (; i < n; i++) m = max(m, abs(ld(x, i)));
  return m;
}

/** Σ x[i]² without scaling; callers guarantee the range is safe. */
function sumsq(x: usize, n: i32): f64 {
  let i = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const a = ldv(x, i), b = ldv(x, i + 2);
      s0 = f64x2.add(s0, f64x2.mul(a, a));
      s1 = f64x2.add(s1, f64x2.mul(b, b));
    }
    for (; i + 2 <= n; i += 2) { const a = ldv(x, i); s0 = f64x2.add(s0, f64x2.mul(a, a)); }
    s = hsum(f64x2.add(s0, s1));
  }
  for (; i < n; i++) { const v = ld(x, i); s += v * v; }
  return s;
}

/**
 * Overflow- and underflow-safe ‖x‖₂. Entries whose squares stay normal take the fast unscaled
 * sum; otherwise every entry is divided by the largest magnitude first.
 */
export function nrm2(x: usize, n: i32): f64 {
  const m = amax(x, n);
  if (m == 0 || !isFinite(m)) return m; // 0, +Inf or NaN say it all
  if (m > 1e-150 && m < 1e150) return Math.sqrt(sumsq(x, n));
  let s: f64 = 0;
  for (let i = 0; i < n; i++) { const v = ld(x, i) / m; s += v * v; }
  return m * Math.sqrt(s);
}

/** Index of the first non-finite entry, or -1. x - x is NaN exactly for ±Inf and NaN. */
export function firstNonFinite(x: usize, n: i32): i32 {
  let acc: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    let va = f64x2.splat(0);
    for (; i + 2 <= n; i += 2) { const v = ldv(x, i); va = f64x2.add(va, f64x2.sub(v, v)); }
    acc = hsum(va);
  }
  for (; i < n; i++) { const v = ld(x, i); acc += v - v; }
  if (acc == 0) return -1;
  for (let j = 0; j < n; j++) { const v = ld(x, j); if (v - v != 0) return j; }
  return -1;
}

/** dst ← src (n doubles); regions may overlap. */
export function copy(dst: usize, src: usize, n: i32): void {
  memory.copy(dst, src, <usize>n << 3);
}

/** x ← value */
export function fill(x: usize, n: i32, value: f64): void {
  for (let i = 0; i < n; i++) st(x, i, value);
}

/** y[r] ← α·d + β·y[r], not reading y when β = 0. */
// @ts-ignore: decorator
@inline function put(y: usize, r: i32, alpha: f64, d: f64, beta: f64): void {
  st(y, r, beta == 0 ? alpha * d : alpha * d + beta * ld(y, r));
}

/**
 * y ← α·A·x + β·y for row-major A (m×n). With β = 0, y is not read (BLAS convention), so a
 * NaN left in an output buffer never leaks into the result. In the SIMD build four rows share
 * each load of x (four accumulators; more make V8 spill); the remaining rows, and the scalar
 * build, go two at a time.
 */
export function gemv(m: i32, n: i32, alpha: f64, a: usize, x: usize, beta: f64, y: usize): void {
  const rowBytes = <usize>n << 3;
  let r = 0;
  if (ASC_FEATURE_SIMD) {
    for (; r + 4 <= m; r += 4) {
      const a0 = a + <usize>r * rowBytes;
      const a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
      // Four accumulators, two column pairs per pass on the same ones: measured 30–35% faster
      // than eight (p/q per row), which V8 spills to the stack — 16 xmm registers are not enough.
      let p0 = f64x2.splat(0), p1 = f64x2.splat(0), p2 = f64x2.splat(0), p3 = f64x2.splat(0);
      // bumped pointers, constant offsets (see dot)
      let px = x, r0 = a0, r1 = a1, r2 = a2, r3 = a3;
      const stop = x + (<usize>(n & ~3) << 3);
      while (px < stop) {
        let xv = v128.load(px);
        p0 = f64x2.add(p0, f64x2.mul(v128.load(r0), xv));
        p1 = f64x2.add(p1, f64x2.mul(v128.load(r1), xv));
        p2 = f64x2.add(p2, f64x2.mul(v128.load(r2), xv));
        p3 = f64x2.add(p3, f64x2.mul(v128.load(r3), xv));
        xv = v128.load(px, 16);
        p0 = f64x2.add(p0, f64x2.mul(v128.load(r0, 16), xv));
        p1 = f64x2.add(p1, f64x2.mul(v128.load(r1, 16), xv));
        p2 = f64x2.add(p2, f64x2.mul(v128.load(r2, 16), xv));
        p3 = f64x2.add(p3, f64x2.mul(v128.load(r3, 16), xv));
        px += 32; r0 += 32; r1 += 32; r2 += 32; r3 += 32;
      }
      let j = n & ~3;
      if (j + 2 <= n) {
        const x0 = ldv(x, j);
        p0 = f64x2.add(p0, f64x2.mul(ldv(a0, j), x0));
        p1 = f64x2.add(p1, f64x2.mul(ldv(a1, j), x0));
        p2 = f64x2.add(p2, f64x2.mul(ldv(a2, j), x0));
        p3 = f64x2.add(p3, f64x2.mul(ldv(a3, j), x0));
        j += 2;
      }
      let d0 = hsum(p0), d1 = hsum(p1);
      let d2 = hsum(p2), d3 = hsum(p3);
      if (j < n) {
        const xj = ld(x, j);
        d0 += ld(a0, j) * xj; d1 += ld(a1, j) * xj; d2 += ld(a2, j) * xj; d3 += ld(a3, j) * xj;
      }
      put(y, r, alpha, d0, beta); put(y, r + 1, alpha, d1, beta);
      put(y, r + 2, alpha, d2, beta); put(y, r + 3, alpha, d3, beta);
    }
  }
  for (; r + 2 <= m; r += 2) {
    const a0 = a + <usize>r * rowBytes;
    const a1 = a0 + rowBytes;
    let d0: f64 = 0, d1: f64 = 0;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      let p0 = f64x2.splat(0), p1 = f64x2.splat(0), q0 = f64x2.splat(0), q1 = f64x2.splat(0);
      for (; j + 4 <= n; j += 4) {
        const x0 = ldv(x, j), x1 = ldv(x, j + 2);
        p0 = f64x2.add(p0, f64x2.mul(ldv(a0, j), x0));
        q0 = f64x2.add(q0, f64x2.mul(ldv(a1, j), x0));
        p1 = f64x2.add(p1, f64x2.mul(ldv(a0, j + 2), x1));
        q1 = f64x2.add(q1, f64x2.mul(ldv(a1, j + 2), x1));
      }
      for (; j + 2 <= n; j += 2) {
        const x0 = ldv(x, j);
        p0 = f64x2.add(p0, f64x2.mul(ldv(a0, j), x0));
        q0 = f64x2.add(q0, f64x2.mul(ldv(a1, j), x0));
      }
      d0 = hsum(f64x2.add(p0, p1));
      d1 = hsum(f64x2.add(q0, q1));
    } else {
      let p0: f64 = 0, p1: f64 = 0, q0: f64 = 0, q1: f64 = 0;
      for (; j + 2 <= n; j += 2) {
        const x0 = ld(x, j), x1 = ld(x, j + 1);
        p0 += ld(a0, j) * x0; q0 += ld(a1, j) * x0;
        p1 += ld(a0, j + 1) * x1; q1 += ld(a1, j + 1) * x1;
      }
      d0 = p0 + p1; d1 = q0 + q1;
    }
    for (; j < n; j++) { const xj = ld(x, j); d0 += ld(a0, j) * xj; d1 += ld(a1, j) * xj; }
    put(y, r, alpha, d0, beta); put(y, r + 1, alpha, d1, beta);
  }
  if (r < m) put(y, r, alpha, dot(a + <usize>r * rowBytes, x, n), beta);
}

/**
 * y ← A·x (row-major A, m×n) and whether y is all finite: 0 if so, else 1. One call instead of
 * gemv + firstNonFinite keeps the per-call cost of a small matvec low. A finite y proves A and x
 * finite (every entry reaches some yᵢ, and NaN·0 = Inf·0 = NaN), so callers scan them only on 1.
 */
export function matvecChecked(m: i32, n: i32, a: usize, x: usize, y: usize): i32 {
  gemv(m, n, 1, a, x, 0, y);
  let acc: f64 = 0;
  for (let i = 0; i < m; i++) { const v = ld(y, i); acc += v - v; }
  return acc == 0 ? 0 : 1;
}

/**
 * y ← A·x for symmetric A (n×n, row-major), reading only its upper triangle (and the diagonal
 * 4×4 blocks whole): half the memory traffic of gemv, which is what bounds a large matrix-vector
 * product. Four rows at a time, one pass: the rows' dots with x[j..n) for y[i..i+4) and their
 * combination added into y[j..n), so each y[j] is read and written once per four rows (one row at
 * a time, that read-modify-write chain measured 2–3× slower than gemv). y must not overlap x.
 */
export function symvInto(n: i32, a: usize, x: usize, y: usize): void {
  for (let i = 0; i < n; i++) st(y, i, 0);
  const rowBytes = <usize>n << 3;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
      const x0 = ld(x, i), x1 = ld(x, i + 1), x2 = ld(x, i + 2), x3 = ld(x, i + 3);
      let d0 = ld(a0, i) * x0 + ld(a0, i + 1) * x1 + ld(a0, i + 2) * x2 + ld(a0, i + 3) * x3;
      let d1 = ld(a1, i) * x0 + ld(a1, i + 1) * x1 + ld(a1, i + 2) * x2 + ld(a1, i + 3) * x3;
      let d2 = ld(a2, i) * x0 + ld(a2, i + 1) * x1 + ld(a2, i + 2) * x2 + ld(a2, i + 3) * x3;
      let d3 = ld(a3, i) * x0 + ld(a3, i + 1) * x1 + ld(a3, i + 2) * x2 + ld(a3, i + 3) * x3;
      const s0 = f64x2.splat(x0), s1 = f64x2.splat(x1), s2 = f64x2.splat(x2), s3 = f64x2.splat(x3);
      let p0 = f64x2.splat(0), p1 = f64x2.splat(0), p2 = f64x2.splat(0), p3 = f64x2.splat(0);
      const j0 = i + 4, off = <usize>j0 << 3;
      let px = x + off, py = y + off, r0 = a0 + off, r1 = a1 + off, r2 = a2 + off, r3 = a3 + off;
      const stop = px + (<usize>((n - j0) & ~1) << 3);
      while (px < stop) {
        const xv = v128.load(px);
        const h0 = v128.load(r0), h1 = v128.load(r1), h2 = v128.load(r2), h3 = v128.load(r3);
        p0 = f64x2.add(p0, f64x2.mul(h0, xv));
        p1 = f64x2.add(p1, f64x2.mul(h1, xv));
        p2 = f64x2.add(p2, f64x2.mul(h2, xv));
        p3 = f64x2.add(p3, f64x2.mul(h3, xv));
        const t = f64x2.add(f64x2.add(f64x2.mul(h0, s0), f64x2.mul(h1, s1)), f64x2.add(f64x2.mul(h2, s2), f64x2.mul(h3, s3)));
        v128.store(py, f64x2.add(v128.load(py), t));
        px += 16; py += 16; r0 += 16; r1 += 16; r2 += 16; r3 += 16;
      }
      if ((n - j0) & 1) {
        const j = n - 1, xj = ld(x, j);
        const h0 = ld(a0, j), h1 = ld(a1, j), h2 = ld(a2, j), h3 = ld(a3, j);
        d0 += h0 * xj; d1 += h1 * xj; d2 += h2 * xj; d3 += h3 * xj;
        st(y, j, ld(y, j) + (h0 * x0 + h1 * x1 + h2 * x2 + h3 * x3));
      }
      st(y, i, ld(y, i) + d0 + hsum(p0));
      st(y, i + 1, ld(y, i + 1) + d1 + hsum(p1));
      st(y, i + 2, ld(y, i + 2) + d2 + hsum(p2));
      st(y, i + 3, ld(y, i + 3) + d3 + hsum(p3));
    }
  }
  // the rows left (all of them in the scalar build), one at a time
  for (; i < n; i++) {
    const row = a + <usize>i * rowBytes;
    const xi = ld(x, i);
    let d = ld(row, i) * xi;
    for (let j = i + 1; j < n; j++) {
      const h = ld(row, j);
      d += h * ld(x, j);
      st(y, j, ld(y, j) + h * xi);
    }
    st(y, i, ld(y, i) + d);
  }
}

/** y ← α·A·x + β·y for symmetric A, reading its upper triangle (symvInto); `work` holds n doubles. */
export function symv(n: i32, alpha: f64, a: usize, x: usize, beta: f64, y: usize, work: usize): void {
  symvInto(n, a, x, work);
  for (let i = 0; i < n; i++) {
    const v = alpha * ld(work, i);
    st(y, i, beta == 0 ? v : v + beta * ld(y, i));
  }
}
