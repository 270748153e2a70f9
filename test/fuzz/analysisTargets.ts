// Fuzz targets for the analysis tools (classifyCriticalPoint, checkConvexity, isConvexSet,
// diagnoseGradients): hostile points, regions, options, objectives and membership functions.
import { expect } from 'vitest';
import fc from 'fast-check';
import type * as Optima from '../../src/index.js';
import { nastyNumber, size, vectorOf } from './arbitraries.js';
import type { Target } from './targets.js';

type Obj = { dim: number; value(x: Float64Array): number; gradient(x: Float64Array, out?: Float64Array): Float64Array; hessian(x: Float64Array): Optima.Matrix };

function make(dim: number, f: (x: Float64Array) => number, g: (x: Float64Array) => number[], h: (x: Float64Array) => number[]): Obj {
  return {
    dim,
    value: f,
    gradient: (x, out = new Float64Array(dim)) => (out.set(g(x)), out),
    hessian: (x) => ({ rows: dim, cols: dim, data: Float64Array.from(h(x)) }),
  };
}

const good: Obj[] = [
  make(1, ([x]) => x! ** 3, ([x]) => [3 * x! * x!], ([x]) => [6 * x!]),
  make(2, ([x, y]) => x! * x! - y! * y!, ([x, y]) => [2 * x!, -2 * y!], () => [2, 0, 0, -2]),
  make(2, ([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2,
    ([x, y]) => [-2 * (1 - x!) - 400 * x! * (y! - x! * x!), 200 * (y! - x! * x!)],
    ([x, y]) => [2 - 400 * y! + 1200 * x! * x!, -400 * x!, -400 * x!, 200]),
  make(3, (x) => Math.log(Math.exp(x[0]!) + Math.exp(x[1]!) + Math.exp(x[2]!)), () => [1 / 3, 1 / 3, 1 / 3], () => [0, 0, 0, 0, 0, 0, 0, 0, 0]),
];
const broken: unknown[] = [
  null, 42, {}, { dim: 0, value: () => 0, gradient: () => new Float64Array(0), hessian: () => ({ rows: 0, cols: 0, data: new Float64Array(0) }) },
  { ...good[1]!, value: () => NaN },
  { ...good[1]!, gradient: () => Float64Array.of(NaN, 1) },
  { ...good[1]!, gradient: () => [0, 0] },
  { ...good[1]!, hessian: () => ({ rows: 2, cols: 2, data: Float64Array.of(1, 5, 0, 1) }) },
  { ...good[1]!, hessian: () => [[1, 0], [0]] },
  { ...good[1]!, hessian: () => null },
];
const objective = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...broken) });
const region = fc.oneof(
  fc.tuple(vectorOf(size), vectorOf(size)).map(([lower, upper]) => ({ lower, upper })),
  fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc.tuple(fc.array(fc.double({ min: -5, max: 0, noNaN: true }), { minLength: n, maxLength: n }), fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: n, maxLength: n })),
  ).map(([lower, upper]) => ({ lower, upper })),
  fc.constantFrom(null, undefined, 7, { lower: [0] }),
);
const count = fc.oneof(fc.integer({ min: -2, max: 40 }), nastyNumber);
const sampling = fc.oneof(fc.constant(undefined), fc.record({ samples: count, seed: fc.oneof(fc.integer(), nastyNumber) }, { requiredKeys: [] }), nastyNumber);
const VALIDATION = ['DIMENSION_MISMATCH', 'NOT_FINITE', 'INVALID_OPTION', 'INVALID_OBJECTIVE', 'NOT_SYMMETRIC'];
const KINDS = ['minimum', 'maximum', 'saddle', 'degenerate', 'not-critical'];

const scalarFns = fc.constantFrom<unknown>(
  (x: Float64Array) => x.reduce((s, v) => s + v * v, 0),
  (x: Float64Array) => Math.sin(x[0] ?? 0) * Math.exp(x.length > 1 ? x[1]! : 0),
  () => NaN,
  () => 'one',
  'f',
);
const richardsonOptions = fc.oneof(fc.constant(undefined), fc.record({ initialStep: nastyNumber }, { requiredKeys: [] }), nastyNumber);

