// Walkthrough: a vanishing gradient, diagnosed from a short gradient-descent probe.
import { diagnoseGradients } from '../../index.js';
import { smooth } from './analysisObjectives.js';

export const vanishingGradientSection = {
  title: 'Gradient health: a vanishing gradient on tanh',
  run(): void {
    const tanh = smooth(1, ([x]) => Math.tanh(x!), ([x]) => [1 / Math.cosh(x!) ** 2], ([x]) => [[(-2 * Math.tanh(x!)) / Math.cosh(x!) ** 2]]);
    console.log('f(x) = tanh x from x0 = 4: f′(4) = 1 − tanh²4 ≈ 1.34e-3, f″(4) ≈ −2.7e-3 (not a minimum).');
    console.log('Gradient descent with α = 0.1 for 50 steps:\n');
    const d = diagnoseGradients(tanh, [4], { stepSize: 0.1, iterations: 50 });
    const last = d.history.x.length - 1;
    console.log(`  x: 4 → ${d.history.x[last]![0]!.toFixed(6)},  f: ${d.history.fx[0]!.toFixed(6)} → ${d.history.fx[last]!.toFixed(6)}  (inf f = −1)`);
    for (const issue of d.issues) console.log(`  ${issue.kind.padEnd(11)} from iteration ${issue.iteration}: ${issue.detail}`);
    console.log('\nThe same probe on x² with α = 0.9 and α = 1.1 (L = 2, so α > 1/L overshoots):');
    const square = smooth(1, ([x]) => x! * x!, ([x]) => [2 * x!], () => [[2]]);
    for (const alpha of [0.1, 0.9, 1.1]) {
      const r = diagnoseGradients(square, [1], { stepSize: alpha, iterations: 60 });
      const said = r.healthy ? 'healthy' : r.issues.map((i) => `${i.kind} from iteration ${i.iteration}`).join(', ');
      console.log(`  α = ${alpha}: ${said}`);
    }
  },
};
