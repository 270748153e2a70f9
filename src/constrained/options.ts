// Option defaults and validation for minimize(problem, …). Every numeric option is checked here so
// the solvers can trust it; a bad one is INVALID_OPTION naming it and the value.
import { OptimaError } from '../errors.js';
import type { ConstrainedOptions, IterationState, Problem } from './types.js';

export type OuterMethod = 'penalty' | 'augmented-lagrangian' | 'bounds';

export interface Resolved {
  method: OuterMethod;
  innerMethod: 'lbfgs' | 'projected-gradient';
  maxIterations: number;
  maxOuterIterations: number;
  initialPenalty: number;
  penaltyGrowth: number;
  maxPenalty: number;
  gradientTolerance: number;
  /** True when the caller set gradientTolerance (the augmented Lagrangian then uses it as its final inner tolerance). */
  gradientToleranceGiven: boolean;
  constraintTolerance: number;
  optimalityTolerance: number;
  stepTolerance: number;
  memory: number;
  multipliers: Float64Array | undefined;
  callback: ((s: IterationState) => boolean | void) | undefined;
  signal: AbortSignal | undefined;
  history: boolean;
}

/**
 * Documented defaults. Penalty: r₀ = 1, ×10 per outer iteration up to 1e10, 12 outer iterations.
 * Augmented Lagrangian: ρ₀ = 10, ×10 when the violation fails to halve, up to 1e8, 50 outer
 * iterations. Both: tolerances 1e-6 (feasibility, KKT), 10 000 inner iterations in all.
 */
export const DEFAULTS = {
  penalty: { initialPenalty: 1, penaltyGrowth: 10, maxPenalty: 1e10, maxOuterIterations: 12 },
  'augmented-lagrangian': { initialPenalty: 10, penaltyGrowth: 10, maxPenalty: 1e8, maxOuterIterations: 50 },
  bounds: { initialPenalty: 0, penaltyGrowth: 1, maxPenalty: 0, maxOuterIterations: 1 },
  maxIterations: 10_000,
  gradientTolerance: 1e-8,
  constraintTolerance: 1e-6,
  optimalityTolerance: 1e-6,
  stepTolerance: 1e-6,
  memory: 10,
} as const;

function bad(name: string, v: unknown, want: string): never {
  throw new OptimaError('INVALID_OPTION', `options.${name} must be ${want}; got ${typeof v === 'string' ? `'${v}'` : String(v)}`);
}

function num(o: Record<string, unknown>, name: string, dflt: number, ok: (v: number) => boolean, want: string): number {
  const v = o[name];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !ok(v)) bad(name, v, want);
  return v;
}

const positive = (v: number) => v > 0 && Number.isFinite(v);
const count = (v: number) => Number.isInteger(v) && v >= 0 && v <= 1e9;

/** Options each method takes; anything else is refused, so a misplaced option never silently does nothing. */
const COMMON = ['method', 'maxIterations', 'gradientTolerance', 'callback', 'signal', 'history', 'innerMethod', 'memory'];
const OUTER = [...COMMON, 'maxOuterIterations', 'initialPenalty', 'penaltyGrowth', 'maxPenalty', 'constraintTolerance', 'optimalityTolerance'];
const TAKES: Record<OuterMethod, ReadonlySet<string>> = {
  penalty: new Set([...OUTER, 'stepTolerance']),
  'augmented-lagrangian': new Set([...OUTER, 'multipliers']),
  bounds: new Set(COMMON),
};

