// Fuzz targets for building and evaluating objectives: quadratic() and objective() with bad
// specs, the finite-difference tools with hostile functions and points, checkGradient, and every
// testFunctions entry evaluated at hostile points. A user function's own Error must come back
// unchanged (optima never wraps or swallows it).
import { expect } from 'vitest';
import fc from 'fast-check';
import type * as Optima from '../../src/index.js';
import { finiteNumber, matrixLike, nastyNumber, size, vectorOf } from './arbitraries.js';
import { UserError, anyBadVector, anyNonFinite, symmetricData } from './inspect.js';
import type { Target } from './targets.js';

type Api = typeof Optima;
const EPS = Number.EPSILON;
const BAD_INPUT = ['DIMENSION_MISMATCH', 'INVALID_OBJECTIVE', 'INVALID_OPTION'];

/** Runs fn; a UserError comes back as a value (to be checked), anything else propagates. */
function catchUser(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UserError) return { userError: e };
    throw e;
  }
}
const isUser = (r: unknown): r is { userError: UserError } => !!r && typeof r === 'object' && 'userError' in r;

const sumSquares = (x: Float64Array) => x.reduce((s, v) => s + v * v, 0);
/** f(x) = Σxᵢ² in several disguises, plus functions that misbehave. `exact` ones have ∇f = 2x. */
const scalarFunctions: Array<{ f: unknown; exact: boolean; throws?: boolean }> = [
  { f: sumSquares, exact: true },
  { f: (x: Float64Array) => { const v = sumSquares(x); x.fill(1e9); return v; }, exact: true }, // mutates its argument
  { f: (x: Float64Array) => Math.sin(x[0] ?? 0) + (x.length > 1 ? x[1]! ** 3 : 0), exact: false },
  { f: () => NaN, exact: false },
  { f: () => Infinity, exact: false },
  { f: () => 'one', exact: false },
  { f: () => undefined, exact: false },
  { f: () => { throw new UserError('f'); }, exact: false, throws: true },
  { f: 'f', exact: false },
  { f: null, exact: false },
];
const scalarFn = fc.constantFrom(...scalarFunctions);

/** Objectives for checkGradient: right gradients, a wrong one, a misbehaving one, junk. */
function objectiveCases(o: Api): Array<{ f: unknown; correct?: boolean }> {
  return [
    { f: o.objective({ dim: 2, f: (x) => x[0]! ** 2 + 3 * x[1]!, gradient: (x, g) => { g[0] = 2 * x[0]!; g[1] = 3; } }), correct: true },
    { f: o.objective({ dim: 2, f: (x) => x[0]! ** 2 + 3 * x[1]!, gradient: (x, g) => { g[0] = 2 * x[0]!; g[1] = 2; } }), correct: false },
    { f: o.objective({ dim: 2, f: (x) => x[0]! * x[1]!, gradient: (_x, g) => void (g[0] = 1) }), correct: false }, // forgets g[1]
    { f: o.objective({ dim: 1, f: () => { throw new UserError('f'); } }) },
    { f: o.testFunctions.rosenbrock(), correct: true },
    { f: o.testFunctions.booth(), correct: true },
    { f: { dim: 2, value: () => 1, gradient: () => [0, 0] } },
    { f: null }, { f: {} }, { f: 3 },
  ];
}

const dims = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom<unknown>(0, -1, 1.5, NaN, Infinity, '2', null, undefined));
const maybeFn = (fns: unknown[]) => fc.oneof(fc.constant(undefined), fc.constantFrom(...fns));

const TEST_FUNCTIONS = ['paraboloid', 'lectureQuadratic', 'saddle', 'cubic', 'tanh', 'shiftedParabola', 'rosenbrock', 'extendedRosenbrock', 'beale', 'booth', 'himmelblau', 'rastrigin'] as const;
const pointFor = (dim: number) => fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: dim, maxLength: dim }).map((a) => Float64Array.from(a)) },
  { weight: 2, arbitrary: vectorOf(fc.oneof(fc.constant(dim), size)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, 'x', 5, {}) },
);

