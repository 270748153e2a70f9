// f(x) and c(x) are cached by point (they do not depend on the terms, so new multipliers or a new
// penalty keep the cache). φ(x) = f(x) + Σᵢ ψᵢ(cᵢ(x)): the one shape behind the penalty function, the Lagrangian and the
// augmented Lagrangian. With ψ, ψ′, ψ″ per constraint,
//   ∇φ  = ∇f + Σ ψᵢ′(cᵢ) ∇cᵢ
//   ∇²φ = ∇²f + Σ [ψᵢ″(cᵢ) ∇cᵢ∇cᵢᵀ + ψᵢ′(cᵢ) ∇²cᵢ]      (∇²cᵢ by finite differences of ∇cᵢ)
import type { Matrix } from '../linalg/matrix.js';
import { Evaluator } from './evaluator.js';
import { hessianFromGradient } from './fd.js';

/** The scalar terms that turn constraint values into a merit function. */
export interface Terms {
  /** ψᵢ(c): the contribution of constraint i with value c. */
  psi(i: number, c: number): number;
  /** ψᵢ′(c); terms whose ψ′ is 0 cost no gradient evaluation. */
  dpsi(i: number, c: number): number;
  /** ψᵢ″(c) (a generalized second derivative where ψ′ has a kink). */
  d2psi(i: number, c: number): number;
}

export class Composite {
  readonly n: number;
  /** f and c at the last point `value` or `gradient` evaluated. */
  f = NaN;
  readonly c: Float64Array;
  private readonly at: Float64Array;
  private cached = false;
  private readonly gc: Float64Array;

  constructor(readonly ev: Evaluator, public terms: Terms) {
    this.n = ev.n;
    this.c = new Float64Array(ev.m);
    this.at = new Float64Array(ev.n);
    this.gc = new Float64Array(ev.n);
    this.gradientAt = new Float64Array(ev.n).fill(NaN);
  }

  /** True when x is exactly the point of the last `gradient` call. */
  gradientWasAt(x: Float64Array): boolean {
    for (let i = 0; i < this.n; i++) if (this.gradientAt[i] !== x[i]) return false;
    return true;
  }

  /** ‖∇f‖∞ at the point of the last `gradient` call (NaN before any). */
  gradientNormF = NaN;
  /** The point of the last `gradient` call. */
  readonly gradientAt: Float64Array;

  private ensure(x: Float64Array): void {
    if (this.cached) {
      let same = true;
      for (let i = 0; i < this.n; i++) if (this.at[i] !== x[i]) { same = false; break; }
      if (same) return;
    }
    this.f = this.ev.value(x);
    this.ev.constraints(x, this.c);
    this.at.set(x);
    this.cached = true;
  }

  value(x: Float64Array): number {
    this.ensure(x);
    let v = this.f;
    for (let i = 0; i < this.c.length; i++) v += this.terms.psi(i, this.c[i]!);
    return v;
  }

  gradient(x: Float64Array, out: Float64Array): Float64Array {
    this.ensure(x);
    this.ev.gradient(x, out);
    let gn = 0;
    for (let j = 0; j < this.n; j++) {
      const a = Math.abs(out[j]!);
      if (!(a <= gn)) gn = a;
    }
    this.gradientNormF = gn;
    this.gradientAt.set(x);
    for (let i = 0; i < this.c.length; i++) {
      const w = this.terms.dpsi(i, this.c[i]!);
      if (w === 0) continue;
      this.ev.constraintGradient(i, x, this.gc);
      for (let j = 0; j < this.n; j++) out[j]! += w * this.gc[j]!;
    }
    return out;
  }

  hessian(x: Float64Array): Matrix {
    this.ensure(x);
    const n = this.n;
    this.ev.counts.hessian++;
    const H = this.ev.problem.objective.hessian(Float64Array.from(x));
    const data = Float64Array.from(H.data);
    const c = Float64Array.from(this.c);
    for (let i = 0; i < c.length; i++) {
      const w1 = this.terms.dpsi(i, c[i]!);
      const w2 = this.terms.d2psi(i, c[i]!);
      if (w2 !== 0) {
        const gc = this.ev.constraintGradient(i, x, new Float64Array(n));
        for (let r = 0; r < n; r++) for (let s = 0; s < n; s++) data[r * n + s]! += w2 * gc[r]! * gc[s]!;
      }
      if (w1 !== 0) {
        const Hc = hessianFromGradient((z, out) => this.ev.constraintGradient(i, z, out), x);
        for (let k = 0; k < n * n; k++) data[k]! += w1 * Hc.data[k]!;
      }
    }
    // Symmetrize: an objective's finite-difference Hessian may be asymmetric at rounding level.
    for (let r = 0; r < n; r++) {
      for (let q = r + 1; q < n; q++) {
        const v = 0.5 * (data[r * n + q]! + data[q * n + r]!);
        data[r * n + q] = v;
        data[q * n + r] = v;
      }
    }
    return { rows: n, cols: n, data };
  }
}

/** Quadratic penalty r·max(0, g)² for inequalities and r·h² for equalities. */
export function penaltyTerms(isEq: readonly boolean[], r: number): Terms {
  return {
    psi: (i, c) => (isEq[i] ? r * c * c : c > 0 ? r * c * c : 0),
    dpsi: (i, c) => (isEq[i] ? 2 * r * c : c > 0 ? 2 * r * c : 0),
    d2psi: (i, c) => (isEq[i] || c > 0 ? 2 * r : 0),
  };
}

/** Linear terms αᵢcᵢ: the Lagrangian. */
export function lagrangeTerms(alpha: Float64Array): Terms {
  return {
    psi: (i, c) => alpha[i]! * c,
    dpsi: (i) => alpha[i]!,
    d2psi: () => 0,
  };
}

/**
 * Powell–Hestenes–Rockafellar augmented-Lagrangian terms (Nocedal & Wright, eq. 17.65):
 * equality μh + ρ/2·h², inequality (max(0, λ + ρg)² − λ²) / 2ρ, whose derivative
 * max(0, λ + ρg) is the next multiplier estimate.
 */
export function augmentedTerms(isEq: readonly boolean[], lambda: Float64Array, rho: number): Terms {
  return {
    psi: (i, c) => {
      const l = lambda[i]!;
      if (isEq[i]) return l * c + 0.5 * rho * c * c;
      // (t² − λ²)/2ρ with t = λ + ρg > 0 equals g(λ + ρg/2): no cancellation when λ is large.
      return l + rho * c > 0 ? c * (l + 0.5 * rho * c) : (-l * l) / (2 * rho);
    },
    dpsi: (i, c) => (isEq[i] ? lambda[i]! + rho * c : Math.max(0, lambda[i]! + rho * c)),
    d2psi: (i, c) => (isEq[i] || lambda[i]! + rho * c > 0 ? rho : 0),
  };
}