export function resolveOptions(p: Problem, options: ConstrainedOptions | undefined): Resolved {
  if (options !== undefined && (options === null || typeof options !== 'object')) bad('', options, 'an object');
  const o = (options ?? {}) as Record<string, unknown>;
  const refuse = (m: OuterMethod) => {
    for (const key of Object.keys(o)) {
      if (o[key] === undefined || TAKES[m].has(key)) continue;
      const hint = key === 'bounds' ? ': give bounds to problem({ bounds })' : '';
      throw new OptimaError('INVALID_OPTION', `options.${key} is not used by ${m === 'bounds' ? 'the bound-constrained solver' : `'${m}'`} on a Problem${hint}`);
    }
  };
  const m = p.constraints.length;
  let method: OuterMethod;
  const requested = o.method;
  if (requested === undefined) method = m > 0 ? 'augmented-lagrangian' : 'bounds';
  else if (requested === 'penalty' || requested === 'augmented-lagrangian') method = m > 0 ? requested : 'bounds';
  else if (requested === 'lbfgs' || requested === 'projected-gradient') {
    if (m > 0) {
      throw new OptimaError('INVALID_OPTION', `options.method '${requested}' handles bounds only; a problem with constraints needs 'augmented-lagrangian' or 'penalty'`);
    }
    method = 'bounds';
  } else {
    bad('method', requested, `'augmented-lagrangian', 'penalty', 'lbfgs' or 'projected-gradient' for a Problem`);
  }
  let innerMethod: 'lbfgs' | 'projected-gradient' = requested === 'projected-gradient' ? 'projected-gradient' : 'lbfgs';
  if (o.innerMethod !== undefined) {
    if (o.innerMethod !== 'lbfgs' && o.innerMethod !== 'projected-gradient') bad('innerMethod', o.innerMethod, `'lbfgs' or 'projected-gradient'`);
    innerMethod = o.innerMethod;
  }
  refuse(method);
  const d = DEFAULTS[method];
  const initialPenalty = num(o, 'initialPenalty', d.initialPenalty, positive, 'a finite number > 0');
  const penaltyGrowth = num(o, 'penaltyGrowth', d.penaltyGrowth, (v) => v > 1 && Number.isFinite(v), 'a finite number > 1');
  const maxPenalty = num(o, 'maxPenalty', Math.max(d.maxPenalty, initialPenalty), (v) => positive(v) && v >= initialPenalty, `a finite number ≥ initialPenalty (${initialPenalty})`);
  let multipliers: Float64Array | undefined;
  if (o.multipliers !== undefined) {
    const a = o.multipliers;
    if (!(a instanceof Float64Array) && !Array.isArray(a)) bad('multipliers', a, 'a Float64Array or number[]');
    if (a.length !== m) throw new OptimaError('DIMENSION_MISMATCH', `options.multipliers has length ${a.length}; the problem has ${m} constraints`);
    multipliers = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const v = a[i] as unknown;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new OptimaError('NOT_FINITE', `options.multipliers[${i}] must be a finite number; got ${String(v)}`);
      if (v < 0 && p.constraints[i]!.type === 'ineq') {
        throw new OptimaError('INVALID_OPTION', `options.multipliers[${i}] = ${v} is negative but constraints[${i}] is an inequality (α ≥ 0 required)`);
      }
      multipliers[i] = v;
    }
  }
  if (o.callback !== undefined && typeof o.callback !== 'function') bad('callback', o.callback, 'a function');
  const signal = o.signal as AbortSignal | undefined;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof signal.aborted !== 'boolean')) bad('signal', signal, 'an AbortSignal');
  return {
    method,
    innerMethod,
    maxIterations: num(o, 'maxIterations', DEFAULTS.maxIterations, count, 'a non-negative integer'),
    maxOuterIterations: num(o, 'maxOuterIterations', d.maxOuterIterations, (v) => count(v) && v >= 1, 'a positive integer'),
    initialPenalty,
    penaltyGrowth,
    maxPenalty,
    gradientTolerance: num(o, 'gradientTolerance', DEFAULTS.gradientTolerance, positive, 'a finite number > 0'),
    gradientToleranceGiven: o.gradientTolerance !== undefined,
    constraintTolerance: num(o, 'constraintTolerance', DEFAULTS.constraintTolerance, positive, 'a finite number > 0'),
    optimalityTolerance: num(o, 'optimalityTolerance', DEFAULTS.optimalityTolerance, positive, 'a finite number > 0'),
    stepTolerance: num(o, 'stepTolerance', DEFAULTS.stepTolerance, positive, 'a finite number > 0'),
    memory: num(o, 'memory', DEFAULTS.memory, (v) => count(v) && v >= 1 && v <= 1000, 'an integer in [1, 1000]'),
    multipliers,
    callback: o.callback as Resolved['callback'],
    signal,
    history: o.history === true,
  };
}
