import { describe, expect, it } from 'vitest';
import {
  OptimaError, checkConvexity, classifyCriticalPoint, diagnoseGradients, isConvexSet, richardsonGradient, richardsonHessian, vector,
} from '../src/index.js';
import {
  type TestObjective, analytic, bowl, cap, cubic, eig2, fdHessian, himmelblau, logSumExp, monkey, quartic, rosenbrock, saddle,
  sine, sumOfSquares, tanh1,
} from './helpers/functions.js';
import { expectCode } from './helpers/errors.js';

const EPS = Number.EPSILON;

// Himmelblau's critical points as published to six decimals (Himmelblau 1972).
const HIMMELBLAU_MINIMA = [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]];
const HIMMELBLAU_MAXIMUM = [-0.270845, -0.923039];

describe('classifyCriticalPoint', () => {
  for (const [label, wrap] of [['analytic Hessian', (o: TestObjective) => o], ['finite-difference Hessian', fdHessian]] as const) {
    describe(label, () => {
      it('x² − y² at 0 is a saddle with eigenvalues −2 and 2', () => {
        const r = classifyCriticalPoint(wrap(saddle), [0, 0]);
        expect(r.kind).toBe('saddle');
        expect(r.gradientNorm).toBe(0);
        if (label === 'analytic Hessian') expect(Array.from(r.eigenvalues)).toEqual([-2, 2]);
        else {
          expect(r.eigenvalues[0]).toBeCloseTo(-2, 8);
          expect(r.eigenvalues[1]).toBeCloseTo(2, 8);
        }
      });
      it('x² + y² at 0 is a minimum, −x² − y² a maximum', () => {
        expect(classifyCriticalPoint(wrap(bowl), [0, 0]).kind).toBe('minimum');
        expect(classifyCriticalPoint(wrap(cap), new Float64Array(2)).kind).toBe('maximum');
      });
      it('x³ and the monkey saddle x³ − 3xy² at 0 are degenerate', () => {
        const c = classifyCriticalPoint(wrap(cubic), [0]);
        expect(c.kind).toBe('degenerate');
        expect(Math.abs(c.eigenvalues[0]!)).toBeLessThanOrEqual(c.eigenvalueTolerance);
        expect(classifyCriticalPoint(wrap(monkey), [0, 0]).kind).toBe('degenerate');
      });
      it('Rosenbrock at (1, 1) is a minimum with eigenvalues 501 ∓ √250601', () => {
        const r = classifyCriticalPoint(wrap(rosenbrock), [1, 1]);
        expect(r.kind).toBe('minimum');
        const [lo, hi] = eig2(802, -400, 200);
        const tol = label === 'analytic Hessian' ? 8 * EPS * 1000 : 1e-6 * 1000;
        expect(Math.abs(r.eigenvalues[0]! - lo)).toBeLessThanOrEqual(tol);
        expect(Math.abs(r.eigenvalues[1]! - hi)).toBeLessThanOrEqual(tol);
      });
      it("Himmelblau's four minima and its local maximum, as published to six decimals", () => {
        const f = wrap(himmelblau);
        for (const p of HIMMELBLAU_MINIMA) {
          const r = classifyCriticalPoint(f, p);
          expect(r.kind, `at (${p})`).toBe('minimum');
          expect(r.gradientNorm).toBeGreaterThanOrEqual(0);
        }
        const m = classifyCriticalPoint(f, HIMMELBLAU_MAXIMUM);
        expect(m.kind).toBe('maximum');
        const [x, y] = HIMMELBLAU_MAXIMUM as [number, number];
        const [lo, hi] = eig2(12 * x * x + 4 * y - 42, 4 * x + 4 * y, 4 * x + 12 * y * y - 26);
        expect(m.eigenvalues[0]).toBeCloseTo(lo, 5);
        expect(m.eigenvalues[1]).toBeCloseTo(hi, 5);
      });
      it('is scale invariant: 1e-10·(x² + y²) is a minimum, 1e10·(x² − y²) a saddle', () => {
        const tiny = analytic(2, ([x, y]) => 1e-10 * (x! * x! + y! * y!), ([x, y]) => [2e-10 * x!, 2e-10 * y!], () => [[2e-10, 0], [0, 2e-10]]);
        const huge = analytic(2, ([x, y]) => 1e10 * (x! * x! - y! * y!), ([x, y]) => [2e10 * x!, -2e10 * y!], () => [[2e10, 0], [0, -2e10]]);
        expect(classifyCriticalPoint(wrap(tiny), [0, 0]).kind).toBe('minimum');
        expect(classifyCriticalPoint(wrap(huge), [0, 0]).kind).toBe('saddle');
      });
    });
  }

  it('a finite-difference Hessian of a flat point far above zero is degenerate, not noise-classified', () => {
    // x⁴ + 5 at 0: true Hessian 0; a second difference of f ≈ 5 with h = ε^¼ can carry rounding
    // noise up to 2ε·5/h² of either sign.
    const f = analytic(1, ([x]) => x! ** 4 + 5, ([x]) => [4 * x! ** 3], () => [[0]]);
    for (const noise of [2 * EPS * 5 / Math.sqrt(EPS), -2 * EPS * 5 / Math.sqrt(EPS)]) {
      const noisy = { ...fdHessian(f), hessian: () => ({ rows: 1, cols: 1, data: Float64Array.of(noise) }) };
      expect(classifyCriticalPoint(noisy, [0]).kind).toBe('degenerate');
    }
    // The true second difference as the solvers' numericalHessian computes it.
    const h = Math.pow(EPS, 0.25);
    const fd = (f.value(Float64Array.of(h)) - 2 * f.value(Float64Array.of(0)) + f.value(Float64Array.of(-h))) / (h * h);
    const real = { ...fdHessian(f), hessian: () => ({ rows: 1, cols: 1, data: Float64Array.of(fd) }) };
    expect(classifyCriticalPoint(real, [0]).kind).toBe('degenerate');
  });

  it('5-D quadratics QΛQᵀ with a rotated spectrum: minimum, saddle, degenerate', () => {
    // Q = I − 2vvᵀ/vᵀv (a Householder reflection) hides the spectrum in a dense symmetric H.
    const n = 5, v = [1, -2, 0.5, 3, -1], vv = v.reduce((s, a) => s + a * a, 0);
    const Q = (i: number, j: number) => (i === j ? 1 : 0) - (2 * v[i]! * v[j]!) / vv;
    const make = (lambda: number[], exact: boolean): TestObjective => {
      const H = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => lambda.reduce((s, l, k) => s + Q(i, k) * l * Q(j, k), 0)));
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) H[i]![j] = H[j]![i]!;
      const o = analytic(n, (x) => 0.5 * H.reduce((s, row, i) => s + x[i]! * row.reduce((t, h, j) => t + h * x[j]!, 0), 0),
        (x) => H.map((row) => row.reduce((t, h, j) => t + h * x[j]!, 0)), () => H);
      return exact ? o : { ...o, exactHessian: false };
    };
    const origin = new Float64Array(n);
    const min = classifyCriticalPoint(make([1, 2, 3, 4, 5], true), origin);
    expect(min.kind).toBe('minimum');
    min.eigenvalues.forEach((l, i) => expect(Math.abs(l - (i + 1))).toBeLessThanOrEqual(10 * n * EPS * 8));
    expect(classifyCriticalPoint(make([-1, 2, 3, 4, 5], true), origin).kind).toBe('saddle');
    expect(classifyCriticalPoint(make([-5, -4, -3, -2, -1], true), origin).kind).toBe('maximum');
    // A zero eigenvalue hidden by rotation: rounding leaves ≈ 1e-15, far below √ε·‖H‖.
    expect(classifyCriticalPoint(make([0, 1, 2, 3, 4], false), origin).kind).toBe('degenerate');
  });

  it('indefinite beats degenerate: x² − y² + z³ at 0 is a saddle', () => {
    const f = analytic(3, ([x, y, z]) => x! * x! - y! * y! + z! ** 3, ([x, y, z]) => [2 * x!, -2 * y!, 3 * z! * z!], ([, , z]) => [[2, 0, 0], [0, -2, 0], [0, 0, 6 * z!]]);
    expect(classifyCriticalPoint(f, [0, 0, 0]).kind).toBe('saddle');
  });

  it('not-critical above the gradient tolerance, still with eigenvalues', () => {
    const r = classifyCriticalPoint(rosenbrock, [0, 0]);
    expect(r.kind).toBe('not-critical');
    expect(r.gradientNorm).toBe(2);
    expect(Array.from(r.eigenvalues)).toEqual(eig2(2, 0, 200));
    // The six-decimal Himmelblau minimum is not critical to an absolute 1e-8.
    expect(classifyCriticalPoint(himmelblau, HIMMELBLAU_MINIMA[3]!, { gradientTolerance: 1e-8 }).kind).toBe('not-critical');
    expect(classifyCriticalPoint(himmelblau, HIMMELBLAU_MINIMA[0]!, { gradientTolerance: 0 }).kind).toBe('minimum');
  });

  it('default gradient tolerance is 1e-6·max(1, ‖H‖_F·max(1, ‖x‖∞))', () => {
    const r = classifyCriticalPoint(bowl, [1e-7, 0]);
    expect(r.gradientTolerance).toBeCloseTo(1e-6 * Math.sqrt(8), 20);
    expect(r.kind).toBe('minimum');
    expect(classifyCriticalPoint(bowl, [1e-5, 0]).kind).toBe('not-critical');
  });

  it('accepts a resident Vector as the point', () => {
    const v = vector([0, 0]);
    expect(classifyCriticalPoint(saddle, v).kind).toBe('saddle');
    v.dispose();
  });

  it('does not mutate x', () => {
    const x = Float64Array.of(1, 1);
    classifyCriticalPoint(rosenbrock, x);
    expect(Array.from(x)).toEqual([1, 1]);
  });

  it('rejects bad input with OptimaError codes naming the argument', () => {
    expectCode(() => classifyCriticalPoint(saddle, [0]), 'DIMENSION_MISMATCH', /x has length 1; expected 2/);
    expectCode(() => classifyCriticalPoint(saddle, [0, NaN]), 'NOT_FINITE', /x\[1\]/);
    expectCode(() => classifyCriticalPoint(saddle, [Infinity, 0]), 'NOT_FINITE', /x\[0\]/);
    expectCode(() => classifyCriticalPoint(saddle, 'ab' as never), 'DIMENSION_MISMATCH');
    expectCode(() => classifyCriticalPoint(saddle, [0, 0], { gradientTolerance: -1 }), 'INVALID_OPTION', /gradientTolerance/);
    expectCode(() => classifyCriticalPoint(saddle, [0, 0], { gradientTolerance: NaN }), 'INVALID_OPTION');
    expectCode(() => classifyCriticalPoint(saddle, [0, 0], { eigenvalueTolerance: 'x' as never }), 'INVALID_OPTION');
    expectCode(() => classifyCriticalPoint(saddle, [0, 0], 3 as never), 'INVALID_OPTION');
    expectCode(() => classifyCriticalPoint({} as never, [0, 0]), 'INVALID_OBJECTIVE');
    expectCode(() => classifyCriticalPoint(null as never, [0, 0]), 'INVALID_OBJECTIVE');
    const badShape = { ...saddle, hessian: () => ({ rows: 1, cols: 1, data: new Float64Array(1) }) };
    expectCode(() => classifyCriticalPoint(badShape, [0, 0]), 'DIMENSION_MISMATCH', /2×2/);
    const asym = { ...saddle, hessian: () => ({ rows: 2, cols: 2, data: Float64Array.of(1, 2, 3, 4) }) };
    expectCode(() => classifyCriticalPoint(asym, [0, 0]), 'NOT_SYMMETRIC', /\[0\]\[1\]/);
    const nanHess = { ...saddle, hessian: () => ({ rows: 2, cols: 2, data: Float64Array.of(1, 0, 0, NaN) }) };
    expectCode(() => classifyCriticalPoint(nanHess, [0, 0]), 'NOT_FINITE', /\[1\]\[1\]/);
    const nanGrad = { ...saddle, gradient: () => Float64Array.of(NaN, 0) };
    expectCode(() => classifyCriticalPoint(nanGrad, [0, 0]), 'NOT_FINITE', /gradient/);
  });
});

