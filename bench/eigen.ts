// Benchmark suite `eigen`: eigSym against the strongest pure-JS tred2/tql2 we could write (same
// algorithm on flat arrays, bench/eigen-js.ts), ml-matrix's EigenvalueDecomposition, mathjs eigs
// (small n) and numpy eigvalsh/eigh (native LAPACK, one thread); eigSym2x2Batch on 10⁶ problems
// against the JS closed forms. Run through `optima bench eigen` (suite interface: bench/README.md).
import { eigSym, eigSym2x2Batch, matrix, vector } from 'optima';
import type { CaseSpec, SuiteContext, SuiteResult } from './harness.js';
import { jsEig2x2Naive, jsEig2x2Safe, jsEigSym } from './eigen-js.js';

type MlMatrix = typeof import('ml-matrix');
type MathJs = typeof import('mathjs');

function randomSymmetric(n: number, rand: () => number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rand();
  return a;
}

export async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const ml = await ctx.peer<MlMatrix>('ml-matrix');
  const math = await ctx.peer<MathJs>('mathjs');
  const cases: CaseSpec[] = [];
  const native: Record<string, string> = {};

  // eigSym2x2Batch: 10⁶ independent 2×2 problems, resident inputs and outputs
  {
    const N = ctx.quick ? 100_000 : 1_000_000;
    const w = `eigSym2x2Batch ${N === 1e6 ? '10⁶' : '10⁵'} problems`;
    const rand = ctx.rng(12345);
    const a = new Float64Array(N).map(rand), b = new Float64Array(N).map(rand), c = new Float64Array(N).map(rand);
    cases.push({
      workload: w, impl: 'optima simd (resident in/out)', role: 'optima',
      setup: () => {
        const va = vector(a), vb = vector(b), vc = vector(c), vlo = vector(N), vhi = vector(N);
        const out = { lo: vlo.data, hi: vhi.data };
        return { run: () => eigSym2x2Batch(va, vb, vc, out), teardown: () => [va, vb, vc, vlo, vhi].forEach((v) => v.dispose()) };
      },
    });
    cases.push({
      workload: w, impl: 'optima (plain arrays, copied)', role: 'optima-variant',
      setup: () => { const out = { lo: new Float64Array(N), hi: new Float64Array(N) }; return () => eigSym2x2Batch(a, b, c, out); },
    });
    cases.push({
      workload: w, impl: 'js safe (dlae2, scaled)', role: 'peer',
      setup: () => { const lo = new Float64Array(N), hi = new Float64Array(N); return () => jsEig2x2Safe(a, b, c, lo, hi); },
    });
    cases.push({
      workload: w, impl: 'js naive formula', role: 'peer',
      setup: () => { const lo = new Float64Array(N), hi = new Float64Array(N); return () => jsEig2x2Naive(a, b, c, lo, hi); },
    });
  }

  const sizes = ctx.quick ? [4, 16, 64, 256] : [4, 16, 64, 128, 256, 512];
  for (const n of sizes) {
    const data = randomSymmetric(n, ctx.rng(n));
    const rows = () => Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * n, (i + 1) * n)));
    for (const vectors of [false, true]) {
      const w = `eigSym n=${n} ${vectors ? 'with vectors' : 'values only'}`;
      native[w] = `${vectors ? 'eigh' : 'eigvalsh'}:${n}`;
      cases.push({
        workload: w, impl: 'optima simd', role: 'optima',
        setup: () => { const A = matrix(data, n, n); return { run: () => eigSym(A, { vectors }), teardown: () => A.dispose() }; },
      });
      cases.push({ workload: w, impl: 'js tred2/tql2 (flat)', role: 'peer', setup: () => () => jsEigSym(data, n, vectors) });
      if (ml) {
        cases.push({
          workload: w, impl: 'ml-matrix', role: 'peer',
          setup: () => {
            const M = new ml.Matrix(rows());
            return () => {
              const e = new ml.EigenvalueDecomposition(M, { assumeSymmetric: true });
              return vectors ? e.eigenvectorMatrix : e.realEigenvalues;
            };
          },
        });
      }
      if (math && n <= 16) {
        cases.push({
          workload: w, impl: 'mathjs eigs', role: 'peer',
          setup: () => { const r2 = rows(); return () => math.eigs(r2, { eigenvectors: vectors } as never); },
        });
      }
    }
  }

  return ctx.measure({ suite: 'eigen', cases, native });
}
