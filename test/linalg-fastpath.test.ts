// The resident fast paths of dot and matvec (no staging, one kernel call), the 4-row gemv and
// the 2×2-blocked Cholesky, on every backend, against naive references.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OptimaError, backend, dot, matrix, matvec, setBackend, solve, vector, type BackendName } from '../src/index.js';
import { heap, rt } from '../src/runtime/runtime.js';
import { EPS, absDot, naiveDot, naiveMatvec, norm2, randomArray, randomSpd, rng } from './helpers/reference.js';

const BACKENDS: BackendName[] = ['simd', 'scalar', 'js'];
const initial = backend;
afterAll(() => setBackend(initial));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof OptimaError ? `${e.code}: ${e.message}` : `other: ${String(e)}`;
  }
  return undefined;
}

for (const name of BACKENDS) {
  describe(`resident fast paths on the ${name} backend`, () => {
    it('matvec with resident A, x and out matches a naive reference (shapes 1..300)', async () => {
      await setBackend(name);
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), fc.integer(), (m, n, seed) => {
          const r = rng(seed);
          const data = randomArray(m * n, r);
          const xs = randomArray(n, r);
          const A = matrix(data, m, n), x = vector(xs), out = vector(m);
          const o = out.data;
          expect(matvec(A, x, o)).toBe(o);
          const want = naiveMatvec(data, m, n, xs);
          for (let i = 0; i < m; i++) {
            const rowAbs = absDot(data.subarray(i * n, (i + 1) * n), xs);
            expect(Math.abs(out.data[i]! - want[i]!)).toBeLessThanOrEqual(2 * n * EPS * rowAbs);
          }
          // a resident Vector as out: its live view comes back with the same bits
          const got = matvec(A, x, out);
          expect(got.buffer).toBe(out.data.buffer);
          expect(got.byteOffset).toBe(out.data.byteOffset);
          expect(Array.from(got)).toEqual(Array.from(o));
          // the staged path runs the same kernel: identical bits
          expect(Array.from(matvec({ rows: m, cols: n, data }, xs))).toEqual(Array.from(out.data));
          A.dispose(); x.dispose(); out.dispose();
        }),
        { numRuns: 30 },
      );
    });

    it('dot of two resident vectors matches a naive reference', async () => {
      await setBackend(name);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 400 }), fc.integer(), (n, seed) => {
          const r = rng(seed);
          const a = randomArray(n, r), b = randomArray(n, r);
          const va = vector(a), vb = vector(b);
          expect(Math.abs(dot(va, vb) - naiveDot(a, b))).toBeLessThanOrEqual(2 * n * EPS * absDot(a, b));
          va.dispose(); vb.dispose();
        }),
        { numRuns: 40 },
      );
    });

    it('the fast paths still report NaN/Infinity by index, and lengths', async () => {
      await setBackend(name);
      const A = matrix([[1, 2, 3], [4, 5, 6]]);
      const x = vector([1, 1, 1]);
      const out = vector(2);
      A.data[4] = NaN;
      expect(codeOf(() => matvec(A, x, out.data))).toMatch(/^NOT_FINITE: A\[1\]\[1\]/);
      A.data[4] = 5;
      x.data[2] = Infinity;
      expect(codeOf(() => matvec(A, x, out.data))).toMatch(/^NOT_FINITE: x\[2\]/);
      expect(codeOf(() => dot(x, vector([1, 2, 3])))).toMatch(/^NOT_FINITE: a\[2\]/);
      x.data[2] = 1;
      expect(codeOf(() => matvec(A, vector(2), out.data))).toMatch(/^DIMENSION_MISMATCH/);
      expect(codeOf(() => matvec(A, x, vector(3).data))).toMatch(/^DIMENSION_MISMATCH/);
      expect(codeOf(() => matvec(A, x, vector(3)))).toMatch(/^DIMENSION_MISMATCH/);
      expect(codeOf(() => matvec(A, A as never, out))).toMatch(/^DIMENSION_MISMATCH/);
      expect(codeOf(() => dot(A as never, A as never))).toMatch(/^DIMENSION_MISMATCH/);
      const gone = vector(2);
      gone.dispose();
      expect(codeOf(() => matvec(A, x, gone))).toMatch(/^DISPOSED/);
      expect(codeOf(() => dot(x, vector(2)))).toMatch(/^DIMENSION_MISMATCH/);
      // overflow is a result, not bad input
      const big = matrix([[1e308, 1e308]]);
      expect(matvec(big, vector([10, 10]), vector(1).data)[0]).toBe(Infinity);
      x.dispose();
      expect(codeOf(() => matvec(A, x, out.data))).toMatch(/^DISPOSED/);
      A.dispose(); out.dispose(); big.dispose();
    });

    it('out aliasing x (both resident) gives the right product', async () => {
      await setBackend(name);
      const A = matrix([[0, 1], [1, 0]]);
      const x = vector([3, 7]);
      const got = matvec(A, x, x.data);
      expect(Array.from(got)).toEqual([7, 3]);
      expect(Array.from(matvec(A, x, x))).toEqual([3, 7]); // a Vector out aliasing x, too
      A.dispose(); x.dispose();
    });

    it('a resident view stays valid after memory growth', async () => {
      await setBackend(name);
      const v = vector([1, 2, 3]);
      const before = v.data;
      const big = vector(1 << 21); // 16 MiB: grows linear memory
      expect(Array.from(v.data)).toEqual([1, 2, 3]);
      expect(v.data.length).toBe(3);
      if (name !== 'js') expect(before.length).toBe(0); // the old view was detached
      big.dispose(); v.dispose();
    });

    it('asymmetry kernel equals a naive max |A[i][j] − A[j][i]| (sizes 1..41, NaN propagates)', async () => {
      await setBackend(name);
      const r = rng(5);
      for (let n = 1; n <= 41; n++) {
        const a = randomSpd(n, r);
        const M = matrix(a, n, n);
        expect(rt.k.asymmetry(M.ptr, n)).toBe(0);
        const i = Math.floor(((r() + 1) / 2) * n) % n, j = Math.floor(((r() + 1) / 2) * n) % n;
        const h = heap();
        h[(M.ptr >>> 3) + i * n + j] += 0.25;
        let want = 0;
        for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) want = Math.max(want, Math.abs(h[(M.ptr >>> 3) + p * n + q]! - h[(M.ptr >>> 3) + q * n + p]!));
        expect(rt.k.asymmetry(M.ptr, n)).toBe(want);
        if (n > 1) {
          h[(M.ptr >>> 3) + (n - 1) * n] = NaN; // bottom-left corner: the last column walk
          expect(rt.k.asymmetry(M.ptr, n)).toBeNaN();
        }
        M.dispose();
      }
    });

    it('symv (upper triangle, four rows at a time) matches a naive product: every tail, n up to 333', async () => {
      await setBackend(name);
      const r = rng(17);
      for (const n of [...Array.from({ length: 13 }, (_, i) => i + 1), 31, 64, 319, 320, 321, 322, 323, 333]) {
        // symmetric by construction; the lower triangle is what symv must not read, so it holds NaN
        // (the diagonal 4×4 blocks are read whole and stay symmetric)
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = i; j < n; j++) { const v = r(); a[i * n + j] = v; a[j * n + i] = v; }
        const xs = randomArray(n, r), y0 = randomArray(n, r);
        const M = matrix(a, n, n), x = vector(xs), y = vector(y0), w = vector(n);
        const h = heap(), base = M.ptr >>> 3;
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if ((i >> 2) !== (j >> 2)) h[base + i * n + j] = NaN;
        rt.k.symv(n, 0.5, M.ptr, x.ptr, -2, y.ptr, w.ptr);
        const want = naiveMatvec(a, n, n, xs);
        const got = y.data;
        for (let i = 0; i < n; i++) {
          const bound = 2 * n * EPS * (0.5 * absDot(a.subarray(i * n, (i + 1) * n), xs) + 2 * Math.abs(y0[i]!));
          expect(Math.abs(got[i]! - (0.5 * want[i]! - 2 * y0[i]!)), `n=${n} i=${i}`).toBeLessThanOrEqual(bound);
        }
        M.dispose(); x.dispose(); y.dispose(); w.dispose();
      }
    });

    it('blocked Cholesky: SPD solves of every size 1..40 meet the residual bound', async () => {
      await setBackend(name);
      const r = rng(11);
      for (let n = 1; n <= 40; n++) {
        const a = randomSpd(n, r);
        const b = randomArray(n, r);
        const x = solve({ rows: n, cols: n, data: a }, b);
        const res = norm2(naiveMatvec(a, n, n, x).map((v, i) => v - b[i]!));
        const normA = Math.sqrt(a.reduce((s, v) => s + v * v, 0));
        expect(res).toBeLessThanOrEqual(10 * n * EPS * normA * norm2(x));
      }
    });

    it('blocked Cholesky: a breakdown at an even or odd pivot falls back to LU', async () => {
      await setBackend(name);
      // symmetric, positive diagonal, indefinite: the Schur complement goes negative at pivot k
      for (const k of [1, 2, 3, 4]) {
        const n = 6;
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) a[i * n + i] = 2;
        a[(k - 1) * n + k] = 3;
        a[k * n + k - 1] = 3;
        const b = randomArray(n, rng(k));
        const x = solve({ rows: n, cols: n, data: a }, b);
        const res = norm2(naiveMatvec(a, n, n, x).map((v, i) => v - b[i]!));
        expect(res).toBeLessThanOrEqual(100 * n * EPS * norm2(x) * 5);
      }
    });
  });
}
