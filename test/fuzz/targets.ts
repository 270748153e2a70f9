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
  ...analysisTargets,
];
void nastyNumber;
