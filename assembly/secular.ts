// The secular equation of a rank-one update D + ρ·z·zᵀ (d ascending and distinct, ‖z‖ = 1, ρ > 0):
//   f(λ) = 1/ρ + Σⱼ zⱼ² / (dⱼ − λ) = 0,
// one root in each (dᵢ, dᵢ₊₁) and the last in (d_{k−1}, d_{k−1} + ρ). The root finder follows LAPACK
// dlaed4/dlaed5/dlaed6 (Ren-Cang Li, "Solving secular equations stably and efficiently", LAPACK
// Working Note 89, 1993): the origin is the pole nearer the root, so dⱼ − λ = (dⱼ − d_org) − τ
// keeps full relative accuracy; each step fits a rational model with two poles (the "middle way"
// and its fixed-weight switch) or three poles (dlaed6, Gragg's cubically convergent scheme), is
// kept inside a shrinking bracket (else bisected), and stops when |f| ≤ ε·(a bound on the rounding
// error of f). The eigenvectors are formed from the δⱼ = dⱼ − λ left in `delta` (dcmerge.ts).
import { ld, st, ldv, stv, UNIT_ROUNDOFF as EPS } from './memory'; // EPS: dlamch('Epsilon') = 2⁻⁵³

/** Iteration caps: LAPACK uses 30 (dlaed4) and 40 (dlaed6); never hang. */
const MAXIT = 40;
const MAXIT6 = 40;
/** dlaed6's scaling thresholds, powers of two near safmin^(1/3) and safmin^(2/3). */
const SMALL1: f64 = 4.4765466227572707e-103; // 2^-340
const SMINV1: f64 = 2.2338953138925153e102; // 2^340
const SMALL2: f64 = 2.0039426249606468e-205; // 2^-680
const SMINV2: f64 = 4.9901884740170447e204; // 2^680

/** Set to 1 when a root did not converge within MAXIT steps (its last iterate is kept). */
let failed = 0;
// results of evalRange (several return values without allocation)
let sumS: f64 = 0, sumD: f64 = 0, sumE: f64 = 0;

/**
 * For j in [j0, j1): δⱼ = (dⱼ − org) − τ (stored), and sums over the terms tⱼ = zⱼ²/δⱼ:
 * sumS = Σ tⱼ, sumD = Σ (zⱼ/δⱼ)² (= −f′ part), sumE = |Σ |j − ref|·tⱼ|, which equals dlaed4's
 * error accumulator Σ of partial sums when the terms are summed from the far end towards ref.
 */
function evalRange(d: usize, z: usize, delta: usize, j0: i32, j1: i32, org: f64, tau: f64, ref: i32): void {
  let s: f64 = 0, sd: f64 = 0, se: f64 = 0;
  let j = j0;
  if (ASC_FEATURE_SIMD) {
    const vo = f64x2.splat(org), vt = f64x2.splat(tau), two = f64x2.splat(2);
    let vs = f64x2.splat(0), vd = f64x2.splat(0), ve = f64x2.splat(0);
    let wt = f64x2.replace_lane(f64x2.splat(<f64>(j0 - ref)), 1, <f64>(j0 + 1 - ref));
    // two independent pairs per pass: the divisions overlap and the add chains are halved
    let vs2 = f64x2.splat(0), vd2 = f64x2.splat(0), ve2 = f64x2.splat(0);
    const four = f64x2.splat(4);
    let wt2 = f64x2.add(wt, two);
    for (; j + 4 <= j1; j += 4) {
      const dl = f64x2.sub(f64x2.sub(ldv(d, j), vo), vt), dl2 = f64x2.sub(f64x2.sub(ldv(d, j + 2), vo), vt);
      stv(delta, j, dl); stv(delta, j + 2, dl2);
      const zz = ldv(z, j), zz2 = ldv(z, j + 2);
      const t = f64x2.div(zz, dl), t2 = f64x2.div(zz2, dl2);
      const term = f64x2.mul(zz, t), term2 = f64x2.mul(zz2, t2);
      vs = f64x2.add(vs, term); vs2 = f64x2.add(vs2, term2);
      vd = f64x2.add(vd, f64x2.mul(t, t)); vd2 = f64x2.add(vd2, f64x2.mul(t2, t2));
      ve = f64x2.add(ve, f64x2.mul(term, wt)); ve2 = f64x2.add(ve2, f64x2.mul(term2, wt2));
      wt = f64x2.add(wt, four); wt2 = f64x2.add(wt2, four);
    }
    vs = f64x2.add(vs, vs2); vd = f64x2.add(vd, vd2); ve = f64x2.add(ve, ve2);
    for (; j + 2 <= j1; j += 2) {
      const dl = f64x2.sub(f64x2.sub(ldv(d, j), vo), vt);
      stv(delta, j, dl);
      const zz = ldv(z, j);
      const t = f64x2.div(zz, dl);
      const term = f64x2.mul(zz, t);
      vs = f64x2.add(vs, term);
      vd = f64x2.add(vd, f64x2.mul(t, t));
      ve = f64x2.add(ve, f64x2.mul(term, wt));
      wt = f64x2.add(wt, two);
    }
    s = f64x2.extract_lane(vs, 0) + f64x2.extract_lane(vs, 1);
    sd = f64x2.extract_lane(vd, 0) + f64x2.extract_lane(vd, 1);
    se = f64x2.extract_lane(ve, 0) + f64x2.extract_lane(ve, 1);
  }
  for (; j < j1; j++) {
    const dl = (ld(d, j) - org) - tau;
    st(delta, j, dl);
    const zz = ld(z, j);
    const t = zz / dl;
    const term = zz * t;
    s += term; sd += t * t; se += term * <f64>(j - ref);
  }
  sumS = s; sumD = sd; sumE = abs(se);
}

