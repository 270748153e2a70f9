// Fuzz targets for the symmetric eigen-solvers: eigSym on hostile and on valid symmetric matrices
// (every scale from subnormal to 1e300, sizes 0…257, plain, {rows, cols, data} or resident), and
// eigSym2x2Batch with mismatched lengths, bad `out` and non-finite entries.
import { expect } from 'vitest';
import fc from 'fast-check';
import type * as Optima from '../../src/index.js';
import { accuracyRatios } from '../helpers/eigen.js';
import { matrixLike, nastyNumber, size, vectorOf } from './arbitraries.js';
import { anyBadVector, anyNonFinite, awkwardFinite, symmetricData } from './inspect.js';
import type { Target } from './targets.js';

type Api = typeof Optima;
const EPS = Number.EPSILON;

/** x·2^e without the power over- or underflowing (|e| up to ~2100). */
function ldexp(x: number, e: number): number {
  const h = Math.trunc(e / 2);
  return x * 2 ** h * 2 ** (e - h);
}

/** A symmetric matrix in one of the accepted forms; 'resident' is built (and freed) inside the call. */
const symmetricInput = symmetricData.chain(({ n, data }) =>
  fc.constantFrom<unknown>(
    { rows: n, cols: n, data },
    Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * n, i * n + n))),
    { resident: data, n },
  ),
);
const eigOptions = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.record({ vectors: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ vectors: nastyNumber }) },
  { weight: 1, arbitrary: fc.record({ vectors: fc.boolean(), maxSweeps: fc.oneof(fc.integer({ min: -1, max: 40 }), nastyNumber) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'vectors', true, 3, []) },
);

function callEig(o: Api, A: unknown, opts: unknown): unknown {
  if (A && typeof A === 'object' && 'resident' in A) {
    const { resident, n } = A as { resident: Float64Array; n: number };
    const m = o.matrix(resident, n, n);
    try {
      return o.eigSym(m, opts as never);
    } finally {
      m.dispose();
    }
  }
  return o.eigSym(A as Optima.Matrix, opts as never);
}

/** The matrix behind any of the accepted forms, or undefined for junk. */
function dataOf(A: unknown): { n: number; data: Float64Array } | undefined {
  if (A && typeof A === 'object' && 'resident' in A) {
    const r = A as unknown as { n: number; resident: Float64Array };
    return { n: r.n, data: r.resident };
  }
  if (Array.isArray(A)) return { n: A.length, data: Float64Array.from(A.flat() as number[]) };
  const m = A as { rows: number; data: Float64Array };
  return { n: m.rows, data: m.data };
}

function checkEig(r: unknown, [A, opts]: unknown[]): void {
  const { values, vectors } = r as Optima.EigSymResult;
  const { n, data } = dataOf(A)!;
  expect(values).toBeInstanceOf(Float64Array);
  expect(values.length).toBe(n);
  let amax = 0;
  for (const v of data) amax = Math.max(amax, Math.abs(v));
  for (let i = 0; i < n; i++) {
    expect(Number.isNaN(values[i])).toBe(false);
    if (i > 0) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    // |λ| ≤ n·max|aᵢⱼ|: finite unless that bound itself overflows
    if (n * amax < 1e307) expect(Math.abs(values[i]!)).toBeLessThanOrEqual(n * amax * (1 + 4 * n * EPS));
  }
  const wantVectors = (opts as { vectors?: unknown } | undefined)?.vectors === true;
  expect(vectors !== undefined).toBe(wantVectors);
  if (!vectors || n === 0 || amax === 0 || n > 64 || n * amax >= 1e307) return;
  expect([vectors.rows, vectors.cols, vectors.data.length]).toEqual([n, n, n * n]);
  // Accuracy on A scaled exactly by a power of two to max|aᵢⱼ| ∈ [1, 2): LAPACK xSYT21 ratios.
  const e = -Math.floor(Math.log2(amax));
  const a = data.map((v) => ldexp(v, e)), lam = values.map((v) => ldexp(v, e));
  // A returned eigenvalue is rounded to the grid of its own magnitude: below 2^-1022 that grid
  // (2^-1074) is coarser than ε‖A‖, so for subnormal input the values carry up to half a
  // subnormal spacing of representation error that no algorithm can avoid. Check the vectors
  // with their Rayleigh quotients ρᵢ = vᵢᵀAvᵢ, and each value against ρᵢ within LAPACK's bound
  // plus that spacing (found by fuzzing [[1.63e-322, 5e-324], [5e-324, 0]]).
  const V = vectors.data, rho = new Float64Array(n);
  let aF = 0;
  for (const v of a) aF += v * v;
  aF = Math.sqrt(aF);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let r = 0; r < n; r++) {
      let t = 0;
      for (let c = 0; c < n; c++) t += a[r * n + c]! * V[c * n + j]!;
      s += V[r * n + j]! * t;
    }
    rho[j] = s;
  }
  const spacing = ldexp(1, e - 1074);
  for (let j = 0; j < n; j++) expect(Math.abs(lam[j]! - rho[j]!)).toBeLessThanOrEqual(10 * n * EPS * aF + spacing);
  const { residual, orthogonality } = accuracyRatios(a, n, rho, V);
  expect(residual).toBeLessThan(10);
  expect(orthogonality).toBeLessThan(10);
}

