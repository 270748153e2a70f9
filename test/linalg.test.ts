import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OptimaError, backend, dot, matrix, matvec, memoryBytes, setBackend, solve, vector, type BackendName } from '../src/index.js';
import { EPS, absDot, maxAbs, naiveDot, naiveMatvec, norm2, randomArray, randomSpd, rng } from './helpers/reference.js';
import { expectCode } from './helpers/errors.js';

const BACKENDS: BackendName[] = ['simd', 'scalar', 'js'];
const initial = backend;
afterAll(() => setBackend(initial));

describe('runtime', () => {
  it('loads the SIMD build in Node', () => {
    expect(initial).toBe('simd');
  });
  it('rejects an unknown backend', async () => {
    await expect(setBackend('gpu' as BackendName)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});

for (const name of BACKENDS) {
  describe(`linear algebra on the ${name} backend`, () => {
    beforeAll(async () => {
      await setBackend(name);
      expect(backend).toBe(name);
    });

    it('dot matches a naive reference within n·ε·Σ|aᵢbᵢ| (sizes 0..300)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 300 }), fc.integer(), (n, seed) => {
          const r = rng(seed);
          const a = randomArray(n, r, 10);
          const b = randomArray(n, r, 10);
          const got = dot(a, b);
          expect(Math.abs(got - naiveDot(a, b))).toBeLessThanOrEqual(2 * n * EPS * absDot(a, b));
          const va = vector(a), vb = vector(b);
          expect(dot(va, vb)).toBe(got); // resident and copied paths run the same kernel
          va.dispose(); vb.dispose();
        }),
        { numRuns: 60 },
      );
    });

    it('matvec matches a naive reference, odd and even shapes 1..300', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), fc.integer(), (m, n, seed) => {
          const r = rng(seed);
          const data = randomArray(m * n, r);
          const x = randomArray(n, r);
          const want = naiveMatvec(data, m, n, x);
          const A = matrix(data, m, n);
          const got = matvec(A, x);
          for (let i = 0; i < m; i++) {
            const rowAbs = absDot(data.subarray(i * n, (i + 1) * n), x);
            expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(2 * n * EPS * rowAbs);
          }
          const plain = matvec({ rows: m, cols: n, data }, Array.from(x));
          expect(Array.from(plain)).toEqual(Array.from(got));
          A.dispose();
        }),
        { numRuns: 40 },
      );
    });

    it('matvec writes into out (plain and resident) and returns it', () => {
      const A = matrix([[1, 2], [3, 4], [5, 6]]);
      const out = new Float64Array(3);
      expect(matvec(A, [1, -1], out)).toBe(out);
      expect(Array.from(out)).toEqual([-1, -1, -1]);
      const v = vector(3);
      const res = matvec(A, [1, 1], v.data);
      expect(Array.from(v.data)).toEqual([3, 7, 11]);
      expect(res.buffer).toBe(v.data.buffer);
      A.dispose(); v.dispose();
    });

    it('matvec gives the right answer when out aliases x', () => {
      const A = matrix([[0, 1], [1, 0]]);
      const v = vector([1, 2]);
      matvec(A, v, v.data);
      expect(Array.from(v.data)).toEqual([2, 1]);
      A.dispose(); v.dispose();
    });

    it('solve: residual ‖Ax − b‖ ≤ c·n·ε·‖A‖·‖x‖ on SPD and general systems', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 120 }), fc.integer(), fc.boolean(), (n, seed, spd) => {
          const r = rng(seed);
          const a = spd ? randomSpd(n, r) : randomArray(n * n, r);
          if (!spd) for (let i = 0; i < n; i++) a[i * n + i]! += 3 * Math.sqrt(n) * Math.sign(r() - 0.5);
          const b = randomArray(n, r);
          const x = solve({ rows: n, cols: n, data: a }, b);
          const ax = naiveMatvec(a, n, n, x);
          const res = norm2(ax.map((v, i) => v - b[i]!));
          const normA = Math.sqrt(a.reduce((s, v) => s + v * v, 0));
          expect(res).toBeLessThanOrEqual(10 * n * EPS * normA * norm2(x));
        }),
        { numRuns: 40 },
      );
    });

    it('solve: the seed example 4x1 + x2 = 6, x1 + 2x2 = 5 gives [1, 2]', () => {
      const x = solve([[4, 1], [1, 2]], [6, 5]);
      expect(Math.abs(x[0]! - 1)).toBeLessThan(4 * EPS);
      expect(Math.abs(x[1]! - 2)).toBeLessThan(4 * EPS);
    });

    it('solve: a symmetric indefinite matrix falls back to LU', () => {
      const x = solve([[0, 1], [1, 0]], [6, 5]);
      expect(Array.from(x)).toEqual([5, 6]);
    });

    it('solve: SINGULAR on singular matrices, exact and numerical', () => {
      expectCode(() => solve([[1, 2], [2, 4]], [1, 1]), 'SINGULAR', /singular/);
      expectCode(() => solve([[0, 0], [0, 0]], [1, 1]), 'SINGULAR');
      // rank n−1 in floating point: rows 0..n−2 random, last row their sum
      const n = 50;
      const r = rng(7);
      const a = randomArray(n * n, r);
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < n - 1; i++) s += a[i * n + j]!;
        a[(n - 1) * n + j] = s;
      }
      expectCode(() => solve({ rows: n, cols: n, data: a }, randomArray(n, r)), 'SINGULAR');
      // and a later good call is still exact
      expect(Array.from(solve([[4, 0], [0, 16]], [4, 16]))).toEqual([1, 1]);
    });

    it('a NaN or ±∞ in any SIMD lane, unrolled block or tail of A is found and named (solve, eigSym)', async () => {
      // solve and eigSym prove A finite from its max-norm, whose SIMD loop tracks NaN in a mask.
      const { eigSym } = await import('../src/index.js');
      for (const n of [1, 2, 3, 4, 5, 7, 8, 9]) {
        for (let p = 0; p < n * n; p++) {
          const i = Math.floor(p / n), j = p % n;
          for (const bad of [NaN, Infinity, -Infinity]) {
            // resident, so the entry is first seen by the kernels, not by matrix()'s validation
            const M = matrix(Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => (r === c ? n + 1 : 1 / (1 + r + c)))));
            M.data[i * n + j] = bad;
            expectCode(() => solve(M, new Float64Array(n).fill(1)), 'NOT_FINITE', new RegExp(`A\\[${i}\\]\\[${j}\\]`));
            M.data[j * n + i] = bad; // symmetric, so eigSym's first complaint is finiteness
            const first = Math.min(i, j), second = Math.max(i, j);
            expectCode(() => eigSym(M), 'NOT_FINITE', new RegExp(`A\\[${first}\\]\\[${second}\\]`));
            M.dispose();
          }
        }
      }
      expect(Array.from(solve([[4, 0], [0, 16]], [4, 16]))).toEqual([1, 1]); // and the next call is exact
    });

    it('every input error carries its code and names the argument', () => {
      expectCode(() => dot([1, 2], [1, 2, 3]), 'DIMENSION_MISMATCH', /b has length 3; expected 2/);
      expectCode(() => dot([1, NaN], [1, 2]), 'NOT_FINITE', /a\[1\]/);
      expectCode(() => dot([1, 2], [Infinity, 2]), 'NOT_FINITE', /b\[0\]/);
      expectCode(() => matvec([[1, 2], [3]], [1, 1]), 'DIMENSION_MISMATCH', /ragged/);
      expectCode(() => matvec([[1, 2]], [1, 1, 1]), 'DIMENSION_MISMATCH', /x has length 3/);
      expectCode(() => matvec([[1, 2], [3, NaN]], [1, 1]), 'NOT_FINITE', /A\[1\]\[1\]/);
      expectCode(() => matvec(matrix([[1, 2], [3, 4]]), [1, Infinity]), 'NOT_FINITE', /x\[1\]/);
      expectCode(() => matvec([[1, 2]], ['a' as unknown as number, 1]), 'NOT_FINITE', /x\[0\].*string/);
      expectCode(() => solve([[1, 2, 3], [4, 5, 6]], [1, 2]), 'DIMENSION_MISMATCH', /square/);
      expectCode(() => solve([[1, 2], [3, 4]], [1]), 'DIMENSION_MISMATCH', /b has length 1/);
      expectCode(() => solve([[1, 2], [3, 4]], [1, NaN]), 'NOT_FINITE', /b\[1\]/);
      expectCode(() => matrix(new Float64Array(5), 2, 3), 'DIMENSION_MISMATCH', /6/);
      expectCode(() => matrix(new Float64Array(6), 2.5, 3), 'INVALID_OPTION');
      expectCode(() => vector(-1), 'INVALID_OPTION');
      expectCode(() => matvec(null as never, [1]), 'DIMENSION_MISMATCH', /A/);
    });

    it('overflow is not mistaken for bad input', () => {
      expect(dot([1e200, 1e200], [1e200, 1e200])).toBe(Infinity);
      expect(matvec([[1e300, 1e300]], [1e10, 1])[0]).toBe(Infinity);
    });

    it('a disposed handle throws DISPOSED and its memory is reused', () => {
      const A = matrix([[1, 2], [3, 4]]);
      A.dispose();
      expectCode(() => A.data, 'DISPOSED');
      expectCode(() => matvec(A, [1, 1]), 'DISPOSED');
      A.dispose(); // idempotent
    });

    it('100,000 calls of varying sizes leave WebAssembly memory unchanged after warm-up', () => {
      const r = rng(1);
      const run = (calls: number) => {
        for (let c = 0; c < calls; c++) {
          const n = 1 + ((c * 7919) % 64);
          const a = randomArray(n, r);
          if (c % 3 === 0) dot(a, a);
          else if (c % 3 === 1) matvec({ rows: 1, cols: n, data: a }, a);
          else {
            const v = vector(a);
            dot(v, a);
            v.dispose();
          }
          if (c % 1000 === 0) solve([[2, 1], [1, 2]], [1, 1]);
        }
      };
      run(2000);
      const before = memoryBytes();
      run(100_000);
      expect(memoryBytes()).toBe(before);
    });
  });
}