/** The root of c·η² − a·η + b = 0 that dlaed4/dlaed6 want, in the form without cancellation. */
// @ts-ignore: decorator
@inline function quadRoot(a: f64, b: f64, c: f64): f64 {
  const r = Math.sqrt(abs(a * a - 4 * b * c));
  return a <= 0 ? (a - r) / (2 * c) : (2 * b) / (a + r);
}

/**
 * dlaed6: the root η in the bracket of the three-pole model g(η) = finit + Σ zzᵢ·η/(dᵢ(dᵢ − η)),
 * dᵢ the current δ at the origin's neighbours. `first` computes dlaed6's initial guess (KNITER = 2).
 */
function laed6(first: bool, orgati: bool, rho: f64, d0: f64, d1: f64, d2: f64, z0: f64, z1: f64, z2: f64, finit: f64): f64 {
  let lbd = orgati ? d1 : d0, ubd = orgati ? d2 : d1;
  if (finit < 0) lbd = 0; else ubd = 0;
  let tau: f64 = 0;
  if (first) {
    let a: f64, b: f64, c: f64;
    if (orgati) {
      const t = (d2 - d1) / 2;
      c = rho + z0 / ((d0 - d1) - t);
      a = c * (d1 + d2) + z1 + z2;
      b = c * d1 * d2 + z1 * d2 + z2 * d1;
    } else {
      const t = (d0 - d1) / 2;
      c = rho + z2 / ((d2 - d1) - t);
      a = c * (d0 + d1) + z0 + z1;
      b = c * d0 * d1 + z0 * d1 + z1 * d0;
    }
    const t = max(abs(a), max(abs(b), abs(c)));
    a /= t; b /= t; c /= t;
    tau = c == 0 ? b / a : quadRoot(a, b, c);
    if (!(tau >= lbd && tau <= ubd)) tau = (lbd + ubd) / 2;
    if (d0 == tau || d1 == tau || d2 == tau) tau = 0;
    else {
      const g = finit + tau * z0 / (d0 * (d0 - tau)) + tau * z1 / (d1 * (d1 - tau)) + tau * z2 / (d2 * (d2 - tau));
      if (g <= 0) lbd = tau; else ubd = tau;
      if (abs(finit) <= abs(g)) tau = 0;
    }
  }
  // scale up when the poles are so close to τ that 1/δ³ could overflow (inputs are O(1))
  let sc: f64 = 1, scInv: f64 = 1;
  const near = orgati ? min(abs(d1 - tau), abs(d2 - tau)) : min(abs(d0 - tau), abs(d1 - tau));
  if (near <= SMALL1) {
    if (near <= SMALL2) { sc = SMINV2; scInv = SMALL2; } else { sc = SMINV1; scInv = SMALL1; }
    d0 *= sc; d1 *= sc; d2 *= sc; z0 *= sc; z1 *= sc; z2 *= sc;
    tau *= sc; lbd *= sc; ubd *= sc;
  }
  for (let it = 0; it <= MAXIT6; it++) {
    // f, f′, f″/2 of the model at τ, and dlaed6's rounding-error bound
    const r0 = 1 / (d0 - tau), r1 = 1 / (d1 - tau), r2 = 1 / (d2 - tau);
    const t0 = z0 * r0, t1 = z1 * r1, t2 = z2 * r2;
    const q0 = t0 / d0, q1 = t1 / d1, q2 = t2 / d2;
    const fc = q0 + q1 + q2;
    const df = t0 * r0 + t1 * r1 + t2 * r2;
    const ddf = t0 * r0 * r0 + t1 * r1 * r1 + t2 * r2 * r2;
    const f = finit + tau * fc;
    if (it == 0) { if (f == 0) break; } else {
      const err = 8 * (abs(finit) + abs(tau) * (abs(q0) + abs(q1) + abs(q2))) + abs(tau) * df;
      if (abs(f) <= EPS * err) break;
    }
    if (it == MAXIT6) { failed = 1; break; }
    if (f <= 0) lbd = tau; else ubd = tau;
    const u1 = orgati ? d1 - tau : d0 - tau, u2 = orgati ? d2 - tau : d1 - tau;
    let a = (u1 + u2) * f - u1 * u2 * df, b = u1 * u2 * f, c = f - (u1 + u2) * df + u1 * u2 * ddf;
    const t = max(abs(a), max(abs(b), abs(c)));
    let eta: f64;
    if (t == 0) eta = -f / df;
    else { a /= t; b /= t; c /= t; eta = c == 0 ? b / a : quadRoot(a, b, c); }
    if (!(f * eta < 0)) eta = -f / df; // wrong direction (rounding) or NaN: Newton
    tau += eta;
    if (!(tau >= lbd && tau <= ubd)) tau = (lbd + ubd) / 2;
  }
  return tau * scInv;
}

