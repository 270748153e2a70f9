// Closed-form eigen-decomposition of symmetric 2×2 matrices [[a b],[b c]], in the formulation of
// LAPACK dlae2/dlaev2 (Demmel & Kahan): the eigenvalue of larger magnitude comes from a sum of
// like-signed terms and the other from det/λ₁, so neither cancels when the eigenvalues are close or
// b is tiny. Entries are first scaled by an exact power of two when max(|a|,|b|,|c|) is outside
// [1e-120, 1e120], so the squares below neither overflow nor underflow for entries near 1e±300.
import { ld, st, ldv, stv } from './memory';

const BIG: f64 = 1e120;
const SMALL: f64 = 1e-120;
const DOWN: f64 = reinterpret<f64>(<u64>(1023 - 600) << 52); // 2⁻⁶⁰⁰
const UP: f64 = reinterpret<f64>(<u64>(1023 + 600) << 52); // 2⁶⁰⁰

/** The power of two that brings s (the largest entry) into the safe range; s = 0 maps anywhere. */
// @ts-ignore: decorator
@inline function scaleFor(s: f64): f64 { return s > BIG ? DOWN : (s < SMALL ? UP : 1.0); }
// @ts-ignore: decorator
@inline function unscaleFor(s: f64): f64 { return s > BIG ? UP : (s < SMALL ? DOWN : 1.0); }

/**
 * One problem, fully general: scaling, b = 0 (the diagonal, exactly) and the zero matrix.
 * Returns rt = √((a−c)² + 4b²) of the scaled entries, finite exactly when the input is finite.
 */
// @ts-ignore: decorator
@inline function one(a: usize, b: usize, c: usize, lo: usize, hi: usize, i: i32): f64 {
  const a0 = ld(a, i), b0 = ld(b, i), c0 = ld(c, i);
  const s = max(max(abs(a0), abs(b0)), abs(c0));
  const f = scaleFor(s), fi = unscaleFor(s);
  const ai = a0 * f, bi = b0 * f, ci = c0 * f;
  const sm = ai + ci, df = ai - ci, tb = bi + bi;
  const rt = Math.sqrt(df * df + tb * tb);
  const l1 = 0.5 * (sm + copysign(rt, sm));
  const l2 = l1 != 0 ? (ai * ci - bi * bi) / l1 : 0.0;
  st(lo, i, b0 == 0 ? min(a0, c0) : min(l1, l2) * fi);
  st(hi, i, b0 == 0 ? max(a0, c0) : max(l1, l2) * fi);
  return rt;
}

/** One SIMD pair whose entries need no scaling and have b ≠ 0: no selects at all. Returns rt. */
// @ts-ignore: decorator
@inline function pair(va: v128, vb: v128, vc: v128, lo: usize, hi: usize, i: i32, half: v128, sign: v128): v128 {
  const sm = f64x2.add(va, vc), df = f64x2.sub(va, vc), tb = f64x2.add(vb, vb);
  const rt = f64x2.sqrt(f64x2.add(f64x2.mul(df, df), f64x2.mul(tb, tb)));
  // λ₁ = ½(sm + copysign(rt, sm)): like signs, no cancellation; |λ₁| ≥ s/2 > 0
  const l1 = f64x2.mul(half, f64x2.add(sm, v128.or(rt, v128.and(sm, sign))));
  const l2 = f64x2.div(f64x2.sub(f64x2.mul(va, vc), f64x2.mul(vb, vb)), l1);
  stv(lo, i, f64x2.pmin(l1, l2));
  stv(hi, i, f64x2.pmax(l1, l2));
  return rt;
}

// Splatted constants read from memory once: V8 rematerializes v128 constants inside the loop.
const PAIR_CONSTANTS = memory.data<f64>([0.5, 0.5, 0, 0, BIG, BIG, SMALL, SMALL, -0.0, -0.0]);

/**
 * lo[i] ≤ hi[i] are the eigenvalues of [[a[i] b[i]],[b[i] c[i]]] for i < n. With s = max|entry|
 * in the safe range, rt = √((a−c)² + 4b²) ≤ 2√2·s cannot overflow; λ₁ = ½(a+c ± rt) with the sign
 * of a+c, and λ₂ = (ac − b²)/λ₁ (|λ₁| ≥ s/2, so λ₂ carries an absolute error of a few ε·s: the
 * backward-stable bound); b = 0 returns the diagonal exactly. Returns 1 if any input is NaN or
 * ±∞ (a finite input whose eigenvalue overflows gives ±∞ and returns 0). lo/hi may alias a, b
 * or c element for element.
 *
 * The SIMD loop takes four problems at a time: one range test for two pairs (measured 16% faster
 * than a test per pair; the f64x2 sqrt and div then bound it). A group with any entry needing
 * scaling or any b = 0 (rare in practice) takes the general scalar path.
 */
