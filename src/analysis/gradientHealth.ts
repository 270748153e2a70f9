// diagnoseGradients: reads an optimization trace (a MinimizeResult's history, or a short
// gradient-descent probe) and names what went wrong, and from which iteration: vanishing or
// exploding gradients, oscillation, plateaus (Goodfellow, Bengio & Courville, Deep Learning,
// §8.2: "ill-conditioning", "plateaus, saddle points", "cliffs and exploding gradients").
import { OptimaError } from '../errors.js';
import type { VectorLike } from '../linalg/matrix.js';
import {
  SQRT_EPS, type ObjectiveLike, copyPoint, intOption, normInf, positiveOption, requireObjective, requireOptions,
} from './common.js';
import { spectrum, symmetricHessian } from './spectrum.js';

export type GradientIssueKind = 'vanishing' | 'exploding' | 'oscillation' | 'plateau';

export interface GradientIssue {
  kind: GradientIssueKind;
  /** The iteration (index into the history) where the episode began. */
  iteration: number;
  /** The last iteration of the episode. */
  until: number;
  /** One sentence for people: what was seen, with the numbers. */
  detail: string;
}

export interface GradientTrace {
  x: Float64Array[];
  fx: number[];
  gradientNorm: number[];
}

export interface GradientDiagnosis {
  /** No issue found. */
  healthy: boolean;
  /** Issues in order of the iteration where they began. */
  issues: GradientIssue[];
  /** The trace that was read (the probe's own run in probe mode). */
  history: GradientTrace;
}

export interface GradientHealthOptions {
  /** History mode: the objective the run minimized, so a tiny gradient can be checked against the Hessian. */
  objective?: ObjectiveLike;
  /** Probe mode: gradient-descent step α (default 0.1) and number of steps (default 100). */
  stepSize?: number;
  iterations?: number;
  /** A gradient is tiny when ‖∇f‖∞·max(1, ‖x‖∞)/max(1, |f|) ≤ this. Default 1e-2. */
  vanishingTolerance?: number;
  /** Exploding: ‖∇f‖ above this multiple of its initial value (or non-finite). Default 1e3. */
  explodingFactor?: number;
  /** Oscillation: at least this many successive step reversals (angle > 120°). Default 4. */
  oscillationRun?: number;
  /** Plateau: at least plateauRun (default 10) successive iterations whose change in f is at most
   * plateauTolerance (default 1e-6) relative to max(|fₖ|, |fₖ − f₀|) (the value, or the progress so far). */
  plateauRun?: number;
  plateauTolerance?: number;
}

interface Settings {
  vanishing: number;
  exploding: number;
  oscillationRun: number;
  plateauRun: number;
  plateau: number;
}

type MinimizeLike = { history?: GradientTrace; status?: string };

/**
 * Diagnoses gradient health, in one of two modes:
 * - `diagnoseGradients(result, { objective? })` reads `result.history` from
 *   `minimize(f, x0, { history: true })`;
 * - `diagnoseGradients(f, x0, { stepSize, iterations })` runs its own gradient-descent probe
 *   x ← x − α∇f(x) from x0 and reads that.
 *
 * Rules (each issue reports the iteration where its episode began):
 * - vanishing: the gradient is tiny (see `vanishingTolerance`) at a point that is not a minimum.
 *   With an objective, "not a minimum" means the Hessian there is not positive definite beyond
 *   √ε·‖H‖_F (tanh at 4: f′ ≈ 1.3e-3, f″ ≈ −2.7e-3). Without one, it means f still falls by more
 *   than 1e-3·max(1, |f|) later in the trace, or the solver itself stopped on 'vanishing-gradient'.
 * - exploding: ‖∇f‖ exceeds explodingFactor × its first value, or f, ∇f or x stops being finite,
 *   or the solver stopped with status 'diverged'; the episode begins where the run of growing
 *   ‖∇f‖ leading there began.
 * - oscillation: `oscillationRun` successive steps each reverse the previous one (sᵢ·sᵢ₋₁ <
 *   −½‖sᵢ‖‖sᵢ₋₁‖), as gradient descent does with α above 1/L on a valley; the detail says whether
 *   the swing grows or shrinks.
 * - plateau: f almost constant for `plateauRun` iterations while the point is not a minimum-like
 *   point (a converged run's flat tail is not a plateau).
 * Every vanishing and plateau episode is listed; oscillation and exploding report the first.
 *
 * "Tiny" is the dimensionless ‖∇f‖∞·max(1, ‖x‖∞)/max(1, |f|): the relative change of f for a
 * relative move of x. It depends on f's offset (f + 10⁶ has smaller relative gradients than f),
 * so for objectives whose values sit far from zero, pass a smaller vanishingTolerance.
 */
