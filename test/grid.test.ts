// gridValues: the WebAssembly grid evaluator used for contour plots. Truth is the JavaScript
// definition of each function (playground/src/functions.ts) evaluated at the same pixel centres.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nastyNumber } from './fuzz/arbitraries.js';
import { GRID_FUNCTIONS, OptimaError, backend, gridValues, memoryBytes, setBackend, type BackendName, type GridFunctionName } from '../src/index.js';
import { FUNCTIONS } from '../playground/src/functions.js';
import { evaluateGrid } from '../playground/src/contour.js';

const initial = backend;
afterAll(() => setBackend(initial));

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OptimaError);
    return (e as OptimaError).code;
  }
  return 'no error';
}

describe('gridValues', () => {
  it('knows every playground function that names it, and only those names', () => {
    const named = FUNCTIONS.filter((f) => f.grid).map((f) => f.grid);
    expect(named.sort()).toEqual(Object.keys(GRID_FUNCTIONS).sort());
  });

  for (const name of ['simd', 'scalar', 'js'] as BackendName[]) {
    it(`${name} backend: equals the JavaScript formulas bit for bit at every pixel centre (odd sizes)`, async () => {
      await setBackend(name);
      for (const fn of FUNCTIONS.filter((f) => f.grid)) {
        const nx = 37, ny = 23;
        const wasm = gridValues(fn.grid as GridFunctionName, fn.box, nx, ny);
        const js = evaluateGrid(fn.f, fn.box, nx, ny).values;
        expect(Array.from(wasm), fn.id).toEqual(Array.from(js));
      }
    });
  }

  it('fills out in place, and a known value lands where the docs say (row 0 = top)', async () => {
    await setBackend('simd');
    const out = new Float64Array(4 * 2);
    expect(gridValues('saddle', [0, 4, 0, 2], 4, 2, out)).toBe(out);
    // pixel (i = 1, j = 0): x = 1.5, y = 1.5 → 0; pixel (3, 1): x = 3.5, y = 0.5 → 12
    expect(out[1]).toBe(0);
    expect(out[7]).toBe(12);
  });

  it('rejects bad arguments with OptimaError codes, and leaves memory flat', () => {
    expect(code(() => gridValues('nope' as GridFunctionName, [0, 1, 0, 1], 2, 2))).toBe('INVALID_OPTION');
    expect(code(() => gridValues('booth', [0, 1, 0], 2, 2))).toBe('DIMENSION_MISMATCH');
    expect(code(() => gridValues('booth', [0, NaN, 0, 1], 2, 2))).toBe('NOT_FINITE');
    expect(code(() => gridValues('booth', [1, 0, 0, 1], 2, 2))).toBe('INVALID_OPTION');
    expect(code(() => gridValues('booth', [0, 1, 0, 1], 0, 2))).toBe('INVALID_OPTION');
    expect(code(() => gridValues('booth', [0, 1, 0, 1], 2.5, 2))).toBe('INVALID_OPTION');
    expect(code(() => gridValues('booth', [0, 1, 0, 1], 5000, 5000))).toBe('INVALID_OPTION');
    expect(code(() => gridValues('booth', [0, 1, 0, 1], 2, 2, new Float64Array(3)))).toBe('DIMENSION_MISMATCH');
    gridValues('rosenbrock', [-2, 2, -1, 3], 400, 400);
    const before = memoryBytes();
    for (let k = 0; k < 50; k++) gridValues('rosenbrock', [-2, 2, -1, 3], 400, 400);
    expect(memoryBytes()).toBe(before);
    // and a later call is still right
    expect(gridValues('rosenbrock', [0, 2, 0, 2], 1, 1)[0]).toBe(0);
  });

  it('fuzz: hostile names, boxes, sizes and outs give a right-sized result or an OptimaError, never corruption', async () => {
    await setBackend('simd');
    const good = gridValues('booth', [0, 2, 0, 6], 2, 2); // pixel centres (0.5, 4.5), (1.5, 4.5), (0.5, 1.5), (1.5, 1.5)
    expect(Array.from(good)).toEqual([(0.5 + 9 - 7) ** 2 + (1 + 4.5 - 5) ** 2, (1.5 + 9 - 7) ** 2 + (3 + 4.5 - 5) ** 2, (0.5 + 3 - 7) ** 2 + (1 + 1.5 - 5) ** 2, (1.5 + 3 - 7) ** 2 + (3 + 1.5 - 5) ** 2]);
    const names = fc.oneof(fc.constantFrom(...Object.keys(GRID_FUNCTIONS)), fc.constantFrom('', 'rastrigin', 'constructor', '__proto__', 'toString'), nastyNumber);
    const box = fc.oneof(fc.array(nastyNumber, { minLength: 0, maxLength: 6 }), fc.constantFrom(null, undefined, 'abcd', {}, [0, 1, 0, 1]));
    const dim = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(-1, 1.5, NaN, Infinity, 1e9, '3', null));
    const before = memoryBytes();
    fc.assert(
      fc.property(names, box, dim, dim, fc.option(fc.integer({ min: 0, max: 50 })), (name, b, nx, ny, outLen) => {
        const out = outLen === null ? undefined : new Float64Array(outLen);
        try {
          const r = gridValues(name as GridFunctionName, b as number[], nx as number, ny as number, out);
          expect(r).toBeInstanceOf(Float64Array);
          expect(r.length).toBe((nx as number) * (ny as number));
          if (out) expect(r).toBe(out);
        } catch (e) {
          expect(e).toBeInstanceOf(OptimaError);
          expect(['INVALID_OPTION', 'DIMENSION_MISMATCH', 'NOT_FINITE']).toContain((e as OptimaError).code);
        }
        expect(gridValues('booth', [0, 2, 0, 6], 2, 2)).toEqual(good);
      }),
      { numRuns: 2000, seed: 20261126 },
    );
    expect(memoryBytes()).toBe(before);
  });
});
