// Walkthrough: convex sets and functions, by seeded sampling (exact for quadratics).
import { checkConvexity, classifyCriticalPoint, isConvexSet, minimize, objective, testFunctions, type Objective } from '../../index.js';
import { type DemoSection, say, table, vec } from './section.js';

export const convexitySection: DemoSection = {
  title: 'Convexity: sets, functions, and why a local minimum of a convex function is global',
  run() {
    const box = { lower: [-3, -3], upper: [3, 3] };
    const r = (x: Float64Array): number => Math.hypot(x[0]!, x[1]!);
    const sets: Array<[string, (x: Float64Array) => boolean]> = [
      ['ball ‖x‖ ≤ 2', (x) => r(x) <= 2],
      ['half-spaces x1 + x2 ≤ 1, x1 − 2x2 ≤ 2', (x) => x[0]! + x[1]! <= 1 && x[0]! - 2 * x[1]! <= 2],
      ['annulus 1 ≤ ‖x‖ ≤ 2.5', (x) => r(x) >= 1 && r(x) <= 2.5],
      ['two disjoint balls', (x) => Math.hypot(x[0]! + 1.5, x[1]!) <= 1 || Math.hypot(x[0]! - 1.5, x[1]!) <= 1],
    ];
    say('A set is convex when it holds every segment λa + (1−λ)b between two members. isConvexSet samples');
    say('members in a box and tests 1000 segments (seed 1: the same seed gives the same counterexample):\n');
    table(['set', 'convex?', 'counterexample a, b, λ'], sets.map(([name, contains]) => {
      const v = isConvexSet(contains, box, { seed: 1 });
      const c = v.counterexample;
      return [name, v.convex ? 'yes' : 'no', c ? `${vec(c.a, 3)}, ${vec(c.b, 3)}, ${c.lambda.toFixed(3)}` : `none in ${v.checks} segments`];
    }));

    say('\nA function is convex when f(λx + (1−λ)y) ≤ λf(x) + (1−λ)f(y), i.e. ∇²f ⪰ 0. checkConvexity samples');
    say('1000 segments and the Hessian (for a general f, "yes" means no counterexample was found); for a');
    say('quadratic it is exact: convex iff λ_min(H) ≥ 0.\n');
    const fn = (f: (x: number) => number, d: (x: number) => number, d2: (x: number) => number): Objective =>
      objective({ dim: 1, f: ([x]) => f(x!), gradient: ([x], g) => void (g[0] = d(x!)), hessian: ([x]) => [[d2(x!)]] });
    const fns: Array<[string, Objective, number[], number[]]> = [
      ['(x − 1)² on [−5, 5] (quadratic)', testFunctions.shiftedParabola(), [-5], [5]],
      ['x² − y² on [−1, 1]² (quadratic)', testFunctions.saddle(), [-1, -1], [1, 1]],
      ['x⁴ on [−2, 2]', fn((x) => x ** 4, (x) => 4 * x ** 3, (x) => 12 * x * x), [-2], [2]],
      ['x³ on [−1, 1]', testFunctions.cubic(), [-1], [1]],
      ['sin x on [−3, 3]', fn(Math.sin, Math.cos, (x) => -Math.sin(x)), [-3], [3]],
      ['Rosenbrock on [−2, 2]²', testFunctions.rosenbrock(), [-2, -2], [2, 2]],
    ];
    table(['f', 'convex?', 'min λ(∇²f)', 'counterexample x, y, λ: gap'], fns.map(([name, f, lower, upper]) => {
      const v = checkConvexity(f, { lower, upper }, { seed: 1 });
      const c = v.counterexample;
      return [name, `${v.convex ? 'yes' : 'no'}${v.exact ? ' (exact)' : ''}`, +v.minHessianEigenvalue.toPrecision(4),
        c ? `${vec(c.x, 3)}, ${vec(c.y, 3)}, ${c.lambda.toFixed(3)}: ${c.gap.toPrecision(4)}` : '—'];
    }));

    const f = testFunctions.shiftedParabola();
    const local = classifyCriticalPoint(f, [1]);
    say(`\n  (x − 1)²: x = 1 is a ${local.kind} (f″ = ${local.eigenvalues[0]}) and f is convex, so f(y) ≥ f(1) + f′(1)(y − 1) = f(1)`);
    const ends = [-100, -3, 0, 7, 250].map((s) => minimize(f, [s]).x[0]!);
    say(`  for every y: the local minimum is global. L-BFGS from −100, −3, 0, 7, 250 ends at ${ends.map((x) => +x.toFixed(12)).join(', ')}.`);
  },
};
