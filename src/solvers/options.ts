// MinimizeOptions (API.md), their validation and the capability table: which method takes which
// option (scipy's _minimize warns about ignored options; optima refuses them with INVALID_OPTION,
// so a typo or a misplaced option never silently does nothing).
import { OptimaError } from '../errors.js';

export type MethodName = 'gd' | 'momentum' | 'nesterov' | 'adam' | 'cg' | 'bfgs' | 'lbfgs' | 'newton' | 'nelder-mead' | 'direct';
export type LineSearchKind = 'none' | 'armijo' | 'wolfe';

export interface IterationState {
  iteration: number;
  x: Float64Array;
  fx: number;
  gradientNorm: number;
}

export interface MinimizeOptions {
  /** Default 'lbfgs' for an Objective; constrained methods are handled by registered Problem solvers. */
  method?: MethodName | 'penalty' | 'augmented-lagrangian';
  /** α: the fixed step of gd (or the first trial step with a line search), momentum, nesterov, adam. */
  stepSize?: number;
  lineSearch?: LineSearchKind;
  maxIterations?: number;
  /** Stop when ‖∇f‖∞ ≤ this at a minimum (default 1e-8). */
  gradientTolerance?: number;
  /** Stop when ‖Δx‖∞ ≤ this·max(1, ‖x‖∞) (default 0: off; Nelder–Mead 1e-8 on the simplex). */
  stepTolerance?: number;
  /** Stop when the decrease of f is ≤ this·max(1, |f|) (default 0: off; Nelder–Mead 1e-12 on the simplex values). */
  fTolerance?: number;
  callback?: (state: IterationState) => boolean | void;
  signal?: AbortSignal;
  history?: boolean;
  /** lbfgs: number of correction pairs kept (default 10). */
  memory?: number;
  /** momentum, nesterov: β (default 0.9). */
  momentum?: number;
  /** adam: β₁ (default 0.9), β₂ (default 0.999), ε (default 1e-8). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** nelder-mead: box bounds; ±Infinity means no bound. */
  bounds?: { lower?: Float64Array | readonly number[]; upper?: Float64Array | readonly number[] };
}

export interface ResolvedOptions {
  method: MethodName;
  stepSize: number | undefined;
  lineSearch: LineSearchKind;
  maxIterations: number;
  gradientTolerance: number;
  stepTolerance: number;
  fTolerance: number;
  callback: ((state: IterationState) => boolean | void) | undefined;
  signal: AbortSignal | undefined;
  history: boolean;
  memory: number;
  momentum: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  lower: Float64Array | undefined;
  upper: Float64Array | undefined;
}

const COMMON = ['method', 'maxIterations', 'gradientTolerance', 'stepTolerance', 'fTolerance', 'callback', 'signal', 'history'] as const;

/**
 * The capability table: options each method accepts beyond COMMON. stepSize is refused by the
 * line-search methods (cg, bfgs, lbfgs, newton pick their own steps) and gradientTolerance by
 * nelder-mead (it never sees a gradient).
 */
export const CAPABILITIES: Record<MethodName, readonly string[]> = {
  gd: ['stepSize', 'lineSearch'],
  momentum: ['stepSize', 'momentum'],
  nesterov: ['stepSize', 'momentum'],
  adam: ['stepSize', 'beta1', 'beta2', 'epsilon'],
  cg: ['lineSearch'],
  bfgs: ['lineSearch'],
  lbfgs: ['lineSearch', 'memory'],
  newton: ['lineSearch'],
  'nelder-mead': ['bounds'],
  direct: [],
};
const NOT_FOR: Partial<Record<MethodName, readonly string[]>> = { 'nelder-mead': ['gradientTolerance'] };

export const METHODS = Object.keys(CAPABILITIES) as MethodName[];

/** Every option key each method accepts, built once (per call it was a tenth of a 2-D solve). */
const ALLOWED = {} as Record<MethodName, ReadonlySet<string>>;
for (const m of METHODS) {
  const keys = new Set<string>([...COMMON, ...CAPABILITIES[m]]);
  for (const k of NOT_FOR[m] ?? []) keys.delete(k);
  ALLOWED[m] = keys;
}

/** Default iteration budgets: first-order fixed-step methods need many cheap iterations. */
const DEFAULT_MAX_ITERATIONS: Record<MethodName, number> = {
  gd: 10_000, momentum: 10_000, nesterov: 10_000, adam: 10_000, cg: 5000, bfgs: 1000, lbfgs: 1000, newton: 200,
  'nelder-mead': 0, direct: 1,
};
const DEFAULT_STEP: Partial<Record<MethodName, number>> = { momentum: 1e-3, nesterov: 1e-3, adam: 1e-3 };

function bad(name: string, value: unknown, want: string): never {
  const shown = typeof value === 'number' || typeof value === 'string' ? String(value) : typeof value;
  throw new OptimaError('INVALID_OPTION', `options.${name} must be ${want}; got ${shown}`);
}

// Each option is read by name at the call site (o.stepSize, …) and its value passed in: a computed
// o[name] is a megamorphic keyed load, ~10 ns each, a tenth of resolveOptions.
function num(v: unknown, name: string, test: (v: number) => boolean, want: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || Number.isNaN(v) || !test(v)) bad(name, v, want);
  return v;
}

const positive = (v: number) => v > 0 && Number.isFinite(v);
const nonNegative = (v: number) => v >= 0 && Number.isFinite(v);
const unit = (v: number) => v >= 0 && v < 1;
const count = (v: number) => Number.isInteger(v) && v >= 0;
const memorySize = (v: number) => Number.isInteger(v) && v >= 1 && v <= 1000;

