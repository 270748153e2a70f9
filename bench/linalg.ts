// bench/linalg: dot, matvec and SPD solve — optima (SIMD and scalar with resident operands, and
// the copying path for plain arrays) against a careful pure-JS loop, numeric.js, ml-matrix,
// mathjs and numpy. Targets from the foundation issue, as ratios to the fastest JS peer.
import { backend, dot, matrix, matvec, memoryBytes, setBackend, solve, vector, type BackendName } from 'optima';
import type { CaseBody, CaseSpec, SuiteContext, SuiteResult, Target } from './harness.js';
import { jsCholeskySolve, jsDot, jsMatvec } from './peers.js';

const DOT_SIZES = [1e3, 1e5, 1e6];
const MATVEC_SIZES = [16, 64, 256, 1024, 4096];
const SOLVE_SIZE = 256;

// Minimal shapes of the peers we call (numeric.js ships no types).
interface Numeric {
  dot(a: unknown, b: unknown): unknown;
  solve(A: number[][], b: number[]): number[];
}
type MlMatrix = typeof import('ml-matrix');
type MathJs = typeof import('mathjs');

function fill(rand: () => number, n: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rand();
  return a;
}

/** B·Bᵀ/n + I: SPD with condition number of order 10. */
function spd(rand: () => number, n: number): Float64Array {
  const B = fill(rand, n * n);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += B[i * n + k]! * B[j * n + k]!;
      s = s / n + (i === j ? 1 : 0);
      A[i * n + j] = s;
      A[j * n + i] = s;
    }
  }
  return A;
}

function rowsOf(A: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n)));
}

