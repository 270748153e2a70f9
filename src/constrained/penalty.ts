// The quadratic penalty method: minimize P_r(x) = f + rΣmax(0, gᵢ)² + rΣhⱼ² over the box for
// r = r₀, r₀·growth, … (capped at maxPenalty), each solve warm-started at the previous minimizer.
// The minimizer x(r) approaches the constrained optimum x* as O(1/r), and 2r·max(0, gᵢ(x(r))),
// 2r·hⱼ(x(r)) approach the KKT multipliers (Nocedal & Wright, Numerical Optimization, Thm. 17.2).
// Stops when the violation ≤ constraintTolerance and ‖Δx‖∞ ≤ stepTolerance·max(1, ‖x‖∞) and the
// KKT residuals pass.
import { project } from './bound-solver.js';
import { Composite, penaltyTerms } from './composite.js';
import { violation } from './evaluator.js';
import { kktSatisfied, type KktReport } from './kkt.js';
import type { Outcome, Run } from './run.js';

function normInf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

export function penaltyMethod(run: Run, x0: Float64Array): Outcome {
  const { ev, o } = run;
  const p = ev.problem;
  const isEq = p.constraints.map((c) => c.type === 'eq');
  let r = o.initialPenalty;
  const phi = new Composite(ev, penaltyTerms(isEq, r));
  let x = project(Float64Array.from(x0), p.lower, p.upper);
  const alpha = new Float64Array(ev.m);
  let prev: Float64Array | undefined;
  let report: KktReport | undefined;
  for (let k = 0; k < o.maxOuterIterations; k++) {
    phi.terms = penaltyTerms(isEq, r);
    const inner = run.inner(phi, x, o.gradientTolerance);
    x = inner.x;
    phi.value(x);
    const viol = violation(p, phi.c);
    for (let i = 0; i < ev.m; i++) alpha[i] = phi.terms.dpsi(i, phi.c[i]!);
    run.record(r, x, phi.f, viol, inner.iterations);
    report = undefined;
    if (inner.status === 'diverged') return { x, multipliers: alpha, status: 'diverged', detail: `${inner.unbounded ? 'the objective appears unbounded below, ' : ''}outer iteration ${k + 1}, r = ${r}` };
    if (inner.status === 'aborted') return { x, multipliers: alpha, status: 'aborted', detail: '' };
    let dx = Infinity;
    if (prev) {
      dx = 0;
      for (let i = 0; i < x.length; i++) dx = Math.max(dx, Math.abs(x[i]! - prev[i]!));
    }
    if (viol <= o.constraintTolerance && dx <= o.stepTolerance * Math.max(1, normInf(x))) {
      report = run.kktAfterInner(phi, inner, alpha);
      if (kktSatisfied(report, o.optimalityTolerance, o.constraintTolerance)) {
        return { x, multipliers: alpha, status: 'converged', detail: `r = ${r}, ${k + 1} outer iterations`, report };
      }
    }
    const ratio = run.looksInfeasible(x, phi.c, viol);
    if (ratio !== undefined) {
      return { x, multipliers: alpha, status: 'infeasible', detail: `violation ${viol.toExponential(3)} at r = ${r}` };
    }
    if (run.budgetLeft() === 0) {
      return { x, multipliers: alpha, status: 'max-iterations', detail: `iteration budget ${o.maxIterations} spent`, report };
    }
    prev = Float64Array.from(x);
    r = Math.min(r * o.penaltyGrowth, o.maxPenalty);
  }
  return { x, multipliers: alpha, status: 'max-iterations', detail: `${o.maxOuterIterations} outer iterations, r = ${r}`, report };
}
