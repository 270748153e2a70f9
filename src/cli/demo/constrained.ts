// Walkthrough section: the deck's constrained-optimization slides (Lagrangian, penalty) worked on
// the running example f(x) = (x₁−3)² + (x₂−3)² with the constraint c(x) = x₁ + x₂ − 4 ≤ 0.
// KKT by hand: 2(x − 3) + α(1, 1) = 0 and x₁ + x₂ = 4 give x* = (2, 2), α = 2, f* = 2.
import { lagrangian, minimize, problem, quadratic } from '../../index.js';
import { type DemoSection, say } from './section.js';

const fmt = (v: number, d = 6) => (Math.abs(v) < 5e-13 ? 0 : v).toFixed(d);
const vec = (x: ArrayLike<number>, d = 6) => `[${Array.from(x, (v) => fmt(v, d)).join(', ')}]`;

export const constrainedSection: DemoSection = {
  title: 'Constraints: the Lagrangian, the penalty method and the multiplier α',
  run() {
    const f = quadratic({ H: [[2, 0], [0, 2]], g: [-6, -6], c: 18 });
    try {
      walkthrough(f, say);
    } finally {
      f.dispose();
    }
  },
};

function walkthrough(f: ReturnType<typeof quadratic>, print: (line: string) => void): void {
  const p = problem({ objective: f, constraints: [{ type: 'ineq', fn: (x) => x[0]! + x[1]! - 4, gradient: (_x, g) => g.fill(1) }] });
  print('min f(x) = (x₁−3)² + (x₂−3)²  subject to  c(x) = x₁ + x₂ − 4 ≤ 0');
  print('The unconstrained minimum (3, 3) violates c: the answer lies on the line x₁ + x₂ = 4.\n');

  print('Lagrangian  L(x, α) = f(x) + α·c(x),  α ≥ 0');
  print('For fixed α, ∇ₓL = 2(x − 3) + α(1, 1) = 0 gives x(α) = 3 − α/2. The dual q(α) = min_x L(x, α)');
  print('is a lower bound on f*; it is largest, and x(α) becomes feasible, at α = 2:');
  for (const a of [0, 1, 2, 3]) {
    const L = lagrangian(p, [a]);
    const xa = Float64Array.of(3 - a / 2, 3 - a / 2);
    print(`  α = ${a}: x(α) = ${vec(xa, 3)}  c(x(α)) = ${fmt(xa[0]! + xa[1]! - 4, 3).padStart(6)}  q(α) = L(x(α), α) = ${fmt(L.value(xa), 3)}`);
  }
  print('  q(2) = 2 = f(2, 2): no duality gap for this convex problem.');
  print('');

  print('Penalty  min f(x) + r·max(0, c(x))²  for growing r (warm-started, projected L-BFGS inside):');
  const pen = minimize(p, [0, 0], { method: 'penalty', initialPenalty: 1, penaltyGrowth: 10, maxOuterIterations: 8 });
  print('        r   x(r)                          c(x(r))      2r·max(0,c) → α   ‖x(r) − x*‖∞');
  for (const o of pen.outerHistory!) {
    const c = o.x[0]! + o.x[1]! - 4;
    print(`  ${o.penalty.toExponential(0).padStart(7)}   ${vec(o.x, 9).padEnd(28)}  ${c.toExponential(2).padStart(10)}   ${fmt(2 * o.penalty * Math.max(0, c), 9).padStart(12)}   ${Math.abs(o.x[0]! - 2).toExponential(2)}`);
  }
  print('x(r) = (3 + 4r)/(1 + 2r) in each coordinate: the violation shrinks like 1/r and 2r·c(x(r)) → α = 2.');
  print(`status ${pen.status}: ${pen.message}\n`);

  const al = minimize(p, [0, 0]);
  print('Augmented Lagrangian (the default for constraints): α is updated, r need not grow');
  print(`  x = ${vec(al.x)}  f = ${fmt(al.fx)}  α = ${vec(al.multipliers!)}  outer iterations ${al.outerIterations}`);
  const k = al.kkt!;
  print(`  KKT: stationarity ${k.stationarity.toExponential(1)}, feasibility ${k.primalFeasibility.toExponential(1)}, `
    + `α·c = ${k.complementarity.toExponential(1)}, α ≥ 0 ✓  → ${al.status}`);
}