/** Recomputes a Jensen counterexample's gap independently and checks it lies in the box. */
function verifyJensen(f: TestObjective, c: { x: Float64Array; y: Float64Array; lambda: number; gap: number }, lower: number[], upper: number[]): void {
  const z = c.x.map((xi, i) => c.lambda * xi + (1 - c.lambda) * c.y[i]!);
  const gap = f.value(z) - (c.lambda * f.value(c.x) + (1 - c.lambda) * f.value(c.y));
  expect(c.lambda).toBeGreaterThan(0);
  expect(c.lambda).toBeLessThan(1);
  expect(gap).toBeGreaterThan(0);
  expect(Math.abs(gap - c.gap)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(gap)));
  for (const p of [c.x, c.y]) p.forEach((v, i) => {
    expect(v).toBeGreaterThanOrEqual(lower[i]!);
    expect(v).toBeLessThanOrEqual(upper[i]!);
  });
}

describe('checkConvexity', () => {
  it('‖x‖², log-sum-exp and x⁴ are convex', () => {
    const sq = checkConvexity(sumOfSquares(3), { lower: [-2, -2, -2], upper: [2, 2, 2] });
    expect(sq).toMatchObject({ convex: true, exact: false });
    expect(sq.minHessianEigenvalue).toBe(2);
    expect(sq.counterexample).toBeUndefined();
    const lse = checkConvexity(logSumExp(3), { lower: [-3, -3, -3], upper: [3, 3, 3] }, { samples: 2000 });
    expect(lse.convex).toBe(true);
    // diag(p) − ppᵀ is PSD with a zero eigenvalue along (1, 1, 1): the sampled minimum is ≈ 0.
    expect(Math.abs(lse.minHessianEigenvalue)).toBeLessThanOrEqual(1e-15);
    const q = checkConvexity(quartic, { lower: [-2], upper: [2] });
    expect(q.convex).toBe(true);
    expect(q.minHessianEigenvalue).toBeGreaterThanOrEqual(0);
  });

  it('an affine function is convex despite rounding (no false counterexample)', () => {
    const f = analytic(2, ([x, y]) => 3 * x! - 2 * y! + 1e3, () => [3, -2], () => [[0, 0], [0, 0]]);
    expect(checkConvexity(f, { lower: [-1e3, -1e3], upper: [1e3, 1e3] }, { samples: 5000 }).convex).toBe(true);
  });

  it('sin, x³ on [−1, 1] and Rosenbrock are not convex, with a verified counterexample', () => {
    const cases: Array<[TestObjective, number[], number[]]> = [
      [sine, [-3], [3]],
      [cubic, [-1], [1]],
      [rosenbrock, [-2, -1], [2, 3]],
    ];
    for (const [f, lower, upper] of cases) {
      const r = checkConvexity(f, { lower, upper });
      expect(r.convex).toBe(false);
      expect(r.minHessianEigenvalue).toBeLessThan(0);
      verifyJensen(f, r.counterexample!, lower, upper);
    }
    // x³ on [−1, 1]: f″ = 6x, so the sampled minimum is within one sample spacing of −6.
    expect(checkConvexity(cubic, { lower: [-1], upper: [1] }).minHessianEigenvalue).toBeLessThan(-5);
  });

  it('x³ is convex on [0, 2] but not on [−1, 1]', () => {
    expect(checkConvexity(cubic, { lower: [0], upper: [2] }).convex).toBe(true);
  });

  it('finds a constant negative curvature from the Hessian even when the one Jensen sample misses', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = checkConvexity(saddle, { lower: [-1, -1], upper: [1, 1] }, { samples: 1, seed });
      expect(r.convex).toBe(false);
      expect(r.minHessianEigenvalue).toBe(-2);
      verifyJensen(saddle, r.counterexample!, [-1, -1], [1, 1]);
    }
  });

  it('ignores coordinates the box fixes (lower = upper)', () => {
    // x² − y² with y fixed at 0.5 is x² + const: convex on that slice.
    const r = checkConvexity(saddle, { lower: [-1, 0.5], upper: [1, 0.5] });
    expect(r.convex).toBe(true);
    expect(r.minHessianEigenvalue).toBe(2);
  });

  it('is reproducible by seed', () => {
    const region = { lower: [-3], upper: [3] };
    const a = checkConvexity(sine, region, { seed: 42 });
    const b = checkConvexity(sine, region, { seed: 42 });
    const c = checkConvexity(sine, region, { seed: 7 });
    expect(b).toEqual(a);
    expect(c.counterexample).not.toEqual(a.counterexample);
  });

  it('rejects bad regions and options', () => {
    const box = { lower: [-1, -1], upper: [1, 1] };
    for (const bad of [{ samples: 0 }, { samples: 1.5 }, { samples: -3 }, { samples: '10' }, { seed: 0.5 }, { seed: NaN }, { hessianSamples: 0 }]) {
      expectCode(() => checkConvexity(saddle, box, bad as never), 'INVALID_OPTION');
    }
    expectCode(() => checkConvexity(saddle, box, null as never), 'INVALID_OPTION');
    expectCode(() => checkConvexity(saddle, { lower: [1, -1], upper: [0, 1] }), 'INVALID_OPTION', /region.lower\[0\]/);
    expectCode(() => checkConvexity(saddle, { lower: [-1], upper: [1] }), 'DIMENSION_MISMATCH', /region.lower/);
    expectCode(() => checkConvexity(saddle, { lower: [-1, NaN], upper: [1, 1] }), 'NOT_FINITE', /region.lower\[1\]/);
    expectCode(() => checkConvexity(saddle, { lower: [-1, -Infinity], upper: [1, 1] }), 'NOT_FINITE');
    expectCode(() => checkConvexity(saddle, null as never), 'INVALID_OPTION');
    expectCode(() => checkConvexity({ dim: 2 } as never, box), 'INVALID_OBJECTIVE');
    const nanValue = { ...sumOfSquares(2), value: () => NaN };
    expectCode(() => checkConvexity(nanValue, box), 'NOT_FINITE', /f.value/);
  });
});

