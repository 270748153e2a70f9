import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OptimaError, lagrangian, maximize, minimize, objective, penalized, problem, quadratic, solve, vector } from '../src/index.js';
import { circle, hockSchittkowski, smooth, type Case } from './helpers/constrained-problems.js';
import { randomArray, randomSpd, rng } from './helpers/reference.js';
import { nastyNumber, size, vectorOf } from './fuzz/arbitraries.js';
import { expectCode } from './helpers/errors.js';

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

/** Independent central difference of a scalar function (step 1e-6), for checking gradients. */
function fdGradient(f: (x: Float64Array) => number, x: number[]): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const up = Float64Array.from(x);
    const dn = Float64Array.from(x);
    up[i]! += 1e-6;
    dn[i]! -= 1e-6;
    g[i] = (f(up) - f(dn)) / 2e-6;
  }
  return g;
}

const quad2 = smooth(2, (x) => x[0]! ** 2 + x[1]! ** 2, (x, g) => { g[0] = 2 * x[0]!; g[1] = 2 * x[1]!; });
const build = (c: Case) => problem({ objective: c.objective, constraints: c.constraints, bounds: c.bounds });

describe('problem() validation', () => {
  const ok = { type: 'ineq' as const, fn: (x: Float64Array) => x[0]! };
  it('rejects a bad objective with INVALID_OBJECTIVE naming the member', () => {
    expectCode(() => problem({ objective: { dim: 0 } as never }), 'INVALID_OBJECTIVE', /objective\.dim/);
    expectCode(() => problem({ objective: { dim: 2, value: () => 0, gradient: () => 0 } as never }), 'INVALID_OBJECTIVE', /objective\.hessian/);
    expectCode(() => problem(null as never), 'INVALID_OPTION');
  });
  it('rejects constraint types and functions naming the index', () => {
    expectCode(() => problem({ objective: quad2, constraints: [ok, { type: 'le', fn: ok.fn } as never] }), 'INVALID_OPTION', /constraints\[1\]\.type.*'le'/);
    expectCode(() => problem({ objective: quad2, constraints: [{ type: 'eq', fn: 3 } as never] }), 'INVALID_OBJECTIVE', /constraints\[0\]\.fn/);
    expectCode(() => problem({ objective: quad2, constraints: [{ type: 'eq', fn: ok.fn, gradient: 'g' } as never] }), 'INVALID_OBJECTIVE', /constraints\[0\]\.gradient/);
    expectCode(() => problem({ objective: quad2, constraints: ok as never }), 'INVALID_OPTION', /constraints must be an array/);
  });
  it('rejects bounds of the wrong length, NaN, crossed or impossible bounds naming the index', () => {
    expectCode(() => problem({ objective: quad2, bounds: { lower: [0, 0, 0] } }), 'DIMENSION_MISMATCH', /bounds\.lower has length 3; expected objective\.dim = 2/);
    expectCode(() => problem({ objective: quad2, bounds: { upper: [1, NaN] } }), 'NOT_FINITE', /bounds\.upper\[1\]/);
    expectCode(() => problem({ objective: quad2, bounds: { lower: [0, 2], upper: [1, 1] } }), 'INVALID_OPTION', /bounds\.lower\[1\] = 2 exceeds bounds\.upper\[1\] = 1/);
    expectCode(() => problem({ objective: quad2, bounds: { lower: [Infinity, 0] } }), 'INVALID_OPTION', /bounds\.lower\[0\]/);
    expectCode(() => problem({ objective: quad2, bounds: { upper: [1, -Infinity] } }), 'INVALID_OPTION', /bounds\.upper\[1\]/);
  });
  it('reads ±Infinity as "no bound"', () => {
    const p = problem({ objective: quad2, bounds: { lower: [-Infinity, -Infinity], upper: [Infinity, Infinity] } });
    expect(p.bounded).toBe(false);
    expect(problem({ objective: quad2, bounds: { lower: [-Infinity, 0] } }).bounded).toBe(true);
  });
});

