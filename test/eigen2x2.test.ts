import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptimaError, backend, eigSym, eigSym2x2Batch, memoryBytes, setBackend, vector, type BackendName } from '../src/index.js';
import { EPS, rng } from './helpers/reference.js';
import { eig2x2Reference } from './helpers/eigen.js';
import { expectCode } from './helpers/errors.js';

const BACKENDS: BackendName[] = ['simd', 'scalar', 'js'];
const initial = backend;
afterAll(() => setBackend(initial));

/** Random problems whose entries span the f64 range, with b = 0, tiny b, a = c and mixed scales. */
function problems(count: number, seed: number): { a: Float64Array; b: Float64Array; c: Float64Array } {
  const r = rng(seed);
  const a = new Float64Array(count), b = new Float64Array(count), c = new Float64Array(count);
  const x = (s: number) => (2 * r() - 1) * s;
  for (let i = 0; i < count; i++) {
    const s = 10 ** Math.round(600 * r() - 300);
    const kind = i % 6;
    a[i] = x(s);
    c[i] = kind === 2 ? a[i]! : x(s * 10 ** -Math.round(30 * r()));
    b[i] = kind === 0 ? 0 : kind === 1 ? x(s * 1e-12) : kind === 3 ? x(s * 10 ** -Math.round(300 * r())) : x(s);
  }
  return { a, b, c };
}

