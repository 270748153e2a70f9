// L-BFGS in two dimensions without the two-loop recursion. The inverse-Hessian approximation is
// H = T_newest(…T_oldest(γI)) with T_j(H) = V_jᵀ H V_j + ρ_j s_j s_jᵀ, V_j = I − ρ_j y_j s_jᵀ
// (Nocedal & Wright eq. 7.19). Every composition of such maps is again H ↦ WᵀHW + C, seven
// numbers in 2-D, so the window of the last m maps is kept as a sliding-window aggregate with two
// stacks (Tangwongsan et al. 2017): O(1) compositions per iteration, amortized, instead of the
// recursion's 2m dependent multiply–add steps, which were a third of a 2-D solve's time.
// Same H in exact arithmetic; measured agreement with the two-loop to a few ε (tests).

/**
 * One map H ↦ WᵀHW + C: W = [w0 w1; w2 w3], symmetric C = [c0 c1; c1 c2]. Named double fields,
 * not offsets into an array: a field is read or written without the bounds and index-overflow
 * checks of an array element or the detach check of a typed array (after any WebAssembly memory
 * growth), which were most of the window's instructions (measured under callgrind).
 */
class Map2 {
  // Doubles from the start, so the fields never change representation.
  w0 = 1.5; w1 = 0.5; w2 = 0.5; w3 = 1.5; c0 = 0.5; c1 = 0.5; c2 = 0.5;

  /** this ← the update map of the pair (s, y) with ρ = 1/sᵀy: W = I − ρysᵀ, C = ρssᵀ. */
  setUpdate(s0: number, s1: number, y0: number, y1: number, rho: number): void {
    const ry0 = rho * y0, ry1 = rho * y1, rs0 = rho * s0;
    this.w0 = 1 - ry0 * s0; this.w1 = -ry0 * s1;
    this.w2 = -ry1 * s0; this.w3 = 1 - ry1 * s1;
    this.c0 = rs0 * s0; this.c1 = rs0 * s1; this.c2 = rho * s1 * s1;
  }

  copy(a: Map2): void {
    this.w0 = a.w0; this.w1 = a.w1; this.w2 = a.w2; this.w3 = a.w3;
    this.c0 = a.c0; this.c1 = a.c1; this.c2 = a.c2;
  }

  /** this ← "a, then b": (W_a W_b, W_bᵀ C_a W_b + C_b). this may be a or b. */
  compose(a: Map2, b: Map2): void {
    const b0 = b.w0, b1 = b.w1, b2 = b.w2, b3 = b.w3, ca0 = a.c0, ca1 = a.c1, ca2 = a.c2;
    const x0 = ca0 * b0 + ca1 * b2, x1 = ca0 * b1 + ca1 * b3, x2 = ca1 * b0 + ca2 * b2, x3 = ca1 * b1 + ca2 * b3;
    const c0 = b0 * x0 + b2 * x2 + b.c0, c1 = b0 * x1 + b2 * x3 + b.c1, c2 = b1 * x1 + b3 * x3 + b.c2;
    const a0 = a.w0, a1 = a.w1, a2 = a.w2, a3 = a.w3;
    this.w0 = a0 * b0 + a1 * b2; this.w1 = a0 * b1 + a1 * b3;
    this.w2 = a2 * b0 + a3 * b2; this.w3 = a2 * b1 + a3 * b3;
    this.c0 = c0; this.c1 = c1; this.c2 = c2;
  }
}

/**
 * The last m update maps, oldest first: a front segment whose suffix aggregates are stored (the
 * oldest's covers the whole segment) and a back segment with one running aggregate. Dropping the
 * oldest pops the front; when the front is empty the back is turned into suffix aggregates.
 */
export class Window2 {
  readonly m: number;
  /** Slot j's map, and its suffix aggregate while slot j is in the front segment. */
  private readonly maps: Map2[];
  private readonly suffix: Map2[];
  private readonly back = new Map2();
  private head = 0;
  private front = 0;
  private backCount = 0;

  constructor(m: number) {
    this.m = m;
    this.maps = Array.from({ length: m }, () => new Map2());
    this.suffix = Array.from({ length: m }, () => new Map2());
  }

