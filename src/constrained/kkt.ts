// Karush–Kuhn–Tucker residuals of min f s.t. cᵢ ≤ 0, cⱼ = 0, l ≤ x ≤ u at (x, α):
//   stationarity   ∇f + Σαᵢ∇cᵢ − z_l + z_u = 0,  z_l, z_u ≥ 0 the bound multipliers
//   primal         gᵢ ≤ 0, hⱼ = 0, l ≤ x ≤ u
//   dual           αᵢ ≥ 0 for inequalities
//   complementary  αᵢgᵢ = 0, z_l(x − l) = 0, z_u(u − x) = 0
// (Nocedal & Wright, Numerical Optimization, Thm. 12.1). Bound multipliers are read off the
// Lagrangian gradient: a coordinate whose gradient pushes against a nearby bound gets z = that gradient.
import { Evaluator, violation } from './evaluator.js';
import type { KktResiduals } from './types.js';

export interface KktReport {
  kkt: KktResiduals;
  fx: number;
  /** ‖∇f(x)‖∞, the scale the stationarity tolerance is relative to. */
  gradientNormF: number;
  /** ‖∇L(x, α)‖∞ before bound multipliers (what `gradientNorm` reports). */
  lagrangianGradientNorm: number;
  boundMultipliers: { lower: Float64Array; upper: Float64Array };
  constraintValues: Float64Array;
}

/** What a solver already holds at x: f, c, ∇ₓL(x, α) and ‖∇f‖∞, so the residuals cost no evaluations. */
export interface KnownAtX {
  fx: number;
  c: Float64Array;
  gradL: Float64Array;
  gradientNormF: number;
}

export function kktResiduals(ev: Evaluator, x: Float64Array, alpha: Float64Array, known?: KnownAtX): KktReport {
  const p = ev.problem;
  const n = ev.n;
  const c = known ? Float64Array.from(known.c) : ev.constraints(x, new Float64Array(ev.m));
  const fx = known ? known.fx : ev.value(x);
  const gL = known ? Float64Array.from(known.gradL) : ev.gradient(x, new Float64Array(n));
  let gradientNormF = 0;
  if (known) gradientNormF = known.gradientNormF;
  else for (let j = 0; j < n; j++) gradientNormF = Math.max(gradientNormF, Math.abs(gL[j]!));
  const gc = new Float64Array(n);
  let complementarity = 0;
  let dualFeasibility = 0;
  for (let i = 0; i < ev.m; i++) {
    const a = alpha[i]!;
    if (p.constraints[i]!.type === 'ineq') {
      dualFeasibility = Math.max(dualFeasibility, -a);
      complementarity = Math.max(complementarity, Math.abs(a * c[i]!));
    }
    if (a === 0 || known) continue;
    ev.constraintGradient(i, x, gc);
    for (let j = 0; j < n; j++) gL[j]! += a * gc[j]!;
  }
  const zl = new Float64Array(n);
  const zu = new Float64Array(n);
  let stationarity = 0;
  let lagrangianGradientNorm = 0;
  let boundViolation = 0;
  for (let j = 0; j < n; j++) {
    const gj = gL[j]!;
    lagrangianGradientNorm = Math.max(lagrangianGradientNorm, Math.abs(gj));
    const dl = x[j]! - p.lower[j]!;
    const du = p.upper[j]! - x[j]!;
    boundViolation = Math.max(boundViolation, -dl, -du);
    let r = gj;
    if (gj > 0 && dl <= gj) {
      zl[j] = gj;
      r = 0;
      complementarity = Math.max(complementarity, gj * Math.max(0, dl));
    } else if (gj < 0 && du <= -gj) {
      zu[j] = -gj;
      r = 0;
      complementarity = Math.max(complementarity, -gj * Math.max(0, du));
    }
    stationarity = Math.max(stationarity, Math.abs(r));
    if (gj !== gj) stationarity = NaN;
  }
  const primalFeasibility = Math.max(violation(p, c), boundViolation);
  return {
    kkt: { stationarity, primalFeasibility, complementarity, dualFeasibility },
    fx, gradientNormF, lagrangianGradientNorm, boundMultipliers: { lower: zl, upper: zu }, constraintValues: c,
  };
}

/** True when every residual is within tolerance (NaN never passes). */
export function kktSatisfied(r: KktReport, optimalityTolerance: number, constraintTolerance: number): boolean {
  const scale = Math.max(1, r.gradientNormF);
  const k = r.kkt;
  return k.stationarity <= optimalityTolerance * scale
    && k.primalFeasibility <= constraintTolerance
    && k.complementarity <= optimalityTolerance * scale
    && k.dualFeasibility <= optimalityTolerance;
}
