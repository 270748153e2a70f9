// Walkthrough: what kind of critical point? The second-order test through the Hessian's eigenvalues.
import { classifyCriticalPoint } from '../../index.js';
import { fmt, smooth } from './analysisObjectives.js';

export const saddlePointSection = {
  title: 'Critical points: minimum, maximum, saddle or degenerate?',
  run(): void {
    const cases = [
      ['x² − y²', smooth(2, ([x, y]) => x! * x! - y! * y!, ([x, y]) => [2 * x!, -2 * y!], () => [[2, 0], [0, -2]]), [0, 0]],
      ['x² + y²', smooth(2, ([x, y]) => x! * x! + y! * y!, ([x, y]) => [2 * x!, 2 * y!], () => [[2, 0], [0, 2]]), [0, 0]],
      ['−x² − y²', smooth(2, ([x, y]) => -x! * x! - y! * y!, ([x, y]) => [-2 * x!, -2 * y!], () => [[-2, 0], [0, -2]]), [0, 0]],
      ['x³', smooth(1, ([x]) => x! ** 3, ([x]) => [3 * x! * x!], ([x]) => [[6 * x!]]), [0]],
      ['x³ − 3xy² (monkey saddle)', smooth(2, ([x, y]) => x! ** 3 - 3 * x! * y! * y!, ([x, y]) => [3 * x! * x! - 3 * y! * y!, -6 * x! * y!],
        ([x, y]) => [[6 * x!, -6 * y!], [-6 * y!, -6 * x!]]), [0, 0]],
    ] as const;
    console.log('∇f(x*) = 0, then the eigenvalues of ∇²f(x*): all > 0 minimum, all < 0 maximum,');
    console.log('both signs saddle, a zero eigenvalue: the second-order test cannot decide (degenerate).\n');
    for (const [name, f, x] of cases) {
      const r = classifyCriticalPoint(f, x);
      console.log(`  ${name.padEnd(28)} at ${fmt(x, 0).padEnd(7)} ${r.kind.padEnd(11)} eigenvalues ${fmt(r.eigenvalues)}`);
    }
    console.log('\nx² − y² at 0: H = [[2, 0], [0, −2]] has eigenvalues −2 and 2: a minimum along x, a maximum');
    console.log('along y. x³ at 0: f″(0) = 0 and f changes sign, so 0 is no extremum at all.');
  },
};
