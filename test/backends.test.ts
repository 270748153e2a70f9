// The three backends agree (issue: hardening). The same representative calls run on simd, scalar
// and js. scalar and js are the same AssemblyScript compiled without SIMD, once to WebAssembly and
// once to JavaScript by wasm2js: the same IEEE operations in the same order, so they must agree
// BIT FOR BIT. simd adds pairs of products in two lanes and sums the lanes at the end, so a dot
// product of n terms is rounded in a different order: results differ by rounding only, bounded by
// the standard error bounds stated at each check (γₙ = nε/(1 − nε) for a sum of n terms, Higham,
// Accuracy and Stability of Numerical Algorithms, §3.1). Solvers on the 2-D Rosenbrock function
// (a TypeScript objective; 2-term sums are the same in both lane orders) are bit-identical on all
// three except Newton, whose Cholesky kernel blocks its sums differently.
import { afterAll, describe, expect, it } from 'vitest';
import {
  backend, eigSym, matvec, minimize, quadratic, setBackend, solve, testFunctions, type BackendName, type MinimizeResult,
} from '../src/index.js';
import { EPS, randomArray, rng } from './helpers/reference.js';
import { randomOrthogonal, withSpectrum } from './helpers/eigen.js';

const BACKENDS: BackendName[] = ['simd', 'scalar', 'js'];
const initial = backend;
afterAll(() => setBackend(initial));

const SIZES = [1, 2, 7, 33, 64];

interface Run {
  matvec: Float64Array[];
  solveSpd: Float64Array[];
  solveLu: Float64Array[];
  eigValues: Float64Array[];
  eigVectors: Float64Array[];
  minimize: Record<string, MinimizeResult>;
  fastGd: MinimizeResult;
}

const r = rng(2026);
const problems = SIZES.map((n) => {
  const A = randomArray(n * n, r);
  const spd = new Float64Array(n * n); // AᵀA/n + I: well conditioned
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += A[k * n + i]! * A[k * n + j]!;
    spd[i * n + j] = s / n + (i === j ? 1 : 0);
  }
  const general = A.map((v, i) => v + (i % (n + 1) === 0 ? n : 0)); // diagonally dominant, nonsymmetric
  const spectrum = Float64Array.from({ length: n }, (_, i) => i + 1); // eigenvalues 1…n: gaps of 1
  const sym = withSpectrum(spectrum, randomOrthogonal(n, r));
  return { n, A, spd, general, sym, x: randomArray(n, r) };
});

const SOLVERS = ['lbfgs', 'cg', 'newton', 'nelder-mead', 'bfgs'] as const;

function runAll(): Run {
  const m = (n: number, data: Float64Array) => ({ rows: n, cols: n, data });
  const run: Run = { matvec: [], solveSpd: [], solveLu: [], eigValues: [], eigVectors: [], minimize: {}, fastGd: undefined as never };
  for (const p of problems) {
    run.matvec.push(matvec(m(p.n, p.A), p.x));
    run.solveSpd.push(solve(m(p.n, p.spd), p.x));
    run.solveLu.push(solve(m(p.n, p.general), p.x));
    const e = eigSym(m(p.n, p.sym), { vectors: true });
    run.eigValues.push(e.values);
    run.eigVectors.push(e.vectors!.data);
  }
  for (const method of SOLVERS) run.minimize[method] = minimize(testFunctions.rosenbrock(), [-1.2, 1], { method, maxIterations: method === 'nelder-mead' ? 2000 : 500 });
  const q = quadratic({ H: { rows: 33, cols: 33, data: problems[3]!.spd }, g: problems[3]!.x });
  run.fastGd = minimize(q, new Float64Array(33), { method: 'gd', stepSize: 0.2, maxIterations: 5000 }); // fixed step: the WebAssembly loop
  q.dispose();
  return run;
}

const bits = (a: ArrayLike<number>) => Array.from(a, (v) => (Object.is(v, -0) ? '-0' : String(v)));
const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => Math.max(s, Math.abs(v)), 0);