describe('lagrangian and penalized', () => {
  const p = build(circle);
  it('lagrangian: L = f + Σαc, ∇L = 0 at (½, ½) with α = 1', () => {
    const L = lagrangian(p, [1]);
    const x = Float64Array.from([0.3, 0.9]);
    expect(L.value(x)).toBeCloseTo(0.09 + 0.81 + (1 - 1.2), 14);
    expect(maxDiff(L.gradient(Float64Array.from([0.5, 0.5])), [0, 0])).toBe(0);
    expect(maxDiff(L.gradient(x), fdGradient((z) => L.value(z), [0.3, 0.9]))).toBeLessThan(1e-8);
    const H = L.hessian(x);
    expect(maxDiff(H.data, [2, 0, 0, 2])).toBeLessThan(1e-6);
  });
  it('lagrangian rejects α < 0 on an inequality naming the index, allows it on an equality', () => {
    const mixed = problem({ objective: quad2, constraints: [{ type: 'eq', fn: (x) => x[0]! - 1 }, { type: 'ineq', fn: (x) => x[1]! }] });
    expect(() => lagrangian(mixed, [-2, 0])).not.toThrow();
    expectCode(() => lagrangian(mixed, [0, -0.5]), 'INVALID_OPTION', /multipliers\[1\] = -0\.5/);
    expectCode(() => lagrangian(mixed, [0]), 'DIMENSION_MISMATCH', /multipliers has length 1/);
    expectCode(() => lagrangian(mixed, [0, NaN]), 'NOT_FINITE', /multipliers\[1\]/);
  });
  it('penalized: f + r·max(0,g)² + r·h², exact gradient, Gauss–Newton-exact Hessian', () => {
    const q = problem({
      objective: quad2,
      constraints: [{ type: 'ineq', fn: (x) => 1 - x[0]! - x[1]! }, { type: 'eq', fn: (x) => x[0]! - 2 * x[1]! }],
    });
    const P = penalized(q, 7);
    for (const pt of [[0.1, 0.2], [2, 3], [-1, 0.5]]) {
      const [a, b] = pt as [number, number];
      const g = Math.max(0, 1 - a - b);
      const h = a - 2 * b;
      expect(P.value(Float64Array.from(pt))).toBeCloseTo(a * a + b * b + 7 * g * g + 7 * h * h, 12);
      expect(maxDiff(P.gradient(Float64Array.from(pt)), fdGradient((z) => P.value(z), pt))).toBeLessThan(1e-6);
    }
    // At (0.1, 0.2) the inequality is active: H = 2I + 14(∇g∇gᵀ + ∇h∇hᵀ), constraints linear.
    const H = P.hessian(Float64Array.from([0.1, 0.2]));
    expect(maxDiff(H.data, [2 + 14 * 2, 14 * (1 - 2), 14 * (1 - 2), 2 + 14 * 5])).toBeLessThan(1e-6);
    expectCode(() => penalized(q, -1), 'INVALID_OPTION', /r must be/);
    expectCode(() => P.value(Float64Array.from([1])), 'DIMENSION_MISMATCH', /x has length 1/);
  });
});

describe('minimize(problem) through the public API', () => {
  it('routes a Problem built on quadratic() and objective() to the constrained solvers', () => {
    const q = quadratic({ H: [[2, 0], [0, 2]], g: [0, 0] });
    const viaQuadratic = minimize(problem({ objective: q, constraints: circle.constraints }), [3, -1]);
    expect(viaQuadratic.status).toBe('converged');
    expect(maxDiff(viaQuadratic.x, [0.5, 0.5])).toBeLessThan(1e-6);
    expect(viaQuadratic.multipliers![0]).toBeCloseTo(1, 5);
    // objective() without a gradient: finite differences for ∇f and for the constraint.
    const f = objective({ dim: 2, f: (x) => x[0]! ** 2 + x[1]! ** 2 });
    const r = minimize(problem({ objective: f, constraints: [{ type: 'ineq', fn: (x) => 1 - x[0]! - x[1]! }] }), [3, -1], { method: 'penalty' });
    expect(r.status).toBe('converged');
    expect(maxDiff(r.x, [0.5, 0.5])).toBeLessThan(1e-5);
    expect(r.constraintViolation).toBeLessThanOrEqual(1e-6);
    // Evaluations count calls of the user's f, finite-difference gradients included (2n per gradient).
    expect(r.evaluations.f).toBe(f.calls!.f);
    expect(r.evaluations.f).toBeGreaterThanOrEqual(4 * r.evaluations.gradient);
    q.dispose();
  });
  it('a Problem with bounds only uses the bound solver; maximize refuses a Problem', () => {
    const box = problem({ objective: quad2, bounds: { lower: [1, -Infinity], upper: [2, Infinity] } });
    const r = minimize(box, [5, 5]);
    expect(r.message).toMatch(/projected L-BFGS/);
    expect(maxDiff(r.x, [1, 0])).toBeLessThan(1e-8);
    expectCode(() => maximize(box, [1, 1]), 'INVALID_OPTION');
    // Neither constraints nor bounds: any unconstrained method runs on the objective.
    const free = minimize(problem({ objective: quad2 }), [3, 4], { method: 'bfgs' });
    expect(free.status).toBe('converged');
    expect(maxDiff(free.x, [0, 0])).toBeLessThan(1e-8);
    expectCode(() => minimize(box, [5, 5], { method: 'bfgs' }), 'INVALID_OPTION', /options\.method/);
  });
});

