// One constrained solve's bookkeeping: the inner-iteration budget, the callback, the history, the
// per-outer-iteration record, and the final result with its KKT residuals and status message.
import { allFinite } from '../linalg/matrix.js';
import { REASONS } from '../solvers/status.js';
import type { Composite } from './composite.js';
import { Evaluator } from './evaluator.js';
import { Memory, minimizeInBox, type InnerResult } from './bound-solver.js';
import { kktResiduals, type KktReport } from './kkt.js';
import type { Resolved } from './options.js';
import type { ConstrainedResult, ConstrainedStatus, OuterRecord } from './types.js';

/** How an outer loop ended. `detail` completes the status message. */
export interface Outcome {
  x: Float64Array;
  multipliers: Float64Array;
  status: ConstrainedStatus;
  detail: string;
  report?: KktReport;
}

export class Run {
  iterations = 0;
  abortedBy: 'callback' | 'signal' | undefined;
  readonly outer: OuterRecord[] = [];
  readonly history: ConstrainedResult['history'];
  private readonly workspace: Memory;

  constructor(readonly ev: Evaluator, readonly o: Resolved) {
    this.history = o.history ? { x: [], fx: [], gradientNorm: [] } : undefined;
    this.workspace = new Memory(o.innerMethod === 'lbfgs' ? o.memory : 0, ev.n);
  }

  budgetLeft(): number {
    return Math.max(0, this.o.maxIterations - this.iterations);
  }

  /**
   * One inner solve of φ over the box; reports each accepted iterate with fx = f(x) (not φ).
   * keepMemory carries the L-BFGS pairs over from the previous inner solve: worth it when φ changed
   * little (a multiplier update), harmful when its curvature jumped (the penalty growing ×10).
   */
  inner(phi: Composite, x0: Float64Array, tolerance: number, keepMemory = false): InnerResult {
    const { o } = this;
    const p = this.ev.problem;
    const r = minimizeInBox(phi, x0, {
      lower: p.lower, upper: p.upper, tolerance, maxIterations: this.budgetLeft(),
      method: o.innerMethod, memory: o.memory, signal: o.signal, workspace: this.workspace, keepMemory,
      onIterate: (x, _phi, pg) => {
        this.iterations++;
        if (this.history) {
          this.history.x.push(Float64Array.from(x));
          this.history.fx.push(phi.f);
          this.history.gradientNorm.push(pg);
        }
        if (o.callback && o.callback({ iteration: this.iterations, x: Float64Array.from(x), fx: phi.f, gradientNorm: pg }) === false) {
          this.abortedBy = 'callback';
          return false;
        }
        return true;
      },
    });
    if (r.status === 'aborted' && this.abortedBy === undefined) this.abortedBy = 'signal';
    return r;
  }

  /**
   * KKT residuals after an inner solve of φ = f + Σψᵢ(cᵢ) ended at x with multipliers αᵢ = ψᵢ′(cᵢ(x)):
   * then ∇φ(x) = ∇ₓL(x, α), so the inner solver's last gradient is reused and nothing is re-evaluated.
   */
  kktAfterInner(phi: Composite, inner: InnerResult, alpha: Float64Array): KktReport {
    const x = inner.x;
    phi.value(x);
    let exact = phi.gradientWasAt(x);
    for (let i = 0; exact && i < alpha.length; i++) exact = alpha[i] === phi.terms.dpsi(i, phi.c[i]!);
    return kktResiduals(this.ev, x, alpha, exact
      ? { fx: phi.f, c: phi.c, gradL: inner.gradient, gradientNormF: phi.gradientNormF }
      : undefined);
  }

  record(penalty: number, x: Float64Array, fx: number, constraintViolation: number, innerIterations: number): void {
    this.outer.push({ penalty, x: Float64Array.from(x), fx, constraintViolation, innerIterations });
  }

  /**
   * The constraints look infeasible when the violation has not dropped 10% over the last three
   * outer iterations (while the penalty grew) and x is a stationary point of the violation
   * measure θ = ½Σmax(0, gᵢ)² + ½Σhⱼ² over the box: ‖x − P(x − ∇θ)‖∞ ≤ 1e-3·violation.
   * Returns the stationarity ratio when that holds, else undefined.
   */
  looksInfeasible(x: Float64Array, c: Float64Array, viol: number): number | undefined {
    const k = this.outer.length;
    if (!(viol > this.o.constraintTolerance) || k < 4) return undefined;
    if (!(viol > 0.9 * this.outer[k - 4]!.constraintViolation)) return undefined;
    const { ev } = this;
    const p = ev.problem;
    const n = ev.n;
    const grad = new Float64Array(n);
    const gc = new Float64Array(n);
    for (let i = 0; i < ev.m; i++) {
      const w = p.constraints[i]!.type === 'eq' ? c[i]! : Math.max(0, c[i]!);
      if (w === 0) continue;
      ev.constraintGradient(i, x, gc);
      for (let j = 0; j < n; j++) grad[j]! += w * gc[j]!;
    }
    let pg = 0;
    for (let j = 0; j < n; j++) {
      const t = Math.min(p.upper[j]!, Math.max(p.lower[j]!, x[j]! - grad[j]!));
      pg = Math.max(pg, Math.abs(x[j]! - t));
    }
    const ratio = pg / viol;
    return ratio <= 1e-3 ? ratio : undefined;
  }

  result(out: Outcome, methodName: string): ConstrainedResult {
    const report = out.report ?? kktResiduals(this.ev, out.x, out.multipliers);
    const k = report.kkt;
    // The final report re-evaluates f and the constraints: a NaN or ±∞ there (a user function
    // that fails only now, found by fuzzing) turns 'converged' into 'diverged'.
    if (out.status === 'converged' && !(Number.isFinite(report.fx) && allFinite(out.x) && Number.isFinite(k.stationarity) && Number.isFinite(k.primalFeasibility))) {
      out = { ...out, status: 'diverged' };
    }
    const summary = `stationarity ${k.stationarity.toExponential(2)}, violation ${k.primalFeasibility.toExponential(2)}, `
      + `complementarity ${k.complementarity.toExponential(2)}`;
    const why: Record<ConstrainedStatus, string> = {
      converged: 'KKT conditions satisfied',
      'max-iterations': 'stopped at the iteration limit before the KKT conditions were met',
      stalled: 'no further progress is possible at working precision',
      'vanishing-gradient': 'the gradient vanished',
      diverged: 'a NaN or infinite value was met, or f fell below −1e300',
      aborted: this.abortedBy === 'callback' ? 'stopped by the callback' : 'stopped by the AbortSignal',
      infeasible: REASONS.infeasible.message(),
    };
    return {
      x: out.x,
      fx: report.fx,
      gradientNorm: k.stationarity,
      iterations: this.iterations,
      evaluations: this.ev.evaluations(),
      converged: out.status === 'converged',
      status: out.status,
      message: `${methodName}: ${why[out.status]}${out.detail ? ` (${out.detail})` : ''}; ${summary}`,
      ...(this.history ? { history: this.history } : {}),
      multipliers: out.multipliers,
      constraintViolation: k.primalFeasibility,
      kkt: k,
      boundMultipliers: report.boundMultipliers,
      outerIterations: this.outer.length,
      outerHistory: this.outer,
    };
  }
}