const LINE_SEARCHES_GD: readonly LineSearchKind[] = ['none', 'armijo', 'wolfe'];
const LINE_SEARCHES: readonly LineSearchKind[] = ['armijo', 'wolfe'];

/** Validates options against the capability table and fills in the defaults. */
export function resolveOptions(options: MinimizeOptions | undefined, n: number): ResolvedOptions {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new OptimaError('INVALID_OPTION', `options must be an object; got ${options === null ? 'null' : typeof options}`);
  }
  const o = (options ?? {}) as Record<string, unknown>;
  const method = (o.method ?? 'lbfgs') as MethodName;
  if (!METHODS.includes(method)) {
    if (o.method === 'penalty' || o.method === 'augmented-lagrangian') {
      throw new OptimaError('INVALID_OPTION', `options.method '${String(o.method)}' needs a constrained Problem (problem({…})), not an Objective`);
    }
    bad('method', o.method, `one of ${METHODS.join(', ')}`);
  }
  const allowed = ALLOWED[method];
  for (const key of Object.keys(o)) {
    if (o[key] === undefined) continue;
    if (!allowed.has(key)) {
      throw new OptimaError('INVALID_OPTION', `options.${key} is not used by method '${method}' (it takes: ${[...allowed].join(', ')})`);
    }
  }
  const stepSize = num(o.stepSize, 'stepSize', positive, 'a positive finite number');
  const maxIterations = num(o.maxIterations, 'maxIterations', count, 'a non-negative integer');
  const memory = num(o.memory, 'memory', memorySize, 'an integer in 1…1000');
  const ls = o.lineSearch;
  const lsAllowed = method === 'gd' ? LINE_SEARCHES_GD : LINE_SEARCHES;
  if (ls !== undefined && !lsAllowed.includes(ls as LineSearchKind)) bad('lineSearch', ls, `one of ${lsAllowed.map((s) => `'${s}'`).join(', ')} for ${method}`);
  const lineSearch: LineSearchKind = (ls as LineSearchKind | undefined) ??
    (method === 'gd' ? (stepSize !== undefined ? 'none' : 'armijo') : method === 'newton' ? 'armijo' : 'wolfe');
  if (method === 'gd' && lineSearch === 'none' && stepSize === undefined) {
    throw new OptimaError('INVALID_OPTION', "options.stepSize is required by gd with lineSearch 'none' (a fixed step)");
  }
  if (o.callback !== undefined && typeof o.callback !== 'function') bad('callback', o.callback, 'a function');
  const signal = o.signal as AbortSignal | undefined;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof signal.aborted !== 'boolean')) bad('signal', signal, 'an AbortSignal');
  if (o.history !== undefined && typeof o.history !== 'boolean') bad('history', o.history, 'a boolean');
  let lower: Float64Array | undefined, upper: Float64Array | undefined;
  if (o.bounds !== undefined) {
    const b = o.bounds as MinimizeOptions['bounds'];
    if (b === null || typeof b !== 'object') bad('bounds', b, 'an object { lower?, upper? }');
    lower = b.lower === undefined ? undefined : bound(b.lower, 'bounds.lower', n);
    upper = b.upper === undefined ? undefined : bound(b.upper, 'bounds.upper', n);
    if (lower && upper) {
      for (let i = 0; i < n; i++) {
        if (!(lower[i]! <= upper[i]!)) throw new OptimaError('INVALID_OPTION', `options.bounds: lower[${i}] = ${lower[i]} exceeds upper[${i}] = ${upper[i]}`);
      }
    }
  }
  return {
    method,
    stepSize: stepSize ?? DEFAULT_STEP[method],
    lineSearch,
    maxIterations: maxIterations ?? (method === 'nelder-mead' ? 1000 * n : DEFAULT_MAX_ITERATIONS[method]),
    gradientTolerance: num(o.gradientTolerance, 'gradientTolerance', nonNegative, 'a non-negative finite number') ?? 1e-8,
    stepTolerance: num(o.stepTolerance, 'stepTolerance', nonNegative, 'a non-negative finite number') ?? (method === 'nelder-mead' ? 1e-8 : 0),
    fTolerance: num(o.fTolerance, 'fTolerance', nonNegative, 'a non-negative finite number') ?? (method === 'nelder-mead' ? 1e-12 : 0),
    callback: o.callback as ResolvedOptions['callback'],
    signal,
    history: o.history === true,
    memory: memory ?? 10,
    momentum: num(o.momentum, 'momentum', unit, 'a number in [0, 1)') ?? 0.9,
    beta1: num(o.beta1, 'beta1', unit, 'a number in [0, 1)') ?? 0.9,
    beta2: num(o.beta2, 'beta2', unit, 'a number in [0, 1)') ?? 0.999,
    epsilon: num(o.epsilon, 'epsilon', positive, 'a positive finite number') ?? 1e-8,
    lower,
    upper,
  };
}

function bound(v: unknown, name: string, n: number): Float64Array {
  if (!(v instanceof Float64Array) && !Array.isArray(v)) bad(name, v, 'a Float64Array or number[]');
  if (v.length !== n) throw new OptimaError('DIMENSION_MISMATCH', `options.${name} has length ${v.length}; expected ${n}`);
  const out = Float64Array.from(v as ArrayLike<number>);
  for (let i = 0; i < n; i++) {
    const raw = (v as ArrayLike<unknown>)[i];
    if (Number.isNaN(out[i]) || typeof raw !== 'number') bad(`${name}[${i}]`, raw, 'a number or ±Infinity');
  }
  return out;
}

