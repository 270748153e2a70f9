// Fuzz targets for minimize / maximize: every method, objectives that throw, return NaN or a
// string, return a gradient of the wrong length or scribble on x; hostile x0; options of wrong
// types or out of range. Every call returns a well-formed MinimizeResult or throws OptimaError;
// a user's own Error comes back unchanged (solvers neither wrap nor swallow it: the stack and
// type stay the user's); every run is bounded (small maxIterations, plus budgets.test.ts).
import { expect } from 'vitest';
import fc from 'fast-check';
import type * as Optima from '../../src/index.js';
import { nastyNumber, size, vectorOf } from './arbitraries.js';
import { UserError, anyBadVector } from './inspect.js';
import type { Target } from './targets.js';

type Api = typeof Optima;
const METHODS = ['gd', 'momentum', 'nesterov', 'adam', 'cg', 'bfgs', 'lbfgs', 'newton', 'nelder-mead', 'direct'] as const;
const STATUSES = ['converged', 'max-iterations', 'stalled', 'vanishing-gradient', 'diverged', 'aborted'];

/** A misbehaviour switched on at the k-th call of f (or of the gradient / Hessian). */
type Fault = 'none' | 'throw' | 'nan' | 'string' | 'mutate' | 'gradThrow' | 'gradShort' | 'gradNaN' | 'hessThrow' | 'hessShape' | 'inf';
const FAULTS: Fault[] = ['none', 'none', 'throw', 'nan', 'string', 'mutate', 'gradThrow', 'gradShort', 'gradNaN', 'hessThrow', 'hessShape', 'inf'];

interface Case {
  kind: 'user' | 'raw' | 'test' | 'junk';
  fault: Fault;
  at: number;
  dim: number;
  name?: string;
  junk?: unknown;
}

/** Counts every call of user code, to compare with result.evaluations. */
interface Built { f: unknown; calls: { f: number; gradient: number; hessian: number }; }

/** Rosenbrock-like smooth f in `dim` dimensions with a fault injected at call `at`. */
function build(o: Api, c: Case): Built {
  const calls = { f: 0, gradient: 0, hessian: 0 };
  const n = c.dim;
  const value = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (x[i]! - 1) ** 2 + (i + 1 < n ? 10 * (x[i + 1]! - x[i]! * x[i]!) ** 2 : 0);
    return s;
  };
  const grad = (x: Float64Array, g: Float64Array) => {
    for (let i = 0; i < n; i++) g[i] = 2 * (x[i]! - 1) + (i + 1 < n ? -40 * x[i]! * (x[i + 1]! - x[i]! * x[i]!) : 0) + (i > 0 ? 20 * (x[i]! - x[i - 1]! ** 2) : 0);
  };
  const f = (x: Float64Array): number => {
    const k = calls.f++;
    if (k >= c.at) {
      if (c.fault === 'throw') throw new UserError('f');
      if (c.fault === 'nan') return NaN;
      if (c.fault === 'inf') return Infinity;
      if (c.fault === 'string') return '1' as unknown as number;
      if (c.fault === 'mutate') { const v = value(x); x.fill(1e6); return v; }
    }
    return value(x);
  };
  const gradient = (x: Float64Array, g: Float64Array) => {
    const k = calls.gradient++;
    if (k >= c.at && c.fault === 'gradThrow') throw new UserError('gradient');
    grad(x, g);
    if (k >= c.at && c.fault === 'gradNaN') g[0] = NaN;
    if (c.fault === 'mutate') x.fill(-1e6);
  };
  const hessian = (x: Float64Array): Optima.Matrix => {
    const k = calls.hessian++;
    if (k >= c.at && c.fault === 'hessThrow') throw new UserError('hessian');
    if (k >= c.at && c.fault === 'hessShape') return { rows: n, cols: n + 1, data: new Float64Array(n * (n + 1)) };
    return o.numericalHessian(value, x);
  };
  if (c.kind === 'user') {
    const withGrad = c.at % 2 === 0; // half of them use finite differences for ∇f
    return { f: o.objective({ dim: n, f, gradient: withGrad ? gradient : undefined, hessian: withGrad ? hessian : undefined }), calls };
  }
  if (c.kind === 'raw') {
    // A hand-written Objective: its gradient may return a wrong-length plain array.
    return {
      f: {
        dim: n,
        value: f,
        gradient: (x: Float64Array, out?: Float64Array) => {
          const g = out ?? new Float64Array(n);
          gradient(x, g);
          const short = calls.gradient > c.at && c.fault === 'gradShort';
          return short ? Array.from(g).slice(1) : g;
        },
        hessian,
      },
      calls,
    };
  }
  if (c.kind === 'test') return { f: (o.testFunctions as Record<string, (n?: number) => unknown>)[c.name!]!(), calls };
  return { f: c.junk, calls };
}

