// One entry per exported function: hostile argument generator, which error codes the input could
// justify, a well-formedness check for results, and a known-good call with an exact answer.
import { expect } from 'vitest';
import fc from 'fast-check';
import type * as Optima from '../../src/index.js';
import { matrixLike, nastyNumber, size, vectorOf } from './arbitraries.js';
import { analysisTargets } from './analysisTargets.js';

type Api = typeof Optima;
export interface Target {
  name: string;
  args: fc.Arbitrary<unknown[]>;
  call(o: Api, args: unknown[]): unknown;
  allowedCodes(args: unknown[]): string[];
  wellFormed(result: unknown, args: unknown[]): void;
  knownGood(o: Api): void;
}

const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
function entriesOf(x: unknown): unknown[] {
  if (Array.isArray(x)) return x.flatMap((r) => (Array.isArray(r) ? r : [r]));
  if (x instanceof Float64Array) return Array.from(x);
  if (x && typeof x === 'object' && 'data' in x) return entriesOf((x as { data: unknown }).data);
  return [x];
}
const anyNonFinite = (...xs: unknown[]) => xs.some((x) => entriesOf(x).some((v) => !isNum(v)));

/** x² + y² subject to x + y ≥ 1 (written 1 − x − y ≤ 0), for the constrained targets. */
const fuzzObjective = {
  dim: 2,
  value: (x: Float64Array) => x[0]! ** 2 + x[1]! ** 2,
  gradient: (x: Float64Array, out = new Float64Array(2)) => { out[0] = 2 * x[0]!; out[1] = 2 * x[1]!; return out; },
  hessian: () => ({ rows: 2, cols: 2, data: Float64Array.of(2, 0, 0, 2) }),
};
const fuzzProblem = (o: Api) => o.problem({ objective: fuzzObjective, constraints: [{ type: 'ineq', fn: (x) => 1 - x[0]! - x[1]! }] });

function matvecGood(o: Api): void {
  expect(Array.from(o.matvec([[1, 2], [3, 4]], [1, 1]))).toEqual([3, 7]);
}

export const targets: Target[] = [
  {
    name: 'dot',
    args: fc.tuple(vectorOf(size), vectorOf(size)),
    call: (o, [a, b]) => o.dot(a as Float64Array, b as Float64Array),
    allowedCodes: (args) => ['DIMENSION_MISMATCH', ...(anyNonFinite(...args) ? ['NOT_FINITE'] : [])],
    wellFormed: (r) => expect(typeof r).toBe('number'),
    knownGood: (o) => expect(o.dot([1, 2, 3], [4, 5, 6])).toBe(32),
  },
  {
    name: 'matvec',
    args: fc.tuple(matrixLike, vectorOf(size)),
    call: (o, [A, x]) => o.matvec(A as Optima.Matrix, x as Float64Array),
    allowedCodes: (args) => ['DIMENSION_MISMATCH', 'INVALID_OPTION', ...(anyNonFinite(...args) ? ['NOT_FINITE'] : [])],
    wellFormed: (r) => expect(r).toBeInstanceOf(Float64Array),
    knownGood: matvecGood,
  },
  {
    name: 'solve',
    args: fc.tuple(matrixLike, vectorOf(size)),
    call: (o, [A, b]) => o.solve(A as Optima.Matrix, b as Float64Array),
    allowedCodes: (args) => ['DIMENSION_MISMATCH', 'SINGULAR', ...(anyNonFinite(...args) ? ['NOT_FINITE'] : [])],
    wellFormed: (r) => expect(r).toBeInstanceOf(Float64Array),
    knownGood: (o) => expect(Array.from(o.solve([[4, 0], [0, 16]], [4, 16]))).toEqual([1, 1]),
  },
  {
    name: 'matrix / vector',
    args: fc.tuple(fc.oneof(matrixLike, vectorOf(size)), fc.oneof(size, fc.constantFrom(-1, 1.5, NaN))),
    call: (o, [src, n]) => {
      const h = Array.isArray(src) && (src.length === 0 || Array.isArray(src[0])) ? o.matrix(src as number[][]) : o.vector((typeof src === 'object' ? src : n) as number[]);
      h.dispose();
      return h;
    },
    allowedCodes: (args) => ['DIMENSION_MISMATCH', 'INVALID_OPTION', ...(anyNonFinite(args[0]) ? ['NOT_FINITE'] : [])],
    wellFormed: () => {},
    knownGood: matvecGood,
  },
  {
    name: 'problem',
    args: fc.tuple(vectorOf(size), vectorOf(size), fc.oneof(nastyNumber, fc.constantFrom('ineq', 'eq'))),
    call: (o, [lower, upper, type]) => o.problem({
      objective: fuzzObjective, constraints: [{ type: type as 'eq', fn: (x) => x[0]! + x[1]! - 1 }],
      bounds: { lower: lower as number[], upper: upper as number[] },
    }),
    allowedCodes: () => ['DIMENSION_MISMATCH', 'NOT_FINITE', 'INVALID_OPTION', 'INVALID_OBJECTIVE'],
    wellFormed: (r) => {
      const p = r as Optima.Problem;
      for (let i = 0; i < 2; i++) expect(p.lower[i]! <= p.upper[i]!).toBe(true);
    },
    knownGood: (o) => expect(o.lagrangian(fuzzProblem(o), [1]).value(Float64Array.of(0.5, 0.5))).toBe(0.5),
  },
  {
    name: 'lagrangian / penalized',
    args: fc.tuple(vectorOf(size), nastyNumber, vectorOf(size)),
    call: (o, [alpha, r, x]) => {
      const p = fuzzProblem(o);
      const L = o.lagrangian(p, alpha as number[]);
      const P = o.penalized(p, r as number);
      return [L.value(x as Float64Array), P.value(x as Float64Array), P.gradient(x as Float64Array)];
    },
    allowedCodes: () => ['DIMENSION_MISMATCH', 'NOT_FINITE', 'INVALID_OPTION'],
    wellFormed: (r) => {
      const [l, p, g] = r as [number, number, Float64Array];
      expect(typeof l).toBe('number');
      expect(typeof p).toBe('number');
      expect(g).toBeInstanceOf(Float64Array);
    },
    knownGood: (o) => expect(o.penalized(fuzzProblem(o), 2).value(Float64Array.of(0, 0))).toBe(2),
  },
  ...analysisTargets,
];
void nastyNumber;