describe('walkthrough section', () => {
  it('prints the Lagrangian, the penalty path toward α = 2 and the augmented-Lagrangian answer', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void lines.push(a.join(' '));
    try {
      const { constrainedSection } = await import('../src/cli/demo/constrained.js');
      await constrainedSection.run();
    } finally {
      console.log = log;
    }
    const text = lines.join('\n');
    expect(text).toMatch(/α = 2: x\(α\) = \[2\.000, 2\.000\].*q\(α\) = L\(x\(α\), α\) = 2\.000/);
    expect(text).toMatch(/1e\+3 +\[2\.000499750, 2\.000499750\]/); // x(r) = (3 + 4r)/(1 + 2r) at r = 1000
    expect(text).toMatch(/x = \[2\.000000, 2\.000000\] +f = 2\.000000 +α = \[2\.000000\]/);
  });
});

describe('Hessians of penalized and lagrangian with nonlinear constraints (HS71)', () => {
  it('match central differences of their gradients', () => {
    const c = hockSchittkowski[4]!;
    const p = build(c);
    // [1.2, 4.5, 3.9, 1.5]: product 31.6 ≥ 25 (inequality inactive), Σx² = 40.95 ≠ 40;
    // [1.1, 4.2, 3.5, 1.4]: product 22.6 < 25 (violated: its ∇g∇gᵀ and g∇²g terms are in play).
    for (const [x, obj] of [[1.2, 4.5, 3.9, 1.5], [1.1, 4.2, 3.5, 1.4]].flatMap((pt) => [penalized(p, 30), lagrangian(p, [0.7, -0.3])].map((o) => [pt, o] as const))) {
      const H = obj.hessian(Float64Array.from(x));
      const h = 1e-5;
      let worst = 0;
      for (let j = 0; j < 4; j++) {
        const up = Float64Array.from(x);
        const dn = Float64Array.from(x);
        up[j]! += h;
        dn[j]! -= h;
        const gu = obj.gradient(up);
        const gd = obj.gradient(dn);
        for (let i = 0; i < 4; i++) worst = Math.max(worst, Math.abs(H.data[i * 4 + j]! - (gu[i]! - gd[i]!) / (2 * h)) / Math.max(1, Math.abs(H.data[i * 4 + j]!)));
      }
      expect(worst).toBeLessThan(1e-5);
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(H.data[i * 4 + j]).toBe(H.data[j * 4 + i]);
    }
  });
});

describe('starting points', () => {
  it('accepts a resident vector() and projects a start outside the bounds', () => {
    const x0 = vector([-5, 9]);
    const seen: Float64Array[] = [];
    const r = minimize(problem({ objective: quad2, constraints: circle.constraints, bounds: { lower: [0, 0], upper: [2, 2] } }), x0, {
      callback: (s) => void seen.push(s.x),
    });
    expect(r.status).toBe('converged');
    expect(maxDiff(r.x, [0.5, 0.5])).toBeLessThan(1e-6);
    for (const x of seen) for (const v of x) expect(v >= 0 && v <= 2).toBe(true);
    expect(Array.from(x0.data)).toEqual([-5, 9]);
    x0.dispose();
  });
});

describe('min x² + y² s.t. x + y ≥ 1', () => {
  for (const method of ['augmented-lagrangian', 'penalty'] as const) {
    it(`${method}: x = (½, ½), α = 1, KKT residuals reported`, () => {
      const r = minimize(build(circle), circle.x0, { method });
      expect(r.status).toBe('converged');
      expect(r.converged).toBe(true);
      expect(maxDiff(r.x, [0.5, 0.5])).toBeLessThan(1e-6);
      expect(r.multipliers![0]).toBeCloseTo(1, 5);
      expect(r.constraintViolation).toBeLessThanOrEqual(1e-6);
      expect(r.kkt!.stationarity).toBeLessThanOrEqual(1e-6);
      expect(r.kkt!.dualFeasibility).toBe(0);
      expect(r.gradientNorm).toBe(r.kkt!.stationarity);
      expect(r.fx).toBeCloseTo(0.5, 5);
      expect(r.evaluations.f).toBeGreaterThan(0);
    });
  }
  it('defaults to the augmented Lagrangian and does not mutate x0', () => {
    const x0 = Float64Array.from([3, -1]);
    const r = minimize(build(circle), x0);
    expect(r.message).toMatch(/augmented Lagrangian/);
    expect(Array.from(x0)).toEqual([3, -1]);
  });
});

