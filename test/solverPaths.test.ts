// The hot paths of a smooth solve, pinned down where the tests of minimize() would not notice a
// slip: the Wolfe search's buffer handling when its budget runs out, Armijo through the shared
// step, the L-BFGS memory ring, objective().valueAndGradient, x0 validation and stop messages.
import { describe, expect, it } from 'vitest';
import { minimize, objective, testFunctions } from '../src/index.js';
import { Counted } from '../src/solvers/counted.js';
import { wolfe } from '../src/solvers/lineSearch.js';
import { expectCode } from './helpers/errors.js';

describe('Wolfe search: the best sufficient-decrease point when the curvature condition is never met', () => {
  it('returns the last of 40 ever longer steps (kept in the search’s own buffers) in xNew, gNew', () => {
    // f = −x₀ − x₁ decreases along d = (1, 1) forever and its slope never flattens: every trial is
    // the best so far, the budget of 40 runs out after α = 2³⁹.
    const f = objective({ dim: 2, f: (x) => -x[0]! - x[1]!, gradient: (_x, g) => { g[0] = -1; g[1] = -1; } });
    const p = new Counted(f);
    const x = new Float64Array(2), g = Float64Array.of(-1, -1), d = Float64Array.of(1, 1);
    const xNew = new Float64Array(2), gNew = new Float64Array(2);
    const r = wolfe(p, x, 0, g, d, 1, xNew, gNew);
    expect(r.ok).toBe(true);
    expect(r.alpha).toBe(2 ** 39);
    expect(r.fx).toBe(-(2 ** 40));
    expect(Array.from(xNew)).toEqual([2 ** 39, 2 ** 39]);
    expect(Array.from(gNew)).toEqual([-1, -1]);
    expect(p.evaluations().f).toBe(40);
  });

  it('keeps an early best point in xNew while later trials go elsewhere', () => {
    // f = −x up to x = 1, then a wall: α = 1 is the only sufficient decrease (its slope −1 fails
    // the curvature test); zoom then probes (1, 2) against the wall until the bracket collapses.
    const f = objective({ dim: 1, f: (x) => (x[0]! <= 1 ? -x[0]! : 100), gradient: (_x, g) => { g[0] = -1; } });
    const p = new Counted(f);
    const xNew = new Float64Array(1), gNew = new Float64Array(1);
    const r = wolfe(p, new Float64Array(1), 0, Float64Array.of(-1), Float64Array.of(1), 1, xNew, gNew);
    expect(p.evaluations().f).toBeGreaterThan(3); // the wall was probed after α = 1
    expect(r).toEqual({ alpha: 1, fx: -1, ok: true });
    expect(xNew[0]).toBe(1);
    expect(gNew[0]).toBe(-1);
  });

  it('accepts a second trial (evaluated into its own buffers) into xNew, gNew', () => {
    // φ(α) = (α − 3)², c₂ = 0.5: α = 1 has slope −4 (too steep), α = 2 has slope −2 and is accepted.
    const f = objective({ dim: 1, f: (x) => (x[0]! - 3) ** 2, gradient: (x, g) => { g[0] = 2 * (x[0]! - 3); } });
    const p = new Counted(f);
    const xNew = new Float64Array(1), gNew = new Float64Array(1);
    const r = wolfe(p, new Float64Array(1), 9, Float64Array.of(-6), Float64Array.of(1), 1, xNew, gNew, 0.5);
    expect(r).toEqual({ alpha: 2, fx: 1, ok: true });
    expect([xNew[0], gNew[0]]).toEqual([2, -2]);
    expect(p.evaluations().f).toBe(2);
  });

  it('a search whose steps all leave x unchanged stalls the run, after the whole budget', () => {
    // gd's first trial step 1e-300 moves nothing; f never changes, so the 40 doublings never reach
    // the curvature condition, and the best point (the first) equals x.
    const r = minimize(testFunctions.shiftedParabola(), [3], { method: 'gd', lineSearch: 'wolfe', stepSize: 1e-300 });
    expect(r.status).toBe('stalled');
    expect(r.iterations).toBe(1);
    expect(r.evaluations).toEqual({ f: 41, gradient: 41, hessian: 0 });
    expect(Array.from(r.x)).toEqual([3]);
  });
});

describe('Armijo through the shared line-search step', () => {
  it('quasi-Newton methods converge, with one gradient per accepted step', () => {
    for (const method of ['lbfgs', 'bfgs'] as const) {
      const r = minimize(testFunctions.rosenbrock(), [-1.2, 1], { method, lineSearch: 'armijo' });
      expect(r.status, method).toBe('converged');
      expect(r.evaluations.gradient, method).toBe(r.iterations + 1); // x0 and each accepted point
      expect(r.evaluations.f, method).toBeGreaterThan(r.evaluations.gradient);
    }
  });
});

