// Shared line searches along a descent direction d from x (Nocedal & Wright, Numerical
// Optimization, 2nd ed., §3.1 and §3.5). Both write the accepted point into xNew and its
// gradient into gNew, and return its f. A NaN or infinite f at a trial point counts as "too far".
import type { Counted } from './counted.js';
import { copyInto } from '../linalg/matrix.js';
import { workF64 } from '../runtime/workArrays.js';

/**
 * NaN as a module constant, for branches that rarely run: there a bare `NaN` is a global lookup
 * without feedback, which TurboFan leaves as an IC call and whose untyped result makes the other
 * branch's number a heap-allocated box (seen in the optimized code of the line search).
 */
const NAN = NaN;

export interface LineSearchResult {
  alpha: number;
  fx: number;
  /** false when no step satisfying the sufficient-decrease condition was found. */
  ok: boolean;
}

const C1 = 1e-4;
const MAX_EVALS = 40;
/**
 * Relative level below which differences of f are treated as rounding noise. Near a minimum f
 * changes by about ‖∇f‖²/λ, which drops below f's last bit long before ‖∇f‖ reaches 1e-8 (e.g. the
 * local minimum of extended Rosenbrock at f ≈ 3.99); there the Wolfe search decides by the slope,
 * which stays accurate (Hager & Zhang 2005, "approximate Wolfe" conditions).
 */