describe('backends agree', () => {
  it('simd, scalar and js: scalar ≡ js bit for bit; simd within the stated rounding bounds', async () => {
    const runs: Partial<Record<BackendName, Run>> = {};
    for (const name of BACKENDS) {
      await setBackend(name);
      expect(backend).toBe(name);
      runs[name] = runAll();
    }
    const { simd, scalar, js } = runs as Record<BackendName, Run>;

    // scalar and js: identical bits everywhere, solver statuses and counts included
    for (const key of ['matvec', 'solveSpd', 'solveLu', 'eigValues', 'eigVectors'] as const) {
      scalar[key].forEach((v, i) => expect(bits(js[key][i]!), `${key} n=${SIZES[i]}`).toEqual(bits(v)));
    }
    for (const method of SOLVERS) expect(js.minimize[method]).toEqual(scalar.minimize[method]);
    expect(js.fastGd).toEqual(scalar.fastGd);

    problems.forEach((p, t) => {
      const { n } = p;
      const gamma = (k: number) => (k * EPS) / (1 - k * EPS);
      // matvec: |ŷᵢ − yᵢ| ≤ γₙ Σⱼ|aᵢⱼxⱼ| for each backend, so the two differ by at most twice that
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += Math.abs(p.A[i * n + j]! * p.x[j]!);
        expect(Math.abs(simd.matvec[t]![i]! - scalar.matvec[t]![i]!)).toBeLessThanOrEqual(2 * gamma(n) * s);
      }
      // solve: backward stable on both; for these κ ≤ ~10 systems the forward difference is
      // ≤ 100·n·ε·‖x‖∞ (κ·γ terms with a margin; measured: a few ε)
      for (const key of ['solveSpd', 'solveLu'] as const) {
        const a = simd[key][t]!, b = scalar[key][t]!;
        for (let i = 0; i < n; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(100 * n * EPS * maxAbs(b));
      }
      // eigSym: each eigenvalue is within O(nε‖A‖) of the truth on each backend (Weyl), ‖A‖ = n here;
      // with gaps of 1, each eigenvector is within O(nε‖A‖/gap) (Davis–Kahan), compared up to sign
      for (let i = 0; i < n; i++) expect(Math.abs(simd.eigValues[t]![i]! - scalar.eigValues[t]![i]!)).toBeLessThanOrEqual(10 * n * EPS * n);
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += simd.eigVectors[t]![i * n + j]! * scalar.eigVectors[t]![i * n + j]!;
        const sign = dot < 0 ? -1 : 1;
        for (let i = 0; i < n; i++) {
          expect(Math.abs(simd.eigVectors[t]![i * n + j]! - sign * scalar.eigVectors[t]![i * n + j]!)).toBeLessThanOrEqual(10 * n * EPS * n);
        }
      }
    });

    // Solvers in 2-D: lbfgs (two-loop recursion in WebAssembly), cg, bfgs and nelder-mead give the
    // same bits on all three backends. Newton factors ∇²f + τI with the Cholesky kernel: its path
    // may differ by rounding, so it must reach the same minimum (1, 1) to its tolerance.
    for (const method of ['lbfgs', 'cg', 'bfgs', 'nelder-mead'] as const) expect(simd.minimize[method], method).toEqual(scalar.minimize[method]);
    for (const name of BACKENDS) {
      const nt = runs[name]!.minimize.newton!;
      expect(nt.status).toBe('converged');
      for (const v of nt.x) expect(Math.abs(v - 1)).toBeLessThan(1e-8);
    }
    // The quadratic fast path runs gemv in WebAssembly every iteration: same status, and the
    // answers agree to the gradient tolerance over the smallest eigenvalue of H (≥ 1 here).
    expect(simd.fastGd.status).toBe('converged');
    expect(scalar.fastGd.status).toBe('converged');
    for (let i = 0; i < 33; i++) expect(Math.abs(simd.fastGd.x[i]! - scalar.fastGd.x[i]!)).toBeLessThanOrEqual(2e-8);
  });
});