describe('L-BFGS memory ring', () => {
  it('the 2-D two-loop and the general one agree bit for bit once the ring has wrapped', () => {
    // As in solvers.test.ts, rosenbrock(x, y) + z² from z = 0 runs the general loops on the same
    // arithmetic plus exact zeros; memory 1 and 3 make the ring wrap many times.
    const r2 = testFunctions.rosenbrock();
    const f3 = objective({
      dim: 3,
      f: (x) => r2.value(x.subarray(0, 2)) + x[2]! * x[2]!,
      gradient: (x, out) => { const g = r2.gradient(x.subarray(0, 2)); out[0] = g[0]!; out[1] = g[1]!; out[2] = 2 * x[2]!; },
    });
    for (const memory of [1, 3]) {
      const a = minimize(r2, [-1.2, 1], { method: 'lbfgs', memory, history: true });
      const b = minimize(f3, [-1.2, 1, 0], { method: 'lbfgs', memory, history: true });
      expect(a.status, `memory ${memory}`).toBe('converged');
      expect(a.iterations).toBeGreaterThan(memory + 5);
      expect(b.iterations).toBe(a.iterations);
      expect(b.history!.x.map((x) => Array.from(x.subarray(0, 2)))).toEqual(a.history!.x.map((x) => Array.from(x)));
    }
  });
});

describe('objective().valueAndGradient', () => {
  it('calls f then the gradient, each on its own copy of x, and counts both', () => {
    const seen: Array<[string, Float64Array, number[]]> = [];
    const f = objective({
      dim: 2,
      f: (x) => { seen.push(['f', x, Array.from(x)]); const v = x[0]! ** 2 + 3 * x[1]!; x[0] = 99; return v; },
      gradient: (x, g) => { seen.push(['g', x, Array.from(x)]); g[0] = 2 * x[0]!; },
    });
    const x = Float64Array.of(2, 5), out = Float64Array.of(7, 7);
    expect(f.valueAndGradient!(x, out)).toBe(19);
    expect(seen.map((s) => s[0])).toEqual(['f', 'g']);
    expect(seen[1]![2]).toEqual([2, 5]); // f's write to its copy did not reach the gradient's
    expect(seen[0]![1]).not.toBe(x);
    expect(seen[1]![1]).not.toBe(x);
    expect(seen[0]![1]).not.toBe(seen[1]![1]);
    expect(Array.from(x)).toEqual([2, 5]);
    expect(out[0]).toBe(4);
    expect(out[1]).toBeNaN(); // an entry the gradient does not write is NaN, not the old 7
    expect(f.calls).toEqual({ f: 1, gradient: 1, hessian: 0 });
  });

  it('differences f when there is no gradient, counting every call of f', () => {
    const f = objective({ dim: 2, f: (x) => x[0]! ** 2 + 3 * x[1]! });
    const out = new Float64Array(2);
    expect(f.valueAndGradient!(Float64Array.of(2, 5), out)).toBe(19);
    expect(out[0]).toBeCloseTo(4, 6);
    expect(out[1]).toBeCloseTo(3, 6);
    expect(f.calls).toEqual({ f: 5, gradient: 0, hessian: 0 });
  });

  it('checks its arguments and f’s result, and skips the gradient when f fails', () => {
    let gradients = 0;
    const f = objective({ dim: 2, f: (x) => (x[0]! > 0 ? 'no' : 1) as number, gradient: () => { gradients++; } });
    expectCode(() => f.valueAndGradient!(new Float64Array(3), new Float64Array(2)), 'DIMENSION_MISMATCH', /x has length 3/);
    expectCode(() => f.valueAndGradient!(new Float64Array(2), new Float64Array(1)), 'DIMENSION_MISMATCH', /out has length 1/);
    expectCode(() => f.valueAndGradient!(Float64Array.of(1, 0), new Float64Array(2)), 'INVALID_OBJECTIVE', /got string/);
    expect(gradients).toBe(0);
  });
});

describe('x0 and messages', () => {
  it('x0 must hold numbers: no silent conversion of strings, null, booleans or holes', () => {
    const t = testFunctions.rosenbrock();
    expectCode(() => minimize(t, [1, '2' as never]), 'NOT_FINITE', /x0\[1\] must be a finite number; got 2/);
    expectCode(() => minimize(t, [null as never, 1]), 'NOT_FINITE', /x0\[0\].*got null/);
    expectCode(() => minimize(t, [1, true as never]), 'NOT_FINITE', /x0\[1\].*got true/);
    // eslint-disable-next-line no-sparse-arrays
    expectCode(() => minimize(t, [, 1] as never), 'NOT_FINITE', /x0\[0\].*got undefined/);
    expectCode(() => minimize(t, Float64Array.of(1, -Infinity)), 'NOT_FINITE', /x0\[1\].*got -Infinity/);
    expect(minimize(t, Float64Array.of(-1.2, 1)).status).toBe('converged');
  });

  it('a message quotes the tolerance of its own solve, also when solves alternate tolerances', () => {
    const t = testFunctions.rosenbrock();
    for (const [tol, text] of [[1e-6, '1.00e-6'], [undefined, '1.00e-8'], [2.5e-7, '2.50e-7'], [1e-6, '1.00e-6']] as const) {
      const r = minimize(t, t.start, { gradientTolerance: tol });
      expect(r.status).toBe('converged');
      expect(r.message).toContain(`gradientTolerance ${text} `);
      expect(r.message).toContain(`‖∇f‖∞ = ${r.gradientNorm.toExponential(2)} `);
    }
  });
});