describe('isConvexSet', () => {
  const box2 = { lower: [-3, -3], upper: [3, 3] };
  const norm = (x: Float64Array) => Math.hypot(x[0]!, x[1]!);
  it('a ball, a box and an intersection of half-spaces are convex', () => {
    for (const contains of [
      (x: Float64Array) => norm(x) <= 2,
      (x: Float64Array) => Math.abs(x[0]!) <= 1 && Math.abs(x[1]! - 0.5) <= 2,
      (x: Float64Array) => x[0]! + x[1]! <= 1 && x[0]! - 2 * x[1]! <= 2 && -x[0]! <= 2.5,
    ]) {
      const r = isConvexSet(contains, box2);
      expect(r.convex).toBe(true);
      expect(r.checks).toBe(1000);
      expect(r.members).toBeGreaterThan(100);
    }
  });

  it('an annulus and two disjoint balls are not, with a verified counterexample segment', () => {
    const sets = [
      (x: Float64Array) => norm(x) >= 1 && norm(x) <= 2.5,
      (x: Float64Array) => Math.hypot(x[0]! + 1.5, x[1]!) <= 1 || Math.hypot(x[0]! - 1.5, x[1]!) <= 1,
    ];
    for (const contains of sets) {
      const r = isConvexSet(contains, box2);
      expect(r.convex).toBe(false);
      const { a, b, lambda } = r.counterexample!;
      expect(contains(a)).toBe(true);
      expect(contains(b)).toBe(true);
      expect(contains(a.map((ai, i) => lambda * ai + (1 - lambda) * b[i]!))).toBe(false);
    }
  });

  it('is reproducible by seed', () => {
    const annulus = (x: Float64Array) => norm(x) >= 1 && norm(x) <= 2.5;
    const a = isConvexSet(annulus, box2, { seed: 3 });
    expect(isConvexSet(annulus, box2, { seed: 3 })).toEqual(a);
    expect(isConvexSet(annulus, box2, { seed: 4 }).counterexample).not.toEqual(a.counterexample);
  });

  it('a set too small to sample yields no checks, not a false verdict', () => {
    const r = isConvexSet((x) => norm(x) <= 1e-6, box2, { samples: 10 });
    expect(r).toEqual({ convex: true, members: 0, checks: 0 });
  });

  it('does not let contains() alter the points it is given', () => {
    const r = isConvexSet((x) => { const inside = norm(x) <= 2; x.fill(99); return inside; }, box2, { samples: 50 });
    expect(r.convex).toBe(true);
  });

  it('rejects bad arguments', () => {
    expectCode(() => isConvexSet('x' as never, box2), 'INVALID_OBJECTIVE');
    expectCode(() => isConvexSet((() => 1) as never, box2), 'INVALID_OBJECTIVE', /boolean/);
    expectCode(() => isConvexSet(() => true, box2, { samples: 0 }), 'INVALID_OPTION');
    expectCode(() => isConvexSet(() => true, box2, { seed: 'a' as never }), 'INVALID_OPTION');
    expectCode(() => isConvexSet(() => true, { lower: [0, 0], upper: [1] }), 'DIMENSION_MISMATCH');
    expectCode(() => isConvexSet(() => true, { lower: [], upper: [] }), 'DIMENSION_MISMATCH');
    expectCode(() => isConvexSet(() => true, { lower: [2, 0], upper: [1, 1] }), 'INVALID_OPTION');
  });
});

