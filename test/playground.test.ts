// The playground's pure parts, in Node: closed-form gradients and Hessians against finite
// differences, the expression parser, the URL-hash state round trip, the 2×2 eigen-solver and
// classification, and the contour scale.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FUNCTIONS } from '../playground/src/functions.js';
import { compile, ExprError } from '../playground/src/expr.js';
import { DEFAULTS, parseHash, toHash, type State } from '../playground/src/state.js';
import { classify, eig2 } from '../playground/src/inspect.js';
import { Scale, evaluateGrid } from '../playground/src/contour.js';

const ids = FUNCTIONS.map((f) => f.id);

describe('playground functions', () => {
  for (const fn of FUNCTIONS) {
    it(`${fn.name}: gradient and Hessian agree with central differences over its box`, () => {
      const [x0, x1, y0, y1] = fn.box;
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (u, v) => {
          const x = x0 + u * (x1 - x0), y = y0 + v * (y1 - y0);
          const h = 1e-5;
          const g = fn.grad(x, y), H = fn.hess(x, y);
          const gx = (fn.f(x + h, y) - fn.f(x - h, y)) / (2 * h), gy = (fn.f(x, y + h) - fn.f(x, y - h)) / (2 * h);
          // Central differences: error O(h²·f‴) + O(ε·|f|/h); scale both by the size of the values.
          const scale = 1 + Math.abs(fn.f(x, y)) + Math.abs(g[0]) + Math.abs(g[1]);
          expect(Math.abs(g[0] - gx)).toBeLessThan(1e-5 * scale);
          expect(Math.abs(g[1] - gy)).toBeLessThan(1e-5 * scale);
          const a = fn.grad(x + h, y), b = fn.grad(x - h, y), c = fn.grad(x, y + h), d = fn.grad(x, y - h);
          const hs = 1 + Math.abs(H[0][0]) + Math.abs(H[0][1]) + Math.abs(H[1][1]);
          expect(H[0][1]).toBe(H[1][0]);
          expect(Math.abs(H[0][0] - (a[0] - b[0]) / (2 * h))).toBeLessThan(1e-5 * hs);
          expect(Math.abs(H[0][1] - (c[0] - d[0]) / (2 * h))).toBeLessThan(1e-5 * hs);
          expect(Math.abs(H[1][1] - (c[1] - d[1]) / (2 * h))).toBeLessThan(1e-5 * hs);
        }),
        { numRuns: 200, seed: 7 },
      );
    });
    it(`${fn.name}: the listed minima are critical points with f at its published minimum`, () => {
      for (const [x, y] of fn.minima) {
        const g = fn.grad(x, y);
        expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-3); // minima are listed to 6-7 digits
        expect(fn.f(x, y)).toBeLessThan(1e-9);
      }
    });
  }
});

describe('expression parser', () => {
  it('follows the usual precedence: -x^2 = -(x²), 2^3^2 = 2^9, a/b*c = (a/b)·c', () => {
    expect(compile('-x^2')(3, 0)).toBe(-9);
    expect(compile('2^3^2')(0, 0)).toBe(512);
    expect(compile('x/y*2')(6, 3)).toBe(4);
    expect(compile('1 - 2 - 3')(0, 0)).toBe(-4);
    expect(compile('(1 - x)^2 + 100*(y - x^2)^2')(-1.2, 1)).toBe(FUNCTIONS.find((f) => f.id === 'rosenbrock')!.f(-1.2, 1));
    expect(compile('sin(pi/2) + exp(0) + tanh(0) + sqrt(4) + abs(-1) + 1.5e1')(0, 0)).toBe(20);
  });
  it('rejects bad input with a message instead of running anything', () => {
    for (const bad of ['', 'x +', 'foo(x)', 'x y', '(x', 'alert(1)', 'x; y', '1e999']) {
      expect(() => compile(bad), bad).toThrow(ExprError);
    }
    expect(() => compile('x'.repeat(501))).toThrow(/500/);
  });
});

