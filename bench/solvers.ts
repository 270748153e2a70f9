/// <reference types="node" />
// bench/solvers: (1) 1000 fixed gradient-descent steps on a dense SPD quadratic (spectrum 1…100,
// step 1/L) — optima's WebAssembly loop vs a well-written pure-JS loop vs ml-matrix vs numpy;
// (2) lbfgs / bfgs / cg on Rosenbrock 2-D and extended Rosenbrock n = 100 vs fmin's
// conjugateGradient, numeric.js uncmin and optimization-js L-BFGS: time per solve (benny),
// evaluations, final f and ‖∇f‖∞. optima is also timed at the peers' looser tolerance.
//
// Standalone: node bench/solvers.run.mjs [--quick]   (bundles this file with esbuild, then runs it)
// Suite module: export async function run({ quick }) → writes bench/results/solvers.json.
import benny from 'benny';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MinimizeOptions, backend, minimize, objective, quadratic } from 'optima';

const here = dirname(fileURLToPath(import.meta.url));
/** The package root: the nearest directory above this file (or its bundled copy) with package.json. */
function findRoot(dir: string): string {
  for (let d = dir, i = 0; i < 8; i++, d = dirname(d)) if (existsSync(join(d, 'package.json'))) return d;
  return join(dir, '..');
}
const root = findRoot(here);
const require = createRequire(join(root, 'package.json'));

// ---------- the quadratic: H = QΛQ with one Householder reflection Q = I − 2uuᵀ, λᵢ = 1…100 ----------
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function spdQuadratic(n: number): { H: Float64Array; b: Float64Array; x0: Float64Array; L: number } {
  const r = rng(n);
  const u = Float64Array.from({ length: n }, () => r() - 0.5);
  let nu = 0;
  for (const v of u) nu += v * v;
  nu = Math.sqrt(nu);
  for (let i = 0; i < n; i++) u[i]! /= nu;
  const lam = Float64Array.from({ length: n }, (_, i) => 1 + (99 * i) / (n - 1));
  const lu = Float64Array.from(u, (v, i) => lam[i]! * v);
  let uLu = 0;
  for (let i = 0; i < n; i++) uLu += u[i]! * lu[i]!;
  // (I − 2uuᵀ)Λ(I − 2uuᵀ) = Λ − 2u(Λu)ᵀ − 2(Λu)uᵀ + 4(uᵀΛu)uuᵀ
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) H[i * n + j] = (i === j ? lam[i]! : 0) - 2 * u[i]! * lu[j]! - 2 * lu[i]! * u[j]! + 4 * uLu * u[i]! * u[j]!;
  return { H, b: Float64Array.from({ length: n }, () => r() - 0.5), x0: Float64Array.from({ length: n }, () => r() - 0.5), L: 100 };
}

/** The pure-JS reference: x ← x − α(Hx + b), row-major H, four accumulators, no allocation. */
function jsGd(H: Float64Array, b: Float64Array, x0: Float64Array, alpha: number, steps: number): Float64Array {
  const n = b.length;
  const x = x0.slice(), g = new Float64Array(n);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = 0;
      for (; j + 4 <= n; j += 4) {
        s0 += H[row + j]! * x[j]!; s1 += H[row + j + 1]! * x[j + 1]!;
        s2 += H[row + j + 2]! * x[j + 2]!; s3 += H[row + j + 3]! * x[j + 3]!;
      }
      for (; j < n; j++) s0 += H[row + j]! * x[j]!;
      g[i] = s0 + s1 + s2 + s3 + b[i]!;
    }
    for (let i = 0; i < n; i++) x[i]! -= alpha * g[i]!;
  }
  return x;
}

// ---------- Rosenbrock, one implementation shared by optima and every peer ----------
type Vec = ArrayLike<number> & { [i: number]: number };
const counts = { f: 0, g: 0 };
function rosenF(x: ArrayLike<number>): number {
  counts.f++;
  let s = 0;
  for (let i = 0; i < x.length; i += 2) {
    const a = x[i + 1]! - x[i]! * x[i]!, c = 1 - x[i]!;
    s += 100 * a * a + c * c;
  }
  return s;
}
function rosenG(x: ArrayLike<number>, g: Vec): Vec {
  counts.g++;
  for (let i = 0; i < x.length; i += 2) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    g[i] = -400 * x[i]! * a - 2 * (1 - x[i]!);
    g[i + 1] = 200 * a;
  }
  return g;
}
const start = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
function gradInf(x: ArrayLike<number>): number {
  const g = rosenG(x, new Array<number>(x.length)), m = Math.max(...Array.from(g as number[], Math.abs));
  counts.g--;
  return m;
}

