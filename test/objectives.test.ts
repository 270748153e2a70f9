import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  OptimaError, backend, checkGradient, numericalGradient, numericalHessian, objective, quadratic, setBackend,
  testFunctions, type BackendName, type Objective,
} from '../src/index.js';
import { EPS, maxAbs, naiveDot, naiveMatvec, randomArray, randomSpd, rng } from './helpers/reference.js';
import { expectCode } from './helpers/errors.js';

const initial = backend;
afterAll(() => setBackend(initial));

const ALL = Object.entries(testFunctions).map(([name, make]) => ({ name, make: make as (n?: number) => ReturnType<typeof testFunctions.beale> }));

for (const name of ['simd', 'scalar', 'js'] as BackendName[]) {
  describe(`quadratic on the ${name} backend`, () => {
    beforeAll(() => setBackend(name));
    it('value and gradient match ½xᵀHx + gᵀx + c and Hx + g (n = 1…60)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 60 }), fc.integer(), (n, seed) => {
          const r = rng(seed);
          const H = randomSpd(n, r);
          const g = randomArray(n, r), x = randomArray(n, r);
          const c = r();
          const q = quadratic({ H: { rows: n, cols: n, data: H }, g, c });
          const Hx = naiveMatvec(H, n, n, x);
          const want = 0.5 * naiveDot(x, Hx) + naiveDot(g, x) + c;
          const scale = n * 4 * EPS * (n * maxAbs(H) * maxAbs(x) * maxAbs(x) + maxAbs(g) * maxAbs(x) + 1) * n;
          expect(Math.abs(q.value(x) - want)).toBeLessThanOrEqual(scale);
          const grad = q.gradient(x);
          const out = new Float64Array(n);
          expect(q.gradient(x, out)).toBe(out);
          const gv = new Float64Array(n);
          expect(Math.abs(q.valueAndGradient(x, gv) - want)).toBeLessThanOrEqual(scale);
          for (let i = 0; i < n; i++) {
            const w = Hx[i]! + g[i]!;
            const tol = 4 * n * EPS * (n * maxAbs(H) * maxAbs(x) + maxAbs(g));
            expect(Math.abs(grad[i]! - w)).toBeLessThanOrEqual(tol);
            expect(out[i]).toBe(grad[i]);
            expect(gv[i]).toBe(grad[i]);
          }
          q.dispose();
        }),
        { numRuns: 30 },
      );
    });
  });
}

describe('quadratic', () => {
  it('returns a copy of H as its Hessian and exposes g', () => {
    const q = quadratic({ H: [[4, 1], [1, 2]], g: [-6, -5] });
    const H = q.hessian(new Float64Array(2));
    expect(Array.from(H.data)).toEqual([4, 1, 1, 2]);
    H.data[0] = 99;
    expect(q.hessian(new Float64Array(2)).data[0]).toBe(4);
    expect(Array.from(q.g)).toEqual([-6, -5]);
    expect(q.exactHessian).toBe(true);
  });
  it('entries near the largest double survive symmetrization (no overflow to ∞)', () => {
    // Found by fuzzing: ½(a + b) overflowed for a = b = 1.79e308, so H·0 was NaN and f(0) NaN.
    const big = 1.7976931348623155e308;
    const q = quadratic({ H: [[1, big], [big, 1]], g: [3, -4], c: 2 });
    expect(q.value(new Float64Array(2))).toBe(2);
    expect(Array.from(q.gradient(new Float64Array(2)))).toEqual([3, -4]);
    expect(Array.from(q.hessian().data)).toEqual([1, big, big, 1]);
    q.dispose();
  });

  it('rejects bad H, g, c with the right codes', () => {
    expectCode(() => quadratic({ H: [[1, 2, 3], [4, 5, 6]], g: [1, 2] }), 'DIMENSION_MISMATCH', /square/);
    expectCode(() => quadratic({ H: [[1, 2], [3, 4]], g: [1, 2] }), 'NOT_SYMMETRIC');
    expectCode(() => quadratic({ H: [[1, NaN], [NaN, 4]], g: [1, 2] }), 'NOT_FINITE', /H\[0\]\[1\]/);
    expectCode(() => quadratic({ H: [[1, 0], [0, 1]], g: [1, 2, 3] }), 'DIMENSION_MISMATCH', /g has length 3/);
    expectCode(() => quadratic({ H: [[1, 0], [0, 1]], g: [1, Infinity] }), 'NOT_FINITE', /g\[1\]/);
    expectCode(() => quadratic({ H: [[1, 0], [0, 1]], g: [1, 2], c: NaN }), 'NOT_FINITE', /c/);
    const q = quadratic({ H: [[1, 0], [0, 1]], g: [0, 0] });
    expectCode(() => q.value(new Float64Array(3)), 'DIMENSION_MISMATCH');
  });
});