describe('bounds by projection', () => {
  // f = (x−3)² + (y+2)² + xy; unconstrained minimum (16/3, −14/3)... outside [0,1]²; KKT at (1, 0): ∇f = (−4, 5).
  const f = smooth(2, (x) => (x[0]! - 3) ** 2 + (x[1]! + 2) ** 2 + x[0]! * x[1]!, (x, g) => {
    g[0] = 2 * (x[0]! - 3) + x[1]!;
    g[1] = 2 * (x[1]! + 2) + x[0]!;
  });
  const box = problem({ objective: f, bounds: { lower: [0, 0], upper: [1, 1] } });
  for (const method of ['lbfgs', 'projected-gradient'] as const) {
    it(`${method}: x* = (1, 0), every iterate inside the box, bound multipliers (4, 5)`, () => {
      const seen: Float64Array[] = [];
      const r = minimize(box, [0.3, 0.9], { method, history: true, callback: (s) => void seen.push(s.x) });
      expect(r.status).toBe('converged');
      expect(maxDiff(r.x, [1, 0])).toBe(0);
      expect(seen.length).toBe(r.iterations);
      expect(r.history!.x.length).toBe(r.iterations);
      for (const x of [...seen, ...r.history!.x]) for (const v of x) expect(v >= 0 && v <= 1).toBe(true);
      r.history!.x.forEach((x, k) => expect(r.history!.fx[k]).toBe(f.value(x))); // fx is f itself, not a merit
      expect(r.boundMultipliers!.upper[0]).toBeCloseTo(4, 10);
      expect(r.boundMultipliers!.lower[1]).toBeCloseTo(5, 10);
      expect(r.kkt!.stationarity).toBe(0);
    });
  }
  it('matches a naive projected-gradient reference on a 12-dimensional box QP', () => {
    const n = 12;
    const rand = rng(7);
    const H = { data: randomSpd(n, rand) };
    const g = randomArray(n, rand, 40);
    const obj = smooth(n, (x) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        let hx = 0;
        for (let j = 0; j < n; j++) hx += H.data[i * n + j]! * x[j]!;
        s += 0.5 * x[i]! * hx + g[i]! * x[i]!;
      }
      return s;
    }, (x, out) => {
      for (let i = 0; i < n; i++) {
        let hx = g[i]!;
        for (let j = 0; j < n; j++) hx += H.data[i * n + j]! * x[j]!;
        out[i] = hx;
      }
    });
    const lower = new Array(n).fill(-0.5);
    const upper = new Array(n).fill(0.5);
    // Reference: x ← P(x − ∇f/L), L = Σ|Hᵢⱼ| ≥ λmax, 200 000 steps: converges linearly for SPD H.
    let L = 0;
    for (const v of H.data) L += Math.abs(v);
    const ref = new Float64Array(n);
    const gr = new Float64Array(n);
    for (let k = 0; k < 200_000; k++) {
      obj.gradient(ref, gr);
      for (let i = 0; i < n; i++) ref[i] = Math.min(0.5, Math.max(-0.5, ref[i]! - gr[i]! / L));
    }
    const r = minimize(problem({ objective: obj, bounds: { lower, upper } }), new Array(n).fill(0), { history: true });
    expect(r.status).toBe('converged');
    expect(maxDiff(r.x, ref)).toBeLessThan(1e-7);
    for (const x of r.history!.x) for (const v of x) expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
    let active = 0;
    for (const v of r.x) if (Math.abs(v) === 0.5) active++;
    expect(active).toBeGreaterThan(0); // the box binds: the test exercises projection
    expect(active).toBeLessThan(n); // and some coordinates are free
  });
  it('keeps every iterate of the augmented Lagrangian inside the bounds (HS71)', () => {
    const c = hockSchittkowski.find((h) => h.name === 'HS71')!;
    const seen: Float64Array[] = [];
    let fxIsF = true;
    const r = minimize(build(c), c.x0, { callback: (s) => { seen.push(s.x); fxIsF &&= s.fx === c.objective.value(s.x); } });
    expect(r.status).toBe('converged');
    expect(fxIsF).toBe(true); // the callback sees f(x), not the augmented Lagrangian
    expect(seen.length).toBeGreaterThan(10);
    for (const x of seen) for (const v of x) expect(v >= 1 && v <= 5).toBe(true);
  });
});