const caseArb: fc.Arbitrary<Case> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom<'user' | 'raw'>('user', 'raw'), fault: fc.constantFrom(...FAULTS), at: fc.integer({ min: 0, max: 12 }), dim: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.constantFrom('paraboloid', 'saddle', 'cubic', 'tanh', 'rosenbrock', 'booth', 'himmelblau', 'rastrigin', 'lectureQuadratic', 'shiftedParabola').map((name): Case => ({ kind: 'test', fault: 'none', at: 0, dim: 0, name })) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 3, {}, { dim: 2 }, { dim: 0, value: () => 0, gradient: () => [], hessian: () => [] }, 'f').map((junk): Case => ({ kind: 'junk', fault: 'none', at: 0, dim: 0, junk })) },
);

const userCallback = fc.constantFrom<unknown>(
  () => undefined, () => false, (s: { iteration: number }) => s.iteration < 3,
  () => { throw new UserError('callback'); }, 'callback', 42,
);
const aborted = new AbortController();
aborted.abort();
const signals = fc.constantFrom<unknown>(new AbortController().signal, aborted.signal, { aborted: 'no' }, null, 7);

/** Options each method accepts (options.ts CAPABILITIES), with valid values only. */
const VALID_EXTRA: Record<(typeof METHODS)[number], Record<string, fc.Arbitrary<unknown>>> = {
  gd: { stepSize: fc.constantFrom(1e-3, 0.01, 0.1, 1), lineSearch: fc.constantFrom('armijo', 'wolfe') },
  momentum: { stepSize: fc.constantFrom(1e-3, 0.01, 0.1), momentum: fc.constantFrom(0, 0.5, 0.9) },
  nesterov: { stepSize: fc.constantFrom(1e-3, 0.01, 0.1), momentum: fc.constantFrom(0, 0.5, 0.9) },
  adam: { stepSize: fc.constantFrom(1e-3, 0.1), beta1: fc.constantFrom(0, 0.9), beta2: fc.constantFrom(0.5, 0.999), epsilon: fc.constantFrom(1e-8, 1) },
  cg: { lineSearch: fc.constantFrom('armijo', 'wolfe') },
  bfgs: { lineSearch: fc.constantFrom('armijo', 'wolfe') },
  lbfgs: { lineSearch: fc.constantFrom('armijo', 'wolfe'), memory: fc.integer({ min: 1, max: 12 }) },
  newton: { lineSearch: fc.constantFrom('armijo', 'wolfe') },
  'nelder-mead': { stepTolerance: fc.constantFrom(0, 1e-8), fTolerance: fc.constantFrom(0, 1e-12) },
  direct: {},
};
const validOptions = fc.constantFrom(...METHODS).chain((method) => fc.record({
  method: fc.constant(method),
  maxIterations: fc.integer({ min: 0, max: 30 }),
  ...(method === 'nelder-mead' ? {} : { gradientTolerance: fc.constantFrom(0, 1e-12, 1e-8, 1e-3) }),
  callback: fc.constantFrom<unknown>(() => undefined, () => false, (st: { iteration: number }) => st.iteration < 3, () => { throw new UserError('callback'); }),
  signal: fc.constantFrom<unknown>(new AbortController().signal, aborted.signal),
  history: fc.boolean(),
  ...VALID_EXTRA[method],
}, { requiredKeys: ['method', 'maxIterations'] }));

