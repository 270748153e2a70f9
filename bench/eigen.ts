// bench/eigen: eigSym (values only and with vectors, resident input) against the strongest pure-JS
// tred2/tql2 we could write (bench/eigen-js.ts), ml-matrix's EigenvalueDecomposition, mathjs eigs
// (small n only: it takes seconds from n ≈ 128) and numpy eigh/eigvalsh; and eigSym2x2Batch on
// 10⁶ problems against the JS closed forms users write. Targets from the eigen issue (#3).
//   node dist/cli/index.js bench eigen [--quick]
import { backend, eigSym, eigSym2x2Batch, matrix, memoryBytes, setBackend, vector } from 'optima';
import type { CaseSpec, SuiteContext, SuiteResult, Target } from './harness.js';
import { jsEig2x2Naive, jsEig2x2Safe, jsEigSym } from './eigen-js.js';

type MlMatrix = typeof import('ml-matrix');
type MathJs = typeof import('mathjs');

const SIZES = [4, 16, 64, 128, 256, 512];
const QUICK_SIZES = [4, 64]; // the whole --quick run (every suite) must stay under a minute
const BATCH = 1_000_000;

function symmetric(rand: () => number, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rand();
  return a;
}

function rowsOf(A: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n)));
}

export async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const initial = backend;
  const ml = await ctx.peer<MlMatrix>('ml-matrix');
  const math = await ctx.peer<MathJs>('mathjs');
  const cases: CaseSpec[] = [];
  const native: Record<string, string> = {};
  const targets: Record<string, Target> = {};

  {
    const w = `eigSym2x2Batch ${BATCH / 1e6}e6 problems`;
    const rand = ctx.rng(22);
    const a = Float64Array.from({ length: BATCH }, rand), b = Float64Array.from({ length: BATCH }, rand);
    const c = Float64Array.from({ length: BATCH }, rand);
    // the issue asks ≥ 5× the safe loop and ≥ 1.8× the naive one; the table's best peer is the naive
    targets[w] = { vsPeer: 1.8 };
    cases.push({
      workload: w, impl: 'optima simd (resident in/out)', role: 'optima', bytesPerOp: 40 * BATCH,
      setup: async () => {
        await setBackend('simd');
        const va = vector(a), vb = vector(b), vc = vector(c), lo = vector(BATCH), hi = vector(BATCH);
        return {
          run: () => eigSym2x2Batch(va, vb, vc, { lo: lo.data, hi: hi.data }),
          teardown: () => [va, vb, vc, lo, hi].forEach((v) => v.dispose()),
        };
      },
    });
    cases.push({
      workload: w, impl: 'optima simd (copying arrays)', role: 'optima-variant',
      setup: async () => {
        await setBackend('simd');
        const out = { lo: new Float64Array(BATCH), hi: new Float64Array(BATCH) };
        return () => eigSym2x2Batch(a, b, c, out);
      },
    });
    const lo = new Float64Array(BATCH), hi = new Float64Array(BATCH);
    cases.push({ workload: w, impl: 'js safe (dlae2, scaled)', role: 'peer', bytesPerOp: 40 * BATCH, setup: () => () => jsEig2x2Safe(a, b, c, lo, hi) });
    cases.push({ workload: w, impl: 'js naive formula', role: 'peer', bytesPerOp: 40 * BATCH, setup: () => () => jsEig2x2Naive(a, b, c, lo, hi) });
  }

  for (const n of ctx.quick ? QUICK_SIZES : SIZES) {
    const A = symmetric(ctx.rng(1000 + n), n);
    for (const vectors of [false, true]) {
      const w = `eigSym n=${n} ${vectors ? 'vectors' : 'values'}`;
      native[w] = `${vectors ? 'eigh' : 'eigvalsh'}:${n}`;
      // issue #3: faster than the best JS even at n = 4; ≥ 4× it from n = 64; within 2× of numpy
      // at n = 512 is the reach goal (a blocked or divide-and-conquer algorithm, not done yet)
      targets[w] = n >= 64 ? { vsPeer: 4, ...(n === 512 ? { vsNative: 0.5 } : {}) } : n === 4 ? { vsPeer: 1 } : {};
      for (const b of ['simd', 'scalar'] as const) {
        cases.push({
          workload: w, impl: `optima ${b}`, role: b === 'simd' ? 'optima' : 'optima-variant',
          setup: async () => {
            await setBackend(b);
            const M = matrix(A, n, n); // resident: nothing copied per call
            return { run: () => eigSym(M, { vectors }), teardown: () => M.dispose() };
          },
        });
      }
      cases.push({ workload: w, impl: 'js tred2/tql2 (flat Float64Array)', role: 'peer', setup: () => () => jsEigSym(A, n, vectors) });
      if (ml) {
        // ml-matrix always computes vectors (its only mode), so both rows time the same call
        cases.push({ workload: w, impl: 'ml-matrix', role: 'peer', setup: () => {
          const M = new ml.Matrix(rowsOf(A, n));
          return () => new ml.EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues;
        } });
      }
      if (math && n <= 16) {
        // mathjs orders by |λ|, not by value; eigenvectors optional since mathjs 12
        cases.push({ workload: w, impl: 'mathjs eigs', role: 'peer', setup: () => {
          const rows = rowsOf(A, n);
          return () => math.eigs(rows, { eigenvectors: vectors } as never);
        } });
      }
    }
  }

  try {
    return await ctx.measure({
      suite: 'eigen', cases, native, targets,
      checks: [{ name: 'eigSym n=128 with vectors does not grow WebAssembly memory once warm', run: noGrowth }],
    });
  } finally {
    await setBackend(initial);
  }
}

function noGrowth(): { ok: boolean; detail: string } {
  void setBackend('simd'); // switches synchronously in Node; run() restores the initial backend
  const n = 128;
  let s = 1;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1;
  const M = matrix(symmetric(rand, n), n, n);
  try {
    eigSym(M, { vectors: true });
    const before = memoryBytes();
    for (let i = 0; i < 30; i++) eigSym(M, { vectors: i % 2 === 0 });
    const after = memoryBytes();
    return { ok: after === before, detail: `${backend}: linear memory ${before} → ${after} bytes over 30 calls` };
  } finally {
    M.dispose();
  }
}
