// Small objectives with hand-derived derivatives for the analysis tests, written independently of
// src/ so they can serve as truth. `fd` variants replace the Hessian by central differences, the
// way an objective without an analytic Hessian behaves.
import type { Matrix } from '../../src/index.js';

export interface TestObjective {
  dim: number;
  value(x: Float64Array): number;
  gradient(x: Float64Array, out?: Float64Array): Float64Array;
  hessian(x: Float64Array): Matrix;
  exactHessian?: boolean;
}

type Vec = Float64Array;

export function analytic(dim: number, f: (x: Vec) => number, g: (x: Vec) => number[], h: (x: Vec) => number[][]): TestObjective {
  return {
    dim,
    exactHessian: true,
    value: f,
    gradient(x, out = new Float64Array(dim)) {
      out.set(g(x));
      return out;
    },
    hessian: (x) => ({ rows: dim, cols: dim, data: Float64Array.from(h(x).flat()) }),
  };
}

/** The same f and gradient, Hessian by central differences of the gradient (symmetrized), steps ε^⅓·max(1,|xᵢ|). */
export function fdHessian(o: TestObjective): TestObjective {
  const n = o.dim;
  return {
    dim: n,
    value: (x) => o.value(x),
    gradient: (x, out) => o.gradient(x, out),
    hessian(x) {
      const H = new Float64Array(n * n);
      for (let j = 0; j < n; j++) {
        const h = Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x[j]!));
        const xp = x.slice(), xm = x.slice();
        xp[j] = x[j]! + h;
        xm[j] = x[j]! - h;
        const gp = o.gradient(xp), gm = o.gradient(xm);
        const step = xp[j]! - xm[j]!;
        for (let i = 0; i < n; i++) H[i * n + j] = (gp[i]! - gm[i]!) / step;
      }
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          const m = 0.5 * (H[i * n + j]! + H[j * n + i]!);
          H[i * n + j] = m;
          H[j * n + i] = m;
        }
      return { rows: n, cols: n, data: H };
    },
  };
}

export const saddle = analytic(2, ([x, y]) => x! * x! - y! * y!, ([x, y]) => [2 * x!, -2 * y!], () => [[2, 0], [0, -2]]);
export const bowl = analytic(2, ([x, y]) => x! * x! + y! * y!, ([x, y]) => [2 * x!, 2 * y!], () => [[2, 0], [0, 2]]);
export const cap = analytic(2, ([x, y]) => -x! * x! - y! * y!, ([x, y]) => [-2 * x!, -2 * y!], () => [[-2, 0], [0, -2]]);
export const cubic = analytic(1, ([x]) => x! ** 3, ([x]) => [3 * x! * x!], ([x]) => [[6 * x!]]);
export const quartic = analytic(1, ([x]) => x! ** 4, ([x]) => [4 * x! ** 3], ([x]) => [[12 * x! * x!]]);
export const sine = analytic(1, ([x]) => Math.sin(x!), ([x]) => [Math.cos(x!)], ([x]) => [[-Math.sin(x!)]]);
export const tanh1 = analytic(1, ([x]) => Math.tanh(x!), ([x]) => [1 / Math.cosh(x!) ** 2], ([x]) => [[-2 * Math.tanh(x!) / Math.cosh(x!) ** 2]]);
/** The monkey saddle x³ − 3xy². */
export const monkey = analytic(
  2,
  ([x, y]) => x! ** 3 - 3 * x! * y! * y!,
  ([x, y]) => [3 * x! * x! - 3 * y! * y!, -6 * x! * y!],
  ([x, y]) => [[6 * x!, -6 * y!], [-6 * y!, -6 * x!]],
);
export const rosenbrock = analytic(
  2,
  ([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2,
  ([x, y]) => [-2 * (1 - x!) - 400 * x! * (y! - x! * x!), 200 * (y! - x! * x!)],
  ([x, y]) => [[2 - 400 * y! + 1200 * x! * x!, -400 * x!], [-400 * x!, 200]],
);
export const himmelblau = analytic(
  2,
  ([x, y]) => (x! * x! + y! - 11) ** 2 + (x! + y! * y! - 7) ** 2,
  ([x, y]) => [4 * x! * (x! * x! + y! - 11) + 2 * (x! + y! * y! - 7), 2 * (x! * x! + y! - 11) + 4 * y! * (x! + y! * y! - 7)],
  ([x, y]) => [[12 * x! * x! + 4 * y! - 42, 4 * x! + 4 * y!], [4 * x! + 4 * y!, 4 * x! + 12 * y! * y! - 26]],
);
/** log Σ exp(xᵢ), computed stably; ∇ = softmax p, ∇² = diag(p) − ppᵀ. */
export function logSumExp(n: number): TestObjective {
  const softmax = (x: Vec): number[] => {
    const m = Math.max(...x);
    const e = Array.from(x, (v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  };
  return analytic(
    n,
    (x) => {
      const m = Math.max(...x);
      return m + Math.log(Array.from(x).reduce((s, v) => s + Math.exp(v - m), 0));
    },
    softmax,
    (x) => {
      const p = softmax(x);
      return p.map((pi, i) => p.map((pj, j) => (i === j ? pi : 0) - pi * pj));
    },
  );
}
export function sumOfSquares(n: number): TestObjective {
  return analytic(n, (x) => x.reduce((s, v) => s + v * v, 0), (x) => Array.from(x, (v) => 2 * v), () =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : 0))));
}

/** Closed-form eigenvalues of the symmetric 2×2 [[a, b], [b, c]], ascending. */
export function eig2(a: number, b: number, c: number): [number, number] {
  const m = 0.5 * (a + c), r = Math.hypot(0.5 * (a - c), b);
  return [m - r, m + r];
}
