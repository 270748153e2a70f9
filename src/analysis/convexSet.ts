// isConvexSet: a set is convex when it holds every segment between two of its members
// (Boyd & Vandenberghe, Convex Optimization, §2.1.4). Tested on seeded random members.
import { OptimaError } from '../errors.js';
import {
  type Region, combine, intOption, mulberry32, requireOptions, requireRegion, sampleLambda, samplePoint, seedOption,
} from './common.js';

export interface ConvexSetOptions {
  /** Segments tested. Default 1000. */
  samples?: number;
  /** Seed of the generator: the same seed gives the same verdict and counterexample. Default 1. */
  seed?: number;
}

export interface ConvexSetResult {
  convex: boolean;
  /** Members a, b and λ with λa + (1−λ)b outside the set. */
  counterexample?: { a: Float64Array; b: Float64Array; lambda: number };
  /** Members found by rejection sampling in the box (the pool segments are drawn from). */
  members: number;
  /** Segments actually tested (0 when fewer than two members were found). */
  checks: number;
}

function member(contains: (x: Float64Array) => boolean, x: Float64Array): boolean {
  const r = contains(x.slice()) as unknown;
  if (typeof r !== 'boolean') throw new OptimaError('INVALID_OBJECTIVE', `isConvexSet: contains(x) must return a boolean; got ${typeof r}`);
  return r;
}

/**
 * Tests whether the set {x : contains(x)} ∩ region is convex. Members are found by rejection
 * sampling uniform points of the box (at most 20·P attempts for a pool of P = min(2·samples, 1000)
 * members); then `samples` times two pool members a ≠ b and λ ∈ (0, 1) are drawn and
 * λa + (1−λ)b is tested. The first point found outside the set is returned as the counterexample.
 *
 * `convex: true` means "no counterexample among `checks` segments": a set that occupies a tiny
 * fraction of the box may yield fewer than two members, and then nothing is tested (`checks: 0`).
 */
export function isConvexSet(contains: (x: Float64Array) => boolean, region: Region, options?: ConvexSetOptions): ConvexSetResult {
  const who = 'isConvexSet';
  if (typeof contains !== 'function') throw new OptimaError('INVALID_OBJECTIVE', `${who}: contains must be a function; got ${typeof contains}`);
  const opts = requireOptions(options, who);
  const { lower, upper } = requireRegion(region, who);
  const samples = intOption(opts, 'samples', 1000, 1, 10_000_000, who);
  const rand = mulberry32(seedOption(opts, who));
  const n = lower.length;

  const poolSize = Math.min(2 * samples, 1000);
  const pool: Float64Array[] = [];
  const x = new Float64Array(n);
  for (let attempt = 0; attempt < 20 * poolSize && pool.length < poolSize; attempt++) {
    if (member(contains, samplePoint(lower, upper, rand, x))) pool.push(x.slice());
  }
  if (pool.length < 2) return { convex: true, members: pool.length, checks: 0 };

  const z = new Float64Array(n);
  for (let k = 0; k < samples; k++) {
    const i = Math.floor(rand() * pool.length) % pool.length;
    // j ≠ i: pick among the other members.
    const j = (i + 1 + (Math.floor(rand() * (pool.length - 1)) % (pool.length - 1))) % pool.length;
    const lambda = sampleLambda(rand);
    const a = pool[i]!, b = pool[j]!;
    if (!member(contains, combine(lambda, a, b, z))) {
      return { convex: false, counterexample: { a: a.slice(), b: b.slice(), lambda }, members: pool.length, checks: k + 1 };
    }
  }
  return { convex: true, members: pool.length, checks: samples };
}