for (const name of BACKENDS) {
  describe(`eigSym2x2Batch on the ${name} backend`, () => {
    beforeAll(async () => {
      await setBackend(name);
      expect(backend).toBe(name);
    });

    it('the saddle x² − y² (Hessian [[2,0],[0,−2]]) gives −2 and 2 exactly', () => {
      const { lo, hi } = eigSym2x2Batch([2], [0], [-2]);
      expect(lo[0]).toBe(-2);
      expect(hi[0]).toBe(2);
    });

    it('matches a 64-digit reference to 3·ε·max|entry| (sizes odd and even, entries 1e−300..1e300)', () => {
      for (const count of [1, 2, 7, 600]) {
        const { a, b, c } = problems(count, count);
        const { lo, hi } = eigSym2x2Batch(a, b, c);
        for (let i = 0; i < count; i++) {
          const [rlo, rhi] = eig2x2Reference(a[i]!, b[i]!, c[i]!);
          const m = Math.max(Math.abs(a[i]!), Math.abs(b[i]!), Math.abs(c[i]!));
          expect(lo[i]!).toBeLessThanOrEqual(hi[i]!);
          expect(Math.abs(lo[i]! - rlo)).toBeLessThanOrEqual(3 * EPS * m);
          expect(Math.abs(hi[i]! - rhi)).toBeLessThanOrEqual(3 * EPS * m);
          // the larger-magnitude eigenvalue is relatively accurate too
          const [big, ref] = Math.abs(rhi) >= Math.abs(rlo) ? [hi[i]!, rhi] : [lo[i]!, rlo];
          expect(Math.abs(big - ref)).toBeLessThanOrEqual(3 * EPS * Math.abs(ref));
        }
      }
    });

    it('one problem needing the general path (b = 0, entries near 1e±200) in every slot of a group, every tail length', () => {
      // the SIMD loop takes four problems at a time and sends a whole group to the scalar path
      const r = rng(77);
      for (let n = 1; n <= 11; n++) {
        for (let k = 0; k < n; k++) {
          for (const special of ['b0', 'big', 'small'] as const) {
            const a = Float64Array.from({ length: n }, () => 2 * r() - 1), b = Float64Array.from({ length: n }, () => 2 * r() - 1);
            const c = Float64Array.from({ length: n }, () => 2 * r() - 1);
            if (special === 'b0') b[k] = 0;
            else { const s = special === 'big' ? 1e200 : 1e-200; a[k]! *= s; b[k]! *= s; c[k]! *= s; }
            const { lo, hi } = eigSym2x2Batch(a, b, c);
            for (let i = 0; i < n; i++) {
              const [rlo, rhi] = eig2x2Reference(a[i]!, b[i]!, c[i]!);
              const m = Math.max(Math.abs(a[i]!), Math.abs(b[i]!), Math.abs(c[i]!));
              expect(Math.abs(lo[i]! - rlo)).toBeLessThanOrEqual(3 * EPS * m);
              expect(Math.abs(hi[i]! - rhi)).toBeLessThanOrEqual(3 * EPS * m);
            }
            if (special === 'b0') expect([lo[k], hi[k]]).toEqual([Math.min(a[k]!, c[k]!), Math.max(a[k]!, c[k]!)]);
          }
        }
      }
    });

    it('no cancellation: close eigenvalues (a = c, b tiny) and tiny b keep full relative accuracy', () => {
      // a = c = 1, b = 1e−10: 1 ± 1e−10, where the naive (a+c)/2 ± √(…) is fine but
      // a = 1, c = 1e−30, b = 1e−20: λ ≈ 1e−30 − 1e−40, which (a+c − √((a−c)²+4b²))/2 returns as 0
      const a = [1, 1, 1e-10, 3, -7e200], b = [1e-10, 1e-20, 1e-30, 1e-170, 1e190], c = [1, 1e-30, -1e-10, 5, 3e200];
      const { lo, hi } = eigSym2x2Batch(a, b, c);
      for (let i = 0; i < a.length; i++) {
        const [rlo, rhi] = eig2x2Reference(a[i]!, b[i]!, c[i]!);
        expect(Math.abs(lo[i]! - rlo)).toBeLessThanOrEqual(3 * EPS * Math.abs(rlo));
        expect(Math.abs(hi[i]! - rhi)).toBeLessThanOrEqual(3 * EPS * Math.abs(rhi));
      }
      expect(lo[1]).not.toBe(0);
    });

    it('diagonal input (b = 0) returns the diagonal exactly, at any scale', () => {
      const a = [3, -1e300, 5e-324, 1 + EPS, -0.1], c = [1, 1e300, -5e-324, 1, 0.3];
      const { lo, hi } = eigSym2x2Batch(a, [0, 0, 0, 0, 0], c);
      for (let i = 0; i < a.length; i++) {
        expect(lo[i]).toBe(Math.min(a[i]!, c[i]!));
        expect(hi[i]).toBe(Math.max(a[i]!, c[i]!));
      }
    });

    it('the zero matrix and subnormal entries', () => {
      const { lo, hi } = eigSym2x2Batch([0, 5e-324, 1e-310], [0, 5e-324, 1e-310], [0, 5e-324, 1e-310]);
      expect(Array.from(lo)).toEqual([0, 0, 0]);
      expect(hi[0]).toBe(0);
      expect(hi[1]).toBe(1e-323); // 2·5e−324 exactly
      expect(Math.abs(hi[2]! - 2e-310)).toBeLessThanOrEqual(1e-323);
    });

    it('agrees with eigSym on each 2×2', () => {
      const { a, b, c } = problems(50, 9);
      const { lo, hi } = eigSym2x2Batch(a, b, c);
      for (let i = 0; i < 50; i++) {
        const v = eigSym([[a[i]!, b[i]!], [b[i]!, c[i]!]]).values;
        expect([v[0], v[1]]).toEqual([lo[i], hi[i]]);
      }
    });

    it('writes into out: plain arrays copied, resident vector views in place (zero copy), aliasing inputs', () => {
      const n = 9;
      const { a, b, c } = problems(n, 4);
      const want = eigSym2x2Batch(a, b, c);
      const plain = { lo: new Float64Array(n), hi: new Float64Array(n) };
      expect(eigSym2x2Batch(a, b, c, plain)).toEqual(plain);
      expect(Array.from(plain.lo)).toEqual(Array.from(want.lo));
      const va = vector(a), vb = vector(b), vc = vector(c), lo = vector(n), hi = vector(n);
      const res = eigSym2x2Batch(va, vb, vc, { lo: lo.data, hi: hi.data });
      expect(res.lo.buffer).toBe(lo.data.buffer);
      expect(res.lo.byteOffset).toBe(lo.data.byteOffset);
      expect(Array.from(lo.data)).toEqual(Array.from(want.lo));
      expect(Array.from(hi.data)).toEqual(Array.from(want.hi));
      // in place over a and c
      eigSym2x2Batch(va, vb, vc, { lo: va.data, hi: vc.data });
      expect(Array.from(va.data)).toEqual(Array.from(want.lo));
      expect(Array.from(vc.data)).toEqual(Array.from(want.hi));
      for (const v of [va, vb, vc, lo, hi]) v.dispose();
    });

    it('resident out views stay valid when copying plain inputs in grows memory', () => {
      const n = 1_500_000 + (name === 'simd' ? 1 : name === 'scalar' ? 2 : 3);
      const [a, b, c] = [1, 2, 3].map((k) => {
        const x = new Float64Array(n);
        for (let i = 0; i < n; i++) x[i] = ((i * 7919 * k) % 2001) / 1000 - 1; // cheap, varied, b ≠ 0 mostly
        return x;
      }) as [Float64Array, Float64Array, Float64Array];
      const lo = vector(n), hi = vector(n);
      const before = memoryBytes();
      const res = eigSym2x2Batch(a, b, c, { lo: lo.data, hi: hi.data });
      expect(memoryBytes()).toBeGreaterThan(before); // the scratch for a, b, c did grow memory
      expect(res.lo.length).toBe(n);
      expect(res.lo.byteOffset).toBe(lo.data.byteOffset);
      const want = eigSym2x2Batch(a.subarray(0, 1000), b.subarray(0, 1000), c.subarray(0, 1000));
      expect(Array.from(lo.data.subarray(0, 1000))).toEqual(Array.from(want.lo));
      expect(Array.from(res.hi.subarray(0, 1000))).toEqual(Array.from(want.hi));
      lo.dispose(); hi.dispose();
    });

    it('overflowing eigenvalues of finite input give ±Infinity, not an error', () => {
      const { lo, hi } = eigSym2x2Batch([1.7e308], [1.7e308], [1.7e308]);
      expect(hi[0]).toBe(Infinity);
      expect(Number.isFinite(lo[0])).toBe(true);
    });

    it('errors: lengths, non-finite entries (plain and resident), bad out', () => {
      expectCode(() => eigSym2x2Batch([1, 2], [1], [1, 2]), 'DIMENSION_MISMATCH', /b has length 1; expected 2/);
      expectCode(() => eigSym2x2Batch([1, 2], [1, 2], [1, 2, 3]), 'DIMENSION_MISMATCH', /c has length 3/);
      expectCode(() => eigSym2x2Batch([1, 2], [1, NaN], [1, 2]), 'NOT_FINITE', /b\[1\]/);
      const vc = vector([1, 2, 3]);
      vc.data[2] = -Infinity;
      expectCode(() => eigSym2x2Batch([1, 2, 3], [0, 0, 0], vc), 'NOT_FINITE', /c\[2\].*-Infinity/);
      vc.dispose();
      const out = { lo: new Float64Array(1), hi: new Float64Array(2) };
      expectCode(() => eigSym2x2Batch([1, 2], [1, 2], [1, 2], out), 'DIMENSION_MISMATCH', /out\.lo has length 1/);
      expectCode(() => eigSym2x2Batch([1], [1], [1], { lo: [0] as never, hi: new Float64Array(1) }), 'DIMENSION_MISMATCH', /out\.lo/);
      expect(eigSym2x2Batch([], [], []).lo.length).toBe(0);
    });
  });
}