interface Solver { name: string; solve: (n: number) => ArrayLike<number>; tolerance: string }

async function solvers(): Promise<Solver[]> {
  // fmin's entry is a UMD bundle in a "type": "module" package: importing it defines globalThis.fmin.
  await import('fmin');
  const fmin = (globalThis as unknown as { fmin: unknown }).fmin as { conjugateGradient: (f: (x: number[], g: number[]) => number, x0: number[], p?: object) => { x: number[] } };
  const numeric = require('numeric') as { uncmin: (f: (x: number[]) => number, x0: number[], tol?: number, g?: (x: number[]) => number[], maxit?: number) => { solution: number[] } };
  const ojs = require('optimization-js') as { minimize_L_BFGS: (f: (x: number[]) => number, g: (x: number[]) => number[], x0: number[]) => { argument: number[] } };
  const optima = (opts: MinimizeOptions) => (n: number) => {
    const f = objective({ dim: n, f: rosenF, gradient: (x, out) => void rosenG(x, out) });
    return minimize(f, start(n), opts).x;
  };
  const cap = <T extends unknown[], R>(fn: (...a: T) => R) => (...a: T): R => {
    if (counts.f + counts.g > 1e6) throw new Error('evaluation cap (1e6) reached: no convergence');
    return fn(...a);
  };
  const fresh = (fn: (n: number) => ArrayLike<number>) => (n: number) => {
    counts.f = 0; counts.g = 0;
    return fn(n);
  };
  return ([
    { name: 'optima lbfgs', tolerance: '‖∇f‖∞ ≤ 1e-8', solve: optima({ method: 'lbfgs' }) },
    { name: 'optima bfgs', tolerance: '‖∇f‖∞ ≤ 1e-8', solve: optima({ method: 'bfgs' }) },
    { name: 'optima cg', tolerance: '‖∇f‖∞ ≤ 1e-8', solve: optima({ method: 'cg' }) },
    // fmin stops at ‖∇f‖₂ ≤ 1e-5; ‖∇f‖∞ ≤ 1e-5/√n implies it, so this is at least as strict.
    { name: 'optima lbfgs (peer tol)', tolerance: '‖∇f‖∞ ≤ 1e-5/√n', solve: (n) => optima({ method: 'lbfgs', gradientTolerance: 1e-5 / Math.sqrt(n) })(n) },
    { name: 'optima cg (peer tol)', tolerance: '‖∇f‖∞ ≤ 1e-5/√n', solve: (n) => optima({ method: 'cg', gradientTolerance: 1e-5 / Math.sqrt(n) })(n) },
    {
      name: 'fmin conjugateGradient', tolerance: '‖∇f‖₂ ≤ 1e-5 (fixed)',
      solve: (n) => fmin.conjugateGradient(cap((x: number[], g: number[]) => { rosenG(x, g); return rosenF(x); }), start(n), { maxIterations: 10_000 }).x,
    },
    {
      name: 'numeric.js uncmin', tolerance: 'default (1e-8)',
      solve: (n) => numeric.uncmin(cap(rosenF), start(n), 1e-8, cap((x: number[]) => rosenG(x, new Array<number>(n)) as number[]), 10_000).solution,
    },
    {
      name: 'optimization-js L-BFGS', tolerance: 'max|∇f| < 1e-5 (fixed)',
      solve: (n) => ojs.minimize_L_BFGS(cap(rosenF), cap((x: number[]) => rosenG(x, new Array<number>(n)) as number[]), start(n)).argument,
    },
  ] as Solver[]).map((s) => ({ ...s, solve: fresh(s.solve) }));
}

function numpyGd(sizes: number[], steps: number): Record<number, number> | string {
  const code = `
import numpy as np, time, json, sys
out = {}
for n in ${JSON.stringify(sizes)}:
    rng = np.random.default_rng(n)
    u = rng.random(n) - 0.5; u /= np.linalg.norm(u)
    lam = 1 + 99 * np.arange(n) / (n - 1)
    Q = np.eye(n) - 2 * np.outer(u, u)
    H = Q @ np.diag(lam) @ Q
    b = rng.random(n) - 0.5; x0 = rng.random(n) - 0.5
    best = []
    for rep in range(3):
        x = x0.copy(); t = time.perf_counter()
        for s in range(${steps}):
            x -= 0.01 * (H @ x + b)
        best.append(time.perf_counter() - t)
    out[n] = sorted(best)[1]
print(json.dumps(out))`;
  const r = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
  if (r.status !== 0) return `numpy unavailable: ${(r.stderr || r.error?.message || '').slice(0, 200)}`;
  return JSON.parse(r.stdout) as Record<number, number>;
}

