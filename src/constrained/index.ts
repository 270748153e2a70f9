// Constrained optimization: problem(), penalized(), lagrangian() and the solvers minimize routes
// a Problem to (penalty method, augmented Lagrangian, projected L-BFGS for bounds).
export { problem, isProblem } from './problem.js';
export { penalized, lagrangian } from './merit.js';
export { minimizeProblem } from './minimize-problem.js';
export type {
  Problem, ConstraintSpec, ConstrainedOptions, ConstrainedResult, ConstrainedStatus, KktResiduals, OuterRecord,
} from './types.js';
