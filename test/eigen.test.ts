import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OptimaError, backend, eigSym, eigSym2x2Batch, matrix, memoryBytes, setBackend, vector, type BackendName,
} from '../src/index.js';
import { EPS, randomArray, rng } from './helpers/reference.js';
import {
  accuracyRatios, eig2x2Reference, frobeniusNorm, gluedWilkinson, randomOrthogonal, randomSymmetric, toeplitz, tridiagonal, withSpectrum,
} from './helpers/eigen.js';
import { expectCode } from './helpers/errors.js';

const BACKENDS: BackendName[] = ['simd', 'scalar', 'js'];
const initial = backend;
afterAll(() => setBackend(initial));

const sym = (n: number, data: Float64Array) => ({ rows: n, cols: n, data });

/**
 * Eigen-decomposes A and asserts the LAPACK ratios stay below 10; checks the values-only path
 * (root-free QL) against the values that came with vectors. Returns both, values-only second.
 */
function checkDecomposition(a: Float64Array, n: number): [Float64Array, Float64Array] {
  const { values, vectors } = eigSym(sym(n, a), { vectors: true });
  expect(values.length).toBe(n);
  expect(vectors!.rows).toBe(n);
  expect(vectors!.cols).toBe(n);
  for (let i = 1; i < n; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
  const { residual, orthogonality } = accuracyRatios(a, n, values, vectors!.data);
  expect(residual).toBeLessThan(10);
  expect(orthogonality).toBeLessThan(10);
  const only = eigSym(sym(n, a)).values;
  expectValues(only, values, n, frobeniusNorm(a));
  return [values, only];
}

/** max |got − want| ≤ c·n·ε·‖A‖_F */
function expectValues(got: Float64Array, want: ArrayLike<number>, n: number, normA: number, c = 4): void {
  expect(got.length).toBe(want.length);
  let err = 0;
  for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(got[i]! - want[i]!));
  expect(err).toBeLessThanOrEqual(c * Math.max(n, 1) * EPS * normA);
}

const SIZES = [1, 2, 3, 4, 5, 7, 8, 16, 17, 33, 64, 100, 200];

