// The worked examples of the lecture decks, as facts the library must reproduce.
import { describe, expect, it } from 'vitest';
import { minimize, quadratic, testFunctions } from '../src/index.js';

describe('seed facts', () => {
  it('GD on (x1−3)² + (x2−3)² from 0 with α = 0.2 for 25 iterations gives 3·(1 − 0.6²⁵) in both coordinates', () => {
    // x ← x − 0.2·2(x − 3) ⇒ 3 − x ← 0.6(3 − x): after k steps x = 3(1 − 0.6ᵏ).
    const want = 3 * (1 - 0.6 ** 25);
    expect(want).toBeCloseTo(2.99999147, 8);
    for (const fast of [true, false]) {
      const r = minimize(testFunctions.paraboloid(), [0, 0], {
        method: 'gd', stepSize: 0.2, maxIterations: 25, gradientTolerance: 0, history: !fast,
      });
      expect(r.iterations).toBe(25);
      expect(r.status).toBe('max-iterations');
      for (const v of r.x) expect(Math.abs(v - want)).toBeLessThanOrEqual(8 * Number.EPSILON * 3);
      if (r.history) {
        expect(r.history.x).toHaveLength(26);
        for (let k = 0; k <= 25; k++) expect(Math.abs(r.history.x[k]![0]! - 3 * (1 - 0.6 ** k))).toBeLessThanOrEqual(1e-14);
      }
    }
  });

  it('the direct solution of 2x1² + x2² + x1x2 − 6x1 − 5x2 is [1, 2] with f = −8', () => {
    const f = quadratic({ H: [[4, 1], [1, 2]], g: [-6, -5] });
    const r = minimize(f, [0, 0], { method: 'direct' });
    expect(r.status).toBe('converged');
    expect(Math.abs(r.x[0]! - 1)).toBeLessThanOrEqual(4 * Number.EPSILON);
    expect(Math.abs(r.x[1]! - 2)).toBeLessThanOrEqual(8 * Number.EPSILON);
    expect(r.fx).toBeCloseTo(-8, 14);
  });

  it('(x − 1)² is minimized at 1, and the status says converged', () => {
    for (const method of ['lbfgs', 'gd', 'newton', 'direct', 'nelder-mead'] as const) {
      const r = minimize(testFunctions.shiftedParabola(), [-3], { method });
      expect(r.status, method).toBe('converged');
      expect(Math.abs(r.x[0]! - 1), method).toBeLessThan(1e-7);
    }
  });

  it('GD on tanh from x = 4 reports vanishing-gradient, not convergence (f′(4) ≈ 0.00134)', () => {
    const t = testFunctions.tanh();
    expect(t.gradient(new Float64Array([4]))[0]).toBeCloseTo(0.0013409, 6);
    // At a tolerance the gradient at 4 already meets, the point is still no minimum: f curves down.
    const r = minimize(t, [4], { method: 'gd', stepSize: 0.1, gradientTolerance: 1e-2 });
    expect(r.status).toBe('vanishing-gradient');
    expect(r.converged).toBe(false);
    expect(r.x[0]).toBe(4);
    // The same point with the default tolerance: GD crawls (steps of ~1e-4) and runs out of iterations.
    const slow = minimize(t, [4], { method: 'gd', stepSize: 0.1, maxIterations: 500 });
    expect(slow.status).toBe('max-iterations');
    expect(slow.x[0]).toBeGreaterThan(3.9);
  });

  it('GD with α = 1.5 on x² diverges (|x| doubles every step)', () => {
    for (const history of [false, true]) {
      const r = minimize(quadratic({ H: [[2]], g: [0] }), [1], { method: 'gd', stepSize: 1.5, history });
      expect(r.status).toBe('diverged');
      expect(r.converged).toBe(false);
      expect(Math.abs(r.x[0]!)).toBeGreaterThan(1e5);
    }
  });

  it('x² − y² has a saddle at 0: the direct method refuses and descent reports it', () => {
    expect(() => minimize(testFunctions.saddle(), [1, 1], { method: 'direct' })).toThrowError(/not positive definite/);
    const r = minimize(testFunctions.saddle(), [0, 0]);
    expect(r.status).toBe('vanishing-gradient');
  });
});
