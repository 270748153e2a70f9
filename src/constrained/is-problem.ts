import type { Problem } from './types.js';

/** True for values made by problem() (what minimize uses to route a Problem to the constrained solvers). */
export function isProblem(p: unknown): p is Problem {
  return p !== null && typeof p === 'object' && (p as { kind?: unknown }).kind === 'problem'
    && 'objective' in (p as object) && 'lower' in (p as object);
}
