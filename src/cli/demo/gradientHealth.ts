// Walkthrough: diagnosing a run's gradients (vanishing, exploding, oscillation, plateau).
import { diagnoseGradients, minimize, testFunctions, type GradientDiagnosis } from '../../index.js';
import { type DemoSection, say, table } from './section.js';

const verdict = (d: GradientDiagnosis): string =>
  d.healthy ? 'healthy' : d.issues.map((i) => `${i.kind} from iteration ${i.iteration}`).join('; ');

export const gradientHealthSection: DemoSection = {
  title: 'Gradient health: diagnosing vanishing, exploding and oscillating runs',
  run() {
    say('diagnoseGradients reads a run recorded with { history: true } and names what went wrong, and when.\n');
    const tanh = testFunctions.tanh();
    const t = minimize(tanh, [4], { method: 'gd', stepSize: 0.1, maxIterations: 50, history: true });
    const d = diagnoseGradients(t, { objective: tanh });
    say(`  gd on tanh from x = 4, α = 0.1, 50 steps: status ${t.status}, x = ${t.x[0]!.toFixed(6)}`);
    for (const issue of d.issues) say(`    ${issue.kind} from iteration ${issue.iteration}: ${issue.detail}`);
    say('    (f″(4) ≈ −2.7e-3 < 0: the tiny gradient is not a minimum, it is saturation.)\n');

    say('  The lecture paraboloid (x1−3)² + (x2−3)² has L = 2, so gd needs α < 2/L = 1:\n');
    const par = testFunctions.paraboloid();
    const rows: Array<Array<string | number>> = [0.1, 0.9, 1.1].map((alpha) => {
      const r = minimize(par, [0, 0], { method: 'gd', stepSize: alpha, history: true, maxIterations: 200 });
      return [`gd, α = ${alpha}`, r.iterations, r.status, verdict(diagnoseGradients(r))];
    });
    const ros = testFunctions.rosenbrock();
    for (const method of ['gd', 'lbfgs'] as const) {
      const r = minimize(ros, ros.start, { method, history: true, maxIterations: 5000 });
      rows.push([`Rosenbrock, ${method}`, r.iterations, r.status, verdict(diagnoseGradients(r, { objective: ros }))]);
    }
    table(['run', 'iterations', 'status', 'diagnosis'], rows);
  },
};