/** dlaed4 for the last root (i = k − 1, k ≥ 3): λ ∈ (d_{k−1}, d_{k−1} + ρ], origin d_{k−1}. */
function lastRoot(k: i32, d: usize, z: usize, delta: usize, rho: f64): f64 {
  const rhoinv = 1 / rho;
  const n1 = k - 1, n2 = k - 2;
  const dn = ld(d, n1), zA = ld(z, n2), zB = ld(z, n1);
  const zA2 = zA * zA, zB2 = zB * zB;
  // initial guess from the two nearest poles and the rest frozen at the midpoint ρ/2
  const midpt = rho / 2;
  evalRange(d, z, delta, 0, n2, dn, midpt, 0);
  const c = rhoinv + sumS;
  const w0 = c + zA2 / ((ld(d, n2) - dn) - midpt) + zB2 / -midpt;
  const del = dn - ld(d, n2);
  let tau: f64, lo: f64, hi: f64;
  if (w0 <= 0 && c <= zA2 / (del + rho) + zB2 / rho) {
    tau = rho;
  } else {
    const a = -c * del + zA2 + zB2, b = zB2 * del;
    const r = Math.sqrt(a * a + 4 * b * c);
    tau = a < 0 ? 2 * b / (r - a) : (a + r) / (2 * c);
  }
  // it can be proved that λ lies in (dn + ρ/2, dn + ρ] when w0 ≤ 0, else in (dn, dn + ρ/2)
  if (w0 <= 0) { lo = midpt; hi = rho; } else { lo = 0; hi = midpt; }
  for (let it = 0; ; it++) {
    // ψ over the poles below, φ the last pole alone (dlaed4, I = N)
    evalRange(d, z, delta, 0, n1, dn, tau, n1);
    const psi = sumS, dpsi = sumD;
    const dB = -tau;
    st(delta, n1, dB);
    const t = zB / dB, phi = zB * t, dphi = t * t;
    const erretm = 8 * (-phi - psi) + sumE - phi + rhoinv + abs(tau) * (dpsi + dphi);
    const w = rhoinv + phi + psi;
    if (abs(w) <= EPS * erretm) break;
    if (it >= MAXIT) { failed = 1; break; }
    if (w <= 0) lo = max(lo, tau); else hi = min(hi, tau);
    // two-pole model through d_{k−2} and d_{k−1} matching f and f′ (the middle way)
    const dA = ld(delta, n2);
    let cc = w - dA * dpsi - dB * dphi;
    const a = (dA + dB) * w - dA * dB * (dpsi + dphi), b = dA * dB * w;
    let eta: f64;
    if (it == 0 && cc < 0) cc = -cc;
    if (cc == 0) eta = hi - tau;
    else eta = a >= 0 ? (a + Math.sqrt(abs(a * a - 4 * b * cc))) / (2 * cc) : 2 * b / (a - Math.sqrt(abs(a * a - 4 * b * cc)));
    // η must move against f (rounding can break that): then Newton; outside the bracket: bisect
    if (!(w * eta <= 0)) eta = -w / (dpsi + dphi);
    const nt = tau + eta;
    if (!(nt <= hi && nt >= lo)) eta = w < 0 ? (hi - tau) / 2 : (lo - tau) / 2;
    tau += eta;
  }
  return dn + tau;
}

