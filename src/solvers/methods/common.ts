// Pieces several methods share: the smooth-method state and one line-searched step.
import type { Context, IterateState } from '../driver.js';
import { WolfeSearch, armijo, dot } from '../lineSearch.js';
import { workF64 } from '../../runtime/workArrays.js';

/**
 * The state of every smooth method, one class: the driver and lineSearchStep then see one object
 * shape whichever methods a process runs. With a literal per method their property loads went
 * polymorphic, and 2-D L-BFGS was measurably slower in a process that had also run bfgs and cg.
 * What a method keeps of its own is `own`, an object of its own shape read only by its own code.
 */
export class SmoothState<M> implements IterateState {
  // `declare`: no field definitions before the constructor runs (ES2022 would define each as
  // undefined first, and fx would then be stored boxed); the shape is the assignment order below.
  declare x: Float64Array;
  declare fx: number;
  declare g: Float64Array;
  /** Trial buffers the line search writes into; swapped with x, g on acceptance. */
  declare xNew: Float64Array;
  declare gNew: Float64Array;
  /** The strong Wolfe search with its work buffers, made once per solve. */
  declare readonly wolfe: WolfeSearch;
  /** The search direction. */
  declare readonly d: Float64Array;
  declare readonly own: M;

  constructor(ctx: Context, x0: Float64Array, own: M) {
    const n = ctx.n;
    const g = workF64(n);
    const fx = ctx.p.valueAndGradient(x0, g);
    this.x = x0;
    this.fx = fx;
    this.g = g;
    this.xNew = workF64(n);
    this.gNew = workF64(n);
    this.wolfe = new WolfeSearch(n);
    this.d = workF64(n);
    this.own = own;
  }
}

export { dot };

/** Makes (xNew, gNew) the current iterate. */
export function accept(s: SmoothState<unknown>, fx: number): void {
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
export function lineSearchStep(ctx: Context, s: SmoothState<unknown>, d: Float64Array, alpha0: number, c2: number, slope = dot(s.g, d)): number {
  // Armijo out of line: this function is inlined into every method's step, and V8 inlines only
  // up to a budget of bytecode per optimized function (920 in Node 20).
  if (ctx.o.lineSearch === 'armijo') return armijoStep(ctx, s, d, alpha0, slope);
  const w = s.wolfe;
  return acceptStep(s, w.search(ctx.p, s.x, s.fx, s.g, d, alpha0, s.xNew, s.gNew, c2, slope), w.fx);
}

function armijoStep(ctx: Context, s: SmoothState<unknown>, d: Float64Array, alpha0: number, slope: number): number {
  const r = armijo(ctx.p, s.x, s.fx, s.g, d, alpha0, s.xNew, s.gNew, slope);
  return acceptStep(s, r.ok ? r.alpha : 0, r.fx);
}

/** Makes the searched point (f = fx) current unless the search failed (α = 0) or left x unchanged; returns the step taken. */
function acceptStep(s: SmoothState<unknown>, alpha: number, fx: number): number {
  if (alpha > 0) {
    // A step too small to change x is no step: report it as a failed search, not progress.
    const x = s.x, xNew = s.xNew;
    let moved = false;
    for (let i = 0, n = x.length; i < n && !moved; i++) moved = xNew[i] !== x[i];
    if (!moved) return 0;
    accept(s, fx);
  }
  return alpha;
}