/** Options: valid ones, or a method plus any subset of the others, valid or not; maxIterations small or invalid. */
const optionsArb = fc.oneof(
  { weight: 8, arbitrary: validOptions },
  { weight: 8, arbitrary: fc.record({
    method: fc.oneof({ weight: 10, arbitrary: fc.constantFrom<unknown>(...METHODS) }, { weight: 1, arbitrary: fc.constantFrom<unknown>('sgd', 'penalty', 7, null) }),
    maxIterations: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 30 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(1.5, -1, NaN, Infinity, '10', null) }),
    stepSize: fc.oneof(fc.constantFrom<unknown>(1e-3, 0.01, 0.1, 1, 0, -1, 1e300), nastyNumber),
    lineSearch: fc.constantFrom<unknown>('none', 'armijo', 'wolfe', 'exact', 1),
    gradientTolerance: fc.oneof(fc.constantFrom<unknown>(1e-8, 1e-4, 0, -1e-8), nastyNumber),
    stepTolerance: fc.oneof(fc.constantFrom<unknown>(1e-10, 0, -1), nastyNumber),
    fTolerance: fc.oneof(fc.constantFrom<unknown>(1e-12, 0, -1), nastyNumber),
    callback: userCallback,
    signal: signals,
    history: fc.constantFrom<unknown>(true, false, 'yes'),
    memory: fc.constantFrom<unknown>(1, 5, 0, 1.5, 2000),
    momentum: fc.constantFrom<unknown>(0, 0.9, 1, -0.1),
    beta1: fc.constantFrom<unknown>(0.9, 1), beta2: fc.constantFrom<unknown>(0.999, -1), epsilon: fc.constantFrom<unknown>(1e-8, 0),
    bounds: fc.constantFrom<unknown>({ lower: [-2, -2], upper: [2, 2] }, { lower: [0] }, { lower: [3, 3], upper: [1, 1] }, { upper: [null, 1] }, null),
    foo: fc.constant(1),
  }, { requiredKeys: ['maxIterations'] }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'lbfgs', 5) },
);

const x0Arb = (dim: fc.Arbitrary<number>) => fc.oneof(
  { weight: 5, arbitrary: dim.chain((n) => fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n })) },
  { weight: 2, arbitrary: vectorOf(fc.oneof(dim, size)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, 'x0', {}) },
);

function dimOf(c: Case): number {
  if (c.kind === 'test') return c.name === 'cubic' || c.name === 'tanh' || c.name === 'shiftedParabola' ? 1 : 2;
  return c.dim || 2;
}

const minimizeArgs = caseArb.chain((c) => fc.tuple(fc.constant(c), x0Arb(fc.constant(dimOf(c))), optionsArb, fc.boolean()));

/** The reference solve every case is followed by: computed once, it must come back bit-identical. */
let reference: Optima.MinimizeResult | undefined;
function referenceSolve(o: Api): Optima.MinimizeResult {
  return o.minimize(o.testFunctions.rosenbrock(), [-1.2, 1], { method: 'lbfgs', maxIterations: 200 });
}

/** A constraint that behaves, or misbehaves from call `at` on. */
const constraintArb = fc.record({
  type: fc.constantFrom<unknown>('ineq', 'eq', 'ineq', 'neq'),
  fault: fc.constantFrom('none', 'none', 'throw', 'nan', 'string'),
  at: fc.integer({ min: 0, max: 20 }),
  withGradient: fc.boolean(),
});
type ConstraintCase = { type: unknown; fault: string; at: number; withGradient: boolean };

function constraintOf(c: ConstraintCase, n: number) {
  let calls = 0;
  return {
    type: c.type as 'ineq',
    // Σxᵢ ≥ 1, written 1 − Σxᵢ ≤ 0 (or = 0)
    fn: (x: Float64Array) => {
      if (calls++ >= c.at) {
        if (c.fault === 'throw') throw new UserError('constraint');
        if (c.fault === 'nan') return NaN;
        if (c.fault === 'string') return 'no' as unknown as number;
      }
      return 1 - x.reduce((t, v) => t + v, 0);
    },
    gradient: c.withGradient ? (_x: Float64Array, out: Float64Array) => void out.fill(-1) : undefined,
  };
}