async function time(name: string, cases: Array<[string, () => unknown]>, quick: boolean): Promise<Record<string, { msPerOp: number; margin: number; samples: number }>> {
  const out: Record<string, { msPerOp: number; margin: number; samples: number }> = {};
  const options = quick ? { minSamples: 2, maxTime: 0.5 } : { minSamples: 5, maxTime: 2 };
  await benny.suite(
    name,
    ...cases.map(([label, fn]) => benny.add(label, fn, options)),
    benny.complete((summary) => {
      // benny rounds ops to 2 significant digits: use the median sample time instead
      for (const r of summary.results) out[r.name] = { msPerOp: r.details.median * 1000, margin: r.margin, samples: r.samples };
    }),
  );
  return out;
}

export async function run(opts: { quick?: boolean } = {}): Promise<object> {
  const quick = opts.quick ?? false;
  const steps = 1000;
  const sizes = [500, 1000];
  const gdResults: object[] = [];
  const native = numpyGd(sizes, steps);
  for (const n of sizes) {
    const { H, b, x0, L } = spdQuadratic(n);
    const q = quadratic({ H: { rows: n, cols: n, data: H }, g: b });
    const alpha = 1 / L;
    const Ml = require('ml-matrix') as typeof import('ml-matrix');
    const Hm = new Ml.Matrix(Array.from({ length: n }, (_, i) => Array.from(H.subarray(i * n, i * n + n))));
    const bm = Ml.Matrix.columnVector(Array.from(b));
    const gdOpts: MinimizeOptions = { method: 'gd', stepSize: alpha, maxIterations: steps, gradientTolerance: 0 };
    // the three must agree before they are timed
    const xo = minimize(q, x0, gdOpts).x, xj = jsGd(H, b, x0, alpha, steps);
    let agree = 0;
    for (let i = 0; i < n; i++) agree = Math.max(agree, Math.abs(xo[i]! - xj[i]!));
    const t = await time(`gd n=${n}`, [
      ['optima wasm loop', () => minimize(q, x0, gdOpts)],
      ['pure JS loop', () => jsGd(H, b, x0, alpha, steps)],
      ['ml-matrix', () => {
        let x = Ml.Matrix.columnVector(Array.from(x0));
        for (let s = 0; s < steps; s++) x = x.sub(Hm.mmul(x).add(bm).mul(alpha));
        return x;
      }],
    ], quick);
    const np = typeof native === 'string' ? undefined : native[n]! * 1000;
    gdResults.push({
      n, steps, maxDifferenceOptimaVsJs: agree, ms: { ...Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.msPerOp])), ...(np ? { numpy: np } : {}) },
      speedupVsJs: t['pure JS loop']!.msPerOp / t['optima wasm loop']!.msPerOp,
      speedupVsMlMatrix: t['ml-matrix']!.msPerOp / t['optima wasm loop']!.msPerOp,
      vsNumpy: np ? np / t['optima wasm loop']!.msPerOp : undefined,
    });
    q.dispose();
  }
  const rosen: object[] = [];
  for (const n of [2, 100]) {
    const list = await solvers();
    const stats: Record<string, object> = {};
    for (const s of list) {
      let x: ArrayLike<number> | undefined, error: string | undefined;
      try { x = s.solve(n); } catch (e) { error = String(e); }
      const ev = { f: counts.f, gradient: counts.g };
      stats[s.name] = x ? { evaluations: ev, fx: rosenF(x), gradientNormInf: gradInf(x), tolerance: s.tolerance } : { error, tolerance: s.tolerance };
    }
    const t = await time(`rosenbrock n=${n}`, list.filter((s) => !(stats[s.name] as { error?: string }).error).map((s) => [s.name, () => s.solve(n)] as [string, () => unknown]), quick);
    for (const [k, v] of Object.entries(t)) Object.assign(stats[k]!, { msPerSolve: v.msPerOp, margin: v.margin });
    rosen.push({ problem: n === 2 ? 'rosenbrock 2-D' : 'extended rosenbrock n=100', start: '(−1.2, 1, …)', solvers: stats });
  }
  const result = { suite: 'solvers', backend, quick, date: new Date().toISOString(), gd: gdResults, numpy: typeof native === 'string' ? native : 'ok', rosenbrock: rosen };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'solvers.json'), JSON.stringify(result, null, 2));
  return result;
}

const invoked = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invoked || process.env.OPTIMA_BENCH_STANDALONE === 'solvers') {
  const r = await run({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(r, null, 2));
}
