// The method of multipliers (augmented Lagrangian) with Powell–Hestenes–Rockafellar terms:
//   φ(x; λ, ρ) = f + Σ_eq (λⱼhⱼ + ρ/2·hⱼ²) + Σ_ineq (max(0, λᵢ + ρgᵢ)² − λᵢ²) / 2ρ
// minimized over the box, then λⱼ ← λⱼ + ρhⱼ, λᵢ ← max(0, λᵢ + ρgᵢ) (so α ≥ 0 for inequalities).
// ρ grows ×penaltyGrowth when the infeasibility V = max(|hⱼ|, |min(−gᵢ, λᵢ/ρ)|) fails to halve;
// the inner tolerance tightens ×0.1 per outer iteration down to gradientTolerance if given, else
// 0.1·optimalityTolerance·max(1, ‖∇f‖∞).
// References: Nocedal & Wright, Numerical Optimization (2006), Alg. 17.4 and §17.4; Birgin &
// Martínez, Practical Augmented Lagrangian Methods for Constrained Optimization (SIAM 2014), Alg. 4.1.
import { project } from './bound-solver.js';
import { augmentedTerms, Composite } from './composite.js';
import { violation } from './evaluator.js';
import { kktSatisfied } from './kkt.js';
import type { Outcome, Run } from './run.js';

/** Safeguard on multiplier magnitude (Birgin & Martínez keep λ in a bounded box). */
const LAMBDA_MAX = 1e20;

export function augmentedLagrangian(run: Run, x0: Float64Array): Outcome {
  const { ev, o } = run;
  const p = ev.problem;
  const m = ev.m;
  const isEq = p.constraints.map((c) => c.type === 'eq');
  const lambda = o.multipliers ? Float64Array.from(o.multipliers) : new Float64Array(m);
  const oldLambda = new Float64Array(m);
  let rho = o.initialPenalty;
  const phi = new Composite(ev, augmentedTerms(isEq, lambda, rho));
  let x = project(Float64Array.from(x0), p.lower, p.upper);
  let vPrev = Infinity;
  let innerTol = Math.max(1e-2, o.optimalityTolerance);
  let last: Outcome | undefined;
  let rhoGrew = false;
  for (let k = 0; k < o.maxOuterIterations; k++) {
    phi.terms = augmentedTerms(isEq, lambda, rho);
    // A multiplier update changes φ little, so the curvature pairs of the last solve stay useful;
    // after ρ grows they would not (curvature ×growth along ∇c), so start afresh then.
    const inner = run.inner(phi, x, innerTol, k > 0 && !rhoGrew);
    x = inner.x;
    phi.value(x);
    let v = 0;
    for (let i = 0; i < m; i++) {
      const c = phi.c[i]!;
      v = Math.max(v, isEq[i] ? Math.abs(c) : Math.abs(Math.min(-c, lambda[i]! / rho)));
    }
    oldLambda.set(lambda);
    for (let i = 0; i < m; i++) {
      const next = phi.terms.dpsi(i, phi.c[i]!);
      lambda[i] = Math.min(LAMBDA_MAX, Math.max(isEq[i] ? -LAMBDA_MAX : 0, next));
    }
    const viol = violation(p, phi.c);
    run.record(rho, x, phi.f, viol, inner.iterations);
    const multipliers = Float64Array.from(lambda);
    // Before the multiplier update, the terms (with the old λ) give ψ′ = the new λ: see kktAfterInner.
    phi.terms = augmentedTerms(isEq, oldLambda, rho);
    if (inner.status === 'diverged' || v !== v) {
      return { x, multipliers, status: 'diverged', detail: `${inner.unbounded ? 'the objective appears unbounded below, ' : ''}outer iteration ${k + 1}, ρ = ${rho}` };
    }
    if (inner.status === 'aborted') return { x, multipliers, status: 'aborted', detail: '' };
    const report = run.kktAfterInner(phi, inner, multipliers);
    if (kktSatisfied(report, o.optimalityTolerance, o.constraintTolerance)) {
      return { x, multipliers, status: 'converged', detail: `ρ = ${rho}, ${k + 1} outer iterations`, report };
    }
    if (run.looksInfeasible(x, phi.c, viol) !== undefined) {
      return { x, multipliers, status: 'infeasible', detail: `violation ${viol.toExponential(3)} at ρ = ${rho}`, report };
    }
    last = { x, multipliers, status: 'max-iterations', detail: `${k + 1} outer iterations, ρ = ${rho}`, report };
    if (run.budgetLeft() === 0) return { ...last, detail: `iteration budget ${o.maxIterations} spent` };
    rhoGrew = v > 0.5 * vPrev && rho < o.maxPenalty;
    if (rhoGrew) rho = Math.min(rho * o.penaltyGrowth, o.maxPenalty);
    vPrev = v;
    const floor = o.gradientToleranceGiven ? o.gradientTolerance : 0.1 * o.optimalityTolerance * Math.max(1, report.gradientNormF);
    innerTol = Math.max(floor, 0.1 * innerTol);
  }
  return last ?? { x, multipliers: lambda, status: 'max-iterations', detail: 'no outer iteration ran' };
}