describe('objective()', () => {
  it('validates its spec', () => {
    expectCode(() => objective({ dim: 0, f: () => 0 }), 'INVALID_OBJECTIVE', /dim/);
    expectCode(() => objective({ dim: 1.5, f: () => 0 }), 'INVALID_OBJECTIVE', /dim/);
    expectCode(() => objective({ dim: 2, f: 3 as unknown as () => number }), 'INVALID_OBJECTIVE', /f must be a function/);
    const o = objective({ dim: 2, f: () => 'x' as unknown as number });
    expectCode(() => o.value(new Float64Array(2)), 'INVALID_OBJECTIVE', /must return a number/);
    expectCode(() => o.value(new Float64Array(3)), 'DIMENSION_MISMATCH');
  });

  it('fills missing derivatives by finite differences accurate to their theory', () => {
    for (const { name, make } of ALL) {
      const t = make();
      const user = objective({ dim: t.dim, f: (x) => t.value(x) });
      const withGrad = objective({ dim: t.dim, f: (x) => t.value(x), gradient: (x, out) => void t.gradient(x, out) });
      const r = rng(7);
      for (let k = 0; k < 5; k++) {
        const x = Float64Array.from(t.start, (v) => v + (2 * r() - 1) * 0.5);
        const g = t.gradient(x);
        const fd = user.gradient(x);
        const fscale = Math.max(1, Math.abs(t.value(x)), maxAbs(g));
        // central differences: O(ε^(2/3)) of the scale of f and its third derivative
        for (let i = 0; i < t.dim; i++) expect(Math.abs(fd[i]! - g[i]!), `${name} ∂${i}`).toBeLessThanOrEqual(1e-6 * fscale * 100);
        const H = t.hessian(x).data;
        const Hg = withGrad.hessian(x).data; // from gradient differences
        const Hf = user.hessian(x).data; // second differences of f
        const hscale = Math.max(1, maxAbs(H), Math.abs(t.value(x)));
        for (let i = 0; i < H.length; i++) {
          expect(Math.abs(Hg[i]! - H[i]!), `${name} H${i} from ∇f`).toBeLessThanOrEqual(1e-6 * hscale);
          expect(Math.abs(Hf[i]! - H[i]!), `${name} H${i} from f`).toBeLessThanOrEqual(1e-4 * hscale);
        }
        for (let i = 0; i < t.dim; i++) for (let j = 0; j < t.dim; j++) expect(Hg[i * t.dim + j]).toBe(Hg[j * t.dim + i]);
      }
    }
  });

  it('counts calls of user code and hands it copies of x', () => {
    let seen: Float64Array | undefined;
    const o = objective({ dim: 3, f: (x) => { seen = x; x[0] = 1e9; return x[1]! * x[1]!; } });
    const x = new Float64Array([1, 2, 3]);
    expect(o.value(x)).toBe(4);
    expect(seen).not.toBe(x);
    expect(x[0]).toBe(1);
    o.gradient(x);
    expect(o.calls!.f).toBe(1 + 6);
    expect(x[0]).toBe(1);
  });
});

