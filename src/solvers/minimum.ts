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

export function isMinimum(p: Counted, x: Float64Array, fx: number, g: Float64Array): boolean {
  const n = x.length;
  let xmax = 1;
  for (let i = 0; i < n; i++) xmax = Math.max(xmax, Math.abs(x[i]!));
  const h = Math.pow(EPS, 0.25) * xmax;
  const noise = 64 * EPS * Math.max(1, Math.abs(fx));
  const w = workF64(n);
  /** true when f drops below its first-order model on either side of x along dir. */
  const bendsDown = (dir: (i: number) => number): boolean => {
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i]! * dir(i);
    for (const sign of [1, -1]) {
      for (let i = 0; i < n; i++) w[i] = x[i]! + sign * h * dir(i);
      const r = p.value(w) - fx - sign * h * slope;
      if (r < -noise) return true;
    }
    return false;
  };
  let gn = 0;
  for (let i = 0; i < n; i++) gn += g[i]! * g[i]!;
  gn = Math.sqrt(gn);
  if (gn > 0 && Number.isFinite(gn) && bendsDown((i) => -g[i]! / gn)) return false;
  if (n <= AXES_UP_TO) {
    for (let j = 0; j < n; j++) if (bendsDown((i) => (i === j ? 1 : 0))) return false;
  }
  return true;
}