export async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const initial = backend;
  const numericNs = await ctx.peer<{ default: Numeric }>('numeric');
  const numeric = numericNs?.default;
  const ml = await ctx.peer<MlMatrix>('ml-matrix');
  const math = await ctx.peer<MathJs>('mathjs');
  const cases: CaseSpec[] = [];
  const native: Record<string, string> = {};
  const targets: Record<string, Target> = {};

  // Each workload: the same operands (from a fixed seed) for every implementation.
  function optimaCases(workload: string, bytesPerOp: number | undefined, make: (b: BackendName) => CaseBody, copying: () => CaseBody): void {
    for (const b of ['simd', 'scalar'] as const) {
      cases.push({
        workload, impl: `optima ${b}`, role: b === 'simd' ? 'optima' : 'optima-variant', bytesPerOp,
        setup: async () => {
          await setBackend(b);
          return make(b);
        },
      });
    }
    cases.push({
      workload, impl: 'optima (copying arrays)', role: 'optima-variant', bytesPerOp,
      setup: async () => {
        await setBackend('simd');
        return copying();
      },
    });
  }

  for (const n of DOT_SIZES) {
    const w = `dot n=${n}`;
    const a = fill(ctx.rng(n), n), b = fill(ctx.rng(n + 1), n);
    native[w] = `dot:${n}`;
    targets[w] = n <= 1e5 ? { vsPeer: 3 } : {};
    optimaCases(w, 16 * n, () => {
      const va = vector(a), vb = vector(b);
      return { run: () => dot(va, vb), teardown: () => (va.dispose(), vb.dispose()) };
    }, () => () => dot(a, b));
    cases.push({ workload: w, impl: 'js Float64Array loop', role: 'peer', setup: () => () => jsDot(a, b, n) });
    if (numeric) cases.push({ workload: w, impl: 'numeric.js', role: 'peer', setup: () => { const pa = Array.from(a), pb = Array.from(b); return () => numeric.dot(pa, pb); } });
    if (ml) cases.push({ workload: w, impl: 'ml-matrix', role: 'peer', setup: () => { const ra = ml.Matrix.rowVector(Array.from(a)), rb = ml.Matrix.rowVector(Array.from(b)); return () => ra.dot(rb); } });
    if (math) cases.push({ workload: w, impl: 'mathjs', role: 'peer', setup: () => { const pa = Array.from(a), pb = Array.from(b); return () => math.dot(pa, pb); } });
  }

  for (const n of MATVEC_SIZES) {
    const w = `matvec n=${n}`;
    const rand = ctx.rng(7 * n);
    const A = fill(rand, n * n), x = fill(rand, n);
    native[w] = `matvec:${n}`;
    targets[w] = { vsPeer: n === 16 ? 3 : n <= 256 ? 5 : n === 1024 ? 4 : 2 };
    optimaCases(w, 8 * n * n + 16 * n, () => {
      const M = matrix(A, n, n), v = vector(x), out = vector(n); // resident out: nothing copied
      return { run: () => matvec(M, v, out), teardown: () => (M.dispose(), v.dispose(), out.dispose()) };
    }, () => {
      const plain = { rows: n, cols: n, data: A };
      const o = new Float64Array(n);
      return () => matvec(plain, x, o);
    });
    cases.push({ workload: w, impl: 'js Float64Array loop', role: 'peer', bytesPerOp: 8 * n * n + 16 * n, setup: () => { const y = new Float64Array(n); return () => jsMatvec(A, n, n, x, y); } });
    if (numeric) cases.push({ workload: w, impl: 'numeric.js', role: 'peer', setup: () => { const rows = rowsOf(A, n), px = Array.from(x); return () => numeric.dot(rows, px); } });
    if (ml) cases.push({ workload: w, impl: 'ml-matrix', role: 'peer', setup: () => { const M = new ml.Matrix(rowsOf(A, n)), col = ml.Matrix.columnVector(Array.from(x)); return () => M.mmul(col); } });
    if (math) cases.push({ workload: w, impl: 'mathjs', role: 'peer', setup: () => { const M = math.matrix(rowsOf(A, n)), px = Array.from(x); return () => math.multiply(M, px); } });
  }

  {
    const n = SOLVE_SIZE;
    const w = `solve SPD n=${n}`;
    const rand = ctx.rng(4242);
    const A = spd(rand, n), rhs = fill(rand, n);
    native[w] = `solve:${n}`;
    targets[w] = { vsPeer: 5, vsNative: 1 / 1.7 };
    optimaCases(w, undefined, () => {
      const M = matrix(A, n, n), v = vector(rhs);
      return { run: () => solve(M, v), teardown: () => (M.dispose(), v.dispose()) };
    }, () => {
      const plain = { rows: n, cols: n, data: A };
      return () => solve(plain, rhs);
    });
    cases.push({ workload: w, impl: 'js Float64Array loop', role: 'peer', setup: () => {
      const work = new Float64Array(n * n), out = new Float64Array(n);
      return () => jsCholeskySolve(A, n, rhs, work, out);
    } });
    if (numeric) cases.push({ workload: w, impl: 'numeric.js', role: 'peer', setup: () => { const rows = rowsOf(A, n), pb = Array.from(rhs); return () => numeric.solve(rows, pb); } });
    if (ml) cases.push({ workload: w, impl: 'ml-matrix', role: 'peer', setup: () => { const M = new ml.Matrix(rowsOf(A, n)), col = ml.Matrix.columnVector(Array.from(rhs)); return () => new ml.CholeskyDecomposition(M).solve(col); } });
    if (math) cases.push({ workload: w, impl: 'mathjs', role: 'peer', setup: () => { const M = math.matrix(rowsOf(A, n)), pb = Array.from(rhs); return () => math.lusolve(M, pb); } });
  }

  try {
    return await ctx.measure({
      suite: 'linalg', cases, native, targets,
      checks: [{ name: 'matvec n=2048 does not allocate per call once warm', run: () => noGrowth(2048) }],
    });
  } finally {
    await setBackend(initial);
  }
}

/** Issue 8: a warm resident n = 2048 matvec leaves linear memory unchanged over 200 calls. */
function noGrowth(n: number): { ok: boolean; detail: string } {
  const rand = () => 0.5;
  const M = matrix(fill(rand, n * n), n, n), v = vector(fill(rand, n)), out = vector(n);
  try {
    matvec(M, v, out);
    const before = memoryBytes();
    for (let i = 0; i < 200; i++) matvec(M, v, out);
    const after = memoryBytes();
    return { ok: after === before, detail: `${backend}: linear memory ${before} → ${after} bytes over 200 calls` };
  } finally {
    M.dispose(); v.dispose(); out.dispose();
  }
}