describe('URL hash state', () => {
  it('round-trips every field exactly (a shared link reproduces the set-up)', () => {
    fc.assert(
      fc.property(
        fc.record({
          view: fc.constantFrom('descent', 'constrained', 'tanh' as const),
          fn: fc.constantFrom(...ids, 'custom'),
          x0: fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })),
          solvers: fc.subarray(['gd', 'momentum', 'nesterov', 'adam', 'cg', 'bfgs', 'lbfgs', 'newton'] as const),
          alpha: fc.double({ min: 1e-6, max: 10, noNaN: true }),
          beta: fc.double({ min: 0, max: 0.999, noNaN: true }),
          iters: fc.integer({ min: 1, max: 20000 }),
          radius: fc.double({ min: 0.1, max: 5, noNaN: true }),
          w0: fc.double({ min: -6, max: 6, noNaN: true }),
          expr: fc.string({ maxLength: 40 }),
        }),
        (r) => {
          const s: State = { ...DEFAULTS, ...r, solvers: [...r.solvers] } as State;
          const back = parseHash(toHash(s), ids);
          expect(back.fn).toBe(s.fn);
          expect(back.x0).toEqual(s.x0.map((v) => (Object.is(v, -0) ? 0 : v)));
          expect(back.solvers).toEqual(s.solvers);
          expect(back.alpha).toBe(s.alpha);
          expect(back.beta).toBe(s.beta);
          expect(back.iters).toBe(s.iters);
          expect(back.view).toBe(s.view);
          if (s.fn === 'custom') expect(back.expr).toBe(s.expr);
          if (s.view === 'constrained') expect(back.radius).toBe(s.radius);
          if (s.view === 'tanh') expect(back.w0).toBe(s.w0);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
  it('falls back to defaults for junk and clamps numbers to their range', () => {
    const s = parseHash('#fn=nope&x0=1,x&solvers=gd,rm -rf,bfgs&alpha=1e9&iters=-5&view=evil', ids);
    expect(s.fn).toBe(DEFAULTS.fn);
    expect(s.x0).toEqual(DEFAULTS.x0);
    expect(s.solvers).toEqual(['gd', 'bfgs']);
    expect(s.alpha).toBe(10);
    expect(s.iters).toBe(1);
    expect(s.view).toBe('descent');
  });
});

describe('2×2 symmetric eigen-decomposition and classification', () => {
  it('A v = λ v with orthonormal v, ascending λ, for random symmetric matrices', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), (a, b, c) => {
        const { values, vectors } = eig2(a, b, c);
        expect(values[0]).toBeLessThanOrEqual(values[1]);
        const norm = Math.abs(a) + Math.abs(b) + Math.abs(c);
        for (let k = 0; k < 2; k++) {
          const [vx, vy] = vectors[k]!;
          expect(Math.abs(Math.hypot(vx, vy) - 1)).toBeLessThan(4e-16 * 4);
          expect(Math.abs(a * vx + b * vy - values[k]! * vx)).toBeLessThan(1e-14 * (norm + 1));
          expect(Math.abs(b * vx + c * vy - values[k]! * vy)).toBeLessThan(1e-14 * (norm + 1));
        }
        expect(Math.abs(vectors[0][0] * vectors[1][0] + vectors[0][1] * vectors[1][1])).toBeLessThan(1e-15);
        // trace and determinant
        expect(Math.abs(values[0] + values[1] - (a + c))).toBeLessThan(1e-13 * (norm + 1));
      }),
      { numRuns: 500, seed: 3 },
    );
  });
  it('keeps the small eigenvalue accurate when the other is huge (no cancellation)', () => {
    const { values } = eig2(1e8, 1, 1e-8 + 1e-8); // det = 2 − 1 = 1 → λ₁ ≈ 1e-8
    expect(values[0]).toBeCloseTo(1 / (1e8 + 2e-8), 20);
  });
  it('classifies: minimum, maximum, saddle, degenerate, not critical', () => {
    expect(classify(0, [1, 2], 2)).toBe('minimum');
    expect(classify(0, [-2, -1], 2)).toBe('maximum');
    expect(classify(0, [-1, 1], 1)).toBe('saddle');
    expect(classify(0, [0, 1], 1)).toBe('degenerate');
    expect(classify(0.1, [1, 2], 2)).toBe('not-critical');
    expect(classify(NaN, [1, 2], 2)).toBe('not-critical');
  });
});

describe('contour grid and scale', () => {
  it('evaluates at pixel centres, row 0 at the top, and finds min and max', () => {
    const g = evaluateGrid((x, y) => 10 * x + y, [0, 4, 0, 2], 4, 2);
    expect(Array.from(g.values)).toEqual([6.5, 16.5, 26.5, 36.5, 5.5, 15.5, 25.5, 35.5]);
    expect([g.min, g.max]).toEqual([5.5, 36.5]);
  });
  it('log scale spreads levels by decades: toT ∘ fromT is the identity and toT is monotone', () => {
    const s = new Scale(0, 1e4, true, 20);
    expect(s.toT(0)).toBe(0);
    expect(s.toT(1e4)).toBeCloseTo(1, 12);
    for (const t of [0.1, 0.25, 0.5, 0.9]) expect(s.toT(s.fromT(t))).toBeCloseTo(t, 12);
    // A decade of f well above δ = 1e-5·range gets as many levels as the decade at the top.
    expect(s.toT(100) - s.toT(10)).toBeCloseTo(s.toT(1e4) - s.toT(1e3), 2);
    expect(s.toT(1e-6)).toBeGreaterThan(0);
    expect(s.toT(1e-6)).toBeLessThan(s.toT(1e-3));
  });
});
