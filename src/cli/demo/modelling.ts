import { checkGradient, objective, testFunctions } from '../../index.js';
import { type DemoSection, say, vec } from './section.js';

export const modelling: DemoSection = {
  title: 'Modelling: objective, decision variable, constraints',
  run() {
    say('An optimization problem has three parts: an objective f(x), a decision variable x ∈ ℝⁿ and');
    say('constraints gᵢ(x) ≤ 0 defining the feasible set. Unconstrained here: minimize f over all of ℝ².');
    say('min f ⇔ max −f, and h(x) = 0 ⇔ h(x) ≤ 0 and −h(x) ≤ 0, so one "minimize" covers every case.\n');
    const f = objective({
      dim: 2,
      f: (x) => (x[0]! - 3) ** 2 + (x[1]! - 3) ** 2,
      gradient: (x, out) => { out[0] = 2 * (x[0]! - 3); out[1] = 2 * (x[1]! - 3); },
    });
    const x = new Float64Array([0, 0]);
    say(`objective({ dim: 2, f: (x1−3)² + (x2−3)², gradient }) at x = ${vec(x, 1)}:`);
    say(`  f(x) = ${f.value(x)},  ∇f(x) = ${vec(f.gradient(x), 1)}`);
    const c = checkGradient(f, [1, 2]);
    say(`  checkGradient against central differences: max relative error ${c.maxRelError.toExponential(2)} → ${c.ok ? 'ok' : 'WRONG'}`);
    const p = testFunctions.paraboloid();
    say(`The same function as quadratic ½xᵀHx + gᵀx + c with H = 2I, g = (−6, −6), c = 18: f(0) = ${p.value(x)}`);
    say('At a minimum of a differentiable f, ∇f(x*) = 0: the rest of this walkthrough finds such points.');
  },
};
