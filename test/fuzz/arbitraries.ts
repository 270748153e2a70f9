// fast-check generators for hostile inputs: every awkward double, odd shapes, wrong types.
import fc from 'fast-check';

/** Any double (NaN, ±Infinity, −0, subnormals) plus the extremes and some non-numbers. */
export const nastyNumber: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 3, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 5e-324, -5e-324, 1e300, -1e300, 1e-300, 2.2250738585072014e-308) },
  { weight: 1, arbitrary: fc.constantFrom('1', null, undefined, {}, [], true) },
);

export const finiteNumber = fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true });

export const size = fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.integer({ min: 0, max: 9 }), fc.constantFrom(17, 64, 257));

/** A vector as number[] or Float64Array, hostile or clean. */
export function vectorOf(len: fc.Arbitrary<number>, entry: fc.Arbitrary<unknown> = nastyNumber): fc.Arbitrary<unknown> {
  return len.chain((n) =>
    fc.oneof(
      fc.array(entry, { minLength: n, maxLength: n }),
      fc.array(finiteNumber, { minLength: n, maxLength: n }).map((a) => Float64Array.from(a)),
    ),
  );
}

/** A matrix as number[][] (maybe ragged), {rows, cols, data} (maybe inconsistent), or junk. */
export const matrixLike: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(size, size).chain(([r, c]) => fc.array(fc.array(fc.oneof(finiteNumber, nastyNumber), { minLength: c, maxLength: c }), { minLength: r, maxLength: r })) },
  { weight: 2, arbitrary: fc.tuple(size, size).chain(([r, c]) => fc.array(fc.array(finiteNumber, { minLength: c, maxLength: c + 1 }), { minLength: r, maxLength: r })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.oneof(size, fc.constantFrom(-1, 1.5, NaN)), fc.oneof(size, fc.constantFrom(-1, 2.5)), fc.integer({ min: 0, max: 3 }))
      .chain(([rows, cols, extra]) => {
        const len = Number.isInteger(rows) && Number.isInteger(cols) && rows >= 0 && cols >= 0 ? rows * cols + (extra === 3 ? 1 : 0) : 4;
        return fc.array(finiteNumber, { minLength: len, maxLength: len }).map((d) => ({ rows, cols, data: Float64Array.from(d) }));
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, 'matrix', 42, {}, [[]], [1, 2, 3]) },
);
