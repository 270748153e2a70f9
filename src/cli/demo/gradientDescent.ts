import { minimize, testFunctions } from '../../index.js';
import { type DemoSection, fmt, say, table } from './section.js';

export const gradientDescentTable: DemoSection = {
  title: 'Gradient descent step by step: (x1−3)² + (x2−3)², α = 0.2, x0 = 0, 25 steps',
  run() {
    say('x ← x − α∇f(x) = x − 0.2·2(x − 3): the error 3 − x shrinks by 0.6 each step, so x_k = 3(1 − 0.6ᵏ).\n');
    const r = minimize(testFunctions.paraboloid(), [0, 0], { method: 'gd', stepSize: 0.2, maxIterations: 25, gradientTolerance: 0, history: true });
    const h = r.history!;
    table(
      ['k', 'x1', 'x2', 'f(x)', '‖∇f‖∞', '3(1 − 0.6ᵏ)'],
      h.x.map((x, k) => [k, x[0]!.toFixed(8), x[1]!.toFixed(8), fmt(h.fx[k]!), fmt(h.gradientNorm[k]!), (3 * (1 - 0.6 ** k)).toFixed(8)]),
    );
    say(`\n  after 25 steps x = ${r.x[0]!.toFixed(10)} in both coordinates (exact 3(1 − 0.6²⁵) = ${(3 * (1 - 0.6 ** 25)).toFixed(10)})`);
    say(`  status ${r.status}: ${r.message}`);
    const fast = minimize(testFunctions.paraboloid(), [0, 0], { method: 'gd', stepSize: 0.2 });
    say(`  run to convergence (‖∇f‖∞ ≤ 1e-8) in one WebAssembly loop: ${fast.iterations} iterations, ${fast.status}`);
  },
};