export function diagnoseGradients(result: MinimizeLike, options?: GradientHealthOptions): GradientDiagnosis;
export function diagnoseGradients(f: ObjectiveLike, x0: VectorLike, options?: GradientHealthOptions): GradientDiagnosis;
export function diagnoseGradients(source: unknown, second?: unknown, third?: unknown): GradientDiagnosis {
  const who = 'diagnoseGradients';
  const isObjective = source !== null && typeof source === 'object' && 'dim' in source && 'value' in source;
  if (!isObjective) {
    const opts = requireOptions(second, who) as GradientHealthOptions | undefined;
    const trace = readHistory(source, who);
    const f = opts?.objective === undefined ? undefined : requireObjective(opts.objective, who);
    if (f && trace.x[0]!.length !== f.dim) {
      throw new OptimaError('DIMENSION_MISMATCH', `${who}: history points have length ${trace.x[0]!.length}; options.objective.dim is ${f.dim}`);
    }
    return analyse(trace, f, settings(opts, who), (source as MinimizeLike).status);
  }
  const f = requireObjective(source, who);
  const opts = requireOptions(third, who) as GradientHealthOptions | undefined;
  const x0 = copyPoint(second, f.dim, 'x0');
  const alpha = positiveOption(opts, 'stepSize', who) ?? 0.1;
  const steps = intOption(opts, 'iterations', 100, 1, 1_000_000, who);
  return analyse(probe(f, x0, alpha, steps), f, settings(opts, who), undefined);
}

function settings(opts: GradientHealthOptions | undefined, who: string): Settings {
  return {
    vanishing: positiveOption(opts, 'vanishingTolerance', who) ?? 1e-2,
    exploding: positiveOption(opts, 'explodingFactor', who) ?? 1e3,
    oscillationRun: intOption(opts, 'oscillationRun', 4, 1, 1_000_000, who),
    plateauRun: intOption(opts, 'plateauRun', 10, 1, 1_000_000, who),
    plateau: positiveOption(opts, 'plateauTolerance', who, true) ?? 1e-6,
  };
}

function readHistory(source: unknown, who: string): GradientTrace {
  const h = (source as MinimizeLike | null)?.history;
  if (h === null || typeof h !== 'object') {
    throw new OptimaError('INVALID_OPTION', `${who}: expected an Objective and x0, or a MinimizeResult with history (minimize(f, x0, { history: true }))`);
  }
  const { x, fx, gradientNorm } = h;
  if (!Array.isArray(x) || !Array.isArray(fx) || !Array.isArray(gradientNorm)) {
    throw new OptimaError('INVALID_OPTION', `${who}: result.history must hold arrays x, fx and gradientNorm`);
  }
  if (x.length === 0 || fx.length !== x.length || gradientNorm.length !== x.length) {
    throw new OptimaError('DIMENSION_MISMATCH', `${who}: result.history has ${x.length} points, ${fx.length} values and ${gradientNorm.length} gradient norms`);
  }
  const n = (x[0] as { length?: unknown })?.length;
  if (typeof n !== 'number') throw new OptimaError('INVALID_OPTION', `${who}: result.history.x[0] must be a Float64Array`);
  for (let k = 0; k < x.length; k++) {
    if (!(x[k] instanceof Float64Array) && !Array.isArray(x[k])) throw new OptimaError('INVALID_OPTION', `${who}: result.history.x[${k}] must be a Float64Array`);
    if (x[k]!.length !== n) throw new OptimaError('DIMENSION_MISMATCH', `${who}: result.history.x[${k}] has length ${x[k]!.length}; x[0] has ${n}`);
    if (typeof fx[k] !== 'number' || typeof gradientNorm[k] !== 'number') {
      throw new OptimaError('INVALID_OPTION', `${who}: result.history.fx[${k}] and gradientNorm[${k}] must be numbers`);
    }
  }
  return { x: x.map((p) => Float64Array.from(p)), fx: fx.slice(), gradientNorm: gradientNorm.slice() };
}

