// Limited-memory BFGS (Nocedal 1980; Nocedal & Wright Alg. 7.4–7.5): the two-loop recursion
// applies the inverse-Hessian approximation built from the last m pairs (s, y) to ∇f, scaled by
// γ = sᵀy / yᵀy; strong Wolfe line search (c₂ = 0.9) keeps sᵀy > 0. On a failed search the
// memory is dropped and steepest descent tried once before the run is declared stalled.
import type { Method } from '../driver.js';
import { type SmoothState, dot, initSmooth, lineSearchStep } from './common.js';

interface LbfgsState extends SmoothState {
  d: Float64Array;
  S: Float64Array[];
  Y: Float64Array[];
  rho: Float64Array;
  alphaTmp: Float64Array;
  /** Number of stored pairs and the ring position of the next one. */
  count: number;
  head: number;
  gamma: number;
}

function direction(s: LbfgsState, m: number): void {
  const q = s.d;
  for (let i = 0; i < q.length; i++) q[i] = -s.g[i]!;
  for (let k = 0; k < s.count; k++) {
    const j = (s.head - 1 - k + m) % m;
    const a = s.rho[j]! * dot(s.S[j]!, q);
    s.alphaTmp[j] = a;
    const y = s.Y[j]!;
    for (let i = 0; i < q.length; i++) q[i]! -= a * y[i]!;
  }
  for (let i = 0; i < q.length; i++) q[i]! *= s.gamma;
  for (let k = s.count - 1; k >= 0; k--) {
    const j = (s.head - 1 - k + m) % m;
    const b = s.rho[j]! * dot(s.Y[j]!, q);
    const sv = s.S[j]!;
    const c = s.alphaTmp[j]! - b;
    for (let i = 0; i < q.length; i++) q[i]! += c * sv[i]!;
  }
}

export const lbfgs: Method<LbfgsState> = {
  name: 'lbfgs',
  init(ctx, x0) {
    const m = ctx.o.memory, n = ctx.n;
    return {
      ...initSmooth(ctx, x0),
      d: new Float64Array(n),
      S: Array.from({ length: m }, () => new Float64Array(n)),
      Y: Array.from({ length: m }, () => new Float64Array(n)),
      rho: new Float64Array(m),
      alphaTmp: new Float64Array(m),
      count: 0,
      head: 0,
      gamma: 1,
    };
  },
  step(ctx, s) {
    const m = ctx.o.memory, n = ctx.n;
    for (let attempt = 0; attempt < 2; attempt++) {
      direction(s, m);
      let slope = dot(s.g, s.d);
      if (!(slope < 0)) {
        s.count = 0; s.gamma = 1;
        direction(s, m);
        slope = dot(s.g, s.d);
      }
      // Without curvature information the first step is scaled to move about one unit.
      let gmax = 0;
      for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(s.g[i]!));
      const alpha0 = s.count === 0 ? Math.min(1, 1 / gmax) : 1;
      const r = lineSearchStep(ctx, s, s.d, alpha0, 0.9);
      if (r.ok) {
        const xOld = s.xNew, gOld = s.gNew; // accept() swapped the previous point here
        const j = s.head, sv = s.S[j]!, yv = s.Y[j]!;
        for (let i = 0; i < n; i++) {
          sv[i] = s.x[i]! - xOld[i]!;
          yv[i] = s.g[i]! - gOld[i]!;
        }
        const sy = dot(sv, yv), yy = dot(yv, yv);
        // Skip pairs without positive curvature: they would break positive definiteness.
        if (sy > Number.EPSILON * Math.sqrt(dot(sv, sv) * yy)) {
          s.rho[j] = 1 / sy;
          s.gamma = sy / yy;
          s.head = (j + 1) % m;
          s.count = Math.min(s.count + 1, m);
        }
        return undefined;
      }
      if (s.count === 0) break;
      s.count = 0; s.gamma = 1;
    }
    return 'lineSearch';
  },
};
