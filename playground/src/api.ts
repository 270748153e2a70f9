// The optima functions the playground uses, looked up by name so that parts of API.md not yet in
// this build of the package (minimize, eigSym, classifyCriticalPoint, problem, penalized, …)
// simply show as unavailable instead of breaking the build. Types follow /work/shared/API.md.
import * as optima from 'optima';

export type Vec = Float64Array;
export interface Matrix { rows: number; cols: number; data: Float64Array }
export interface Objective {
  readonly dim: number;
  value(x: Vec): number;
  gradient(x: Vec, out?: Vec): Vec;
  hessian(x: Vec): Matrix;
}
export type Method = 'gd' | 'momentum' | 'nesterov' | 'adam' | 'cg' | 'bfgs' | 'lbfgs' | 'newton';
export interface MinimizeOptions {
  method?: Method;
  stepSize?: number;
  /** β of momentum / nesterov (an option of this package beyond API.md). */
  momentum?: number;
  maxIterations?: number;
  gradientTolerance?: number;
  history?: boolean;
}
export interface MinimizeResult {
  x: Vec; fx: number; gradientNorm: number; iterations: number; converged: boolean;
  status: string; message: string;
  history?: { x: Vec[]; fx: number[]; gradientNorm: number[] };
}
export interface Constraint { type: 'ineq' | 'eq'; fn: (x: Vec) => number; gradient?: (x: Vec, out: Vec) => void }
export type Problem = object;
export type Kind = 'minimum' | 'maximum' | 'saddle' | 'degenerate' | 'not-critical';

interface Optional {
  objective(spec: { dim: number; f: (x: Vec) => number; gradient?: (x: Vec, out: Vec) => void; hessian?: (x: Vec) => number[][] }): Objective;
  minimize(f: Objective | Problem, x0: Vec | number[], options?: MinimizeOptions): MinimizeResult;
  eigSym(A: Matrix | number[][], options?: { vectors?: boolean }): { values: Vec; vectors?: Matrix };
  classifyCriticalPoint(f: Objective, x: Vec | number[], options?: { gradientTolerance?: number }): { kind: Kind; gradientNorm: number; eigenvalues: Vec };
  problem(spec: { objective: Objective; constraints?: Constraint[] }): Problem;
  penalized(p: Problem, r: number): Objective;
  eigSym2x2Batch(a: Float64Array, b: Float64Array, c: Float64Array, out?: { lo: Float64Array; hi: Float64Array }): { lo: Float64Array; hi: Float64Array };
  checkConvexity(f: Objective, region: { lower: number[]; upper: number[] }, options?: { samples?: number; seed?: number }): {
    convex: boolean; minHessianEigenvalue: number; exact?: boolean;
    counterexample?: { x: Float64Array; y: Float64Array; lambda: number; gap: number };
  };
  numericalGradient(f: (x: Vec) => number, x: Vec | number[]): Vec;
  numericalHessian(f: (x: Vec) => number, x: Vec | number[]): Matrix;
  gridValues(name: string, box: readonly number[], nx: number, ny: number, out?: Float64Array): Float64Array;
}

const ns = optima as unknown as Record<string, unknown>;
function pick<K extends keyof Optional>(name: K): Optional[K] | undefined {
  const f = ns[name];
  return typeof f === 'function' ? (f as Optional[K]) : undefined;
}

export const api = {
  backend: () => optima.backend,
  objective: pick('objective'),
  minimize: pick('minimize'),
  eigSym: pick('eigSym'),
  classifyCriticalPoint: pick('classifyCriticalPoint'),
  problem: pick('problem'),
  penalized: pick('penalized'),
  gridValues: pick('gridValues'),
  eigSym2x2Batch: pick('eigSym2x2Batch'),
  checkConvexity: pick('checkConvexity'),
  numericalGradient: pick('numericalGradient'),
  numericalHessian: pick('numericalHessian'),
};

/** Names of API.md functions this page would use but this build of optima lacks. */
export function missing(...names: (keyof typeof api)[]): string[] {
  return names.filter((n) => api[n] === undefined);
}

/**
 * An Objective from closed forms: optima.objective() when present (it validates and counts),
 * else a plain object with the same shape, which minimize() accepts as well.
 */
export function makeObjective(
  dim: number,
  f: (x: Vec) => number,
  gradient: (x: Vec, out: Vec) => void,
  hessian: (x: Vec) => number[][],
): Objective {
  if (api.objective) return api.objective({ dim, f, gradient, hessian });
  return {
    dim,
    value: f,
    gradient: (x, out = new Float64Array(dim)) => (gradient(x, out), out),
    hessian: (x) => ({ rows: dim, cols: dim, data: Float64Array.from(hessian(x).flat()) }),
  };
}