/** Gradient descent x ← x − α∇f(x), recording every iterate; stops at the first non-finite value. */
function probe(f: ObjectiveLike, x0: Float64Array, alpha: number, steps: number): GradientTrace {
  const trace: GradientTrace = { x: [], fx: [], gradientNorm: [] };
  const x = x0.slice();
  const g = new Float64Array(f.dim);
  for (let k = 0; k <= steps; k++) {
    const fx = f.value(x.slice());
    const grad = f.gradient(x.slice(), g) as unknown;
    if (!(grad instanceof Float64Array) || grad.length !== f.dim) {
      throw new OptimaError('INVALID_OBJECTIVE', `diagnoseGradients: f.gradient(x) must return a Float64Array of length ${f.dim}`);
    }
    const gn = normInf(grad);
    trace.x.push(x.slice());
    trace.fx.push(typeof fx === 'number' ? fx : NaN);
    trace.gradientNorm.push(gn);
    if (!Number.isFinite(fx) || !Number.isFinite(gn) || k === steps) break;
    for (let i = 0; i < x.length; i++) x[i] = x[i]! - alpha * grad[i]!;
  }
  return trace;
}

function analyse(t: GradientTrace, f: ObjectiveLike | undefined, s: Settings, status: unknown): GradientDiagnosis {
  const solverSaysVanishing = status === 'vanishing-gradient';
  const K = t.fx.length;

  const relGrad = (k: number): number => (t.gradientNorm[k]! * Math.max(1, normInf(t.x[k]!))) / Math.max(1, Math.abs(t.fx[k]!));
  const tiny = (k: number): boolean => relGrad(k) <= s.vanishing;
  const pdCache = new Map<number, boolean>();
  /** Is x_k minimum-like: a tiny gradient with (Hessian PD | no later fall of f)? */
  const minimumLike = (k: number): boolean => {
    if (!tiny(k)) return false;
    if (f) {
      let pd = pdCache.get(k);
      if (pd === undefined) {
        const { data, norm } = symmetricHessian(f.hessian(t.x[k]!.slice()), f.dim, 'f.hessian(x)');
        pd = spectrum(data, f.dim, norm).values[0]! > SQRT_EPS * norm;
        pdCache.set(k, pd);
      }
      return pd;
    }
    if (solverSaysVanishing && k === K - 1) return false;
    const drop = 1e-3 * Math.max(1, Math.abs(t.fx[k]!));
    for (let j = k + 1; j < K; j++) if (t.fx[j]! < t.fx[k]! - drop) return false;
    return true;
  };

  const issues: GradientIssue[] = [];
  // Vanishing: each maximal run of tiny gradients, if it holds a point that is not minimum-like.
  for (let k = 0; k < K; ) {
    if (!Number.isFinite(t.fx[k]!) || !tiny(k)) { k++; continue; }
    let end = k;
    while (end + 1 < K && Number.isFinite(t.fx[end + 1]!) && tiny(end + 1)) end++;
    if (!minimumLike(k) || !minimumLike(end)) {
      issues.push({
        kind: 'vanishing', iteration: k, until: end,
        detail: `‖∇f‖∞ = ${t.gradientNorm[k]!.toExponential(2)} at f = ${t.fx[k]!.toPrecision(6)} (relative ${relGrad(k).toExponential(2)}) where the point is not a minimum`,
      });
    }
    k = end + 1;
  }
  exploding(t, s, issues, status === 'diverged');
  oscillation(t, s, issues);
  // Plateau: maximal runs of near-constant f whose last point is not minimum-like.
  for (let k = 0; k + 1 < K; ) {
    const flat = (j: number): boolean =>
      Math.abs(t.fx[j + 1]! - t.fx[j]!) <= s.plateau * Math.max(Math.abs(t.fx[j]!), Math.abs(t.fx[j]! - t.fx[0]!));
    if (!flat(k)) { k++; continue; }
    let end = k;
    while (end + 1 < K - 1 && flat(end + 1)) end++;
    const length = end - k + 1;
    if (length >= s.plateauRun && !minimumLike(end + 1)) {
      issues.push({
        kind: 'plateau', iteration: k, until: end + 1,
        detail: `f stayed within ${(s.plateau * 100).toExponential(1)}% per step for ${length} iterations near f = ${t.fx[k]!.toPrecision(6)}`,
      });
    }
    k = end + 1;
  }
  issues.sort((a, b) => a.iteration - b.iteration);
  return { healthy: issues.length === 0, issues, history: t };
}

