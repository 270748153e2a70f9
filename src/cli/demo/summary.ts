import { type MethodName, minimize, testFunctions } from '../../index.js';
import { type DemoSection, fmt, say, table } from './section.js';

/** Budgets as in test/solvers.test.ts: the fixed-step methods stop at a looser tolerance. */
const RUNS: Array<[MethodName, Record<string, number>]> = [
  ['gd', { gradientTolerance: 1e-6, maxIterations: 50_000 }],
  ['momentum', { stepSize: 1e-3, gradientTolerance: 1e-6, maxIterations: 50_000 }],
  ['nesterov', { stepSize: 1e-3, gradientTolerance: 1e-6, maxIterations: 50_000 }],
  ['adam', { stepSize: 1e-2, gradientTolerance: 1e-5, maxIterations: 50_000 }],
  ['cg', {}], ['bfgs', {}], ['lbfgs', {}], ['newton', {}], ['nelder-mead', {}],
];

export const solverSummary: DemoSection = {
  title: 'Every solver on Rosenbrock 100(y − x²)² + (1 − x)² from (−1.2, 1)',
  run() {
    const rows = RUNS.map(([method, opts]) => {
      const f = testFunctions.rosenbrock();
      minimize(f, [-1.2, 1], { method, ...opts }); // warm-up: time the second, JIT-compiled run
      const t0 = performance.now();
      const r = minimize(f, [-1.2, 1], { method, ...opts });
      const ms = performance.now() - t0;
      const e = r.evaluations;
      return [method, r.status, r.iterations, e.f, e.gradient, e.hessian, fmt(r.fx), fmt(r.gradientNorm), ms.toFixed(2)];
    });
    table(['method', 'status', 'iterations', 'f evals', '∇f evals', '∇²f evals', 'f(x)', '‖∇f‖∞', 'ms'], rows);
    say('\n  ms: wall time of one solve after a warm-up run (this machine, this moment).');
    say('  gd/momentum/nesterov stop at ‖∇f‖∞ ≤ 1e-6 and adam at 1e-5 (linear convergence); the others at 1e-8.');
  },
};