describe('equality-constrained quadratic against its KKT system', () => {
  it('min ½xᵀHx + gᵀx s.t. Ax = b: [[H Aᵀ] [A 0]]·[x; λ] = [−g; b] solved with solve()', () => {
    const n = 5;
    const m = 2;
    const rand = rng(11);
    const H = { data: randomSpd(n, rand) };
    const g = randomArray(n, rand, 2);
    const A = [randomArray(n, rand), randomArray(n, rand)];
    const b = randomArray(m, rand);
    const K: number[][] = [];
    for (let i = 0; i < n + m; i++) K.push(new Array(n + m).fill(0));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K[i]![j] = H.data[i * n + j]!;
    for (let k = 0; k < m; k++) for (let j = 0; j < n; j++) { K[n + k]![j] = A[k]![j]!; K[j]![n + k] = A[k]![j]!; }
    const rhs = [...Array.from(g, (v) => -v), ...b];
    const sol = solve(K, rhs);
    const obj = smooth(n, (x) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        let hx = 0;
        for (let j = 0; j < n; j++) hx += H.data[i * n + j]! * x[j]!;
        s += 0.5 * x[i]! * hx + g[i]! * x[i]!;
      }
      return s;
    }, (x, out) => {
      for (let i = 0; i < n; i++) {
        let hx = g[i]!;
        for (let j = 0; j < n; j++) hx += H.data[i * n + j]! * x[j]!;
        out[i] = hx;
      }
    });
    const constraints = A.map((a, k) => ({
      type: 'eq' as const,
      fn: (x: Float64Array) => { let s = -b[k]!; for (let j = 0; j < n; j++) s += a[j]! * x[j]!; return s; },
      gradient: (_x: Float64Array, out: Float64Array) => out.set(a),
    }));
    for (const method of ['augmented-lagrangian', 'penalty'] as const) {
      const r = minimize(problem({ objective: obj, constraints }), new Array(n).fill(0), { method });
      expect(r.status).toBe('converged');
      expect(maxDiff(r.x, sol.subarray(0, n))).toBeLessThan(1e-5);
      expect(maxDiff(r.multipliers!, sol.subarray(n))).toBeLessThan(1e-4);
    }
  });
});

describe('random strictly convex QPs with linear inequalities, against active-set enumeration', () => {
  // min ½xᵀHx + gᵀx s.t. Ax ≤ b. The unique optimum is the one active set S whose KKT system
  // [[H A_Sᵀ] [A_S 0]]·[x; α_S] = [−g; b_S] gives A x ≤ b and α_S ≥ 0: found by trying all 2^m sets with solve().
  function reference(H: Float64Array, g: Float64Array, A: Float64Array[], b: Float64Array): { x: Float64Array; alpha: Float64Array } {
    const n = g.length;
    const m = A.length;
    for (let mask = 0; mask < 1 << m; mask++) {
      const S = [...Array(m).keys()].filter((i) => mask & (1 << i));
      const k = S.length;
      const K: number[][] = Array.from({ length: n + k }, () => new Array(n + k).fill(0));
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K[i]![j] = H[i * n + j]!;
      S.forEach((c, r) => { for (let j = 0; j < n; j++) { K[n + r]![j] = A[c]![j]!; K[j]![n + r] = A[c]![j]!; } });
      let sol: Float64Array;
      try {
        sol = solve(K, [...Array.from(g, (v) => -v), ...S.map((c) => b[c]!)]);
      } catch {
        continue; // dependent active constraints
      }
      const x = sol.subarray(0, n);
      const feasible = A.every((a, i) => a.reduce((s, v, j) => s + v * x[j]!, 0) <= b[i]! + 1e-9);
      if (!feasible || S.some((_, r) => sol[n + r]! < -1e-9)) continue;
      const alpha = new Float64Array(m);
      S.forEach((c, r) => { alpha[c] = sol[n + r]!; });
      return { x: Float64Array.from(x), alpha };
    }
    throw new Error('no KKT point found');
  }
  it('20 seeded problems (n = 4, m = 5): x and α match for both methods', () => {
    const rand = rng(2024);
    const activeCounts: number[] = [];
    for (let trial = 0; trial < 20; trial++) {
      const n = 4;
      const m = 5;
      const H = randomSpd(n, rand);
      const g = randomArray(n, rand, 5);
      const A = Array.from({ length: m }, () => randomArray(n, rand));
      const b = Float64Array.from({ length: m }, () => rand()); // x = 0 is strictly feasible when b > 0
      for (let i = 0; i < m; i++) b[i] = Math.abs(b[i]!) + 0.05;
      const ref = reference(H, g, A, b);
      activeCounts.push(ref.alpha.filter((a) => a > 0).length);
      const obj = smooth(n, (x) => {
        let v = 0;
        for (let i = 0; i < n; i++) {
          let hx = 0;
          for (let j = 0; j < n; j++) hx += H[i * n + j]! * x[j]!;
          v += 0.5 * x[i]! * hx + g[i]! * x[i]!;
        }
        return v;
      }, (x, out) => {
        for (let i = 0; i < n; i++) {
          let hx = g[i]!;
          for (let j = 0; j < n; j++) hx += H[i * n + j]! * x[j]!;
          out[i] = hx;
        }
      });
      const constraints = A.map((a, i) => ({
        type: 'ineq' as const,
        fn: (x: Float64Array) => a.reduce((s, v, j) => s + v * x[j]!, 0) - b[i]!,
        gradient: (_x: Float64Array, out: Float64Array) => out.set(a),
      }));
      for (const method of ['augmented-lagrangian', 'penalty'] as const) {
        const r = minimize(problem({ objective: obj, constraints }), new Array(n).fill(0), { method });
        expect(r.status, `trial ${trial} ${method}: ${r.message}`).toBe('converged');
        expect(maxDiff(r.x, ref.x), `trial ${trial} ${method} x`).toBeLessThan(1e-5);
        expect(maxDiff(r.multipliers!, ref.alpha), `trial ${trial} ${method} α`).toBeLessThan(1e-4);
      }
    }
    // The set exercises interior, single-active and multi-active optima alike (counts 0–2 with this seed).
    expect(Math.max(...activeCounts)).toBeGreaterThanOrEqual(2);
    expect(activeCounts.filter((k) => k >= 1).length).toBeGreaterThanOrEqual(10);
  });
});