  get count(): number {
    return this.front + this.backCount;
  }

  clear(): void {
    this.front = 0;
    this.backCount = 0;
  }

  /** Adds the pair (s, y) with ρ = 1/sᵀy, dropping the oldest when m are held. */
  push(s0: number, s1: number, y0: number, y1: number, rho: number): void {
    const m = this.m;
    if (this.front + this.backCount === m) this.dropOldest();
    const j = this.head, e = this.maps[j]!;
    e.setUpdate(s0, s1, y0, y1, rho);
    if (this.backCount === 0) this.back.copy(e);
    else this.back.compose(this.back, e);
    this.backCount++;
    this.head = j + 1 === m ? 0 : j + 1;
  }

  private dropOldest(): void {
    if (this.front === 0) {
      const m = this.m, maps = this.maps, suffix = this.suffix;
      let j = this.head === 0 ? m - 1 : this.head - 1;
      suffix[j]!.copy(maps[j]!);
      for (let k = 1; k < this.backCount; k++) {
        const newer = j;
        j = j === 0 ? m - 1 : j - 1;
        suffix[j]!.compose(maps[j]!, suffix[newer]!);
      }
      this.front = this.backCount;
      this.backCount = 0;
    }
    this.front--;
  }

  /**
   * d = −H g for H = the window applied to γI (γI itself when the window is empty). With the
   * front aggregate (W_f, C_f) and the back one (W_b, C_b), H = W_bᵀ(γW_fᵀW_f + C_f)W_b + C_b, so
   * H g = W_bᵀ(γW_fᵀ(W_f u) + C_f u) + C_b g with u = W_b g: matrix–vector products only, no
   * composed map written to memory.
   */
  direction(g: Float64Array, gamma: number, d: Float64Array): void {
    const g0 = g[0]!, g1 = g[1]!, b = this.back, hasBack = this.backCount > 0;
    let u0 = g0, u1 = g1;
    if (hasBack) {
      u0 = b.w0 * g0 + b.w1 * g1;
      u1 = b.w2 * g0 + b.w3 * g1;
    }
    let v0 = gamma * u0, v1 = gamma * u1;
    if (this.front > 0) {
      let oldest = this.head - this.front - this.backCount;
      if (oldest < 0) oldest += this.m;
      const f = this.suffix[oldest]!;
      const w0 = f.w0, w1 = f.w1, w2 = f.w2, w3 = f.w3, c1 = f.c1;
      const p0 = w0 * u0 + w1 * u1, p1 = w2 * u0 + w3 * u1;
      v0 = gamma * (w0 * p0 + w2 * p1) + f.c0 * u0 + c1 * u1;
      v1 = gamma * (w1 * p0 + w3 * p1) + c1 * u0 + f.c2 * u1;
    }
    if (hasBack) {
      const c1 = b.c1;
      const t0 = b.w0 * v0 + b.w2 * v1 + b.c0 * g0 + c1 * g1;
      v1 = b.w1 * v0 + b.w3 * v1 + c1 * g0 + b.c2 * g1;
      v0 = t0;
    }
    d[0] = -v0; d[1] = -v1;
  }
}

/**
 * Windows of finished solves, for the next 2-D solve to reuse: a new one is 2m + 1 small objects
 * (m = 10: ~1.8 KB), a measurable share of a whole 2-D Rosenbrock solve. A window never leaves
 * its solve (the driver releases it when the run ends, however it ends), so reuse aliases nothing;
 * a solve nested in another's objective finds the outer one's window still taken.
 */
const spare: Window2[] = [];
const SPARE_MAX = 4;

export function takeWindow2(m: number): Window2 {
  for (let i = spare.length - 1; i >= 0; i--) {
    const w = spare[i]!;
    if (w.m === m) {
      spare[i] = spare[spare.length - 1]!;
      spare.pop();
      w.clear();
      return w;
    }
  }
  return new Window2(m);
}

export function releaseWindow2(w: Window2): void {
  if (spare.length < SPARE_MAX) spare.push(w);
}

