import { minimize, testFunctions } from '../../index.js';
import { type DemoSection, say, table } from './section.js';

export const cubicSection: DemoSection = {
  title: 'x³: a stationary point that is not an extremum',
  run() {
    const f = testFunctions.cubic();
    say('f(x) = x³ has f′(0) = 0 and f″(0) = 0, yet f < 0 to the left and f > 0 to the right of 0:\n');
    table(['x', 'f(x)', 'f′(x)', 'f″(x)'], [-0.1, -0.01, 0, 0.01, 0.1].map((x) => {
      const p = new Float64Array([x]);
      return [x, f.value(p), f.gradient(p)[0]!, f.hessian(p).data[0]!];
    }));
    const r = minimize(f, [0], { method: 'gd', stepSize: 0.1 });
    say(`\n  minimize from x = 0 (∇f = 0 already): ${r.status} — ${r.message}`);
    const l = minimize(f, [1]);
    say(`  L-BFGS from x = 1: ${l.status} after ${l.iterations} iterations at x = ${l.x[0]!.toExponential(3)} — ${l.message}`);
  },
};