/** dlaed4 for a root i < k − 1 (k ≥ 3): λ ∈ (dᵢ, dᵢ₊₁), origin the nearer of the two poles. */
function midRoot(k: i32, i: i32, d: usize, z: usize, delta: usize, rho: f64): f64 {
  const rhoinv = 1 / rho;
  const ip1 = i + 1;
  const di = ld(d, i), dip1 = ld(d, ip1), zi = ld(z, i), zip1 = ld(z, ip1);
  const zi2 = zi * zi, zip12 = zip1 * zip1;
  const del = dip1 - di, midpt = del / 2;
  // which half holds the root: the sign of f at the midpoint
  evalRange(d, z, delta, 0, i, di, midpt, 0);
  let c = rhoinv + sumS;
  evalRange(d, z, delta, i + 2, k, di, midpt, 0);
  c += sumS;
  const w0 = c + zi2 / -midpt + zip12 / (del - midpt);
  const orgati = w0 > 0;
  let tau: f64, lo: f64, hi: f64;
  if (orgati) {
    const a = c * del + zi2 + zip12, b = zi2 * del;
    const r = Math.sqrt(abs(a * a - 4 * b * c));
    tau = a > 0 ? 2 * b / (a + r) : (a - r) / (2 * c);
    lo = 0; hi = midpt;
  } else {
    const a = c * del - zi2 - zip12, b = zip12 * del;
    const r = Math.sqrt(abs(a * a + 4 * b * c));
    tau = a < 0 ? 2 * b / (a - r) : -(a + r) / (2 * c);
    lo = -midpt; hi = 0;
  }
  const ii = orgati ? i : ip1;
  const org = orgati ? di : dip1;
  const zii = ld(z, ii);
  let swtch3 = false, swtch = false;
  let prew: f64 = 0;
  for (let it = 0; ; it++) {
    // ψ: poles below the origin, φ: poles above it, and the origin's own term apart
    evalRange(d, z, delta, 0, ii, org, tau, ii);
    const psi = sumS;
    let dpsi = sumD;
    let erretm = sumE;
    evalRange(d, z, delta, ii + 1, k, org, tau, ii);
    const phi = sumS;
    let dphi = sumD;
    erretm += sumE;
    st(delta, ii, -tau);
    let w = rhoinv + phi + psi;
    // three poles pay off when the other neighbour pulls harder than the origin's partner
    if (it == 0) swtch3 = ii > 0 && ii < k - 1 && (orgati ? w < 0 : w > 0);
    let t = zii / -tau;
    const dw = dpsi + dphi + t * t;
    t = zii * t;
    w += t;
    erretm = 8 * (phi - psi) + erretm + 2 * rhoinv + 3 * abs(t) + abs(tau) * dw;
    if (abs(w) <= EPS * erretm) break;
    if (it >= MAXIT) { failed = 1; break; }
    // the fixed-weight switch: if f barely shrank, use the other pole's weight next
    if (it == 1) swtch = orgati ? -w > abs(prew) / 10 : w > abs(prew) / 10;
    else if (it > 1 && w * prew > 0 && abs(w) > abs(prew) / 10) swtch = !swtch;
    if (w <= 0) lo = max(lo, tau); else hi = min(hi, tau);
    const dI = ld(delta, i), dP = ld(delta, ip1);
    let eta: f64;
    if (!swtch3) {
      let cc: f64;
      if (!swtch) {
        if (orgati) { const q = zi / dI; cc = w - dP * dw - (di - dip1) * q * q; }
        else { const q = zip1 / dP; cc = w - dI * dw - (dip1 - di) * q * q; }
      } else {
        const q = zii / -tau;
        if (orgati) dpsi += q * q; else dphi += q * q;
        cc = w - dI * dpsi - dP * dphi;
      }
      let a = (dI + dP) * w - dI * dP * dw;
      const b = dI * dP * w;
      if (cc == 0) {
        if (a == 0) {
          if (!swtch) a = orgati ? zi2 + dP * dP * (dpsi + dphi) : zip12 + dI * dI * (dpsi + dphi);
          else a = dI * dI * dpsi + dP * dP * dphi;
        }
        eta = b / a;
      } else eta = quadRoot(a, b, cc);
    } else {
      // three most relevant poles (dlaed6)
      const iim1 = ii - 1, iip1 = ii + 1;
      const dm = ld(delta, iim1), dp = ld(delta, iip1);
      const base = rhoinv + psi + phi;
      let cc: f64, zz0: f64, zz2: f64;
      if (swtch) {
        cc = base - dm * dpsi - dp * dphi;
        zz0 = dm * dm * dpsi; zz2 = dp * dp * dphi;
      } else if (orgati) {
        const zm = ld(z, iim1), q = zm / dm, q2 = q * q;
        cc = base - dp * (dpsi + dphi) - (ld(d, iim1) - ld(d, iip1)) * q2;
        zz0 = zm * zm; zz2 = dp * dp * ((dpsi - q2) + dphi);
      } else {
        const zp = ld(z, iip1), q = zp / dp, q2 = q * q;
        cc = base - dm * (dpsi + dphi) - (ld(d, iip1) - ld(d, iim1)) * q2;
        zz0 = dm * dm * (dpsi + (dphi - q2)); zz2 = zp * zp;
      }
      eta = laed6(it == 0, orgati, cc, dm, -tau, dp, zz0, zii * zii, zz2, w);
    }
    if (!(w * eta < 0)) eta = -w / dw;
    const nt = tau + eta;
    if (!(nt <= hi && nt >= lo)) eta = w < 0 ? (hi - tau) / 2 : (lo - tau) / 2;
    prew = w;
    tau += eta;
  }
  return org + tau;
}

