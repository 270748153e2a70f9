// The bound-constrained inner solver: min φ(x) subject to l ≤ x ≤ u, every iterate projected into
// the box. Directions are L-BFGS (two-loop recursion) restricted to the free variables, with the
// ε-active set of Bertsekas's projected Newton method; steps are Armijo backtracking along the
// projection arc x(t) = P(x + t·d). A direction that fails falls back to projected steepest descent.
// 'projected-gradient' uses −∇φ with Barzilai–Borwein step lengths instead.
// References: D. P. Bertsekas, "Projected Newton methods for optimization problems with simple
// constraints", SIAM J. Control Optim. 20 (1982); D. Kim, S. Sra, I. Dhillon, "Tackling
// box-constrained optimization via a new projected quasi-Newton approach", SISC 32 (2010);
// Nocedal & Wright, Numerical Optimization (2006), Alg. 7.4.

export interface InnerFunction {
  value(x: Float64Array): number;
  gradient(x: Float64Array, out: Float64Array): Float64Array;
}

export type InnerStatus = 'converged' | 'max-iterations' | 'stalled' | 'diverged' | 'aborted';

export interface InnerOptions {
  lower: Float64Array;
  upper: Float64Array;
  /** Stop when ‖x − P(x − ∇φ(x))‖∞ ≤ tolerance. */
  tolerance: number;
  maxIterations: number;
  method: 'lbfgs' | 'projected-gradient';
  memory: number;
  /** Called after every accepted step; returning false stops with 'aborted'. */
  onIterate?: (x: Float64Array, fx: number, projectedGradientNorm: number) => boolean;
  signal?: AbortSignal;
  /** Reusable L-BFGS workspace (size = memory, n = dimension); cleared at the start unless keepMemory. */
  workspace?: Memory;
  keepMemory?: boolean;
}

export interface InnerResult {
  x: Float64Array;
  fx: number;
  gradient: Float64Array;
  projectedGradientNorm: number;
  iterations: number;
  status: InnerStatus;
  /** For 'diverged': φ fell below −1e300 (unbounded below) rather than meeting NaN/±Infinity. */
  unbounded?: boolean;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 60;
const EPS = Number.EPSILON;
/** Below this φ is treated as unbounded below (as the unconstrained driver does). */
const UNBOUNDED = -1e300;

/** Clamps x into [l, u] in place. */
export function project(x: Float64Array, l: Float64Array, u: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    x[i] = v < l[i]! ? l[i]! : v > u[i]! ? u[i]! : v;
  }
  return x;
}

/** ‖x − P(x − g)‖∞: zero exactly at a first-order point of min φ over the box. */
export function projectedGradientNorm(x: Float64Array, g: Float64Array, l: Float64Array, u: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    let t = xi - g[i]!;
    t = t < l[i]! ? l[i]! : t > u[i]! ? u[i]! : t;
    const d = Math.abs(xi - t);
    if (!(d <= m)) m = d; // NaN propagates
  }
  return m;
}

function dotv(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function normInf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (!(v <= m)) m = v;
  }
  return m;
}

/**
 * Limited-memory pairs (s, y) in a ring buffer whose slots are allocated on first use and then
 * reused (no allocation per iteration; one workspace can serve every inner solve of a run).
 */
export class Memory {
  private readonly s: Float64Array[] = [];
  private readonly y: Float64Array[] = [];
  private readonly rho: Float64Array;
  private readonly alpha: Float64Array;
  /** Stored pairs, and the ring slot the next pair goes to. */
  count = 0;
  private head = 0;
  private gamma = 1;
  constructor(readonly size: number, readonly n: number) {
    this.rho = new Float64Array(size);
    this.alpha = new Float64Array(size);
  }
  clear(): void {
    this.count = 0;
    this.head = 0;
  }
  push(s: Float64Array, y: Float64Array): boolean {
    if (this.size === 0) return false;
    const sy = dotv(s, y);
    const yy = dotv(y, y);
    // Keep the pair only with safely positive curvature, so H stays positive definite.
    if (!(sy > EPS * yy) || !(yy > 0) || !Number.isFinite(sy)) return false;
    const j = this.head;
    if (j === this.s.length) {
      this.s.push(new Float64Array(this.n));
      this.y.push(new Float64Array(this.n));
    }
    this.s[j]!.set(s);
    this.y[j]!.set(y);
    this.rho[j] = 1 / sy;
    this.gamma = sy / yy;
    this.head = (j + 1) % this.size;
    this.count = Math.min(this.count + 1, this.size);
    return true;
  }
  /** q ← H·q by the two-loop recursion (Nocedal & Wright Alg. 7.4), newest pair first. */
  apply(q: Float64Array): Float64Array {
    const m = this.size;
    for (let k = 0; k < this.count; k++) {
      const j = (this.head - 1 - k + m) % m;
      const a = this.rho[j]! * dotv(this.s[j]!, q);
      this.alpha[j] = a;
      const y = this.y[j]!;
      for (let i = 0; i < q.length; i++) q[i]! -= a * y[i]!;
    }
    for (let i = 0; i < q.length; i++) q[i]! *= this.gamma;
    for (let k = this.count - 1; k >= 0; k--) {
      const j = (this.head - 1 - k + m) % m;
      const b = this.rho[j]! * dotv(this.y[j]!, q);
      const s = this.s[j]!;
      const c = this.alpha[j]! - b;
      for (let i = 0; i < q.length; i++) q[i]! += c * s[i]!;
    }
    return q;
  }
}