describe('finite differences and checkGradient', () => {
  it('numericalGradient and numericalHessian match analytic Rosenbrock derivatives', () => {
    const t = testFunctions.rosenbrock(4);
    const x = new Float64Array([-1.2, 1, 0.5, 0.8]);
    const g = t.gradient(x), fd = numericalGradient((y) => t.value(y), Array.from(x));
    for (let i = 0; i < 4; i++) expect(Math.abs(fd[i]! - g[i]!)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(g[i]!)));
    const H = t.hessian(x).data, Hn = numericalHessian((y) => t.value(y), x);
    expect(Hn.rows).toBe(4);
    for (let i = 0; i < 16; i++) expect(Math.abs(Hn.data[i]! - H[i]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(H[i]!)));
  });

  it('a difference step past ±1.8e308 gives NaN for that component and never calls f with ∞ (found by fuzzing)', () => {
    const seen: number[] = [];
    const g = numericalGradient((x) => { seen.push(...x); return Math.sign(x[0]!) + x[1]!; }, [1.7976931348623157e308, 1]);
    expect(Number.isNaN(g[0])).toBe(true);
    expect(Math.abs(g[1]! - 1)).toBeLessThan(1e-8);
    expect(seen.every(Number.isFinite)).toBe(true);
    const q = quadratic({ H: [[2, 0], [0, 2]], g: [0, 0] }); // its value() refuses a non-finite x with NOT_FINITE
    const r = checkGradient(q, [1.7976822490793367e308, 0]);
    expect(r.ok).toBe(false);
    q.dispose();
  });

  it('checkGradient passes every catalog gradient and fails a wrong component', () => {
    for (const { name, make } of ALL) {
      const t = make();
      const res = checkGradient(t, t.start);
      expect(res.ok, name).toBe(true);
      expect(res.maxRelError).toBeLessThan(1e-7);
    }
    const good = testFunctions.beale();
    const wrong: Objective = objective({
      dim: 2, f: (x) => good.value(x),
      gradient: (x, out) => { good.gradient(x, out); out[1] = out[1]! * 1.001; },
    });
    const res = checkGradient(wrong, [1, 1.5]);
    expect(res.ok).toBe(false);
    expect(res.maxAbsError).toBeGreaterThan(1e-4);
    const nanGrad = objective({ dim: 1, f: (x) => x[0]! ** 2, gradient: () => {} }); // forgets to write
    expect(checkGradient(nanGrad, [1]).ok).toBe(false);
    expectCode(() => checkGradient(good, [1, 2, 3]), 'DIMENSION_MISMATCH');
  });
});

describe('testFunctions catalog', () => {
  it('has zero gradients at every listed stationary point and the listed kinds', () => {
    for (const { name, make } of ALL) {
      const t = make();
      for (const p of t.stationaryPoints) {
        const g = t.gradient(p.x);
        expect(maxAbs(g), `${name} at ${Array.from(p.x)}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(p.fx)));
        const H = t.hessian(p.x).data;
        if (t.dim === 2) {
          const det = H[0]! * H[3]! - H[1]! * H[2]!, tr = H[0]! + H[3]!;
          const kind = det < 0 ? 'saddle' : det > 0 ? (tr > 0 ? 'minimum' : 'maximum') : 'degenerate';
          expect(kind, `${name} at ${Array.from(p.x)}`).toBe(p.kind);
        }
      }
      for (const m of t.minima) expect(m.fx).toBe(t.value(m.x));
    }
  });
  it('lists the published optima', () => {
    const h = testFunctions.himmelblau();
    expect(h.minima).toHaveLength(4);
    for (const m of h.minima) expect(m.fx).toBeLessThan(1e-20);
    const max = h.stationaryPoints.find((p) => p.kind === 'maximum')!;
    expect(max.x[0]).toBeCloseTo(-0.270845, 6);
    expect(max.x[1]).toBeCloseTo(-0.923039, 6);
    expect(max.fx).toBeCloseTo(181.617, 3);
    expect(testFunctions.beale().minima[0]!.fx).toBe(0);
    expect(testFunctions.booth().minima[0]!.fx).toBe(0);
    expect(testFunctions.lectureQuadratic().minima[0]!.fx).toBe(-8);
    expect(testFunctions.rosenbrock(10).minima[0]!.fx).toBe(0);
    expect(testFunctions.rastrigin(3).minima[0]!.fx).toBe(0);
    expect(testFunctions.tanh().minima).toHaveLength(0);
    expectCode(() => testFunctions.extendedRosenbrock(3), 'INVALID_OPTION');
  });
});