export const analysisTargets: Target[] = [
  {
    name: 'richardsonGradient / richardsonHessian',
    args: fc.tuple(fc.boolean(), scalarFns, vectorOf(fc.integer({ min: 0, max: 4 })), richardsonOptions),
    call: (o, [hessian, f, x, opts]) => (hessian ? o.richardsonHessian : o.richardsonGradient)(f as never, x as never, opts as never),
    allowedCodes: () => VALIDATION,
    wellFormed: (r) => expect(r && typeof r === 'object').toBe(true),
    knownGood: (o) => expect(o.richardsonGradient((x) => 3 * x[0]!, [1]).gradient[0]).toBeCloseTo(3, 12),
  },
  {
    name: 'classifyCriticalPoint',
    args: fc.tuple(objective, vectorOf(size), fc.oneof(fc.constant(undefined), fc.record({ gradientTolerance: nastyNumber }, { requiredKeys: [] }), nastyNumber)),
    call: (o, [f, x, opts]) => o.classifyCriticalPoint(f as Obj, x as Float64Array, opts as never),
    // Finite x can still overflow f or its derivatives: NOT_FINITE is always a fair answer.
    allowedCodes: () => VALIDATION,
    wellFormed: (r, [f]) => {
      const c = r as ReturnType<typeof Optima.classifyCriticalPoint>;
      expect(KINDS).toContain(c.kind);
      expect(c.eigenvalues.length).toBe((f as Obj).dim);
      expect(c.gradientNorm).toBeGreaterThanOrEqual(0);
    },
    knownGood: (o) => expect(Array.from(o.classifyCriticalPoint(good[1]!, [0, 0]).eigenvalues)).toEqual([-2, 2]),
  },
  {
    name: 'checkConvexity',
    args: fc.tuple(objective, region, sampling),
    call: (o, [f, r, opts]) => o.checkConvexity(f as Obj, r as never, opts as never),
    allowedCodes: () => VALIDATION,
    wellFormed: (r) => {
      const c = r as ReturnType<typeof Optima.checkConvexity>;
      expect(typeof c.convex).toBe('boolean');
      if (!c.convex) expect(c.counterexample!.gap).toBeGreaterThan(0);
    },
    knownGood: (o) => expect(o.checkConvexity(good[1]!, { lower: [-1, -1], upper: [1, 1] }, { samples: 5 }).convex).toBe(false),
  },
  {
    name: 'isConvexSet',
    args: fc.tuple(fc.constantFrom<unknown>((x: Float64Array) => x[0]! * x[0]! <= 1, (x: Float64Array) => Math.abs(x[0]!) >= 0.5, () => 1, 'f', null), region, sampling),
    call: (o, [c, r, opts]) => o.isConvexSet(c as never, r as never, opts as never),
    allowedCodes: () => VALIDATION,
    wellFormed: (r) => expect(typeof (r as { convex: unknown }).convex).toBe('boolean'),
    knownGood: (o) => expect(o.isConvexSet((x) => Math.abs(x[0]!) >= 0.5, { lower: [-1], upper: [1] }).convex).toBe(false),
  },
  {
    name: 'diagnoseGradients',
    args: fc.oneof(
      fc.tuple(objective, vectorOf(size), fc.oneof(fc.constant(undefined), fc.record({ stepSize: nastyNumber, iterations: count }, { requiredKeys: [] }))),
      fc.tuple(fc.oneof(
        fc.constantFrom(null, {}, { history: null }, { history: { x: [], fx: [], gradientNorm: [] } }),
        fc.tuple(vectorOf(fc.integer({ min: 1, max: 6 })), vectorOf(fc.integer({ min: 1, max: 6 }))).map(([fx, g]) => ({
          history: { x: Array.from(fx as ArrayLike<unknown>, () => Float64Array.of(1)), fx: Array.from(fx as ArrayLike<unknown>), gradientNorm: Array.from(g as ArrayLike<unknown>) },
        })),
      )),
    ),
    call: (o, args) => (o.diagnoseGradients as (...a: unknown[]) => unknown)(...args),
    allowedCodes: () => VALIDATION,
    wellFormed: (r) => expect(Array.isArray((r as { issues: unknown }).issues)).toBe(true),
    knownGood: (o) => expect(o.diagnoseGradients(good[1]!, [1, 0], { stepSize: 0.25, iterations: 20 }).issues[0]!.kind).toBe('vanishing'),
  },
];
