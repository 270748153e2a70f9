/** Every error optima throws for bad input carries one of these codes (API.md). */
export type OptimaErrorCode =
  | 'DIMENSION_MISMATCH'
  | 'NOT_FINITE'
  | 'NOT_SYMMETRIC'
  | 'NOT_POSITIVE_DEFINITE'
  | 'SINGULAR'
  | 'INVALID_OPTION'
  | 'INVALID_OBJECTIVE'
  /** An iterative kernel hit its iteration cap (eigen-solvers); never a hang. */
  | 'NOT_CONVERGED'
  /** A `matrix()` / `vector()` handle was used after `dispose()`. */
  | 'DISPOSED'
  /** The WebAssembly module aborted; the instance stays usable. */
  | 'INTERNAL';

export class OptimaError extends Error {
  readonly code: OptimaErrorCode;
  constructor(code: OptimaErrorCode, message: string) {
    super(message);
    this.name = 'OptimaError';
    this.code = code;
  }
}