/** dlaed5: the k = 2 problem in closed form; writes the unit eigenvector (v₀, v₁) to v. */
export function laed5(i: i32, d: usize, z: usize, rho: f64, v: usize): f64 {
  const d0 = ld(d, 0), d1 = ld(d, 1), z0 = ld(z, 0), z1 = ld(z, 1);
  const del = d1 - d0, zs = rho * (z0 * z0 + z1 * z1);
  let lam: f64, v0: f64, v1: f64;
  if (i == 0 && 1 + 2 * rho * (z1 * z1 - z0 * z0) / del > 0) {
    // root in the lower half: origin d₀
    const b = del + zs, c = rho * z0 * z0 * del;
    const tau = 2 * c / (b + Math.sqrt(abs(b * b - 4 * c)));
    lam = d0 + tau; v0 = -z0 / tau; v1 = z1 / (del - tau);
  } else {
    // origin d₁ (τ < 0 for the first root, τ > 0 for the second)
    const b = -del + zs, c = rho * z1 * z1 * del;
    const r = Math.sqrt(b * b + 4 * c);
    let tau: f64;
    if (i == 0) tau = b > 0 ? -2 * c / (b + r) : (b - r) / 2;
    else tau = b > 0 ? (b + r) / 2 : 2 * c / (r - b);
    lam = d1 + tau; v0 = -z0 / (del + tau); v1 = -z1 / tau;
  }
  const nrm = Math.sqrt(v0 * v0 + v1 * v1);
  st(v, 0, v0 / nrm); st(v, 1, v1 / nrm);
  return lam;
}

/**
 * Root i (0 ≤ i < k, k ≥ 3) of the secular equation; delta[j] ← dⱼ − λᵢ. A root that misses its
 * iteration cap keeps its last iterate and raises the flag read by secularFailed().
 */
export function secularRoot(k: i32, i: i32, d: usize, z: usize, delta: usize, rho: f64): f64 {
  return i == k - 1 ? lastRoot(k, d, z, delta, rho) : midRoot(k, i, d, z, delta, rho);
}

/** 1 if a root (since the last call) missed its iteration cap, then clears the flag. */
export function secularFailed(): i32 {
  const f = failed;
  failed = 0;
  return f;
}