export function eig2x2Batch(a: usize, b: usize, c: usize, lo: usize, hi: usize, n: i32): i32 {
  let i = 0;
  let acc: f64 = 0; // Σ rt: finite unless some input is not
  if (ASC_FEATURE_SIMD) {
    const half = v128.load(PAIR_CONSTANTS), zero = v128.load(PAIR_CONSTANTS, 16);
    const big = v128.load(PAIR_CONSTANTS, 32), small = v128.load(PAIR_CONSTANTS, 48);
    const sign = v128.load(PAIR_CONSTANTS, 64);
    let vacc = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const a0 = ldv(a, i), b0 = ldv(b, i), c0 = ldv(c, i);
      const a1 = ldv(a, i + 2), b1 = ldv(b, i + 2), c1 = ldv(c, i + 2);
      const s0 = f64x2.pmax(f64x2.pmax(f64x2.abs(a0), f64x2.abs(b0)), f64x2.abs(c0));
      const s1 = f64x2.pmax(f64x2.pmax(f64x2.abs(a1), f64x2.abs(b1)), f64x2.abs(c1));
      // A NaN can hide another lane's range here; it reaches rt, so the call reports it anyway.
      const outOfRange = v128.or(f64x2.gt(f64x2.pmax(s0, s1), big), f64x2.lt(f64x2.pmin(s0, s1), small));
      if (v128.any_true(v128.or(outOfRange, v128.or(f64x2.eq(b0, zero), f64x2.eq(b1, zero))))) {
        for (let j = i; j < i + 4; j++) acc += one(a, b, c, lo, hi, j);
        continue;
      }
      const r0 = pair(a0, b0, c0, lo, hi, i, half, sign);
      const r1 = pair(a1, b1, c1, lo, hi, i + 2, half, sign);
      vacc = f64x2.add(vacc, f64x2.add(r0, r1));
    }
    acc += f64x2.extract_lane(vacc, 0) + f64x2.extract_lane(vacc, 1);
  }
  for (; i < n; i++) acc += one(a, b, c, lo, hi, i);
  return isFinite(acc) ? 0 : 1;
}

/**
 * One symmetric 2×2 with eigenvectors (dlaev2). Writes out[0] = λ_lo, out[1] = λ_hi, and out[2..5]
 * the row-major 2×2 matrix whose columns are the unit eigenvectors of λ_lo and λ_hi: a rotation
 * [[cs −sn],[sn cs]] with cs² + sn² = 1 to within an ulp (each comes from 1/√(1+t²)).
 */
export function eig2x2(a: f64, b: f64, c: f64, out: usize): void {
  const a0 = a, c0 = c;
  const s = max(max(abs(a), abs(b)), abs(c));
  const f = scaleFor(s), fi = unscaleFor(s);
  a *= f; b *= f; c *= f;
  const sm = a + c, df = a - c, tb = b + b, ab = abs(tb);
  const rt = Math.sqrt(df * df + tb * tb);
  let rt1: f64, sgn1: i32;
  if (sm < 0) { rt1 = 0.5 * (sm - rt); sgn1 = -1; } else { rt1 = 0.5 * (sm + rt); sgn1 = 1; }
  const rt2 = rt1 != 0 ? (a * c - b * b) / rt1 : 0.0;
  // (cs1, sn1) is the unit eigenvector of rt1, computed from the better-conditioned of two ratios
  let cs: f64, sgn2: i32;
  if (df >= 0) { cs = df + rt; sgn2 = 1; } else { cs = df - rt; sgn2 = -1; }
  let cs1: f64, sn1: f64;
  if (abs(cs) > ab) {
    const ct = -tb / cs;
    sn1 = 1 / Math.sqrt(1 + ct * ct);
    cs1 = ct * sn1;
  } else if (ab == 0) {
    cs1 = 1; sn1 = 0;
  } else {
    const tn = -cs / tb;
    cs1 = 1 / Math.sqrt(1 + tn * tn);
    sn1 = tn * cs1;
  }
  if (sgn1 == sgn2) { const t = cs1; cs1 = -sn1; sn1 = t; }
  // b = 0: report the diagonal itself, exactly (the rotation is then the identity or a swap)
  const v1 = b == 0 ? (sgn1 == sgn2 ? a0 : c0) : rt1 * fi;
  const v2 = b == 0 ? (sgn1 == sgn2 ? c0 : a0) : rt2 * fi;
  if (v1 >= v2) {
    // λ_hi = rt1 with (cs1, sn1); λ_lo's vector is its rotation by 90°
    st(out, 0, v2); st(out, 1, v1);
    st(out, 2, -sn1); st(out, 3, cs1);
    st(out, 4, cs1); st(out, 5, sn1);
  } else {
    st(out, 0, v1); st(out, 1, v2);
    st(out, 2, cs1); st(out, 3, -sn1);
    st(out, 4, sn1); st(out, 5, cs1);
  }
}
