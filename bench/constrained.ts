// bench/constrained: one constrained solve per call on the test problems (the analytic circle
// case, Hock–Schittkowski 6/7/21/35/71, a 12-dimensional box QP): the augmented Lagrangian
// (headline), the penalty method, and — where the objective has a finite unconstrained minimum —
// the unconstrained L-BFGS solve of the same objective from the same start, so the cost of the
// constraints shows. numeric.js's solveQP (Goldfarb–Idnani) is the JS peer on the quadratic
// programs, scipy's SLSQP the native column. Evaluations per solve are reported as checks (they
// are what dominates for a costly f).
import { minimize, problem } from 'optima';
import type { CaseSpec, SuiteContext, SuiteResult } from './harness.js';
import { circle, hockSchittkowski, smooth, type Case } from '../test/helpers/constrained-problems.js';

interface Numeric {
  solveQP(D: number[][], d: number[], A: number[][], b: number[], meq?: number): { solution: number[]; message: string };
}
type Solve = ReturnType<typeof minimize> & { evaluations: Record<string, number>; outerIterations?: number };

/** A 12-dimensional box QP whose box binds on some coordinates (as in test/constrained.test.ts). */
function boxQp(): Case & { H: number[][]; g: number[] } {
  const n = 12;
  const H: number[][] = [];
  let s = 12345;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const B = Array.from({ length: n }, () => Array.from({ length: n }, rand));
  for (let i = 0; i < n; i++) {
    H.push([]);
    for (let j = 0; j < n; j++) {
      let v = i === j ? n : 0;
      for (let k = 0; k < n; k++) v += B[k]![i]! * B[k]![j]!;
      H[i]!.push(v);
    }
  }
  const g = Array.from({ length: n }, () => 40 * rand());
  const objective = smooth(n, (x) => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      let hx = 0;
      for (let j = 0; j < n; j++) hx += H[i]![j]! * x[j]!;
      v += 0.5 * x[i]! * hx + g[i]! * x[i]!;
    }
    return v;
  }, (x, out) => {
    for (let i = 0; i < n; i++) {
      let hx = g[i]!;
      for (let j = 0; j < n; j++) hx += H[i]![j]! * x[j]!;
      out[i] = hx;
    }
  });
  return {
    name: 'box QP n=12', objective, constraints: [], bounds: { lower: new Array(n).fill(-0.5), upper: new Array(n).fill(0.5) },
    x0: new Array(n).fill(0), xStar: [], fStar: NaN, H, g,
  };
}

/** The quadratic programs numeric.solveQP can take: min ½xᵀDx − dᵀx s.t. Aᵀx ≥ b. */
function qpForm(c: Case, box: ReturnType<typeof boxQp>): { D: number[][]; d: number[]; A: number[][]; b: number[] } | undefined {
  const cols = (n: number, list: Array<[number[], number]>) => {
    const A = Array.from({ length: n }, (_, i) => list.map(([a]) => a[i]!));
    return { A, b: list.map(([, v]) => v) };
  };
  if (c === circle) return { D: [[2, 0], [0, 2]], d: [0, 0], ...cols(2, [[[1, 1], 1]]) };
  if (c.name === 'HS21') return { D: [[0.02, 0], [0, 2]], d: [0, 0], ...cols(2, [[[10, -1], 10], [[1, 0], 2], [[-1, 0], -50], [[0, 1], -50], [[0, -1], -50]]) };
  if (c.name === 'HS35') {
    return { D: [[4, 2, 2], [2, 4, 0], [2, 0, 2]], d: [8, 6, 4], ...cols(3, [[[-1, -1, -2], -3], [[1, 0, 0], 0], [[0, 1, 0], 0], [[0, 0, 1], 0]]) };
  }
  if (c === box) {
    const n = box.H.length;
    const list: Array<[number[], number]> = [];
    for (let i = 0; i < n; i++) {
      const e = new Array(n).fill(0);
      e[i] = 1;
      list.push([e, -0.5], [e.map((v) => -v), -0.5]);
    }
    return { D: box.H, d: box.g.map((v) => -v), ...cols(n, list) };
  }
  return undefined;
}

/** Objectives with a finite unconstrained minimum (HS7 and HS71 are unbounded below without their constraints). */
const UNCONSTRAINED_OK = new Set(['x²+y² s.t. x+y ≥ 1', 'HS6', 'HS21', 'HS35', 'box QP n=12']);

const fmtEvals = (r: Solve) => {
  const e = r.evaluations;
  return `${r.status}, ${r.iterations} it${r.outerIterations !== undefined ? ` / ${r.outerIterations} outer` : ''}, f ${e.f}, ∇f ${e.gradient}`
    + (e.constraints !== undefined ? `, c ${e.constraints}, ∇c ${e.constraintGradients}` : '');
};

export async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const numeric = (await ctx.peer<{ default: Numeric }>('numeric'))?.default;
  const box = boxQp();
  const all: Case[] = [circle, ...hockSchittkowski, box];
  const cases: CaseSpec[] = [];
  const checks: Array<{ name: string; run: () => { ok: boolean; detail: string } }> = [];
  for (const c of all) {
    const p = problem({ objective: c.objective, constraints: c.constraints, bounds: c.bounds });
    const w = c.name;
    for (const method of ['augmented-lagrangian', 'penalty'] as const) {
      if (c === box && method === 'penalty') continue; // no constraints: both are the bound solver
      const label = c === box ? 'optima projected L-BFGS' : `optima ${method}`;
      cases.push({ workload: w, impl: label, role: method === 'augmented-lagrangian' ? 'optima' : 'optima-variant', setup: () => () => minimize(p, c.x0, { method }) });
      checks.push({
        name: `${w} · ${label}: evaluations per solve`,
        run: () => {
          const r = minimize(p, c.x0, { method }) as Solve;
          const err = c.xStar.length ? Math.max(...Array.from(r.x, (v, i) => Math.abs(v - c.xStar[i]!))) : 0;
          return { ok: r.converged && err < 1e-5, detail: `${fmtEvals(r)}${c.xStar.length ? `, ‖x − x*‖∞ ${err.toExponential(1)}` : ''}` };
        },
      });
    }
    if (UNCONSTRAINED_OK.has(w)) {
      cases.push({ workload: w, impl: 'optima lbfgs, constraints dropped', role: 'optima-variant', setup: () => () => minimize(c.objective, c.x0) });
      checks.push({
        name: `${w} · unconstrained lbfgs on the same objective: evaluations per solve`,
        run: () => {
          const r = minimize(c.objective, c.x0) as Solve;
          return { ok: r.converged, detail: fmtEvals(r) };
        },
      });
    }
    const qp = numeric ? qpForm(c, box) : undefined;
    if (numeric && qp) {
      cases.push({ workload: w, impl: 'numeric.js solveQP', role: 'peer', setup: () => () => numeric.solveQP(qp.D, qp.d, qp.A, qp.b) });
    }
  }
  // scipy SLSQP (bench/native.py 'slsqp:k') on the same problems, as the native column.
  const native: Record<string, string> = { [circle.name]: 'slsqp:0' };
  for (const c of hockSchittkowski) native[c.name] = `slsqp:${c.name.slice(2)}`;
  return ctx.measure({ suite: 'constrained', cases, checks, native });
}
