// Walkthrough: convex sets and functions, by seeded sampling (exact for quadratics).
import { checkConvexity, classifyCriticalPoint, isConvexSet } from '../../index.js';
import { fmt, smooth } from './analysisObjectives.js';

export const convexitySection = {
  title: 'Convexity: sets, functions, and why a local minimum of a convex function is global',
  run(): void {
    const box = { lower: [-3, -3], upper: [3, 3] };
    const r = (x: Float64Array): number => Math.hypot(x[0]!, x[1]!);
    const sets: Array<[string, (x: Float64Array) => boolean]> = [
      ['ball ‖x‖ ≤ 2', (x) => r(x) <= 2],
      ['half-spaces x₁ + x₂ ≤ 1, x₁ − 2x₂ ≤ 2', (x) => x[0]! + x[1]! <= 1 && x[0]! - 2 * x[1]! <= 2],
      ['annulus 1 ≤ ‖x‖ ≤ 2.5', (x) => r(x) >= 1 && r(x) <= 2.5],
      ['two disjoint balls', (x) => Math.hypot(x[0]! + 1.5, x[1]!) <= 1 || Math.hypot(x[0]! - 1.5, x[1]!) <= 1],
    ];
    console.log('A set is convex when it contains every segment λa + (1−λ)b between two of its members.');
    console.log('1000 random segments each (seed 1):\n');
    for (const [name, contains] of sets) {
      const v = isConvexSet(contains, box, { seed: 1 });
      const why = v.counterexample
        ? `no: a = ${fmt(v.counterexample.a, 3)}, b = ${fmt(v.counterexample.b, 3)}, λ = ${v.counterexample.lambda.toFixed(3)} leaves the set`
        : `yes (no counterexample in ${v.checks} segments)`;
      console.log(`  ${name.padEnd(40)} ${why}`);
    }

    console.log('\nA function is convex when f(λx + (1−λ)y) ≤ λf(x) + (1−λ)f(y) (Jensen), i.e. ∇²f ⪰ 0:\n');
    const fns: Array<[string, ReturnType<typeof smooth>, number[], number[]]> = [
      ['(x − 1)² on [−5, 5]', smooth(1, ([x]) => (x! - 1) ** 2, ([x]) => [2 * (x! - 1)], () => [[2]]), [-5], [5]],
      ['x⁴ on [−2, 2]', smooth(1, ([x]) => x! ** 4, ([x]) => [4 * x! ** 3], ([x]) => [[12 * x! * x!]]), [-2], [2]],
      ['x³ on [−1, 1]', smooth(1, ([x]) => x! ** 3, ([x]) => [3 * x! * x!], ([x]) => [[6 * x!]]), [-1], [1]],
      ['sin x on [−3, 3]', smooth(1, ([x]) => Math.sin(x!), ([x]) => [Math.cos(x!)], ([x]) => [[-Math.sin(x!)]]), [-3], [3]],
    ];
    for (const [name, f, lower, upper] of fns) {
      const v = checkConvexity(f, { lower, upper }, { seed: 1 });
      const c = v.counterexample;
      const why = c
        ? `no: x = ${c.x[0]!.toFixed(3)}, y = ${c.y[0]!.toFixed(3)}, λ = ${c.lambda.toFixed(3)}: the chord is ${c.gap.toFixed(4)} below f`
        : 'yes (no counterexample in 1000 segments)';
      console.log(`  ${name.padEnd(22)} min f″ sampled ${v.minHessianEigenvalue.toFixed(3).padStart(7)}   ${why}`);
    }

    const f = fns[0]![1];
    const local = classifyCriticalPoint(f, [1]);
    console.log(`\n(x − 1)²: x = 1 is a ${local.kind} (f′ = ${local.gradientNorm}, f″ = ${local.eigenvalues[0]}), and f is convex,`);
    console.log('so that local minimum is global: f(y) ≥ f(1) + f′(1)(y − 1) = f(1) for every y.');
  },
};
