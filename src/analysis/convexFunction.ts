// checkConvexity: Jensen's inequality on seeded random segments plus sampled Hessian spectra
// (Boyd & Vandenberghe, Convex Optimization, §3.1.1 and §3.1.4).
import { OptimaError } from '../errors.js';
import {
  EPS, SQRT_EPS, type ObjectiveLike, type Region, combine, intOption, mulberry32, requireObjective, requireOptions,
  requireRegion, sampleLambda, samplePoint, seedOption, valueAt,
} from './common.js';
import { hessianIsExact, quadraticHessian } from './markers.js';
import { spectrum, symmetricHessian } from './spectrum.js';

export interface ConvexityOptions {
  /** Random segments (x, y, λ) tested against Jensen's inequality. Default 1000. */
  samples?: number;
  /** Seed of the generator: the same seed gives the same verdict and counterexample. Default 1. */
  seed?: number;
  /** Points at which the Hessian's smallest eigenvalue is sampled (the first of the segments' points
   * λx + (1−λ)y, so at most `samples`). Default min(samples, 100). */
  hessianSamples?: number;
}

export interface ConvexityCounterexample {
  x: Float64Array;
  y: Float64Array;
  lambda: number;
  /** f(λx + (1−λ)y) − [λf(x) + (1−λ)f(y)] > 0: how far the chord lies below the graph. */
  gap: number;
}

export interface ConvexityResult {
  convex: boolean;
  /** Smallest Hessian eigenvalue seen (exact for a quadratic), over the coordinates the box lets vary. */
  minHessianEigenvalue: number;
  counterexample?: ConvexityCounterexample;
  /** True when the verdict is a proof (a quadratic), false when it rests on sampling. */
  exact: boolean;
}

interface Box {
  lower: Float64Array;
  upper: Float64Array;
  /** Coordinates with lower < upper: convexity on the box only concerns these. */
  free: number[];
}

/** The Hessian at x restricted to the free coordinates: its smallest eigenpair and norm. */
function smallestEigen(H: unknown, n: number, box: Box, name: string): { value: number; vector: Float64Array; norm: number } {
  const { data } = symmetricHessian(H, n, name);
  const m = box.free.length;
  const sub = new Float64Array(m * m);
  let scale = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const v = data[box.free[i]! * n + box.free[j]!]!;
      sub[i * m + j] = v;
      scale = Math.max(scale, Math.abs(v));
    }
  }
  let sumSq = 0;
  if (scale > 0) for (const v of sub) sumSq += (v / scale) ** 2;
  const norm = scale * Math.sqrt(sumSq);
  const s = spectrum(sub, m, norm, true);
  const vector = new Float64Array(n);
  for (let i = 0; i < m; i++) vector[box.free[i]!] = s.vectors![i * m]!;
  return { value: s.values[0]!, vector, norm };
}

/** Evaluates the Jensen gap of one segment. */
function jensenGap(f: ObjectiveLike, x: Float64Array, y: Float64Array, lambda: number, z: Float64Array, who: string): { gap: number; scale: number } {
  const fx = valueAt(f, x.slice(), who), fy = valueAt(f, y.slice(), who);
  const fz = valueAt(f, combine(lambda, x, y, z).slice(), who);
  return { gap: fz - (lambda * fx + (1 - lambda) * fy), scale: Math.max(Math.abs(fx), Math.abs(fy), Math.abs(fz)) };
}

/**
 * Looks for a violation along ±v from p (a direction of negative curvature): the segment
 * p ± t·v with λ = ½ and t halved from the largest step that stays in the box.
 */
function probeDirection(f: ObjectiveLike, p: Float64Array, v: Float64Array, box: Box, tol: (scale: number) => number, who: string): ConvexityCounterexample | undefined {
  let t = Infinity;
  for (const i of box.free) {
    const vi = Math.abs(v[i]!);
    if (vi > 0) t = Math.min(t, Math.min(box.upper[i]! - p[i]!, p[i]! - box.lower[i]!) / vi);
  }
  if (!(t > 0 && t < Infinity)) return undefined;
  const x = new Float64Array(p.length), y = new Float64Array(p.length), z = new Float64Array(p.length);
  for (let halving = 0; halving < 40; halving++, t *= 0.5) {
    for (let i = 0; i < p.length; i++) {
      x[i] = Math.min(box.upper[i]!, Math.max(box.lower[i]!, p[i]! + t * v[i]!));
      y[i] = Math.min(box.upper[i]!, Math.max(box.lower[i]!, p[i]! - t * v[i]!));
    }
    const { gap, scale } = jensenGap(f, x, y, 0.5, z, who);
    if (gap > tol(scale)) return { x: x.slice(), y: y.slice(), lambda: 0.5, gap };
  }
  return undefined;
}