describe('scipy.optimize tutorial problem', () => {
  it('min (x−1)² + (y−2.5)² s.t. x − 2y + 2 ≥ 0, −x − 2y + 6 ≥ 0, −x + 2y + 2 ≥ 0, x, y ≥ 0 → (1.4, 1.7)', () => {
    const f = smooth(2, (x) => (x[0]! - 1) ** 2 + (x[1]! - 2.5) ** 2, (x, g) => { g[0] = 2 * (x[0]! - 1); g[1] = 2 * (x[1]! - 2.5); });
    const p = problem({
      objective: f,
      constraints: [
        { type: 'ineq', fn: (x) => -(x[0]! - 2 * x[1]! + 2) },
        { type: 'ineq', fn: (x) => -(-x[0]! - 2 * x[1]! + 6) },
        { type: 'ineq', fn: (x) => -(-x[0]! + 2 * x[1]! + 2) },
      ],
      bounds: { lower: [0, 0] },
    });
    for (const method of ['augmented-lagrangian', 'penalty'] as const) {
      const r = minimize(p, [2, 0], { method });
      expect(r.status).toBe('converged');
      expect(maxDiff(r.x, [1.4, 1.7])).toBeLessThan(1e-5);
      // Only x − 2y + 2 ≥ 0 is active: 2(x − 1, y − 2.5) + α(−1, 2) = 0 at (1.4, 1.7) gives α = 0.8.
      expect(maxDiff(r.multipliers!, [0.8, 0, 0])).toBeLessThan(1e-5);
    }
  });
});

describe('Hock–Schittkowski problems (published optima)', () => {
  for (const c of hockSchittkowski) {
    for (const method of ['augmented-lagrangian', 'penalty'] as const) {
      it(`${c.name} with ${method}`, () => {
        const r = minimize(build(c), c.x0, { method });
        expect(r.status).toBe('converged');
        expect(maxDiff(r.x, c.xStar)).toBeLessThan(1e-5);
        expect(Math.abs(r.fx - c.fStar)).toBeLessThan(1e-6 * Math.max(1, Math.abs(c.fStar)));
        if (c.alphaStar) expect(maxDiff(r.multipliers!, c.alphaStar)).toBeLessThan(1e-5);
        for (let i = 0; i < c.constraints.length; i++) {
          if (c.constraints[i]!.type === 'ineq') expect(r.multipliers![i]).toBeGreaterThanOrEqual(0);
        }
        if (c.bounds) {
          const lo = c.bounds.lower ?? [];
          const hi = c.bounds.upper ?? [];
          r.x.forEach((v, i) => {
            expect(v).toBeGreaterThanOrEqual(lo[i] ?? -Infinity);
            expect(v).toBeLessThanOrEqual(hi[i] ?? Infinity);
          });
        }
      });
    }
  }
  it('HS6 uses finite-difference constraint gradients (no gradient supplied)', () => {
    const c = hockSchittkowski[0]!;
    const r = minimize(build(c), c.x0);
    expect(r.evaluations.constraintGradients).toBe(0);
    expect(r.evaluations.constraints).toBeGreaterThan(r.evaluations.f);
  });
});

describe('penalty method: x(r) → x* as r grows', () => {
  it('follows the analytic path x(r) = r/(1+2r)·(1, 1), distance to x* = 1/(2(1+2r)) = O(1/r)', () => {
    const r = minimize(build(circle), [0, 0], { method: 'penalty', initialPenalty: 1, penaltyGrowth: 10, maxOuterIterations: 7 });
    const outer = r.outerHistory!;
    expect(outer.length).toBeGreaterThanOrEqual(6);
    let prevDist = Infinity;
    outer.forEach((o, k) => {
      expect(o.penalty).toBe(10 ** k);
      const exact = o.penalty / (1 + 2 * o.penalty);
      expect(maxDiff(o.x, [exact, exact])).toBeLessThan(1e-7 + 1e-9 * o.penalty);
      const dist = Math.abs(o.x[0]! - 0.5);
      expect(dist).toBeLessThan(prevDist);
      if (o.penalty >= 10 && o.penalty <= 1e5) expect(dist * o.penalty).toBeCloseTo(0.25, 1);
      expect(o.constraintViolation).toBeCloseTo(1 / (1 + 2 * o.penalty), 6);
      prevDist = dist;
    });
  });
});