const F_NOISE = 1e-10;

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  // Loops over typed arrays read the length once: V8 re-reads and range-checks it on every test.
  for (let i = 0, n = a.length; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

function place(x: Float64Array, d: Float64Array, alpha: number, out: Float64Array): void {
  for (let i = 0, n = x.length; i < n; i++) out[i] = x[i]! + alpha * d[i]!;
}

/** f at the trial point xt = x + αd, with its gradient into gt; a non-finite f counts as +∞ ("too far"). */
function trial(p: Counted, x: Float64Array, d: Float64Array, alpha: number, xt: Float64Array, gt: Float64Array): number {
  place(x, d, alpha, xt);
  const f = p.valueAndGradient(xt, gt);
  return Number.isFinite(f) ? f : Infinity;
}

/** φ′(α) = ∇f(xt)ᵀd, NaN where f is +∞ (its gradient means nothing there). */
function slopeAt(f: number, gt: Float64Array, d: Float64Array): number {
  return f === Infinity ? NAN : dot(gt, d);
}

/**
 * Armijo backtracking (N&W Alg. 3.1 with the safeguarded quadratic interpolation of §3.5):
 * accept the first α with f(x + αd) ≤ f(x) + c₁α∇fᵀd, c₁ = 1e-4. f only at trial points, the
 * gradient once at the accepted one.
 */
export function armijo(p: Counted, x: Float64Array, fx: number, g: Float64Array, d: Float64Array, alpha0: number, xNew: Float64Array, gNew: Float64Array,
  slope = dot(g, d)): LineSearchResult {
  let alpha = alpha0;
  for (let i = 0; i < MAX_EVALS; i++) {
    place(x, d, alpha, xNew);
    const f = p.value(xNew);
    if (f <= fx + C1 * alpha * slope) {
      p.gradient(xNew, gNew);
      return { alpha, fx: f, ok: true };
    }
    // Minimizer of the quadratic through φ(0), φ′(0), φ(α), kept in [0.1α, 0.5α].
    const denom = 2 * (f - fx - slope * alpha);
    const next = Number.isFinite(f) && denom > 0 ? (-slope * alpha * alpha) / denom : 0.5 * alpha;
    alpha = Math.min(0.5 * alpha, Math.max(0.1 * alpha, next));
  }
  return { alpha: 0, fx, ok: false };
}

/** Minimizer of the cubic matching φ and φ′ at a and b (N&W eq. 3.59), or NaN. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - 3 * (fa - fb) / (a - b);
  const s = d1 * d1 - da * db;
  if (!(s >= 0)) return NAN;
  const d2 = Math.sign(b - a) * Math.sqrt(s);
  return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
}

/**
 * Strong Wolfe line search (N&W Alg. 3.5 with zoom, Alg. 3.6; cubic interpolation safeguarded to
 * the middle 80% of the bracket): f(x+αd) ≤ f + c₁α∇fᵀd and |∇f(x+αd)ᵀd| ≤ c₂|∇fᵀd|.
 * c₂ = 0.9 for quasi-Newton, 0.1 for conjugate gradients. If the curvature condition cannot be
 * met within the budget but sufficient decrease was, the best such point is returned.
 * One instance per solve holds the work buffers, so a search allocates nothing: `search` returns
 * the accepted α (0 when it failed) and leaves f there in `fx`.
 */
export class WolfeSearch {
  /** f at the point the last search accepted (f at x when it failed). */
  fx = 0;
  // Trial points alternate between the caller's (xNew, gNew) and these own buffers: the best
  // sufficient-decrease point so far stays where it was evaluated, instead of being copied aside
  // after every improvement (most searches accept their first trial, which then costs no copy).
  private readonly xOwn: Float64Array;
  private readonly gOwn: Float64Array;
  private p!: Counted;
  private x!: Float64Array;
  private d!: Float64Array;
  private xNew!: Float64Array;
  private gNew!: Float64Array;
  private f0 = 0;
  private fNoise = 0;
  private slope0 = 0;
  private c2 = 0.9;
  private evals = 0;
  private fBest = Infinity;
  private aBest = 0;
  /** Where the next trial goes, where the last one went, and where the best one is (true: own buffers). */
  private nextOwn = false;
  private lastOwn = false;
  private bestOwn = false;
  /** ∇f(x+αd)ᵀd at the last evaluated α, and whether that α met sufficient decrease (tested once per trial). */
  private df = 0;
  private suff = false;

  constructor(n: number) {
    this.xOwn = workF64(n);
    this.gOwn = workF64(n);
  }

  /**
   * slope: ∇fᵀd when the caller has it already (it is computed the same way otherwise).
   * Most searches of a quasi-Newton method accept their first trial: that case is decided here,
   * before any of the search's state is set up (a third of a 2-D solve's search time was that
   * setup); every other case continues in searchOn with the first trial already evaluated.
   */
  search(p: Counted, x: Float64Array, fx: number, g: Float64Array, d: Float64Array, alpha0: number,
    xNew: Float64Array, gNew: Float64Array, c2 = 0.9, slope = dot(g, d)): number {
    const f = trial(p, x, d, alpha0, xNew, gNew), df = slopeAt(f, gNew, d);
    // Sufficient decrease (its plain form) and the curvature condition: accepted as the loop below would.
    if (f <= fx + C1 * alpha0 * slope && Math.abs(df) <= -c2 * slope) {
      this.fx = f;
      return alpha0;
    }
    return this.searchOn(p, x, fx, d, alpha0, f, df, xNew, gNew, c2, slope);
  }

  /** The strong Wolfe search after its first trial (α₀, f, df), evaluated into (xNew, gNew). */
  private searchOn(p: Counted, x: Float64Array, fx: number, d: Float64Array, alpha0: number, f: number, df: number,
    xNew: Float64Array, gNew: Float64Array, c2: number, slope0: number): number {
    this.p = p; this.x = x; this.d = d; this.xNew = xNew; this.gNew = gNew;
    this.f0 = fx; this.c2 = c2; this.slope0 = slope0; this.fBest = Infinity; this.aBest = 0;
    this.nextOwn = false; this.bestOwn = false;
    this.fNoise = F_NOISE * Math.abs(fx);
    this.evals = 1;
    this.record(alpha0, f, df, false);
    let aPrev = 0, fPrev = fx, dPrev = slope0;
    let alpha = alpha0;
    for (;;) {
      if (!this.suff || (this.evals > 1 && this.notLower(f, fPrev, df))) return this.zoom(aPrev, fPrev, dPrev, alpha, f, df);
      if (Math.abs(df) <= -c2 * slope0) return this.accept(alpha, f);
      if (df >= 0) return this.zoom(alpha, f, df, aPrev, fPrev, dPrev);
      aPrev = alpha; fPrev = f; dPrev = df;
      alpha *= 2;
      if (this.evals >= MAX_EVALS) return this.finish();
      f = this.evaluate(alpha); df = this.df;
    }
  }

  /**
   * Sufficient decrease f(x+αd) ≤ f + c₁α∇fᵀd, or, where f is at its noise level, its quadratic-model
   * equivalent φ′(α) ≤ (2c₁ − 1)φ′(0) (Hager & Zhang's approximate Armijo condition), trusted only
   * when the slope did not steepen (φ′(α) ≥ φ′(0)): a gradient that disagrees with f (a wrong
   * derivative) shows up as negative curvature there, and must stall rather than creep uphill.
   */
  private sufficient(alpha: number, f: number, df: number): boolean {
    const s0 = this.slope0;
    return f <= this.f0 + C1 * alpha * s0 || (f <= this.f0 + this.fNoise && df <= (2 * C1 - 1) * s0 && df >= s0);
  }

  /** f is not below fRef; within the noise level of f this is read from the slope instead. */
  private notLower(f: number, fRef: number, df: number): boolean {
    return Math.abs(f - fRef) <= this.fNoise ? df >= 0 : f >= fRef;
  }

  /** f(x + αd) and its gradient into the next trial buffers (non-finite f counts as +∞). */
  private evaluate(alpha: number): number {
    this.evals++;
    const own = this.nextOwn;
    const xt = own ? this.xOwn : this.xNew, gt = own ? this.gOwn : this.gNew, d = this.d;
    const f = trial(this.p, this.x, d, alpha, xt, gt);
    this.record(alpha, f, slopeAt(f, gt, d), own);
    return f;
  }

  /** Notes a trial's slope and whether it met sufficient decrease, and remembers the best such point. */
  private record(alpha: number, f: number, df: number, own: boolean): void {
    this.df = df;
    this.lastOwn = own;
    const suff = (this.suff = this.sufficient(alpha, f, df));
    if (suff && df === df && f < this.fBest) {
      this.fBest = f; this.aBest = alpha;
      this.bestOwn = own;
      this.nextOwn = !own; // keep the best where it is
    }
  }

  /** Accepts the last trial: it ends up in (xNew, gNew). */
  private accept(alpha: number, f: number): number {
    if (this.lastOwn) { copyInto(this.xNew, this.xOwn); copyInto(this.gNew, this.gOwn); }
    this.fx = f;
    return alpha;
  }

  private finish(): number {
    if (this.fBest === Infinity) { this.fx = this.f0; return 0; }
    if (this.bestOwn) { copyInto(this.xNew, this.xOwn); copyInto(this.gNew, this.gOwn); }
    this.fx = this.fBest;
    return this.aBest;
  }

  private zoom(lo: number, flo: number, dlo: number, hi: number, fhi: number, dhi: number): number {
    const { slope0, c2 } = this;
    while (this.evals < MAX_EVALS) {
      const width = hi - lo;
      let a = Number.isFinite(fhi) && dhi === dhi ? cubicMin(lo, flo, dlo, hi, fhi, dhi) : NAN;
      const left = Math.min(lo, hi) + 0.1 * Math.abs(width), right = Math.max(lo, hi) - 0.1 * Math.abs(width);
      if (!(a >= left && a <= right)) a = lo + 0.5 * width;
      if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
      const f = this.evaluate(a), df = this.df;
      if (!this.suff || this.notLower(f, flo, df)) {
        hi = a; fhi = f; dhi = df;
      } else {
        if (Math.abs(df) <= -c2 * slope0) return this.accept(a, f);
        if (df * (hi - lo) >= 0) { hi = lo; fhi = flo; dhi = dlo; }
        lo = a; flo = f; dlo = df;
      }
    }
    return this.finish();
  }
}

/** One-off strong Wolfe search (allocates its work buffers); solvers keep a WolfeSearch instead. */
export function wolfe(
  p: Counted, x: Float64Array, fx: number, g: Float64Array, d: Float64Array, alpha0: number,
  xNew: Float64Array, gNew: Float64Array, c2 = 0.9,
): LineSearchResult {
  const w = new WolfeSearch(x.length);
  const alpha = w.search(p, x, fx, g, d, alpha0, xNew, gNew, c2);
  return { alpha, fx: w.fx, ok: alpha > 0 };
}