/**
 * Tests whether f is convex on the box `region`.
 *
 * For a `quadratic()` objective the answer is exact: f is convex on a box with interior iff the
 * smallest eigenvalue of H is ≥ 0, decided up to the eigen-solver's backward error n·ε·‖H‖_F; a
 * non-convex quadratic gets the counterexample c ± t·v (c the box centre, v the eigenvector of
 * λ_min), whose gap is ½t²|λ_min|.
 *
 * For any other objective the test samples: `samples` segments with x, y uniform in the box and
 * λ uniform in (0, 1) are checked against Jensen's inequality f(λx + (1−λ)y) ≤ λf(x) + (1−λ)f(y),
 * and the Hessian's smallest eigenvalue is sampled at `hessianSamples` of the points λx + (1−λ)y.
 * A violation counts when the gap exceeds √ε·S, S the largest |f| among all values evaluated:
 * rounding in f and in the convex combination produces gaps of order ε·S for a well-conditioned f
 * (an affine f, exactly convex, must not fail). When the segments find nothing but a Hessian has a
 * negative eigenvalue below its tolerance, segments p ± t·v along its eigenvector are tried too.
 * The largest violation is returned as the counterexample; the same seed returns the same one.
 *
 * So for a general f, `convex: true` means "no counterexample found in `samples` segments", not a
 * proof. Coordinates with lower = upper are held fixed and left out of the Hessian's spectrum.
 */
export function checkConvexity(f: ObjectiveLike, region: Region, options?: ConvexityOptions): ConvexityResult {
  const who = 'checkConvexity';
  const obj = requireObjective(f, who);
  const opts = requireOptions(options, who);
  const n = obj.dim;
  const { lower, upper } = requireRegion(region, who, n);
  const samples = intOption(opts, 'samples', 1000, 1, 10_000_000, who);
  const hessianSamples = intOption(opts, 'hessianSamples', Math.min(samples, 100), 1, 10_000_000, who);
  const seed = seedOption(opts, who);
  const free: number[] = [];
  for (let i = 0; i < n; i++) if (lower[i]! < upper[i]!) free.push(i);
  const box: Box = { lower, upper, free };
  if (free.length === 0) return { convex: true, minHessianEigenvalue: Infinity, exact: true };

  const H = quadraticHessian(obj);
  if (H !== undefined) return quadraticVerdict(obj, H, box, who);

  const rand = mulberry32(seed);
  const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
  let scale = 0;
  let best: ConvexityCounterexample | undefined;
  let minEig = Infinity, minPoint: Float64Array | undefined, minVector: Float64Array | undefined, minTol = 0;
  const exactHessian = hessianIsExact(obj);
  for (let k = 0; k < samples; k++) {
    samplePoint(lower, upper, rand, x);
    samplePoint(lower, upper, rand, y);
    const lambda = sampleLambda(rand);
    const j = jensenGap(obj, x, y, lambda, z, who);
    scale = Math.max(scale, j.scale);
    if (j.gap > 0 && (best === undefined || j.gap > best.gap)) best = { x: x.slice(), y: y.slice(), lambda, gap: j.gap };
    if (k < hessianSamples) {
      const e = smallestEigen(obj.hessian(z.slice()), n, box, 'f.hessian(x)');
      if (e.value < minEig) {
        minEig = e.value;
        minPoint = z.slice();
        minVector = e.vector;
        // The same tolerance classifyCriticalPoint uses for a zero eigenvalue.
        minTol = exactHessian ? free.length * EPS * e.norm : SQRT_EPS * e.norm;
      }
    }
  }
  const tol = (s: number): number => SQRT_EPS * Math.max(scale, s);
  if (best !== undefined && best.gap > tol(0)) return { convex: false, minHessianEigenvalue: minEig, counterexample: best, exact: false };
  if (minEig < -minTol && minPoint && minVector) {
    const c = probeDirection(obj, minPoint, minVector, box, tol, who);
    if (c) return { convex: false, minHessianEigenvalue: minEig, counterexample: c, exact: false };
  }
  return { convex: true, minHessianEigenvalue: minEig, exact: false };
}

function quadraticVerdict(f: ObjectiveLike, H: unknown, box: Box, who: string): ConvexityResult {
  const n = f.dim;
  const e = smallestEigen(H, n, box, 'f.H');
  const tol = box.free.length * EPS * e.norm;
  if (e.value >= -tol) return { convex: true, minHessianEigenvalue: e.value, exact: true };
  const centre = new Float64Array(n);
  for (let i = 0; i < n; i++) centre[i] = 0.5 * box.lower[i]! + 0.5 * box.upper[i]!;
  // Exact arithmetic gives a gap of ½t²|λ_min| > 0; accept any positive evaluated gap.
  const c = probeDirection(f, centre, e.vector, box, () => 0, who);
  if (!c) {
    throw new OptimaError('INTERNAL', `${who}: λ_min(H) = ${e.value} < 0 but no segment along its eigenvector violates Jensen's inequality`);
  }
  return { convex: false, minHessianEigenvalue: e.value, counterexample: c, exact: true };
}
