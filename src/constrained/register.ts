// Hooks the constrained solvers into minimize(): minimize(problem, x0, options) is routed here by
// the Problem-solver registry of src/solvers/minimize.ts. Registration happens on the first
// problem() call rather than at import, so no bundler can drop it as an unused side effect.
import type { VectorLike } from '../linalg/matrix.js';
import type { MinimizeResult } from '../solvers/driver.js';
import { minimize, registerProblemSolver } from '../solvers/minimize.js';
import type { MinimizeOptions } from '../solvers/options.js';
import { isProblem } from './is-problem.js';
import { minimizeProblem } from './minimize-problem.js';
import type { ConstrainedOptions, Problem } from './types.js';

let registered = false;
const CONSTRAINED_METHODS: ReadonlySet<string> = new Set(['penalty', 'augmented-lagrangian', 'lbfgs', 'projected-gradient']);

export function ensureRegistered(): void {
  if (registered) return;
  registered = true;
  registerProblemSolver({
    accepts: isProblem,
    solve: (f: unknown, x0: VectorLike, options: MinimizeOptions | undefined): MinimizeResult => {
      const p = f as Problem;
      // A Problem with neither constraints nor bounds is just its objective: any unconstrained method applies.
      const m = options?.method;
      if (p.constraints.length === 0 && !p.bounded && m !== undefined && !CONSTRAINED_METHODS.has(m)) {
        return minimize(p.objective, x0, options);
      }
      return minimizeProblem(p, x0, options as ConstrainedOptions | undefined);
    },
  });
}