function exploding(t: GradientTrace, s: Settings, issues: GradientIssue[], solverSaysDiverged: boolean): void {
  const K = t.fx.length;
  const g0 = t.gradientNorm[0]!;
  const before = issues.length;
  for (let k = 0; k < K; k++) {
    const g = t.gradientNorm[k]!;
    const broken = !Number.isFinite(g) || !Number.isFinite(t.fx[k]!) || t.x[k]!.some((v) => !Number.isFinite(v));
    if (!broken && !(k > 0 && g0 > 0 && g > s.exploding * g0)) continue;
    // A NaN compares false, so walk back from the last finite norm before a broken iterate.
    let start = broken && k > 0 ? k - 1 : k;
    while (start > 0 && t.gradientNorm[start - 1]! < t.gradientNorm[start]!) start--;
    issues.push({
      kind: 'exploding', iteration: start, until: k,
      detail: broken
        ? `a non-finite value appeared at iteration ${k} (f = ${t.fx[k]}, ‖∇f‖∞ = ${g})`
        : `‖∇f‖∞ grew from ${g0.toExponential(2)} to ${g.toExponential(2)} (> ${s.exploding}×) by iteration ${k}`,
    });
    return;
  }
  if (solverSaysDiverged && issues.length === before) {
    // The solver's own divergence test fired before the growth reached explodingFactor.
    let start = K - 1;
    while (start > 0 && t.gradientNorm[start - 1]! < t.gradientNorm[start]!) start--;
    issues.push({
      kind: 'exploding', iteration: start, until: K - 1,
      detail: `the solver stopped with status 'diverged'; ‖∇f‖∞ grew from ${t.gradientNorm[start]!.toExponential(2)} to ${t.gradientNorm[K - 1]!.toExponential(2)}`,
    });
  }
}

function oscillation(t: GradientTrace, s: Settings, issues: GradientIssue[]): void {
  const K = t.x.length;
  const n = t.x[0]!.length;
  const step = (k: number): Float64Array => t.x[k + 1]!.map((v, i) => v - t.x[k]![i]!);
  const reverses = (a: Float64Array, b: Float64Array): boolean => {
    let ab = 0, aa = 0, bb = 0;
    // Scaled by the largest entry so the products neither overflow nor underflow.
    const sc = Math.max(normInf(a), normInf(b));
    if (!(sc > 0) || !Number.isFinite(sc)) return false;
    for (let i = 0; i < n; i++) {
      const u = a[i]! / sc, v = b[i]! / sc;
      ab += u * v; aa += u * u; bb += v * v;
    }
    return ab < -0.5 * Math.sqrt(aa * bb);
  };
  let runStart = -1, run = 0;
  for (let k = 1; k + 1 < K; k++) {
    if (reverses(step(k), step(k - 1))) {
      if (run === 0) runStart = k - 1;
      run++;
      if (run === s.oscillationRun) {
        let end = k;
        while (end + 2 < K && reverses(step(end + 1), step(end))) end++;
        const first = normInf(step(runStart)), last = normInf(step(end));
        issues.push({
          kind: 'oscillation', iteration: runStart, until: end + 1,
          detail: `${end - runStart} successive steps reversed direction; the step size went from ${first.toExponential(2)} to ${last.toExponential(2)} (${last > first ? 'growing: diverging' : 'shrinking'})`,
        });
        return;
      }
    } else run = 0;
  }
}
