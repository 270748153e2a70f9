// Limited-memory BFGS (Nocedal 1980; Nocedal & Wright Alg. 7.4–7.5): the two-loop recursion
// applies the inverse-Hessian approximation built from the last m pairs (s, y) to ∇f, scaled by
// γ = sᵀy / yᵀy; strong Wolfe line search (c₂ = 0.9) keeps sᵀy > 0. On a failed search the
// memory is dropped and steepest descent tried once before the run is declared stalled.
import type { Method } from '../driver.js';
import { type SmoothState, dot, initSmooth, lineSearchStep } from './common.js';

interface LbfgsState extends SmoothState {
  d: Float64Array;
  /** m correction pairs, pair j at offset j·n (one allocation each, not m). */
  S: Float64Array;
  Y: Float64Array;
  rho: Float64Array;
  alphaTmp: Float64Array;
  /** Number of stored pairs and the ring position of the next one. */
  count: number;
  head: number;
  gamma: number;
}

function direction(s: LbfgsState, m: number): void {
  const q = s.d, g = s.g, n = q.length, count = s.count, head = s.head, rho = s.rho, alphas = s.alphaTmp, gamma = s.gamma;
  for (let i = 0; i < n; i++) q[i] = -g[i]!;
  const S = s.S, Y = s.Y;
  for (let k = 0; k < count; k++) {
    const j = (head - 1 - k + m) % m, o = j * n;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += S[o + i]! * q[i]!;
    const a = rho[j]! * sq;
    alphas[j] = a;
    for (let i = 0; i < n; i++) q[i]! -= a * Y[o + i]!;
  }
  for (let i = 0; i < n; i++) q[i]! *= gamma;
  for (let k = count - 1; k >= 0; k--) {
    const j = (head - 1 - k + m) % m, o = j * n;
    let yq = 0;
    for (let i = 0; i < n; i++) yq += Y[o + i]! * q[i]!;
    const c = alphas[j]! - rho[j]! * yq;
    for (let i = 0; i < n; i++) q[i]! += c * S[o + i]!;
  }
}

export const lbfgs: Method<LbfgsState> = {
  name: 'lbfgs',
  init(ctx, x0) {
    const m = ctx.o.memory, n = ctx.n;
    const b = initSmooth(ctx, x0);
    // An explicit literal (not a spread) keeps one fast hidden class for the hot loops.
    return {
      x: b.x, fx: b.fx, g: b.g, xNew: b.xNew, gNew: b.gNew, wolfe: b.wolfe,
      d: new Float64Array(n),
      S: new Float64Array(m * n),
      Y: new Float64Array(m * n),
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
      let alpha0 = 1;
      if (s.count === 0) {
        let gmax = 0;
        const g = s.g;
        for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]!));
        alpha0 = Math.min(1, 1 / gmax);
      }
      const r = lineSearchStep(ctx, s, s.d, alpha0, 0.9);
      if (r.ok) {
        const xOld = s.xNew, gOld = s.gNew; // accept() swapped the previous point here
        const j = s.head, o = j * n, S = s.S, Y = s.Y, x = s.x, g = s.g;
        let sy = 0, yy = 0, ss = 0;
        for (let i = 0; i < n; i++) {
          const si = x[i]! - xOld[i]!, yi = g[i]! - gOld[i]!;
          S[o + i] = si;
          Y[o + i] = yi;
          sy += si * yi; yy += yi * yi; ss += si * si;
        }
        // Skip pairs without positive curvature: they would break positive definiteness.
        if (sy > Number.EPSILON * Math.sqrt(ss * yy)) {
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
