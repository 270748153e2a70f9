import { minimize, testFunctions } from '../../index.js';
import { type DemoSection, fmt, say, table } from './section.js';

export const vanishingGradient: DemoSection = {
  title: 'Vanishing gradient: tanh x',
  run() {
    const f = testFunctions.tanh();
    say('tanh saturates: f′(x) = 1 − tanh²x decays like 4e^(−2|x|), so far from 0 gradient steps barely move.\n');
    table(['x', 'tanh x', 'f′(x)'], [0, 1, 2, 3, 4, 5].map((x) => [x, Math.tanh(x), f.gradient(new Float64Array([x]))[0]!]));
    const r = minimize(f, [4], { method: 'gd', stepSize: 0.1, gradientTolerance: 1e-2 });
    say(`\n  GD from x = 4 with gradientTolerance 1e-2: ${r.status}`);
    say(`    ${r.message}`);
    const slow = minimize(f, [4], { method: 'gd', stepSize: 0.1, maxIterations: 1000 });
    say(`  GD from x = 4, α = 0.1, 1000 steps: x = ${fmt(slow.x[0]!)} (moved ${fmt(4 - slow.x[0]!)}), status ${slow.status}`);
    say('  The rule: with ‖∇f‖∞ below tolerance, optima probes f a step ε^¼·max(1, ‖x‖∞) either side along −∇f');
    say('  and each axis; if f falls below its linear model there, x is no minimum → "vanishing-gradient".');
  },
};