describe('diagnoseGradients', () => {
  const square = analytic(1, ([x]) => x! * x!, ([x]) => [2 * x!], () => [[2]]);

  it('tanh at 4: vanishing gradient from iteration 0, and a plateau', () => {
    const d = diagnoseGradients(tanh1, [4], { stepSize: 0.1, iterations: 50 });
    expect(d.healthy).toBe(false);
    const kinds = d.issues.map((i) => i.kind);
    expect(kinds).toContain('vanishing');
    expect(kinds).toContain('plateau');
    expect(kinds).not.toContain('exploding');
    expect(d.issues.find((i) => i.kind === 'vanishing')!.iteration).toBe(0);
    expect(d.history.x.length).toBe(51);
    expect(d.history.gradientNorm[0]).toBeCloseTo(1 / Math.cosh(4) ** 2, 15);
  });

  it('gradient descent on x² with α = 0.1 is healthy: its flat tail is convergence, not a plateau', () => {
    const d = diagnoseGradients(square, [1], { stepSize: 0.1, iterations: 200 });
    expect(d.issues).toEqual([]);
    expect(d.healthy).toBe(true);
  });

  it('α = 0.9 on x² oscillates from iteration 0 with a shrinking swing', () => {
    const d = diagnoseGradients(square, [1], { stepSize: 0.9, iterations: 30 });
    expect(d.issues.map((i) => i.kind)).toEqual(['oscillation']);
    expect(d.issues[0]!.iteration).toBe(0);
    expect(d.issues[0]!.detail).toMatch(/shrinking/);
  });

  it('α = 1.1 on x² oscillates and explodes, both from iteration 0', () => {
    const d = diagnoseGradients(square, [1], { stepSize: 1.1, iterations: 60 });
    const osc = d.issues.find((i) => i.kind === 'oscillation')!;
    const exp = d.issues.find((i) => i.kind === 'exploding')!;
    expect(osc.iteration).toBe(0);
    expect(osc.detail).toMatch(/growing/);
    expect(exp.iteration).toBe(0);
    expect(d.issues.map((i) => i.kind)).not.toContain('plateau'); // f grows 44% a step: anything but flat
    // |x_k| = 1.2^k, ‖∇f‖ = 2·1.2^k: the factor 1e3 is first exceeded at k = ⌈log 1e3 / log 1.2⌉ = 38.
    expect(exp.until).toBe(38);
  });

  it('non-finite values are exploding from where ‖∇f‖ started growing', () => {
    const history = { x: [1, 2, 3, 0.5, 1, 8].map((v) => Float64Array.of(v)), fx: [1, 2, 3, 1, 2, NaN], gradientNorm: [1, 2, 3, 1, 2, NaN] };
    const d = diagnoseGradients({ history });
    const exp = d.issues.find((i) => i.kind === 'exploding')!;
    expect(exp.iteration).toBe(3);
    expect(exp.until).toBe(5);
  });

  it('a run stalled at the saddle of x² − y² is vanishing (Hessian indefinite)', () => {
    const d = diagnoseGradients(saddle, [1, 0], { stepSize: 0.25, iterations: 60 });
    const v = d.issues.find((i) => i.kind === 'vanishing');
    expect(v).toBeDefined();
    // x_k = 0.5^k: the relative gradient 2·0.5^k first drops to ≤ 1e-2 at k = 8.
    expect(v!.iteration).toBe(8);
  });

  it('history mode: with the objective the Hessian decides; without it, a later fall of f does', () => {
    const probe = diagnoseGradients(tanh1, [4], { stepSize: 0.1, iterations: 20 });
    const result = { history: probe.history, status: 'max-iterations' };
    expect(diagnoseGradients(result, { objective: tanh1 }).issues.map((i) => i.kind)).toContain('vanishing');
    // Escaping a near-saddle: tiny gradients, then f drops by far more than 1e-3.
    const fx = [1, ...Array(12).fill(-1e-9), -0.5, -2];
    const history = { x: fx.map((_, k) => Float64Array.of(k)), fx, gradientNorm: fx.map((_, k) => (k > 0 && k < 13 ? 1e-9 : 1)) };
    const d = diagnoseGradients({ history });
    expect(d.issues.find((i) => i.kind === 'vanishing')!.iteration).toBe(1);
    expect(d.issues.find((i) => i.kind === 'plateau')!.iteration).toBe(1);
    // A converged run read without its objective: tiny gradients, and f never falls again.
    const converged = diagnoseGradients(square, [1], { stepSize: 0.1, iterations: 200 }).history;
    expect(diagnoseGradients({ history: converged, status: 'converged' }).healthy).toBe(true);
    // …unless the solver itself says the gradient vanished.
    expect(diagnoseGradients({ history: converged, status: 'vanishing-gradient' }).issues.map((i) => i.kind)).toContain('vanishing');
  });

  it('rejects bad input', () => {
    expectCode(() => diagnoseGradients({} as never), 'INVALID_OPTION', /history/);
    expectCode(() => diagnoseGradients({ history: { x: [Float64Array.of(1)], fx: [1, 2], gradientNorm: [1] } }), 'DIMENSION_MISMATCH');
    expectCode(() => diagnoseGradients({ history: { x: [], fx: [], gradientNorm: [] } }), 'DIMENSION_MISMATCH');
    expectCode(() => diagnoseGradients(square, [1], { stepSize: -1 }), 'INVALID_OPTION', /stepSize/);
    expectCode(() => diagnoseGradients(square, [1], { iterations: 0 }), 'INVALID_OPTION');
    expectCode(() => diagnoseGradients(square, [1, 2]), 'DIMENSION_MISMATCH');
    expectCode(() => diagnoseGradients(square, [NaN]), 'NOT_FINITE');
    const history = { x: [Float64Array.of(1, 2)], fx: [1], gradientNorm: [1] };
    expectCode(() => diagnoseGradients({ history }, { objective: square }), 'DIMENSION_MISMATCH');
    expectCode(() => diagnoseGradients({ history }, { plateauRun: 0 }), 'INVALID_OPTION');
  });
});