/** Minimizes φ over the box from x0 (projected first). Every loop is capped; never throws for non-convergence. */
export function minimizeInBox(phi: InnerFunction, x0: Float64Array, o: InnerOptions): InnerResult {
  const n = x0.length;
  const { lower: l, upper: u } = o;
  let x: Float64Array = project(Float64Array.from(x0), l, u);
  let g: Float64Array = new Float64Array(n);
  let xt: Float64Array = new Float64Array(n);
  let gt: Float64Array = new Float64Array(n);
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const free = new Uint8Array(n);
  const size = o.method === 'lbfgs' ? o.memory : 0;
  const ws = o.workspace;
  const mem = ws && ws.size === size && ws.n === n ? ws : new Memory(size, n);
  if (!o.keepMemory) mem.clear();
  let bbStep = 0;
  let fx = phi.value(x);
  phi.gradient(x, g);
  let pg = projectedGradientNorm(x, g, l, u);
  const done = (status: InnerStatus, iterations: number): InnerResult =>
    ({ x, fx, gradient: g, projectedGradientNorm: pg, iterations, status, ...(fx <= UNBOUNDED ? { unbounded: true } : {}) });
  if (!Number.isFinite(fx) || !Number.isFinite(pg)) return done('diverged', 0);
  let flat = 0;
  for (let k = 0; k < o.maxIterations; k++) {
    if (pg <= o.tolerance) return done('converged', k);
    if (o.signal?.aborted) return done('aborted', k);
    // ε-active set: coordinates on (or within ε of) a bound with ∇φ pushing outward stay on it.
    const epsAct = Math.min(1e-3, pg);
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      free[i] = (x[i]! - l[i]! <= epsAct && gi > 0) || (u[i]! - x[i]! <= epsAct && gi < 0) ? 0 : 1;
    }
    let accepted = false;
    for (let attempt = 0; attempt < 2 && !accepted; attempt++) {
      const quasiNewton = attempt === 0 && mem.count > 0;
      for (let i = 0; i < n; i++) d[i] = free[i] ? g[i]! : 0;
      if (quasiNewton) mem.apply(d);
      for (let i = 0; i < n; i++) {
        if (free[i]) d[i] = -d[i]!;
        else d[i] = (g[i]! > 0 ? l[i]! : u[i]!) - x[i]!; // move an ε-active coordinate onto its bound
      }
      let t = 1;
      if (!quasiNewton) {
        const dn = normInf(d);
        t = bbStep > 0 ? bbStep : dn > 0 ? Math.min(1, 1 / dn) : 1;
      }
      for (let b = 0; b < MAX_BACKTRACKS; b++) {
        let slope = 0;
        let moved = false;
        for (let i = 0; i < n; i++) {
          const xi = x[i]!;
          let v = free[i] ? xi + t * d[i]! : xi + Math.min(1, t) * d[i]!;
          v = v < l[i]! ? l[i]! : v > u[i]! ? u[i]! : v;
          xt[i] = v;
          slope += g[i]! * (v - xi);
          if (v !== xi) moved = true;
        }
        if (!moved) break;
        if (!(slope < 0)) {
          t *= 0.5;
          continue;
        }
        const ft = phi.value(xt);
        if (!(ft <= fx + ARMIJO * slope)) {
          // Backtrack to the minimizer of the quadratic through φ(0), φ′(0) ≈ slope/t and φ(t),
          // kept within [0.1t, 0.5t] (Nocedal & Wright §3.5); plain halving if φ(t) is not finite.
          const excess = ft - fx - slope;
          const tq = Number.isFinite(excess) && excess > 0 ? (-slope * t) / (2 * excess) : 0.5 * t;
          t = Math.min(0.5 * t, Math.max(0.1 * t, tq));
          continue;
        }
        {
          accepted = true;
          phi.gradient(xt, gt);
          for (let i = 0; i < n; i++) {
            s[i] = xt[i]! - x[i]!;
            y[i] = gt[i]! - g[i]!;
          }
          [x, xt] = [xt, x];
          [g, gt] = [gt, g];
          fx = ft;
          break;
        }
      }
      if (!accepted) mem.clear();
    }
    if (!accepted) return done('stalled', k);
    pg = projectedGradientNorm(x, g, l, u);
    if (!Number.isFinite(pg) || !Number.isFinite(fx) || fx <= UNBOUNDED) return done('diverged', k + 1);
    const sy = dotv(s, y);
    if (o.method === 'lbfgs') mem.push(s, y);
    else bbStep = sy > 0 ? Math.min(1e10, Math.max(1e-10, dotv(s, s) / sy)) : 0;
    // Progress below rounding level for several steps in a row: the point is as good as it gets.
    const tiny = normInf(s) <= 4 * EPS * (1 + normInf(x));
    flat = tiny ? flat + 1 : 0;
    if (flat >= 3) return done('stalled', k + 1);
    if (o.onIterate && o.onIterate(x, fx, pg) === false) return done('aborted', k + 1);
  }
  return done(pg <= o.tolerance ? 'converged' : 'max-iterations', o.maxIterations);
}