describe('infeasible problems end with a status, never a throw or hang', () => {
  const f1 = smooth(1, (x) => x[0]! ** 2, (x, g) => { g[0] = 2 * x[0]!; });
  const contradictory = problem({
    objective: f1,
    constraints: [{ type: 'ineq', fn: (x) => x[0]! - 1 }, { type: 'ineq', fn: (x) => 2 - x[0]! }],
  });
  const outsideBox = problem({ objective: f1, constraints: [{ type: 'ineq', fn: (x) => 2 - x[0]! }], bounds: { lower: [0], upper: [1] } });
  for (const [name, p, xStar] of [['x ≤ 1 and x ≥ 2', contradictory, 1.5], ['x ≥ 2 with 0 ≤ x ≤ 1', outsideBox, 1]] as const) {
    for (const method of ['augmented-lagrangian', 'penalty'] as const) {
      it(`${name} (${method})`, () => {
        const r = minimize(p, [0], { method });
        expect(r.status).toBe('infeasible');
        expect(r.converged).toBe(false);
        expect(r.message).toMatch(/infeasible/);
        expect(r.x[0]).toBeCloseTo(xStar, 3); // the least-violation point
        expect(r.constraintViolation).toBeGreaterThan(0.4);
      });
    }
  }
});

describe('options, limits and hostile objectives', () => {
  const p = build(circle);
  it('rejects bad options and starting points with codes naming them', () => {
    expectCode(() => minimize(p, [0, 0], { method: 'lbfgs' }), 'INVALID_OPTION', /handles bounds only/);
    expectCode(() => minimize(p, [0, 0], { method: 'newton' as never }), 'INVALID_OPTION', /options\.method/);
    expectCode(() => minimize(p, [0, 0], { initialPenalty: -1 }), 'INVALID_OPTION', /options\.initialPenalty/);
    expectCode(() => minimize(p, [0, 0], { penaltyGrowth: 1 }), 'INVALID_OPTION', /options\.penaltyGrowth/);
    expectCode(() => minimize(p, [0, 0], { maxOuterIterations: 0 }), 'INVALID_OPTION', /options\.maxOuterIterations/);
    expectCode(() => minimize(p, [0, 0], { innerMethod: 'bfgs' as never }), 'INVALID_OPTION', /options\.innerMethod/);
    expectCode(() => minimize(p, [0, 0], { multipliers: [-1] }), 'INVALID_OPTION', /options\.multipliers\[0\]/);
    expectCode(() => minimize(p, [0, 0], { method: 'penalty', multipliers: [1] }), 'INVALID_OPTION', /options\.multipliers is not used by 'penalty'/);
    expectCode(() => minimize(p, [0, 0], { stepSize: 0.1 } as never), 'INVALID_OPTION', /options\.stepSize/);
    expectCode(() => minimize(p, [0, 0], { bounds: { lower: [0, 0] } } as never), 'INVALID_OPTION', /problem\(\{ bounds \}\)/);
    expectCode(() => minimize(p, [0, 0, 0]), 'DIMENSION_MISMATCH', /x0 has length 3/);
    expectCode(() => minimize(p, [0, NaN]), 'NOT_FINITE', /x0\[1\]/);
    expectCode(() => minimize({} as never, [0, 0]), 'INVALID_OBJECTIVE');
  });
  it('stops with max-iterations when the inner budget is spent', () => {
    const r = minimize(build(hockSchittkowski[4]!), hockSchittkowski[4]!.x0, { maxIterations: 5 });
    expect(r.status).toBe('max-iterations');
    expect(r.iterations).toBeLessThanOrEqual(5);
    expect(r.converged).toBe(false);
  });
  it('aborts from the callback or an AbortSignal', () => {
    const r = minimize(p, [3, -1], { callback: (s) => s.iteration < 2 });
    expect(r.status).toBe('aborted');
    expect(r.iterations).toBe(2);
    expect(r.message).toMatch(/callback/);
    const ctl = new AbortController();
    ctl.abort();
    const s = minimize(p, [3, -1], { signal: ctl.signal });
    expect(s.status).toBe('aborted');
    expect(s.message).toMatch(/AbortSignal/);
  });
  it('a NaN objective or constraint gives diverged, never converged', () => {
    const nanF = problem({ objective: smooth(2, () => NaN, (_x, g) => g.fill(0)), constraints: circle.constraints });
    const r = minimize(nanF, [0, 0]);
    expect(r.status).toBe('diverged');
    expect(r.converged).toBe(false);
    const nanC = problem({ objective: quad2, constraints: [{ type: 'ineq', fn: (x) => (x[0]! > 0.2 ? NaN : 1 - x[0]! - x[1]!) }] });
    const s = minimize(nanC, [0, 0]);
    expect(s.converged).toBe(false);
    // f fails only at the final KKT report, after the inner solve converged (found by fuzzing)
    let calls = 0;
    const late = problem({ objective: smooth(2, (x) => (calls++ >= 2 ? NaN : (x[0]! - 1) ** 2 + (x[1]! - 1) ** 2), (x, g) => { g[0] = 2 * (x[0]! - 1); g[1] = 2 * (x[1]! - 1); }), constraints: [] });
    const t = minimize(late, [0, 0], { maxIterations: 1 });
    expect(t.converged).toBe(false);
    expect(t.status).toBe('diverged');
  });
  it('an objective unbounded below on the feasible set ends as diverged, with a message saying so', () => {
    const f = smooth(1, (x) => -(x[0]! ** 2), (x, g) => { g[0] = -2 * x[0]!; });
    const r = minimize(problem({ objective: f, constraints: [{ type: 'ineq', fn: (x) => x[0]! - 1 }] }), [0.5], { method: 'penalty' });
    expect(r.status).toBe('diverged');
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/unbounded below/);
    expect(r.iterations).toBeLessThanOrEqual(10_000);
  });
  it("innerMethod 'projected-gradient' solves HS35 and HS7 too", () => {
    for (const c of [hockSchittkowski[3]!, hockSchittkowski[1]!]) {
      const r = minimize(build(c), c.x0, { innerMethod: 'projected-gradient' });
      expect(r.status).toBe('converged');
      expect(maxDiff(r.x, c.xStar)).toBeLessThan(1e-5);
    }
  });
  it('a constraint returning a non-number is INVALID_OBJECTIVE naming it', () => {
    const q = problem({ objective: quad2, constraints: [circle.constraints[0]!, { type: 'eq', fn: () => 'x' as never }] });
    expectCode(() => minimize(q, [0, 0]), 'INVALID_OBJECTIVE', /constraints\[1\]\.fn returned string/);
  });
});

