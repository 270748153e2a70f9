// Walkthrough: what kind of critical point? The second-order test through the Hessian's eigenvalues.
import { classifyCriticalPoint, objective, quadratic, testFunctions, type Objective } from '../../index.js';
import { type DemoSection, say, table, vec } from './section.js';

const eig = (v: Float64Array): string => `(${Array.from(v, (x) => +x.toPrecision(6)).join(', ')})`;

export const saddlePointSection: DemoSection = {
  title: 'Critical points: minimum, maximum, saddle or degenerate? (x² − y², x³, Himmelblau)',
  run() {
    say('At ∇f(x*) = 0 the eigenvalues of ∇²f(x*) decide: all > 0 minimum, all < 0 maximum, both signs');
    say('saddle; a zero eigenvalue leaves the second-order test undecided (degenerate). classifyCriticalPoint');
    say('checks ‖∇f‖∞ first, then asks eigSym for the spectrum.\n');
    const monkey = objective({
      dim: 2,
      f: ([x, y]) => x! ** 3 - 3 * x! * y! * y!,
      gradient: ([x, y], g) => { g[0] = 3 * x! * x! - 3 * y! * y!; g[1] = -6 * x! * y!; },
      hessian: ([x, y]) => [[6 * x!, -6 * y!], [-6 * y!, -6 * x!]],
    });
    const cases: Array<[string, Objective, number[]]> = [
      ['x² − y²', testFunctions.saddle(), [0, 0]],
      ['x² + y²', quadratic({ H: [[2, 0], [0, 2]], g: [0, 0] }), [0, 0]],
      ['−x² − y²', quadratic({ H: [[-2, 0], [0, -2]], g: [0, 0] }), [0, 0]],
      ['x³', testFunctions.cubic(), [0]],
      ['x³ − 3xy² (monkey saddle)', monkey, [0, 0]],
      ['Rosenbrock', testFunctions.rosenbrock(), [1, 1]],
    ];
    table(['f', 'at', 'kind', 'eigenvalues of ∇²f'], cases.map(([name, f, x]) => {
      const r = classifyCriticalPoint(f, x);
      return [name, vec(x, 0), r.kind, eig(r.eigenvalues)];
    }));
    say('\n  x² − y² at 0: H = [[2, 0], [0, −2]], eigenvalues exactly −2 and 2: a minimum along x and a');
    say('  maximum along y. x³ and the monkey saddle have H = 0 at 0: degenerate, and indeed no extremum.');

    say('\nHimmelblau (x² + y − 11)² + (x + y² − 7)² at its nine stationary points (four minima, one maximum,');
    say('four saddles). Points quoted to six decimals also pass: the default gradient tolerance');
    say('1e-6·max(1, ‖H‖_F·max(1, ‖x‖∞)) accepts coordinates right to about six significant digits.\n');
    const h = testFunctions.himmelblau();
    table(['point', '‖∇f‖∞', 'kind', 'eigenvalues'], h.stationaryPoints.map((p) => {
      const r = classifyCriticalPoint(h, p.x);
      return [vec(p.x, 6), r.gradientNorm.toExponential(1), r.kind, eig(r.eigenvalues)];
    }));
  },
};
