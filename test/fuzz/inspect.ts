// Small predicates the fuzz targets share: which inputs justify NOT_FINITE, a user's own error
// type (to check that solvers hand it back unchanged), and symmetric-matrix generators.
import fc from 'fast-check';
import { finiteNumber, size } from './arbitraries.js';

const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** Every scalar inside a matrix-like x (rows of number[][] flattened, typed arrays, {data}). */
export function entriesOf(x: unknown): unknown[] {
  if (Array.isArray(x)) return x.flatMap((r) => (Array.isArray(r) ? r : [r]));
  if (x instanceof Float64Array) return Array.from(x);
  if (x && typeof x === 'object' && 'data' in x) return entriesOf((x as { data: unknown }).data);
  return [x];
}
/** Some entry of a matrix-like argument is not a finite number: NOT_FINITE is justified. */
export const anyNonFinite = (...xs: unknown[]) => xs.some((x) => entriesOf(x).some((v) => !isNum(v)));
/**
 * The same for vector arguments, where an element that is itself an array ([[]], [[1]]) is junk
 * too: optima refuses it with NOT_FINITE instead of coercing it to 0 or 1.
 */
export const anyBadVector = (...xs: unknown[]) => xs.some((x) => (Array.isArray(x) ? x.some((v) => !isNum(v)) : entriesOf(x).some((v) => !isNum(v))));

/** What a user's objective or callback throws: optima must hand this exact object back. */
export class UserError extends Error {
  constructor(where: string) {
    super(`user code failed in ${where}`);
  }
}

/** Awkward but finite entries: −0, subnormals, the extremes of the range, ordinary values. */
export const awkwardFinite: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: finiteNumber },
  { weight: 2, arbitrary: fc.constantFrom(-0, 0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, -1e300, 1e300, 1e-20) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** n×n symmetric row-major data: upper triangle mirrored, then the whole matrix scaled. */
export const symmetricData: fc.Arbitrary<{ n: number; data: Float64Array }> = fc
  .tuple(size, fc.constantFrom(1, 1, 1, 1e-300, 1e300, 1e-310))
  .chain(([n, scale]) =>
    fc.array(awkwardFinite, { minLength: (n * (n + 1)) / 2, maxLength: (n * (n + 1)) / 2 }).map((tri) => {
      const data = new Float64Array(n * n);
      let t = 0;
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) data[i * n + j] = data[j * n + i] = tri[t++]! * scale;
      return { n, data };
    }),
  );