for (const name of BACKENDS) {
  describe(`eigSym on the ${name} backend`, () => {
    beforeAll(async () => {
      await setBackend(name);
      expect(backend).toBe(name);
    });

    it(`random symmetric n = ${SIZES.join(', ')}: ‖AV−VΛ‖/(nε‖A‖) < 10 and ‖VᵀV−I‖/(nε) < 10`, () => {
      for (const n of SIZES) checkDecomposition(randomSymmetric(n, rng(1000 + n)), n);
    });

    it('tridiagonal Toeplitz (−1, 2, −1): eigenvalues 2 − 2cos(kπ/(n+1))', () => {
      for (const n of [3, 10, 50, 128]) {
        const { a, values } = toeplitz(n);
        for (const got of checkDecomposition(a, n)) expectValues(got, values, n, frobeniusNorm(a));
      }
    });

    it('diagonal matrices: the sorted diagonal exactly, vectors a signed permutation', () => {
      const r = rng(5);
      for (const n of [3, 9, 40]) {
        const diag = randomArray(n, r, 100);
        const a = new Float64Array(n * n);
        diag.forEach((v, i) => (a[i * n + i] = v));
        for (const values of checkDecomposition(a, n)) {
          expect(Array.from(values)).toEqual(Array.from(diag).sort((x, y) => x - y));
        }
        const V = eigSym(sym(n, a), { vectors: true }).vectors!.data;
        for (const x of V) expect([0, 1]).toContain(Math.abs(x));
      }
    });

    it('rank one u·uᵀ: n − 1 zeros and ‖u‖²', () => {
      const r = rng(11);
      for (const n of [3, 8, 60]) {
        const u = randomArray(n, r);
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = u[i]! * u[j]!;
        const want = new Float64Array(n);
        want[n - 1] = u.reduce((s, x) => s + x * x, 0);
        for (const got of checkDecomposition(a, n)) expectValues(got, want, n, frobeniusNorm(a));
      }
    });

    it('the zero matrix: zeros and the identity', () => {
      for (const n of [1, 2, 3, 6]) {
        const { values, vectors } = eigSym(sym(n, new Float64Array(n * n)), { vectors: true });
        expect(Array.from(values)).toEqual(new Array(n).fill(0));
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(vectors!.data[i * n + j]).toBe(i === j ? 1 : 0);
      }
      expect(eigSym([]).values.length).toBe(0);
    });

    it('entries scaled by 1e±150 and 1e±300: same spectrum scaled, no overflow or underflow', () => {
      for (const n of [2, 3, 12, 40]) {
        const a = randomSymmetric(n, rng(77 + n));
        const ref = eigSym(sym(n, a)).values;
        const normA = frobeniusNorm(a);
        for (const s of [1e150, 1e-150, 1e300, 1e-300]) {
          const scaled = a.map((x) => x * s);
          const { values, vectors } = eigSym(sym(n, scaled), { vectors: true });
          expectValues(values.map((x) => x / s), ref, n, normA);
          const { residual, orthogonality } = accuracyRatios(a, n, values.map((x) => x / s), vectors!.data);
          expect(residual).toBeLessThan(10);
          expect(orthogonality).toBeLessThan(10);
        }
        // past 2^±1000 the power-of-two scaling takes two steps; 2^−1040 makes the entries
        // subnormal (rounded), so the reference is the rounded matrix scaled back exactly
        for (const s of [2 ** 1020, 2 ** -1040]) {
          const scaled = a.map((x) => x * s);
          const back = scaled.map((x) => x / s);
          const want = eigSym(sym(n, back)).values;
          const got = eigSym(sym(n, scaled)).values.map((x) => x / s);
          // subnormal results are rounded to multiples of 2^−1074, i.e. 2^−1074/s after scaling back
          const rounding = s < 1 ? 2 ** -1074 / s : 0;
          for (let i = 0; i < n; i++) {
            expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(4 * n * EPS * frobeniusNorm(back) + rounding);
          }
        }
      }
    });

    it('entries 1e320 times smaller than max|A| (subnormal after scaling) keep V orthogonal', () => {
      // Found by fuzzing: row 0 holds 1e-20 and 1.65e-24 next to a ±1e300 block; scaled to
      // max|aᵢⱼ| ≈ 1 they are subnormal, and a Householder reflector built from them unscaled
      // was far from orthogonal (‖AV − VΛ‖ ≈ 1e4·nε‖A‖, eigenvalues ±1.0000000000000017e300).
      const n = 6;
      const a = new Float64Array(n * n);
      const set = (i: number, j: number, v: number) => { a[i * n + j] = a[j * n + i] = v; };
      set(0, 1, 1e-20); set(0, 2, 1.6543612251060557e-24); set(2, 5, -1e300);
      const { values, vectors } = eigSym(sym(n, a), { vectors: true });
      expect(Math.abs(values[0]! + 1e300)).toBeLessThanOrEqual(4 * EPS * 1e300);
      expect(Math.abs(values[5]! - 1e300)).toBeLessThanOrEqual(4 * EPS * 1e300);
      const s = 2 ** -996; // max|aᵢⱼ| to [1, 2), exactly
      const { residual, orthogonality } = accuracyRatios(a.map((x) => x * s), n, values.map((x) => x * s), vectors!.data);
      expect(residual).toBeLessThan(10);
      expect(orthogonality).toBeLessThan(10);
    });

    it('an off-diagonal below 2e-292 after scaling deflates instead of overflowing the shift to NaN', () => {
      // Found by fuzzing: QL's shift (d₁ − d₀)/2e₀ overflowed for e₀ = 1e-20·2^-996, giving NaN.
      for (const big of [1e300, 1e300 * 2 ** -40]) {
        const a = Float64Array.of(0, 1e-20, 0, 1e-20, big, 0, 0, 0, -0);
        const { values, vectors } = eigSym(sym(3, a), { vectors: true });
        expect(Array.from(values)).toEqual([0, 0, big]);
        const { residual, orthogonality } = accuracyRatios(a.map((x) => x / big), 3, values.map((x) => x / big), vectors!.data);
        expect(residual).toBeLessThan(10);
        expect(orthogonality).toBeLessThan(10);
      }
    });

    it("a shift equal to the block's last diagonal entry (root-free QL's c = 0 branch)", () => {
      // T = tridiag(d = [0, 0, −1], e = [1, ½]): the shift from the leading 2×2 is −1 = d₂, so the
      // sweep starts with γ = 0, p = 0, and p must come from dsterf's oldc·bb (the roots of the
      // characteristic polynomial −λ³ − λ² + (5/4)λ + 1 checked through the vectors' residual).
      const a = Float64Array.of(0, 1, 0, 1, 0, 0.5, 0, 0.5, -1);
      const [withVectors, only] = checkDecomposition(a, 3);
      for (const v of [withVectors, only]) for (const x of v) expect(Math.abs(-(x ** 3) - x * x + 1.25 * x + 1)).toBeLessThan(16 * EPS * 4);
    });

    it('entries spread over 1e−317 … 1e−14 (found by fuzzing): root-free QL keeps p from underflowing', () => {
      // After scaling, e² reaches 1e−258 and p ≈ 1e−300: a chain written with rr·p underflowed
      // there and returned ±1.5e46 for eigenvalues of size 6e−15.
      const a = Float64Array.from([0, 0, 0, -2.027413673688381e-143, 4.861053e-317, 0, 1e-20, 0, 1.5087237470598186e-98, 0, 0, 0, 0, 0, 0,
        -2.027413673688381e-143, 1.5087237470598186e-98, 0, 0, 5.88999960906814e-15, 4.861053e-317, 0, 0, 5.88999960906814e-15, 0]);
      const [withVectors, only] = checkDecomposition(a, 5);
      expectValues(only, [-5.88999960906814e-15, 0, 0, 1e-20, 5.88999960906814e-15], 5, frobeniusNorm(a));
      expectValues(withVectors, [-5.88999960906814e-15, 0, 0, 1e-20, 5.88999960906814e-15], 5, frobeniusNorm(a));
    });

    it('tight clusters (1 + k·1e−12) and repeated eigenvalues converge to full accuracy', () => {
      const r = rng(21);
      for (const n of [6, 30, 90]) {
        const q = randomOrthogonal(n, r);
        const cluster = Array.from({ length: n }, (_, k) => 1 + k * 1e-12);
        const repeated = Array.from({ length: n }, (_, k) => [-1, 2, 2, 2, 5][k % 5]!).sort((x, y) => x - y);
        for (const spectrum of [cluster, repeated]) {
          const a = withSpectrum(spectrum, q);
          // the spectrum is exact only up to the rounding made forming QΛQᵀ: c·n·ε·‖A‖ covers both
          for (const got of checkDecomposition(a, n)) expectValues(got, spectrum, n, frobeniusNorm(a), 8);
        }
      }
    });

    it('already tridiagonal, partly reduced and graded matrices', () => {
      const r = rng(31);
      const n = 50;
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        a[i * n + i] = 2 * r() - 1;
        if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = 2 * r() - 1;
      }
      checkDecomposition(a, n);
      const g = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) g[i * n + j] = (r() - 0.5) * 10 ** -(i + j) * 0.5;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) g[j * n + i] = g[i * n + j]!;
      checkDecomposition(g, n);
      // partly reduced: rows 0 (then 0 and 1) have nothing beyond the superdiagonal, so the first
      // reflectors are the identity and the next is not (the product runs without an update)
      for (const rows of [[0], [0, 1]]) {
        const p = randomSymmetric(n, r);
        for (const k of rows) for (let j = k + 2; j < n; j++) p[k * n + j] = p[j * n + k] = 0;
        checkDecomposition(p, n);
      }
    });

    // With vectors from n = 32 on, eigSym runs divide and conquer (src/linalg/eigen.ts): these
    // spectra make its deflation (tiny components of z, nearly equal poles) and secular
    // equation (poles closer than ε·‖T‖) do the hard cases, at leaf sizes and merge seams.
    it('divide and conquer: Wilkinson W⁺, glued Wilkinson, I + uuᵀ, splits and seams', () => {
      const r = rng(41);
      // W⁺₂₁ … W⁺₁₀₁: eigenvalue pairs equal to 1e-15 and beyond
      for (const m of [10, 25, 50]) checkDecomposition(gluedWilkinson(m, 1, 0), 2 * m + 1);
      // glued W⁺₂₁: clusters of 7 nearly equal eigenvalues, glue 1e-14 (below ε·‖T‖) and 1e-9
      for (const glue of [1e-14, 1e-9]) checkDecomposition(gluedWilkinson(10, 7, glue), 147);
      // I + uuᵀ: 1 with multiplicity n − 1 (deflates all but one root) and 1 + ‖u‖²
      for (const n of [40, 150]) {
        const u = Array.from({ length: n }, () => 2 * r() - 1);
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? 1 : 0) + u[i]! * u[j]!;
        const uu = u.reduce((s, x) => s + x * x, 0);
        const want = Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 + uu : 1));
        for (const got of checkDecomposition(a, n)) expectValues(got, want, n, frobeniusNorm(a), 8);
      }
      // tridiagonal with exact zeros in e (the problem splits) next to tiny and ordinary couplings
      for (const n of [33, 64, 97]) {
        const d = Array.from({ length: n }, () => 2 * r() - 1);
        const e = Array.from({ length: n - 1 }, (_, i) => (i % 13 === 5 ? 0 : i % 13 === 9 ? 1e-300 : 2 * r() - 1));
        checkDecomposition(tridiagonal(d, e), n);
      }
      // orders at leaf and merge boundaries, and a Toeplitz spectrum well past several merges
      for (const n of [31, 32, 47, 48, 63, 65, 129]) checkDecomposition(randomSymmetric(n, r), n);
      const { a, values } = toeplitz(257);
      for (const got of checkDecomposition(a, 257)) expectValues(got, values, 257, frobeniusNorm(a));
    });

    it('n = 2 uses the closed form: exact saddle [[2,0],[0,−2]] and orthonormal rotations', () => {
      expect(Array.from(eigSym([[2, 0], [0, -2]]).values)).toEqual([-2, 2]);
      expect(Array.from(eigSym([[-2, 0], [0, 2]]).values)).toEqual([-2, 2]);
      const r = rng(41);
      for (let t = 0; t < 200; t++) {
        const s = 10 ** Math.round(600 * r() - 300);
        const a = (2 * r() - 1) * s, c = (2 * r() - 1) * s;
        const b = t % 4 === 0 ? 0 : (2 * r() - 1) * s * 10 ** -Math.round(20 * r());
        const { values, vectors } = eigSym([[a, b], [b, c]], { vectors: true });
        const [lo, hi] = eig2x2Reference(a, b, c);
        const m = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
        expect(Math.abs(values[0]! - lo)).toBeLessThanOrEqual(4 * EPS * m);
        expect(Math.abs(values[1]! - hi)).toBeLessThanOrEqual(4 * EPS * m);
        const [v00, v01, v10, v11] = vectors!.data as unknown as number[];
        expect(Math.abs(v00! * v00! + v10! * v10! - 1)).toBeLessThanOrEqual(2 * EPS);
        expect(Math.abs(v01! * v01! + v11! * v11! - 1)).toBeLessThanOrEqual(2 * EPS);
        expect(Math.abs(v00! * v01! + v10! * v11!)).toBeLessThanOrEqual(2 * EPS);
        // A·v = λ·v to c·ε·max|A|, in units of the scale
        const k = 1 / m;
        for (const [j, l] of [[0, values[0]!], [1, values[1]!]] as const) {
          const x = vectors!.data[j]!, y = vectors!.data[2 + j]!;
          expect(Math.abs(a * k * x + b * k * y - l * k * x)).toBeLessThanOrEqual(8 * EPS);
          expect(Math.abs(b * k * x + c * k * y - l * k * y)).toBeLessThanOrEqual(8 * EPS);
        }
      }
    });

    it('inputs are not mutated; resident and plain inputs give the same answer', () => {
      const n = 20;
      const a = randomSymmetric(n, rng(51));
      const copy = a.slice();
      const M = matrix(a, n, n);
      const plain = eigSym(sym(n, a), { vectors: true });
      const resident = eigSym(M, { vectors: true });
      expect(Array.from(a)).toEqual(Array.from(copy));
      expect(Array.from(M.data)).toEqual(Array.from(copy));
      expect(Array.from(resident.values)).toEqual(Array.from(plain.values));
      expect(Array.from(resident.vectors!.data)).toEqual(Array.from(plain.vectors!.data));
      const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
      expect(Array.from(eigSym(rows).values)).toEqual(Array.from(eigSym(M).values));
      M.dispose();
    });

    it('errors: DIMENSION_MISMATCH, NOT_FINITE, NOT_SYMMETRIC, INVALID_OPTION, NOT_CONVERGED', () => {
      expectCode(() => eigSym([[1, 2, 3], [4, 5, 6]]), 'DIMENSION_MISMATCH', /square.*2×3/);
      expectCode(() => eigSym([[1, 2], [3]]), 'DIMENSION_MISMATCH', /ragged/);
      expectCode(() => eigSym([[1, NaN], [NaN, 1]]), 'NOT_FINITE', /A\[0\]\[1\]/);
      const M = matrix([[1, 2, 0], [2, 1, 0], [0, 0, 1]]);
      M.data[4] = Infinity;
      expectCode(() => eigSym(M), 'NOT_FINITE', /A\[1\]\[1\].*Infinity/);
      M.dispose();
      expectCode(() => eigSym([[1, 2, 0], [2.001, 1, 0], [0, 0, 1]]), 'NOT_SYMMETRIC', /A\[0\]\[1\] = 2 but A\[1\]\[0\] = 2\.001/);
      expectCode(() => eigSym([[1, 0, 3], [0, 1, 0], [-3, 0, 1]]), 'NOT_SYMMETRIC', /A\[0\]\[2\]/);
      // within 100·ε·max|A| counts as symmetric (the upper triangle is used)
      expect(eigSym([[1, 1 + 4 * EPS], [1, 1]]).values.length).toBe(2);
      expectCode(() => eigSym([[1]], { vectors: 'yes' as unknown as boolean }), 'INVALID_OPTION', /vectors/);
      expectCode(() => eigSym([[1]], 5 as never), 'INVALID_OPTION', /options/);
      expectCode(() => eigSym([[1]], { maxSweeps: -1 }), 'INVALID_OPTION', /maxSweeps/);
      const hard = randomSymmetric(30, rng(3));
      expectCode(() => eigSym(sym(30, hard), { maxSweeps: 3 }), 'NOT_CONVERGED', /3 sweeps/);
      // a failed call leaves nothing behind: the next one is right
      checkDecomposition(hard, 30);
      // divide and conquer (vectors, n ≥ 20): its four QL leaves share one budget. This matrix needs
      // 139 sweeps in all, about 35 per leaf, so 70 would pass as a per-leaf cap but not in total.
      const hard64 = randomSymmetric(64, rng(4));
      expectCode(() => eigSym(sym(64, hard64), { vectors: true, maxSweeps: 70 }), 'NOT_CONVERGED', /70 sweeps/);
      checkDecomposition(hard64, 64);
    });

    it('the one-pass max|A| and symmetry check sees every entry: NaN, ±∞ and asymmetry at each position', () => {
      // amaxAsymmetry walks row pairs, a 2-wide column side and odd tails: plant the bad value in
      // every (i, j) of odd and even orders, on the diagonal and off it, above and below.
      for (const n of [3, 4, 5, 6]) {
        const base = randomSymmetric(n, rng(50 + n));
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          for (const bad of [NaN, Infinity, -Infinity]) {
            const a = base.slice();
            a[i * n + j] = bad;
            expectCode(() => eigSym(sym(n, a)), 'NOT_FINITE', new RegExp(`A\\[${i}\\]\\[${j}\\]`));
          }
          if (i === j) continue;
          const a = base.slice();
          a[i * n + j] += 1e-3;
          expectCode(() => eigSym(sym(n, a)), 'NOT_SYMMETRIC', new RegExp(`A\\[${Math.min(i, j)}\\]\\[${Math.max(i, j)}\\]`));
        }
        // and the scale comes from the largest entry wherever it is: 1e300 anywhere on the diagonal
        for (let i = 0; i < n; i++) {
          const a = base.slice();
          a[i * n + i] = 1e300;
          const v = eigSym(sym(n, a)).values;
          expect(v[n - 1]! / 1e300).toBeCloseTo(1, 12);
        }
      }
    });

    it('repeated calls do not grow WebAssembly memory after warm-up', () => {
      const r = rng(61);
      const mats = [3, 17, 64].map((n) => ({ n, a: randomSymmetric(n, r) }));
      const run = () => {
        for (let t = 0; t < 30; t++) {
          for (const { n, a } of mats) {
            eigSym(sym(n, a), { vectors: t % 2 === 0 });
            const M = matrix(a, n, n);
            eigSym(M);
            M.dispose();
          }
          eigSym2x2Batch(randomArray(101, r), randomArray(101, r), randomArray(101, r));
        }
      };
      run();
      const before = memoryBytes();
      run();
      expect(memoryBytes()).toBe(before);
    });
  });
}
