// Small objectives with analytic derivatives for the analysis sections of the walkthrough.
import type { Matrix } from '../../index.js';

export interface DemoObjective {
  readonly dim: number;
  readonly exactHessian: true;
  value(x: Float64Array): number;
  gradient(x: Float64Array, out?: Float64Array): Float64Array;
  hessian(x: Float64Array): Matrix;
}

export function smooth(dim: number, f: (x: Float64Array) => number, g: (x: Float64Array) => number[], h: (x: Float64Array) => number[][]): DemoObjective {
  return {
    dim,
    exactHessian: true,
    value: f,
    gradient: (x, out = new Float64Array(dim)) => (out.set(g(x)), out),
    hessian: (x) => ({ rows: dim, cols: dim, data: Float64Array.from(h(x).flat()) }),
  };
}

export const fmt = (v: ArrayLike<number>, digits = 4): string => `[${Array.from(v, (x) => +x.toFixed(digits)).join(', ')}]`;
