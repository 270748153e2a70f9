// Pieces several methods share: the smooth-method state and one line-searched step.
import type { Context, IterateState } from '../driver.js';
import { WolfeSearch, armijo } from '../lineSearch.js';
import { workF64 } from '../../runtime/workArrays.js';

export interface SmoothState extends IterateState {
  g: Float64Array;
  /** Trial buffers the line search writes into; swapped with x, g on acceptance. */
  xNew: Float64Array;
  gNew: Float64Array;
  /** The strong Wolfe search with its work buffers, made once per solve. */
  wolfe: WolfeSearch;
}

/**
 * The common fields. Methods copy them into an explicit object literal rather than spreading
 * (`{...initSmooth()}`): measured 2–3× slower hot loops with the spread's object shape in V8.
 */
export function initSmooth(ctx: Context, x0: Float64Array): SmoothState {
  const g = workF64(ctx.n);
  const fx = ctx.p.valueAndGradient(x0, g);
  return { x: x0, fx, g, xNew: workF64(ctx.n), gNew: workF64(ctx.n), wolfe: new WolfeSearch(ctx.n) };
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Makes (xNew, gNew) the current iterate. */
export function accept(s: SmoothState, fx: number): void {
  const x = s.x, g = s.g;
  s.x = s.xNew; s.g = s.gNew;
  s.xNew = x; s.gNew = g;
  s.fx = fx;
}

/**
 * Line search along d from s (ctx.o.lineSearch picks Armijo or strong Wolfe with curvature
 * constant c2); on success the new point becomes current and the step α (> 0) is returned, on
 * failure 0. d must be a descent direction; slope is ∇fᵀd when the caller has computed it.
 */
export function lineSearchStep(ctx: Context, s: SmoothState, d: Float64Array, alpha0: number, c2: number, slope = dot(s.g, d)): number {
  // Armijo out of line: this function is inlined into every method's step, and V8 inlines only
  // up to a budget of bytecode per optimized function (920 in Node 20).
  if (ctx.o.lineSearch === 'armijo') return armijoStep(ctx, s, d, alpha0, slope);
  const w = s.wolfe;
  return acceptStep(s, w.search(ctx.p, s.x, s.fx, s.g, d, alpha0, s.xNew, s.gNew, c2, slope), w.fx);
}

function armijoStep(ctx: Context, s: SmoothState, d: Float64Array, alpha0: number, slope: number): number {
  const r = armijo(ctx.p, s.x, s.fx, s.g, d, alpha0, s.xNew, s.gNew, slope);
  return acceptStep(s, r.ok ? r.alpha : 0, r.fx);
}

/** Makes the searched point (f = fx) current unless the search failed (α = 0) or left x unchanged; returns the step taken. */
function acceptStep(s: SmoothState, alpha: number, fx: number): number {
  if (alpha > 0) {
    // A step too small to change x is no step: report it as a failed search, not progress.
    const x = s.x, xNew = s.xNew;
    let moved = false;
    for (let i = 0; i < x.length && !moved; i++) moved = xNew[i] !== x[i];
    if (!moved) return 0;
    accept(s, fx);
  }
  return alpha;
}
