// Every solve is bounded with DEFAULT options too (the fuzz targets use small maxIterations to stay
// fast): on objectives built to keep a solver busy — noise, a plateau, f unbounded below, a saddle,
// ~10ⁿ local minima — each method stops within its documented default budget (options.ts:
// gd/momentum/nesterov/adam 10,000 iterations, cg 5,000, bfgs/lbfgs 1,000, newton 200,
// nelder-mead 1,000·n), with a status from the table and never 'converged' at a non-finite point.
import { describe, expect, it } from 'vitest';
import { minimize, objective, testFunctions, type MethodName, type Objective } from '../../src/index.js';

const BUDGET: Record<Exclude<MethodName, 'direct'>, (n: number) => number> = {
  gd: () => 10_000, momentum: () => 10_000, nesterov: () => 10_000, adam: () => 10_000,
  cg: () => 5000, bfgs: () => 1000, lbfgs: () => 1000, newton: () => 200, 'nelder-mead': (n) => 1000 * n,
};

/** Deterministic noise in [0, 1): no two nearby points agree, so no method can settle. */
function noise(x: Float64Array): number {
  let h = 2166136261;
  for (const v of x) {
    const b = new Uint32Array(Float64Array.of(v).buffer);
    h = Math.imul(h ^ b[0]!, 16777619);
    h = Math.imul(h ^ b[1]!, 16777619);
  }
  return (h >>> 0) / 2 ** 32;
}

const busy: Array<[string, () => Objective, number[]]> = [
  ['noise (finite differences of a hash)', () => objective({ dim: 2, f: noise }), [0.3, -0.7]],
  ['tanh plateau', () => testFunctions.tanh(), [4]],
  ['x³, unbounded below', () => testFunctions.cubic(), [1]],
  ['saddle x² − y²', () => testFunctions.saddle(), [1, 1e-9]],
  ['rastrigin, 3-D', () => testFunctions.rastrigin(3), [2.3, -1.7, 0.9]],
];
const STATUSES = ['converged', 'max-iterations', 'stalled', 'vanishing-gradient', 'diverged', 'aborted'];

describe('default iteration budgets bound every solve', () => {
  for (const [name, make, x0] of busy) {
    it(name, () => {
      for (const method of Object.keys(BUDGET) as Array<keyof typeof BUDGET>) {
        const f = make();
        const r = minimize(f, x0, { method });
        expect(STATUSES, method).toContain(r.status);
        expect(r.iterations, method).toBeLessThanOrEqual(BUDGET[method](f.dim));
        if (r.converged) expect(Number.isFinite(r.fx) && Array.from(r.x).every(Number.isFinite), method).toBe(true);
        // line searches are capped too (40 trial points per iteration, plus the minimum test at the end)
        expect(r.evaluations.f, method).toBeLessThanOrEqual((r.iterations + 2) * 41 * (2 * f.dim + 1) + 4 * f.dim + 4);
      }
    });
  }
});
