// The hot paths of a smooth solve, pinned down where the tests of minimize() would not notice a
// slip: the Wolfe search's buffer handling when its budget runs out, Armijo through the shared
// step, the L-BFGS 2-D window, objective().valueAndGradient, x0 validation and stop messages.
import { describe, expect, it } from 'vitest';
import { minimize, objective, testFunctions } from '../src/index.js';
import { Counted } from '../src/solvers/counted.js';
import { wolfe } from '../src/solvers/lineSearch.js';
import { Window2, releaseWindow2, takeWindow2 } from '../src/solvers/methods/lbfgsWindow2.js';
import { rng } from './helpers/reference.js';
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

  it('never accepts a first trial that meets the curvature condition without decreasing f', () => {
    // f = −x + 2x² − ⅔x³ has a local maximum at α₀ = 1 + 1/√2 (slope 0, f ≈ 0.80 > f(0) = 0): the
    // curvature test alone would accept it; the search must zoom to the minimum at 1 − 1/√2.
    const f = objective({ dim: 1, f: (x) => -x[0]! + 2 * x[0]! ** 2 - (2 / 3) * x[0]! ** 3, gradient: (x, g) => { g[0] = -1 + 4 * x[0]! - 2 * x[0]! ** 2; } });
    const p = new Counted(f);
    const xNew = new Float64Array(1), gNew = new Float64Array(1);
    const r = wolfe(p, new Float64Array(1), 0, Float64Array.of(-1), Float64Array.of(1), 1 + Math.SQRT1_2, xNew, gNew);
    expect(r.ok).toBe(true);
    expect(r.fx).toBeLessThan(-1e-4 * r.alpha); // sufficient decrease
    expect(Math.abs(gNew[0]!)).toBeLessThanOrEqual(0.9); // curvature, |φ′(α)| ≤ c₂|φ′(0)|
    expect(r.alpha).toBeLessThan(1);
    expect(p.evaluations().f).toBeGreaterThan(1);
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

describe('L-BFGS in 2-D: the composed window', () => {
  /** The textbook two-loop recursion (Nocedal & Wright Alg. 7.4) on plain arrays, oldest pair first. */
  function twoLoop(S: number[][], Y: number[][], g: number[], gamma: number): number[] {
    const q = [-g[0]!, -g[1]!], alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      const rho = 1 / (S[k]![0]! * Y[k]![0]! + S[k]![1]! * Y[k]![1]!);
      alpha[k] = rho * (S[k]![0]! * q[0]! + S[k]![1]! * q[1]!);
      q[0] -= alpha[k]! * Y[k]![0]!; q[1] -= alpha[k]! * Y[k]![1]!;
    }
    q[0] *= gamma; q[1] *= gamma;
    for (let k = 0; k < S.length; k++) {
      const rho = 1 / (S[k]![0]! * Y[k]![0]! + S[k]![1]! * Y[k]![1]!);
      const c = alpha[k]! - rho * (Y[k]![0]! * q[0]! + Y[k]![1]! * q[1]!);
      q[0] += c * S[k]![0]!; q[1] += c * S[k]![1]!;
    }
    return q;
  }

  it('applies the same inverse Hessian as the two-loop recursion, through wrap-arounds and clears', () => {
    // Pairs y = A s with A symmetric positive definite, spectrum in [1, 10] (what BFGS pairs look
    // like near a minimum), for every memory 1…12. Both are ~m·ε accurate; they may differ by that.
    const r = rng(5);
    const d = new Float64Array(2), g = new Float64Array(2);
    let worst = 0;
    for (let m = 1; m <= 12; m++) {
      const w = new Window2(m);
      const S: number[][] = [], Y: number[][] = [];
      for (let it = 0; it < 60; it++) {
        if (it % 23 === 22) { w.clear(); S.length = 0; Y.length = 0; }
        const t = Math.PI * r(), l1 = 1 + 9 * r(), l2 = 1 + 9 * r(), c = Math.cos(t), sn = Math.sin(t);
        const a00 = l1 * c * c + l2 * sn * sn, a01 = (l1 - l2) * c * sn, a11 = l1 * sn * sn + l2 * c * c;
        const s0 = r() - 0.5, s1 = r() - 0.5, y0 = a00 * s0 + a01 * s1, y1 = a01 * s0 + a11 * s1;
        w.push(s0, s1, y0, y1, 1 / (s0 * y0 + s1 * y1));
        S.push([s0, s1]); Y.push([y0, y1]);
        if (S.length > m) { S.shift(); Y.shift(); }
        expect(w.count).toBe(S.length);
        g[0] = r() - 0.5; g[1] = r() - 0.5;
        const gamma = 0.1 + r();
        w.direction(g, gamma, d);
        const want = twoLoop(S, Y, [g[0], g[1]], gamma);
        worst = Math.max(worst, Math.max(Math.abs(d[0]! - want[0]!), Math.abs(d[1]! - want[1]!)) / Math.max(Math.abs(want[0]!), Math.abs(want[1]!)));
      }
    }
    expect(worst).toBeLessThan(16 * 12 * Number.EPSILON);
    expect(worst).toBeGreaterThan(0); // a different evaluation order, not a copy of the recursion
  });

  it('is as accurate as the two-loop recursion for nearly orthogonal s and y (exact rational reference)', () => {
    // With sᵀy ≈ 1e-4·‖s‖‖y‖ each update amplifies rounding by ~1e4 in both formulations; the
    // composed maps must not be worse than the recursion. Reference: the recursion in exact
    // rationals (BigInt), rounded once at the end.
    type Q = [bigint, bigint];
    const exact = (x: number): Q => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, x);
      const bits = v.getBigUint64(0), e = Number((bits >> 52n) & 0x7ffn), sign = bits >> 63n ? -1n : 1n;
      let mant = bits & ((1n << 52n) - 1n);
      if (e !== 0) mant |= 1n << 52n;
      const exp = e === 0 ? -1074 : e - 1075;
      return exp >= 0 ? [sign * (mant << BigInt(exp)), 1n] : [sign * mant, 1n << BigInt(-exp)];
    };
    const gcd = (a: bigint, b: bigint): bigint => { a = a < 0n ? -a : a; while (b) [a, b] = [b, a % b]; return a || 1n; };
    const norm = (n: bigint, d: bigint): Q => { if (d < 0n) { n = -n; d = -d; } const g = gcd(n, d); return [n / g, d / g]; };
    const add = (a: Q, b: Q) => norm(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
    const sub = (a: Q, b: Q) => add(a, [-b[0], b[1]]);
    const mul = (a: Q, b: Q) => norm(a[0] * b[0], a[1] * b[1]);
    const toNumber = ([n, d]: Q) => {
      const neg = n < 0n, a = neg ? -n : n;
      const shift = Math.max(0, d.toString(2).length - a.toString(2).length + 64);
      return (neg ? -1 : 1) * Number((a << BigInt(shift)) / d) / 2 ** shift;
    };
    const r = rng(9);
    let worstWindow = 0, worstRecursion = 0;
    for (let trial = 0; trial < 20; trial++) {
      const m = 10, w = new Window2(m), S: number[][] = [], Y: number[][] = [];
      while (S.length < m) {
        const t = 2 * Math.PI * r(), phi = Math.acos(1e-4 * (1 + r())) * (r() < 0.5 ? 1 : -1), len = 0.1 + 10 * r();
        const s0 = Math.cos(t), s1 = Math.sin(t), y0 = len * Math.cos(t + phi), y1 = len * Math.sin(t + phi);
        const sy = s0 * y0 + s1 * y1;
        if (!(sy > 0)) continue;
        w.push(s0, s1, y0, y1, 1 / sy);
        S.push([s0, s1]); Y.push([y0, y1]);
      }
      const g = [r() - 0.5, r() - 0.5], gamma = 0.5 + r();
      // the recursion, exactly
      let q: Q[] = [exact(-g[0]!), exact(-g[1]!)];
      const rho = S.map((s, k) => { const sy = add(mul(exact(s[0]!), exact(Y[k]![0]!)), mul(exact(s[1]!), exact(Y[k]![1]!))); return norm(sy[1], sy[0]); });
      const alpha: Q[] = [];
      for (let k = m - 1; k >= 0; k--) {
        alpha[k] = mul(rho[k]!, add(mul(exact(S[k]![0]!), q[0]!), mul(exact(S[k]![1]!), q[1]!)));
        q = [sub(q[0]!, mul(alpha[k]!, exact(Y[k]![0]!))), sub(q[1]!, mul(alpha[k]!, exact(Y[k]![1]!)))];
      }
      q = [mul(q[0]!, exact(gamma)), mul(q[1]!, exact(gamma))];
      for (let k = 0; k < m; k++) {
        const c = sub(alpha[k]!, mul(rho[k]!, add(mul(exact(Y[k]![0]!), q[0]!), mul(exact(Y[k]![1]!), q[1]!))));
        q = [add(q[0]!, mul(c, exact(S[k]![0]!))), add(q[1]!, mul(c, exact(S[k]![1]!)))];
      }
      const want = q.map(toNumber), scale = Math.max(Math.abs(want[0]!), Math.abs(want[1]!));
      const d = new Float64Array(2);
      w.direction(Float64Array.from(g), gamma, d);
      const rec = twoLoop(S, Y, g, gamma);
      worstWindow = Math.max(worstWindow, Math.abs(d[0]! - want[0]!) / scale, Math.abs(d[1]! - want[1]!) / scale);
      worstRecursion = Math.max(worstRecursion, Math.abs(rec[0]! - want[0]!) / scale, Math.abs(rec[1]! - want[1]!) / scale);
    }
    expect(worstRecursion).toBeGreaterThan(1e3 * Number.EPSILON); // the pairs really are ill-conditioned
    expect(worstWindow).toBeLessThanOrEqual(4 * worstRecursion);
  });

  it('a window is reused by the next solve but never by a solve nested in a running one', () => {
    // releaseWindow2 at the end of a run hands the window to the next 2-D solve; an objective that
    // itself solves a 2-D problem mid-run must get a different window (else the outer's memory is lost)
    const inner = testFunctions.rosenbrock();
    let nestedX: Float64Array | undefined;
    const r2 = testFunctions.rosenbrock();
    const outer = objective({
      dim: 2,
      f: (x) => {
        if (!nestedX) nestedX = minimize(inner, [-1.2, 1], { method: 'lbfgs' }).x;
        return r2.value(x);
      },
      gradient: (x, g) => { const v = r2.gradient(x); g[0] = v[0]!; g[1] = v[1]!; },
    });
    const alone = minimize(r2, [-1.2, 1], { method: 'lbfgs', history: true });
    const nested = minimize(outer, [-1.2, 1], { method: 'lbfgs', history: true });
    expect(nestedX![0]).toBeCloseTo(1, 8);
    expect(nested.iterations).toBe(alone.iterations);
    expect(nested.history!.x.map((x) => Array.from(x))).toEqual(alone.history!.x.map((x) => Array.from(x)));
    // and sequential solves reuse windows without carrying memory over: the same path each time
    const again = minimize(r2, [-1.2, 1], { method: 'lbfgs', history: true });
    expect(again.history!.x.map((x) => Array.from(x))).toEqual(alone.history!.x.map((x) => Array.from(x)));
    const w1 = takeWindow2(10);
    const w2 = takeWindow2(10);
    expect(w1).not.toBe(w2);
    releaseWindow2(w1);
    expect(takeWindow2(10)).toBe(w1);
    expect(takeWindow2(3)).not.toBe(w2); // a different memory size is a different window
  });

  it('an empty window is γI: d = −γ∇f', () => {
    const w = new Window2(3), d = new Float64Array(2);
    w.direction(Float64Array.of(2, -4), 0.5, d);
    expect(Array.from(d)).toEqual([-1, 2]);
    w.push(1, 0, 2, 0, 0.5);
    w.clear();
    w.direction(Float64Array.of(2, -4), 0.5, d);
    expect(Array.from(d)).toEqual([-1, 2]);
  });

  it('one pair on a quadratic gives the secant direction: H y = s', () => {
    // BFGS's secant condition: after the update with (s, y), H maps y to s exactly (in exact arithmetic).
    const w = new Window2(4), d = new Float64Array(2);
    const s0 = 0.3, s1 = -0.7, y0 = 2 * s0 + 0.5 * s1, y1 = 0.5 * s0 + 3 * s1;
    w.push(s0, s1, y0, y1, 1 / (s0 * y0 + s1 * y1));
    w.direction(Float64Array.of(y0, y1), 0.37, d); // d = −H y
    expect(Math.abs(-d[0]! - s0)).toBeLessThan(8 * Number.EPSILON);
    expect(Math.abs(-d[1]! - s1)).toBeLessThan(8 * Number.EPSILON);
  });

  it('minimize follows the general recursion’s path to rounding, for memories that wrap the ring', () => {
    // rosenbrock(x, y) + z² from z = 0 runs the general n = 3 loops on the same pairs plus exact
    // zeros: the 2-D window must take the same steps, apart from rounding in the last bits.
    const r2 = testFunctions.rosenbrock();
    const f3 = objective({
      dim: 3,
      f: (x) => r2.value(x.subarray(0, 2)) + x[2]! * x[2]!,
      gradient: (x, out) => { const g = r2.gradient(x.subarray(0, 2)); out[0] = g[0]!; out[1] = g[1]!; out[2] = 2 * x[2]!; },
    });
    for (const memory of [1, 3, 10]) {
      const a = minimize(r2, [-1.2, 1], { method: 'lbfgs', memory, history: true });
      const b = minimize(f3, [-1.2, 1, 0], { method: 'lbfgs', memory, history: true });
      expect(a.status, `memory ${memory}`).toBe('converged');
      expect(a.iterations).toBeGreaterThan(memory + 5);
      expect(b.iterations).toBe(a.iterations);
      expect(b.evaluations.gradient).toBe(a.evaluations.gradient); // f differs: the final probe has one more axis in 3-D
      a.history!.x.forEach((x, i) => {
        const y = b.history!.x[i]!;
        expect(Math.max(Math.abs(x[0]! - y[0]!), Math.abs(x[1]! - y[1]!))).toBeLessThan(1e-8);
      });
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