describe('hostile inputs (fast-check)', () => {
  const runs = Math.max(100, Math.ceil(Number(process.env.FUZZ_RUNS ?? 3000) / 20));
  const CODES = ['DIMENSION_MISMATCH', 'NOT_FINITE', 'INVALID_OPTION', 'INVALID_OBJECTIVE'];
  const known = () => {
    const r = minimize(build(circle), circle.x0);
    expect(maxDiff(r.x, [0.5, 0.5])).toBeLessThan(1e-6);
  };
  function outcome(fn: () => unknown): unknown {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof OptimaError)) throw new Error(`non-OptimaError: ${String(e)}`);
      expect(CODES).toContain(e.code);
      return undefined;
    }
  }
  it('problem(): bounds, constraint types and shapes', () => {
    fc.assert(fc.property(vectorOf(size), vectorOf(size), fc.oneof(nastyNumber, fc.constantFrom('ineq', 'eq')), (lower, upper, type) => {
      const p = outcome(() => problem({
        objective: quad2, constraints: [{ type: type as 'eq', fn: (x) => x[0]! }],
        bounds: { lower: lower as number[], upper: upper as number[] },
      })) as ReturnType<typeof problem> | undefined;
      if (p) {
        for (let i = 0; i < 2; i++) expect(p.lower[i]! <= p.upper[i]!).toBe(true);
      }
      known();
    }), { numRuns: runs });
  });
  it('minimize(problem): starting points and numeric options', () => {
    const p = problem({ objective: quad2, constraints: circle.constraints, bounds: { lower: [-1, 0.2], upper: [2, 2] } });
    fc.assert(fc.property(vectorOf(size), nastyNumber, nastyNumber, fc.constantFrom('penalty', 'augmented-lagrangian'), (x0, a, b, method) => {
      const r = outcome(() => minimize(p, x0 as number[], {
        method, initialPenalty: a as number, maxOuterIterations: 4, maxIterations: 200,
        ...(method === 'penalty' ? { stepTolerance: b as number } : { optimalityTolerance: b as number }),
      })) as ReturnType<typeof minimize> | undefined;
      if (r) {
        expect(r.x[1]!).toBeGreaterThanOrEqual(0.2);
        expect(r.converged).toBe(r.status === 'converged');
        // With the default KKT tolerance a converged point is the optimum (a loose tolerance may stop earlier).
        if (r.converged && (method === 'penalty' || (b as number) <= 1e-6)) expect(maxDiff(r.x, [0.5, 0.5])).toBeLessThan(1e-4);
      }
      known();
    }), { numRuns: runs });
  });
});