describe('richardsonGradient / richardsonHessian (Ridders extrapolation)', () => {
  const ros = (x: Float64Array) => rosenbrock.value(x);
  const es = (x: Float64Array) => Math.exp(x[0]!) * Math.sin(x[1]!) + Math.log(1 + x[0]! * x[0]!);
  const esGrad = ([x, y]: number[]) => [Math.exp(x!) * Math.sin(y!) + (2 * x!) / (1 + x! * x!), Math.exp(x!) * Math.cos(y!)];
  const esHess = ([x, y]: number[]) => [Math.exp(x!) * Math.sin(y!) + (2 - 2 * x! * x!) / (1 + x! * x!) ** 2, Math.exp(x!) * Math.cos(y!), Math.exp(x!) * Math.cos(y!), -Math.exp(x!) * Math.sin(y!)];
  const cases: Array<[string, (x: Float64Array) => number, (p: number[]) => number[], (p: number[]) => number[], number[][]]> = [
    ['Rosenbrock', ros, (p) => Array.from(rosenbrock.gradient(Float64Array.from(p))), (p) => Array.from(rosenbrock.hessian(Float64Array.from(p)).data), [[-1.2, 1], [1, 1], [0.5, -0.3], [3, -2]]],
    ['eˣ·sin y + log(1 + x²)', es, esGrad, esHess, [[0.3, 1.1], [-2, 4]]],
  ];
  for (const [name, f, grad, hess, points] of cases) {
    it(`${name}: gradient to 1e-12 and Hessian to 1e-11 relative to max(1, largest entry)`, () => {
      for (const p of points) {
        const g = richardsonGradient(f, p);
        const want = grad(p);
        const gScale = Math.max(1, ...want.map(Math.abs));
        want.forEach((v, i) => expect(Math.abs(g.gradient[i]! - v)).toBeLessThanOrEqual(1e-12 * gScale));
        expect(g.error.every((e) => e >= 0 && e <= 1e-11 * gScale)).toBe(true);
        const h = richardsonHessian(f, p);
        const wantH = hess(p);
        const hScale = Math.max(1, ...wantH.map(Math.abs));
        wantH.forEach((v, i) => expect(Math.abs(h.hessian.data[i]! - v)).toBeLessThanOrEqual(1e-11 * hScale));
        expect(h.hessian.data[1]).toBe(h.hessian.data[2]);
        // A plain second difference (h = ε^¼) is typically off by ≈ √ε·scale; this is far better.
      }
    });
  }
  it('rejects bad input', () => {
    expectCode(() => richardsonGradient('f' as never, [1]), 'INVALID_OBJECTIVE');
    expectCode(() => richardsonGradient((x) => x[0]!, [NaN]), 'NOT_FINITE', /x\[0\]/);
    expectCode(() => richardsonGradient((x) => x[0]!, []), 'DIMENSION_MISMATCH');
    expectCode(() => richardsonHessian((x) => x[0]!, [1], { initialStep: 0 }), 'INVALID_OPTION');
    expectCode(() => richardsonHessian(() => NaN, [1]), 'NOT_FINITE', /f\(x\)/);
  });
});