export const objectiveTargets: Target[] = [
  {
    name: 'quadratic',
    args: fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.oneof(symmetricData.map(({ n, data }) => ({ rows: n, cols: n, data })), matrixLike), vectorOf(size), fc.oneof(fc.constant(undefined), finiteNumber, nastyNumber)).map(([H, g, c]) => [{ H, g, c }]) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, 3, 'H', {}, { H: [[1]] }, { g: [1] }).map((s) => [s]) },
    ),
    call: (o, [spec]) => {
      const q = o.quadratic(spec as never);
      try {
        const n = q.dim;
        const zero = new Float64Array(n);
        return { dim: n, f0: q.value(zero), g0: q.gradient(zero), H: q.hessian(zero) };
      } finally {
        q.dispose();
      }
    },
    allowedCodes: ([spec]) => {
      const s = spec as { H?: unknown; g?: unknown; c?: unknown } | null;
      if (!s || typeof s !== 'object') return ['INVALID_OBJECTIVE'];
      return ['DIMENSION_MISMATCH', 'NOT_SYMMETRIC', ...(anyNonFinite(s.H) || anyBadVector(s.g) || (s.c !== undefined && !Number.isFinite(s.c)) ? ['NOT_FINITE'] : [])];
    },
    wellFormed: (r, [spec]) => {
      const { dim, f0, g0, H } = r as { dim: number; f0: number; g0: Float64Array; H: Optima.Matrix };
      const { g, c } = spec as { g: ArrayLike<number>; c?: number };
      expect(dim).toBeGreaterThanOrEqual(1);
      expect(f0 === (c ?? 0)).toBe(true); // f(0) = c exactly (−0 and 0 alike)
      expect(Array.from(g0, (v, i) => v === g[i])).toEqual(Array.from(g0, () => true)); // ∇f(0) = g exactly
      expect([H.rows, H.cols]).toEqual([dim, dim]);
      for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) expect(H.data[i * dim + j]).toBe(H.data[j * dim + i]);
    },
    knownGood: (o) => {
      const q = o.quadratic({ H: [[2, 0], [0, 4]], g: [1, 1], c: 3 });
      expect(q.value([1, 1] as never)).toBe(8);
      q.dispose();
    },
  },
  {
    name: 'objective (construction and evaluation)',
    args: fc.tuple(
      fc.oneof(
        { weight: 5, arbitrary: fc.record({
          dim: dims,
          f: fc.constantFrom<unknown>(sumSquares, () => 'no', () => { throw new UserError('f'); }, 'f', undefined),
          gradient: maybeFn([(x: Float64Array, g: Float64Array) => { for (let i = 0; i < x.length; i++) g[i] = 2 * x[i]!; }, () => {}, () => { throw new UserError('gradient'); }, 7]),
          hessian: maybeFn([(x: Float64Array) => ({ rows: x.length, cols: x.length, data: new Float64Array(x.length ** 2) }), () => [[1]], () => null, () => { throw new UserError('hessian'); }, 'H']),
        }, { requiredKeys: ['dim', 'f'] }) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 1, 'objective', []) },
      ),
      fc.constantFrom('value', 'gradient', 'gradientOut', 'hessian'),
      fc.integer({ min: 0, max: 5 }).chain((n) => pointFor(n)),
    ),
    call: (o, [spec, op, x]) => catchUser(() => {
      const obj = o.objective(spec as never);
      const p = x as Float64Array;
      switch (op) {
        case 'value': return { obj, v: obj.value(p) };
        case 'gradient': return { obj, v: obj.gradient(p) };
        case 'gradientOut': return { obj, v: obj.gradient(p, new Float64Array(obj.dim)) };
        default: return { obj, v: obj.hessian(p) };
      }
    }),
    allowedCodes: ([spec, , x]) => [...BAD_INPUT, ...(anyBadVector(x) ? ['NOT_FINITE'] : [])],
    wellFormed: (r, [spec, op]) => {
      if (isUser(r)) return expect(r.userError).toBeInstanceOf(UserError); // the user's own error, unchanged
      const { obj, v } = r as { obj: Optima.Objective; v: unknown };
      expect(obj.dim).toBe((spec as { dim: number }).dim);
      if (op === 'value') expect(typeof v).toBe('number');
      else if (op === 'hessian') expect([(v as Optima.Matrix).rows, (v as Optima.Matrix).cols]).toEqual([obj.dim, obj.dim]);
      else expect((v as Float64Array).length).toBe(obj.dim);
    },
    knownGood: (o) => expect(o.objective({ dim: 2, f: sumSquares }).value(Float64Array.of(3, 4))).toBe(25),
  },
  {
    name: 'numericalGradient / numericalHessian',
    args: fc.tuple(fc.boolean(), scalarFn, vectorOf(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(9, 17)))),
    call: (o, [hessian, fn, x]) => catchUser(() => (hessian ? o.numericalHessian : o.numericalGradient)((fn as { f: unknown }).f as never, x as never)),
    allowedCodes: ([, , x]) => [...BAD_INPUT, ...(anyBadVector(x) ? ['NOT_FINITE'] : [])],
    wellFormed: (r, [hessian, fn, x]) => {
      const { exact, throws } = fn as (typeof scalarFunctions)[number];
      if (isUser(r)) return expect(throws).toBe(true);
      const p = Float64Array.from(x as ArrayLike<number>);
      const n = p.length;
      if (hessian) {
        const H = r as Optima.Matrix;
        expect([H.rows, H.cols, H.data.length]).toEqual([n, n, n * n]);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(Object.is(H.data[i * n + j], H.data[j * n + i])).toBe(true);
        // Σxᵢ² (even one that scribbles on its argument): H = 2I to O(√ε) of the scale of f
        if (exact && 4 * sumSquares(p) < 1e300) for (let i = 0; i < n * n; i++) expect(Math.abs(H.data[i]! - (i % (n + 1) === 0 ? 2 : 0))).toBeLessThan(1e-3 * Math.max(1, sumSquares(p)));
        return;
      }
      const g = r as Float64Array;
      expect(g.length).toBe(n);
      if (exact && 4 * sumSquares(p) < 1e300) {
        // central differences of a quadratic are exact up to rounding: |error| ≲ ε·|f| / h
        const f = sumSquares(p);
        for (let i = 0; i < n; i++) {
          const h = Math.cbrt(EPS) * Math.max(1, Math.abs(p[i]!));
          expect(Math.abs(g[i]! - 2 * p[i]!)).toBeLessThanOrEqual((16 * EPS * Math.max(1, f)) / h);
        }
      }
    },
    knownGood: (o) => expect(Array.from(o.numericalGradient((x) => 2 * x[0]!, [1]))).toEqual([2]),
  },
  {
    name: 'checkGradient',
    args: fc.tuple(fc.integer({ min: 0, max: 9 }), fc.oneof(
      { weight: 4, arbitrary: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 2, maxLength: 2 }) },
      { weight: 2, arbitrary: vectorOf(size) },
    )),
    call: (o, [k, x]) => catchUser(() => o.checkGradient(objectiveCases(o)[k as number]!.f as never, x as never)),
    allowedCodes: ([, x]) => [...BAD_INPUT, ...(anyBadVector(x) ? ['NOT_FINITE'] : [])],
    wellFormed: (r, [k, x]) => {
      if (isUser(r)) return expect(k).toBe(3);
      const { maxAbsError, maxRelError, ok } = r as ReturnType<Api['checkGradient']>;
      expect(ok).toBe(maxRelError <= 1e-6);
      expect(maxAbsError >= 0 || Number.isNaN(maxAbsError)).toBe(true);
      const fine = Array.from(x as ArrayLike<number>).every((v) => Math.abs(v) <= 3);
      const correct = [true, false, false, undefined, true, true][k as number];
      if (correct === false) expect(ok).toBe(false);
      if (correct === true && fine) expect(ok).toBe(true);
    },
    knownGood: (o) => expect(o.checkGradient(o.testFunctions.booth(), [0, 0]).ok).toBe(true),
  },
  {
    name: 'testFunctions entries',
    args: fc.tuple(
      fc.constantFrom(...TEST_FUNCTIONS),
      fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: nastyNumber }),
      fc.constantFrom('value', 'gradient', 'gradientOut', 'badOut', 'hessian'),
      fc.integer({ min: 1, max: 6 }).chain((n) => pointFor(n)),
    ),
    call: (o, [name, n, op, x]) => {
      const tf = (o.testFunctions[name as (typeof TEST_FUNCTIONS)[number]] as (n?: unknown) => Optima.TestFunction)(n);
      const p = x as Float64Array;
      switch (op) {
        case 'value': return { tf, v: tf.value(p) };
        case 'gradient': return { tf, v: tf.gradient(p) };
        case 'gradientOut': return { tf, v: tf.gradient(p, new Float64Array(tf.dim)) };
        case 'badOut': return { tf, v: tf.gradient(p, new Float64Array(tf.dim + 1)) };
        default: return { tf, v: tf.hessian(p) };
      }
    },
    allowedCodes: ([, , , x]) => [...BAD_INPUT, ...(anyBadVector(x) ? ['NOT_FINITE'] : [])],
    wellFormed: (r, [, , op]) => {
      const { tf, v } = r as { tf: Optima.TestFunction; v: unknown };
      expect(op).not.toBe('badOut'); // an `out` of the wrong length is refused
      expect(Number.isInteger(tf.dim) && tf.dim >= 1).toBe(true);
      for (const m of tf.minima) expect(Math.abs(m.fx - tf.value(m.x))).toBe(0);
      if (op === 'value') expect(typeof v).toBe('number');
      else if (op === 'hessian') expect([(v as Optima.Matrix).rows, (v as Optima.Matrix).data.length]).toEqual([tf.dim, tf.dim * tf.dim]);
      else expect((v as Float64Array).length).toBe(tf.dim);
    },
    knownGood: (o) => expect(o.testFunctions.rosenbrock().value(Float64Array.of(1, 1))).toBe(0),
  },
];