/** a, b or c: a hostile vector, a clean one, or a resident Vector (built inside the call). */
const batchVector = (n: number) => fc.oneof(
  { weight: 3, arbitrary: fc.array(awkwardFinite, { minLength: n, maxLength: n }).map((v) => Float64Array.from(v)) },
  { weight: 1, arbitrary: vectorOf(fc.constant(n)) },
  { weight: 1, arbitrary: fc.array(awkwardFinite, { minLength: n, maxLength: n }).map((v) => ({ residentVector: v })) },
);
const batchOut = (n: number) => fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: n, max: n + 1 }), fc.integer({ min: Math.max(0, n - 1), max: n })).map(([l, h]) => ({ lo: new Float64Array(l), hi: new Float64Array(h) })) },
  { weight: 1, arbitrary: fc.constant({ residentOut: n }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 7, {}, { lo: [0], hi: [0] }, { lo: new Float32Array(n), hi: new Float64Array(n) }) },
);
const batchArgs = fc.tuple(size, fc.integer({ min: 0, max: 6 })).chain(([n, skew]) => {
  // lengths usually agree; sometimes one of them is off by one
  const len = (k: number) => (skew === k ? n + 1 : n);
  return fc.tuple(batchVector(len(1)), batchVector(len(2)), batchVector(len(3)), batchOut(n));
});

export const eigenTargets: Target[] = [
  {
    name: 'eigSym',
    args: fc.tuple(fc.oneof({ weight: 2, arbitrary: symmetricInput }, { weight: 1, arbitrary: matrixLike }), eigOptions),
    call: (o, [A, opts]) => callEig(o, A, opts),
    allowedCodes: ([A, opts]) => {
      const sweeps = (opts as { maxSweeps?: unknown } | null)?.maxSweeps;
      const m = A as { rows?: unknown; n?: unknown; length?: unknown } | null | undefined;
      const n = m?.n ?? m?.rows ?? m?.length;
      return ['DIMENSION_MISMATCH', 'NOT_SYMMETRIC', 'INVALID_OPTION', ...(anyNonFinite(A) ? ['NOT_FINITE'] : []),
        // only a budget below LAPACK's 30 sweeps per eigenvalue (the default) may run out
        ...(typeof sweeps === 'number' && sweeps < 30 * Number(n) ? ['NOT_CONVERGED'] : [])];
    },
    wellFormed: checkEig,
    knownGood: (o) => {
      expect(Array.from(o.eigSym([[2, 0, 0], [0, -1, 0], [0, 0, 5]]).values)).toEqual([-1, 2, 5]);
      expect(Array.from(o.eigSym([[2, 0], [0, -2]]).values)).toEqual([-2, 2]);
    },
  },
  {
    name: 'eigSym2x2Batch',
    args: batchArgs,
    call: (o, [a, b, c, out]) => {
      const made: Array<{ dispose(): void }> = [];
      const live = (v: unknown) => {
        if (v && typeof v === 'object' && 'residentVector' in v) {
          const r = o.vector((v as { residentVector: number[] }).residentVector);
          made.push(r);
          return r;
        }
        return v;
      };
      let o2 = out;
      if (out && typeof out === 'object' && 'residentOut' in out) {
        const [lo, hi] = [o.vector((out as { residentOut: number }).residentOut), o.vector((out as { residentOut: number }).residentOut)];
        made.push(lo, hi);
        o2 = { lo: lo.data, hi: hi.data };
      }
      try {
        const r = o.eigSym2x2Batch(live(a) as never, live(b) as never, live(c) as never, o2 as never);
        return { lo: r.lo.slice(), hi: r.hi.slice() }; // copy out before the resident vectors go
      } finally {
        for (const m of made) m.dispose();
      }
    },
    allowedCodes: (args) => ['DIMENSION_MISMATCH', ...(anyBadVector(...args.slice(0, 3).map((v) => (v && typeof v === 'object' && 'residentVector' in v ? (v as { residentVector: unknown }).residentVector : v))) ? ['NOT_FINITE'] : [])],
    wellFormed: (r, args) => {
      const { lo, hi } = r as { lo: Float64Array; hi: Float64Array };
      const [a, b, c] = args.slice(0, 3).map((v) => Array.from(((v as { residentVector?: number[] }).residentVector ?? v) as ArrayLike<number>));
      const n = a!.length;
      expect([lo.length, hi.length]).toEqual([n, n]);
      for (let i = 0; i < n; i++) {
        expect(Number.isNaN(lo[i]) || Number.isNaN(hi[i])).toBe(false);
        // Cauchy interlacing: lo ≤ min(a, c) ≤ max(a, c) ≤ hi, up to rounding
        const ai = a![i]!, ci = c![i]!, tol = 4 * EPS * (Math.abs(ai) + Math.abs(b![i]!) + Math.abs(ci));
        expect(lo[i]!).toBeLessThanOrEqual(Math.min(ai, ci) + tol);
        expect(hi[i]!).toBeGreaterThanOrEqual(Math.max(ai, ci) - tol);
      }
    },
    knownGood: (o) => {
      const r = o.eigSym2x2Batch([2, 1, 3], [0, 0, 4], [-2, 1, 3]);
      expect([Array.from(r.lo), Array.from(r.hi)]).toEqual([[-2, 1, -1], [2, 1, 7]]);
    },
  },
];
