// Runs the chosen solvers from x0 with optima.minimize(..., { history: true }) and keeps what the
// page draws: the path, f and ‖∇f‖ per iteration, and the final report.
import { type Method, type MinimizeResult, type Objective, api } from './api.js';

export const COLOURS: Record<Method, string> = {
  gd: '#e41a1c', momentum: '#ff7f00', nesterov: '#984ea3', adam: '#a65628',
  cg: '#f781bf', bfgs: '#377eb8', lbfgs: '#4daf4a', newton: '#111111',
};

/** The methods whose step size α the slider sets; the others choose theirs by line search. */
export const FIRST_ORDER: Method[] = ['gd', 'momentum', 'nesterov', 'adam'];

export interface Run {
  method: Method;
  result?: MinimizeResult;
  error?: string;
  path: Float64Array[];
  fx: number[];
  gradientNorm: number[];
  ms: number;
}

export function runSolvers(obj: Objective, x0: [number, number], methods: Method[], alpha: number, beta: number, iters: number): Run[] {
  const minimize = api.minimize;
  return methods.map((method) => {
    const run: Run = { method, path: [], fx: [], gradientNorm: [], ms: 0 };
    if (!minimize) {
      run.error = 'optima.minimize is not in this build';
      return run;
    }
    const t0 = performance.now();
    try {
      const options = {
        method, maxIterations: iters, history: true,
        ...(FIRST_ORDER.includes(method) ? { stepSize: alpha } : {}),
        ...(method === 'momentum' || method === 'nesterov' ? { momentum: beta } : {}),
      };
      const result = minimize(obj, Float64Array.from(x0), options);
      run.result = result;
      const h = result.history;
      if (h) {
        run.path = h.x.map((x) => Float64Array.from(x));
        run.fx = h.fx.slice();
        run.gradientNorm = h.gradientNorm.slice();
      }
      // Make the drawn path start at x0 and end at the reported answer, whatever history holds.
      const first = run.path[0];
      if (!first || first[0] !== x0[0] || first[1] !== x0[1]) run.path.unshift(Float64Array.from(x0));
      const last = run.path[run.path.length - 1]!;
      if (last[0] !== result.x[0] || last[1] !== result.x[1]) run.path.push(Float64Array.from(result.x));
    } catch (e) {
      run.error = e instanceof Error ? `${(e as { code?: string }).code ?? e.name}: ${e.message}` : String(e);
    }
    run.ms = performance.now() - t0;
    return run;
  });
}
