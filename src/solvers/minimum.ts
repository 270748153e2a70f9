// Is a point with a small gradient a minimum? The rule behind 'converged' vs 'vanishing-gradient'.
//
// RULE: at x with ‖∇f‖∞ ≤ gradientTolerance, step a distance h = ε^(1/4)·max(1, ‖x‖∞) both ways
// along a few unit directions p and look at what the gradient does not explain:
//     R±(p) = f(x ± hp) − f(x) ∓ h·∇f(x)ᵀp   (≈ ½h²·pᵀ∇²f p + O(h³)).
// The directions are steepest descent −∇f/‖∇f‖₂ (when ∇f ≠ 0) and, for n ≤ 16, every coordinate
// axis. If some R± < −64·ε·max(1, |f(x)|) (below the rounding noise of f), f bends downward
// through x — the edge of a plateau (tanh at x = 4), a saddle (x² − y² at 0), a maximum, or an
// odd-order flat point (x³ at 0) — so x is no minimum and the status is 'vanishing-gradient'.
// Otherwise x is accepted ('converged'). Cost: 2 evaluations of f per direction, reported in the
// counts. Limits: a descending direction that is neither −∇f nor an axis (n > 16) is not seen,
// and a slope that flattens out far away (tanh near x = −10, where f is within 1e-8 of its
// infimum −1 and curves upward) is accepted; classifyCriticalPoint gives the full answer.
import type { Counted } from './counted.js';
import { workF64 } from '../runtime/workArrays.js';

const EPS = Number.EPSILON;
const AXES_UP_TO = 16;
const H_REL = Math.pow(EPS, 0.25);

/** w: a scratch vector of length n for the probe points (the driver lends its own). */
export function isMinimum(p: Counted, x: Float64Array, fx: number, g: Float64Array, w: Float64Array = workF64(x.length)): boolean {
  const n = x.length;
  let xmax = 1, gn = 0;
  for (let i = 0; i < n; i++) {
    xmax = Math.max(xmax, Math.abs(x[i]!));
    gn += g[i]! * g[i]!;
  }
  gn = Math.sqrt(gn);
  const h = H_REL * xmax;
  const noise = 64 * EPS * Math.max(1, Math.abs(fx));
  // Steepest descent first (when ∇f ≠ 0), then the axes: direction k = −1 is −∇f/‖∇f‖₂, k ≥ 0 is e_k.
  const first = gn > 0 && Number.isFinite(gn) ? -1 : 0;
  const last = n <= AXES_UP_TO ? n - 1 : -1;
  for (let k = first; k <= last; k++) {
    // slope ∇fᵀp, then f at x ± hp against its first-order model
    const slope = k < 0 ? -gn : g[k]!;
    for (let sign = 1; sign >= -1; sign -= 2) {
      if (k < 0) for (let i = 0; i < n; i++) w[i] = x[i]! - sign * h * (g[i]! / gn);
      else {
        for (let i = 0; i < n; i++) w[i] = x[i]!;
        w[k] = x[k]! + sign * h;
      }
      if (p.value(w) - fx - sign * h * slope < -noise) return false;
    }
  }
  return true;
}
