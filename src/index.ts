// optima: numerical optimization for TypeScript, its hot loops in SIMD WebAssembly.
// Top-level await: once this module has loaded, every export is synchronous.
import { ready } from './runtime/runtime.js';

await ready;

export { OptimaError, type OptimaErrorCode } from './errors.js';
export { backend, ready, setBackend, memoryBytes, type BackendName } from './runtime/runtime.js';
export { matrix, vector, Vector, type Matrix, type MatrixLike, type VectorLike } from './linalg/matrix.js';
export { dot, matvec, solve } from './linalg/blas.js';
export { eigSym, eigSym2x2Batch, SYMMETRY_TOLERANCE, type EigSymResult, type EigSymOptions } from './linalg/eigen.js';
export { type Objective } from './objective/types.js';
export { quadratic, QuadraticObjective } from './objective/quadratic.js';
export { objective, type ObjectiveSpec } from './objective/objective.js';
export { numericalGradient, numericalHessian, checkGradient } from './objective/finiteDifferences.js';
export { testFunctions, type TestFunction, type TestFunctionName, type PointKind } from './objective/testFunctions.js';
export { minimize, maximize, registerProblemSolver, type ProblemSolver } from './solvers/minimize.js';
export { type MinimizeOptions, type MethodName, type IterationState, type LineSearchKind, CAPABILITIES } from './solvers/options.js';
export { type MinimizeResult, type History } from './solvers/driver.js';
export { type Status, REASONS } from './solvers/status.js';
export { classifyCriticalPoint, type ClassifyOptions, type CriticalPointKind, type CriticalPointResult } from './analysis/critical.js';
export { checkConvexity, type ConvexityOptions, type ConvexityResult, type ConvexityCounterexample } from './analysis/convexFunction.js';
export { isConvexSet, type ConvexSetOptions, type ConvexSetResult } from './analysis/convexSet.js';
export {
  diagnoseGradients, type GradientDiagnosis, type GradientHealthOptions, type GradientIssue, type GradientIssueKind, type GradientTrace,
} from './analysis/gradientHealth.js';
export type { Region } from './analysis/common.js';
export { richardsonGradient, richardsonHessian, type RichardsonOptions } from './analysis/richardson.js';
export { problem, penalized, lagrangian } from './constrained/index.js';
export type { Problem, ConstraintSpec, ConstrainedOptions, ConstrainedResult, ConstrainedStatus, KktResiduals } from './constrained/index.js';