const constrainedOptions = fc.oneof(
  { weight: 4, arbitrary: fc.record({
    method: fc.constantFrom<unknown>('penalty', 'augmented-lagrangian', undefined),
    maxIterations: fc.integer({ min: 0, max: 40 }),
    maxOuterIterations: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom<unknown>(1.5, -1)),
    callback: fc.constantFrom<unknown>(() => undefined, () => false, () => { throw new UserError('callback'); }),
    history: fc.boolean(),
  }, { requiredKeys: ['maxIterations'] }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constantFrom<unknown>('lbfgs', 'gd', 'sgd', null), maxIterations: fc.constantFrom<unknown>(5, 1.5, -1) }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 3, 'penalty') },
);

export const solverTargets: Target[] = [
  {
    name: 'minimize / maximize',
    args: minimizeArgs,
    call: (o, [c, x0, options, max]) => {
      const built = build(o, c as Case);
      const before = Array.isArray(x0) || x0 instanceof Float64Array ? Array.from(x0 as ArrayLike<unknown>) : undefined;
      let r: unknown;
      try {
        r = (max ? o.maximize : o.minimize)(built.f as never, x0 as never, options as never);
      } catch (e) {
        if (e instanceof UserError) return { userError: e, built };
        throw e;
      } finally {
        if (before) expect(Array.from(x0 as ArrayLike<unknown>)).toEqual(before); // x0 is never mutated
      }
      return { r, built };
    },
    allowedCodes: ([c, x0, options]) => {
      const k = c as Case;
      const codes = ['INVALID_OPTION', 'DIMENSION_MISMATCH'];
      if (k.kind !== 'test' || k.junk !== undefined) codes.push('INVALID_OBJECTIVE');
      if (anyBadVector(x0)) codes.push('NOT_FINITE');
      if ((options as { method?: unknown } | null)?.method === 'direct') codes.push('NOT_POSITIVE_DEFINITE');
      return codes;
    },
    wellFormed: (out, [c, x0, options]) => {
      const k = c as Case;
      const opts = (options ?? {}) as { maxIterations?: number; callback?: unknown; signal?: unknown; history?: boolean; method?: string };
      if ('userError' in (out as object)) {
        // Only code that throws UserError can have thrown it, and it came back as the same object.
        const { userError } = out as { userError: UserError };
        expect(userError).toBeInstanceOf(UserError);
        const where = userError.message.replace('user code failed in ', '');
        expect(where === 'callback' ? opts.callback !== undefined : ['f', 'gradient', 'hessian'].includes(where) && k.fault.toLowerCase().includes('throw')).toBe(true);
        return;
      }
      const { r, built } = out as { r: Optima.MinimizeResult; built: Built };
      expect(STATUSES).toContain(r.status);
      expect(r.converged).toBe(r.status === 'converged');
      expect(typeof r.message).toBe('string');
      expect(r.x).toBeInstanceOf(Float64Array);
      expect(r.x.length).toBe((x0 as ArrayLike<number>).length);
      if (r.converged) {
        expect(Number.isFinite(r.fx)).toBe(true);
        expect(Array.from(r.x).every(Number.isFinite)).toBe(true);
        if (opts.method !== 'nelder-mead') expect(Number.isNaN(r.gradientNorm)).toBe(false);
      }
      expect(Number.isInteger(r.iterations) && r.iterations >= 0).toBe(true);
      expect(r.iterations).toBeLessThanOrEqual(Math.max(opts.maxIterations ?? 1, 1));
      const ev = r.evaluations;
      for (const v of [ev.f, ev.gradient, ev.hessian]) expect(Number.isInteger(v) && v >= 0).toBe(true);
      expect(ev.f).toBeGreaterThanOrEqual(1); // f(x0) at least
      // objective() counts calls of the user's f, gradient and Hessian: the result reports exactly those
      if (k.kind === 'user') expect(ev).toEqual(built.calls);
      if (r.status === 'aborted') expect(opts.callback !== undefined || opts.signal !== undefined).toBe(true);
      if (opts.history === true) expect(r.history!.fx.length).toBe(r.iterations + 1);
      else expect(r.history).toBeUndefined();
    },
    knownGood: (o) => {
      reference ??= referenceSolve(o);
      const again = referenceSolve(o);
      expect(again.status).toBe('converged');
      expect(Array.from(again.x)).toEqual(Array.from(reference.x));
      expect(again.evaluations).toEqual(reference.evaluations);
      const q = o.quadratic({ H: [[4, 0], [0, 16]], g: [-4, -32] });
      expect(Array.from(o.minimize(q, [0, 0], { method: 'direct' }).x)).toEqual([1, 2]);
      q.dispose();
    },
  },
  {
    name: 'minimize on a constrained Problem',
    args: fc.integer({ min: 1, max: 3 }).chain((dim) => fc.tuple(
      fc.record({ kind: fc.constant<'user'>('user'), fault: fc.constantFrom<Fault>('none', 'none', 'throw', 'nan', 'string', 'mutate'), at: fc.integer({ min: 0, max: 30 }), dim: fc.constant(dim) }),
      fc.array(constraintArb, { maxLength: 3 }),
      fc.oneof(fc.constant(undefined), fc.constantFrom<unknown>({ lower: new Array(dim).fill(-2), upper: new Array(dim).fill(2) }, { lower: new Array(dim).fill(0) }, { lower: [5], upper: [-5] })),
      x0Arb(fc.constant(dim)),
      constrainedOptions,
    )),
    call: (o, [c, cons, bounds, x0, options]) => {
      const k = c as Case;
      try {
        const f = build(o, k).f as Optima.Objective;
        const p = o.problem({ objective: f, constraints: (cons as ConstraintCase[]).map((cc) => constraintOf(cc, k.dim)), bounds: bounds as never });
        return { r: o.minimize(p, x0 as never, options as never) };
      } catch (e) {
        if (e instanceof UserError) return { userError: e };
        throw e;
      }
    },
    allowedCodes: ([, , , x0]) => ['INVALID_OPTION', 'DIMENSION_MISMATCH', 'INVALID_OBJECTIVE', ...(anyBadVector(x0) ? ['NOT_FINITE'] : [])],
    wellFormed: (out, [c, cons, , x0, options]) => {
      if ('userError' in (out as object)) {
        const where = (out as { userError: UserError }).userError.message.replace('user code failed in ', '');
        const faults = [(c as Case).fault, ...(cons as ConstraintCase[]).map((cc) => cc.fault)];
        expect(where === 'callback' || faults.includes('throw')).toBe(true);
        return;
      }
      const { r } = out as { r: Optima.MinimizeResult };
      expect(STATUSES).toContain(r.status);
      expect(r.converged).toBe(r.status === 'converged');
      expect(r.x.length).toBe((x0 as ArrayLike<number>).length);
      if (r.converged) expect(Number.isFinite(r.fx) && Array.from(r.x).every(Number.isFinite)).toBe(true);
      if (r.multipliers) expect(r.multipliers.length).toBe((cons as unknown[]).length);
      if (r.constraintViolation !== undefined && r.converged) expect(r.constraintViolation).toBeGreaterThanOrEqual(0);
      const opts = options as { history?: boolean };
      if (opts?.history !== true) expect(r.history).toBeUndefined();
    },
    knownGood: (o) => {
      // x² + y² on x + y ≥ 1: (½, ½), f = ½
      const q = o.quadratic({ H: [[2, 0], [0, 2]], g: [0, 0] });
      const p = o.problem({ objective: q, constraints: [{ type: 'ineq', fn: (x) => 1 - x[0]! - x[1]! }] });
      const r = o.minimize(p, [0, 0], { method: 'augmented-lagrangian' });
      expect(r.status).toBe('converged');
      expect(Math.abs(r.x[0]! - 0.5) + Math.abs(r.x[1]! - 0.5)).toBeLessThan(1e-5);
      q.dispose();
    },
  },
];
