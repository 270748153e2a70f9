// Argument checking shared by the analysis tools: objectives, points, boxes, options, and a
// seeded generator so every sampled verdict reproduces from its seed.
import { OptimaError } from '../errors.js';
import { type Matrix, Vector } from '../linalg/matrix.js';

/** The part of the `Objective` interface (API.md) the analysis tools call. */
export interface ObjectiveLike {
  readonly dim: number;
  value(x: Float64Array): number;
  gradient(x: Float64Array, out?: Float64Array): Float64Array;
  hessian(x: Float64Array): Matrix;
}

/** An axis-aligned box `lower ≤ x ≤ upper` (API.md `region`). */
export interface Region {
  lower: readonly number[] | Float64Array;
  upper: readonly number[] | Float64Array;
}

export const EPS = Number.EPSILON;
export const SQRT_EPS = Math.sqrt(Number.EPSILON);

/** Throws INVALID_OBJECTIVE unless `f` has a positive integer `dim` and the three methods. */
export function requireObjective(f: unknown, who: string): ObjectiveLike {
  const o = f as Partial<ObjectiveLike> | null;
  if (o === null || typeof o !== 'object') {
    throw new OptimaError('INVALID_OBJECTIVE', `${who}: f must be an Objective; got ${o === null ? 'null' : typeof o}`);
  }
  if (!Number.isInteger(o.dim) || (o.dim as number) < 1) {
    throw new OptimaError('INVALID_OBJECTIVE', `${who}: f.dim must be a positive integer; got ${String(o.dim)}`);
  }
  for (const m of ['value', 'gradient', 'hessian'] as const) {
    if (typeof o[m] !== 'function') throw new OptimaError('INVALID_OBJECTIVE', `${who}: f.${m} must be a function`);
  }
  return o as ObjectiveLike;
}

/** A private Float64Array copy of a point of length n, checked finite (names `name[i]`). */
export function copyPoint(x: unknown, n: number, name: string): Float64Array {
  if (x instanceof Vector) x = x.data; // a resident vector (API.md: accepted wherever a vector is)
  if (!(x instanceof Float64Array) && !Array.isArray(x)) {
    throw new OptimaError('DIMENSION_MISMATCH', `${name} must be a Float64Array or number[]; got ${x === null ? 'null' : typeof x}`);
  }
  if (x.length !== n) throw new OptimaError('DIMENSION_MISMATCH', `${name} has length ${x.length}; expected ${n}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i] as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new OptimaError('NOT_FINITE', `${name}[${i}] must be a finite number; got ${String(v)}`);
    }
    out[i] = v;
  }
  return out;
}

/** The box as two Float64Arrays, checked: finite, same length (= n when given), lower ≤ upper. */
export function requireRegion(region: unknown, who: string, n?: number): { lower: Float64Array; upper: Float64Array } {
  const r = region as Partial<Region> | null;
  if (r === null || typeof r !== 'object') {
    throw new OptimaError('INVALID_OPTION', `${who}: region must be { lower, upper }; got ${r === null ? 'null' : typeof r}`);
  }
  const lo = r.lower as unknown;
  const dim = n ?? (Array.isArray(lo) || lo instanceof Float64Array || lo instanceof Vector ? lo.length : -1);
  const lower = copyPoint(r.lower, dim, 'region.lower');
  const upper = copyPoint(r.upper, dim, 'region.upper');
  if (dim < 1) throw new OptimaError('DIMENSION_MISMATCH', `${who}: region must have at least one coordinate`);
  for (let i = 0; i < dim; i++) {
    if (!(lower[i]! <= upper[i]!)) {
      throw new OptimaError('INVALID_OPTION', `${who}: region.lower[${i}] = ${lower[i]} exceeds region.upper[${i}] = ${upper[i]}`);
    }
  }
  return { lower, upper };
}

/** Reads an optional integer option in [min, max], or returns the default. */
export function intOption(opts: object | undefined, key: string, dflt: number, min: number, max: number, who: string): number {
  const v = opts === undefined ? undefined : (opts as Record<string, unknown>)[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new OptimaError('INVALID_OPTION', `${who}: options.${key} must be an integer in [${min}, ${max}]; got ${String(v)}`);
  }
  return v;
}

/** Reads an optional number option that must be finite and > 0 (or ≥ 0 when `allowZero`). */
export function positiveOption(opts: object | undefined, key: string, who: string, allowZero = false): number | undefined {
  const v = opts === undefined ? undefined : (opts as Record<string, unknown>)[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (v === 0 && !allowZero)) {
    throw new OptimaError('INVALID_OPTION', `${who}: options.${key} must be a finite number ${allowZero ? '≥' : '>'} 0; got ${String(v)}`);
  }
  return v;
}

/** Throws INVALID_OPTION unless options is undefined or a plain object. */
export function requireOptions(opts: unknown, who: string): object | undefined {
  if (opts === undefined) return undefined;
  if (opts === null || typeof opts !== 'object') {
    throw new OptimaError('INVALID_OPTION', `${who}: options must be an object; got ${opts === null ? 'null' : typeof opts}`);
  }
  return opts;
}

/** The seed option: any safe integer (default 1); it is reduced mod 2³². */
export function seedOption(opts: object | undefined, who: string): number {
  const v = opts === undefined ? undefined : (opts as Record<string, unknown>).seed;
  if (v === undefined) return 1;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new OptimaError('INVALID_OPTION', `${who}: options.seed must be an integer; got ${String(v)}`);
  }
  return v >>> 0;
}

/**
 * mulberry32 (Tommy Ettinger, 2017): a 32-bit state generator with period 2³², uniform in [0, 1).
 * Plenty for sampling test points, and tiny, so a seed gives the same stream on every engine.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform point of the box: lower + u·(upper − lower), coordinate by coordinate. */
export function samplePoint(lower: Float64Array, upper: Float64Array, rand: () => number, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) {
    const lo = lower[i]!, hi = upper[i]!;
    // Clamped, so rounding in lo + u(hi − lo) can never step outside the box.
    out[i] = Math.min(hi, Math.max(lo, lo + rand() * (hi - lo)));
  }
  return out;
}

/** A λ strictly inside (0, 1): a draw of exactly 0 would make the convex combination trivial. */
export function sampleLambda(rand: () => number): number {
  let u = rand();
  for (let i = 0; u === 0 && i < 8; i++) u = rand();
  return u === 0 ? 0.5 : u;
}

/** λa + (1 − λ)b into out, clamped to the box [min(a,b), max(a,b)] against rounding. */
export function combine(lambda: number, a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) {
    const ai = a[i]!, bi = b[i]!;
    const v = lambda * ai + (1 - lambda) * bi;
    out[i] = Math.min(Math.max(ai, bi), Math.max(Math.min(ai, bi), v));
  }
  return out;
}

/** Calls f.value and throws NOT_FINITE unless it returns a finite number. */
export function valueAt(f: ObjectiveLike, x: Float64Array, who: string): number {
  const v = f.value(x);
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new OptimaError('NOT_FINITE', `${who}: f.value(x) must be a finite number; got ${String(v)} at x = [${Array.from(x).join(', ')}]`);
  }
  return v;
}

/** ‖v‖∞ (NaN-propagating). */
export function normInf(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (!(a <= m)) m = a;
  }
  return m;
}