describe('backends agree', () => {
  it('matvec and solve give the same results on simd, scalar and js within n·ε·‖·‖', async () => {
    const n = 37;
    const r = rng(3);
    const a = randomSpd(n, r);
    const x = randomArray(n, r);
    const results: Float64Array[] = [];
    const sols: Float64Array[] = [];
    for (const name of BACKENDS) {
      await setBackend(name);
      results.push(matvec({ rows: n, cols: n, data: a }, x));
      sols.push(solve({ rows: n, cols: n, data: a }, x));
    }
    // scalar and js run the same instructions: bit-identical
    expect(Array.from(results[2]!)).toEqual(Array.from(results[1]!));
    expect(Array.from(sols[2]!)).toEqual(Array.from(sols[1]!));
    const scale = maxAbs(a) * maxAbs(x) * n;
    for (let i = 0; i < n; i++) expect(Math.abs(results[0]![i]! - results[1]![i]!)).toBeLessThanOrEqual(2 * n * EPS * scale);
  });

  it('a matrix made on one backend still works after switching', async () => {
    await setBackend('simd');
    const A = matrix([[1, 2], [3, 4]]);
    await setBackend('js');
    expect(Array.from(matvec(A, [1, 1]))).toEqual([3, 7]);
    await setBackend('simd');
    expect(Array.from(matvec(A, [1, 1]))).toEqual([3, 7]);
    A.dispose();
  });
});

describe('outputs that are views of linear memory', () => {
  it('matvec and quadratic gradients still land in `out` when staging the inputs grows memory', async () => {
    const { quadratic } = await import('../src/index.js');
    await setBackend('simd');
    const big = 300_000; // copying this in needs more memory than is free: memory.grow detaches views
    const v = vector(1);
    const out = v.data;
    const got = matvec({ rows: 1, cols: big, data: new Float64Array(big).fill(1) }, new Float64Array(big).fill(2), out);
    expect(got[0]).toBe(2 * big);
    expect(v.data[0]).toBe(2 * big); // written in place, returned as a live view
    const n = 400;
    const H = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : 0)));
    const q = quadratic({ H, g: new Float64Array(n).fill(-1) });
    const g = vector(n);
    const res = q.gradient(new Float64Array(n).fill(1), g.data);
    expect(res[0]).toBe(1);
    expect(g.data[n - 1]).toBe(1);
    // and when out aliases x, the gradient is still Hx + g
    const xv = vector(new Float64Array(n).fill(3));
    q.gradient(xv.data, xv.data);
    expect(xv.data[0]).toBe(5);
    v.dispose(); g.dispose(); xv.dispose();
  });
});
