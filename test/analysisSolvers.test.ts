// The analysis tools on the library's own objectives and solver results: quadratic(), objective()
// with finite-difference derivatives, the test-function catalog, and minimize(..., {history}).
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  type BackendName, backend, checkConvexity, classifyCriticalPoint, diagnoseGradients, minimize, objective, quadratic, setBackend,
  testFunctions, type TestFunction,
} from '../src/index.js';

const EPS = Number.EPSILON;

function catalog(): TestFunction[] {
  const T = testFunctions;
  return [
    T.paraboloid(), T.lectureQuadratic(), T.saddle(), T.cubic(), T.shiftedParabola(), T.rosenbrock(), T.rosenbrock(5),
    T.extendedRosenbrock(4), T.beale(), T.booth(), T.himmelblau(), T.rastrigin(2), T.rastrigin(3),
  ];
}

/** The same function with only f given: gradient and Hessian by finite differences. */
const fdOnly = (f: TestFunction) => objective({ dim: f.dim, f: (x) => f.value(x) });

describe('classifyCriticalPoint on the test-function catalog', () => {
  it('every listed stationary point gets its published kind (analytic Hessians)', () => {
    let checked = 0;
    for (const f of catalog()) {
      for (const p of f.stationaryPoints) {
        expect(classifyCriticalPoint(f, p.x).kind, `${f.name} at (${Array.from(p.x)})`).toBe(p.kind);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('the same verdicts when f is all we have (finite-difference gradient and Hessian)', () => {
    for (const f of catalog()) {
      const g = fdOnly(f);
      expect(g.exactHessian).toBe(false);
      for (const p of f.stationaryPoints) {
        expect(classifyCriticalPoint(g, p.x).kind, `${f.name} at (${Array.from(p.x)})`).toBe(p.kind);
      }
    }
  });

  it('quadratic x² − y²: a saddle with eigenvalues exactly −2 and 2', () => {
    const q = quadratic({ H: [[2, 0], [0, -2]], g: [0, 0] });
    const r = classifyCriticalPoint(q, [0, 0]);
    expect(r.kind).toBe('saddle');
    expect(Array.from(r.eigenvalues)).toEqual([-2, 2]);
    expect(r.eigenvalueTolerance).toBe(2 * EPS * Math.sqrt(8)); // n·ε·‖H‖_F: H is exact
    q.dispose();
  });

  it('a minimize result is classified a minimum where it stopped', () => {
    for (const f of [testFunctions.rosenbrock(), testFunctions.beale(), testFunctions.himmelblau()]) {
      const r = minimize(f, f.start);
      expect(r.converged).toBe(true);
      expect(classifyCriticalPoint(f, r.x).kind).toBe('minimum');
    }
  });
});

describe('checkConvexity on quadratics is exact', () => {
  const box = { lower: [-1, -1], upper: [1, 1] };
  it('x² − y²: not convex, λ_min = −2, counterexample along the y axis with gap ½t²|λ_min| = 1', () => {
    const q = quadratic({ H: [[2, 0], [0, -2]], g: [0, 0] });
    const r = checkConvexity(q, box);
    expect(r).toMatchObject({ convex: false, exact: true, minHessianEigenvalue: -2 });
    const c = r.counterexample!;
    expect(c.lambda).toBe(0.5);
    expect(Math.abs(c.x[0]!)).toBe(0);
    expect(Math.abs(c.x[1]!)).toBe(1);
    expect(c.y[1]).toBe(-c.x[1]!);
    expect(c.gap).toBe(1);
    q.dispose();
  });

  it('PSD but singular [[1, 1], [1, 1]] is convex; PD convex; ND not', () => {
    const psd = quadratic({ H: [[1, 1], [1, 1]], g: [1, -1] });
    const r = checkConvexity(psd, box);
    expect(r).toMatchObject({ convex: true, exact: true });
    expect(Math.abs(r.minHessianEigenvalue)).toBeLessThanOrEqual(2 * EPS * 2);
    expect(checkConvexity(testFunctions.lectureQuadratic(), box).convex).toBe(true);
    expect(checkConvexity(quadratic({ H: [[-1, 0.5], [0.5, -2]], g: [0, 0] }), box).convex).toBe(false);
  });

  it('finds a negative eigenvalue of −1e-6 hidden in a 6-D H, which sampling alone can miss', () => {
    const n = 6, v = [1, 2, -1, 0.5, 3, -2], vv = v.reduce((s, a) => s + a * a, 0);
    const lambda = [-1e-6, 1, 2, 3, 4, 5];
    const Q = (i: number, j: number) => (i === j ? 1 : 0) - (2 * v[i]! * v[j]!) / vv;
    const H = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => lambda.reduce((s, l, k) => s + Q(i, k) * l * Q(j, k), 0)));
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) H[i]![j] = H[j]![i]!;
    const q = quadratic({ H, g: new Array(n).fill(0) });
    const r = checkConvexity(q, { lower: new Array(n).fill(-1), upper: new Array(n).fill(1) });
    expect(r.convex).toBe(false);
    expect(r.exact).toBe(true);
    expect(Math.abs(r.minHessianEigenvalue - -1e-6)).toBeLessThanOrEqual(10 * n * EPS * 5);
    expect(r.counterexample!.gap).toBeGreaterThan(0);
    q.dispose();
  });

  it('the same functions through objective() are judged by sampling, and agree', () => {
    const saddleFd = objective({ dim: 2, f: (x) => x[0]! * x[0]! - x[1]! * x[1]! });
    const r = checkConvexity(saddleFd, box);
    expect(r).toMatchObject({ convex: false, exact: false });
    expect(r.minHessianEigenvalue).toBeCloseTo(-2, 6);
    const bowlFd = objective({ dim: 2, f: (x) => x[0]! * x[0]! + 3 * x[1]! * x[1]! });
    const b = checkConvexity(bowlFd, box);
    expect(b.convex).toBe(true);
    expect(b.minHessianEigenvalue).toBeCloseTo(2, 6);
  });
});

describe('diagnoseGradients on minimize results', () => {
  it('gd on tanh from 4: vanishing from iteration 0 (with the objective, the Hessian decides)', () => {
    const tanh = testFunctions.tanh();
    const r = minimize(tanh, [4], { method: 'gd', stepSize: 0.1, maxIterations: 50, history: true });
    const d = diagnoseGradients(r, { objective: tanh });
    expect(d.issues.find((i) => i.kind === 'vanishing')?.iteration).toBe(0);
  });

  it('gd with α = 0.9 on the lecture paraboloid oscillates but converges; α = 1.1 oscillates and diverges', () => {
    const f = testFunctions.paraboloid();
    const ok = minimize(f, [0, 0], { method: 'gd', stepSize: 0.9, history: true, maxIterations: 200 });
    expect(ok.converged).toBe(true);
    expect(diagnoseGradients(ok).issues.map((i) => i.kind)).toEqual(['oscillation']);
    const bad = minimize(f, [0, 0], { method: 'gd', stepSize: 1.1, history: true, maxIterations: 200 });
    expect(bad.status).toBe('diverged');
    const d = diagnoseGradients(bad);
    expect(d.issues.map((i) => i.kind).sort()).toEqual(['exploding', 'oscillation']);
    expect(d.issues.find((i) => i.kind === 'exploding')!.iteration).toBe(0);
    expect(d.issues.find((i) => i.kind === 'oscillation')!.detail).toMatch(/growing/);
  });

  it('quasi-Newton and Newton runs on Rosenbrock are healthy; plain gd crawls onto a plateau', () => {
    const f = testFunctions.rosenbrock();
    for (const method of ['lbfgs', 'bfgs', 'newton'] as const) {
      const r = minimize(f, f.start, { method, history: true });
      expect(diagnoseGradients(r, { objective: f }).healthy, method).toBe(true);
    }
    const gd = minimize(f, f.start, { method: 'gd', history: true, maxIterations: 5000 });
    expect(gd.converged).toBe(false);
    expect(diagnoseGradients(gd, { objective: f }).issues.map((i) => i.kind)).toContain('plateau');
  });
});

describe('walkthrough sections (npm start)', () => {
  it('the saddle-point, gradient-health and convexity sections run and print their verdicts', async () => {
    const { SECTIONS } = await import('../src/cli/demo/index.js');
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    try {
      for (const s of SECTIONS.filter((s) => /critical points|gradient health|convexity/i.test(s.title))) await s.run();
    } finally {
      spy.mockRestore();
    }
    const out = lines.join('\n');
    expect(out).toMatch(/x² − y²\s+\(0, 0\)\s+saddle\s+\(-2, 2\)/);
    expect(out).toMatch(/x³\s+\(0\)\s+degenerate/);
    expect(out).toMatch(/vanishing from iteration 0/);
    expect(out).toMatch(/annulus.*\bno\b/);
    expect(out).toMatch(/\(x − 1\)² on \[−5, 5\] \(quadratic\)\s+yes \(exact\)/);
    expect(out).toMatch(/ends at 1, 1, 1, 1, 1/);
  });
});

describe('the same verdicts on every backend', () => {
  const initial = backend;
  afterAll(() => setBackend(initial));
  for (const name of ['simd', 'scalar', 'js'] as BackendName[]) {
    it(`${name}: catalog stationary points, exact quadratic saddle, quadratic convexity`, async () => {
      await setBackend(name);
      expect(backend).toBe(name);
      for (const f of catalog()) for (const p of f.stationaryPoints) expect(classifyCriticalPoint(f, p.x).kind).toBe(p.kind);
      const q = quadratic({ H: [[2, 0], [0, -2]], g: [0, 0] });
      expect(Array.from(classifyCriticalPoint(q, [0, 0]).eigenvalues)).toEqual([-2, 2]);
      expect(checkConvexity(q, { lower: [-1, -1], upper: [1, 1] }).counterexample!.gap).toBe(1);
      q.dispose();
    });
  }
});
