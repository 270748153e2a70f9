// The constrained view: the feasible set {c(x) ≤ 0} over the contours, and the quadratic-penalty
// method's minimizers x(r) of f + r·max(0, c)² for r = 1, 10, …, 10^rmax, each solve warm-started
// at the previous answer (Nocedal & Wright, Numerical Optimization, 2nd ed., §17.1).
import { type Objective, api, missing } from '../api.js';
import type { Surface } from '../surface.js';
import type { State } from '../state.js';

export interface Constraint2 {
  c: (x: number, y: number) => number;
  grad: (x: number, y: number) => [number, number];
  label: string;
}

export function constraintOf(kind: State['constraint'], rho: number): Constraint2 {
  return kind === 'disc'
    ? { c: (x, y) => x * x + y * y - rho * rho, grad: (x, y) => [2 * x, 2 * y], label: `x² + y² − ${rho}² ≤ 0` }
    : { c: (x, y) => x + y - rho, grad: () => [1, 1], label: `x + y − ${rho} ≤ 0` };
}

export interface PenaltyRow { r: number; x: [number, number]; f: number; c: number; iterations: number; status: string }

export function penaltyPath(obj: Objective, f: (x: number, y: number) => number, con: Constraint2, rmax: number, x0: [number, number]): { rows: PenaltyRow[]; error?: string } {
  const lacking = missing('minimize', 'problem', 'penalized');
  if (lacking.length) return { rows: [], error: `needs optima.${lacking.join(', optima.')} (not in this build yet)` };
  const rows: PenaltyRow[] = [];
  try {
    const p = api.problem!({
      objective: obj,
      constraints: [{
        type: 'ineq',
        fn: (x) => con.c(x[0]!, x[1]!),
        gradient: (x, out) => {
          const g = con.grad(x[0]!, x[1]!);
          out[0] = g[0];
          out[1] = g[1];
        },
      }],
    });
    let x = Float64Array.from(x0);
    for (let k = 0; k <= rmax; k++) {
      const r = 10 ** k;
      const res = api.minimize!(api.penalized!(p, r), x, { method: 'bfgs', maxIterations: 2000 });
      x = Float64Array.from(res.x);
      rows.push({ r, x: [x[0]!, x[1]!], f: f(x[0]!, x[1]!), c: con.c(x[0]!, x[1]!), iterations: res.iterations, status: res.status });
    }
  } catch (e) {
    return { rows, error: e instanceof Error ? e.message : String(e) };
  }
  return { rows };
}

/** Greys out the infeasible part of the plot and outlines the boundary c(x) = 0. */
export function drawFeasible(s: Surface, kind: State['constraint'], rho: number): void {
  const ctx = s.context, fr = s.frame;
  ctx.save();
  ctx.beginPath();
  ctx.rect(fr.left, fr.top, fr.width, fr.height);
  ctx.clip();
  ctx.fillStyle = 'rgba(40,40,40,0.5)';
  ctx.strokeStyle = '#d7301f';
  ctx.lineWidth = 2.5;
  const boundary = new Path2D();
  if (kind === 'disc') {
    const rx = Math.abs(fr.px(rho) - fr.px(0)), ry = Math.abs(fr.py(rho) - fr.py(0));
    boundary.ellipse(fr.px(0), fr.py(0), rx, ry, 0, 0, 2 * Math.PI);
    const outside = new Path2D();
    outside.rect(fr.left, fr.top, fr.width, fr.height);
    outside.addPath(boundary);
    ctx.fill(outside, 'evenodd');
  } else {
    const L = 1e3 * Math.max(Math.abs(fr.x1 - fr.x0), Math.abs(fr.y1 - fr.y0), rho, 1);
    const A: [number, number] = [rho - L, L], B: [number, number] = [rho + L, -L];
    const side = new Path2D();
    side.moveTo(fr.px(A[0]), fr.py(A[1]));
    side.lineTo(fr.px(B[0]), fr.py(B[1]));
    side.lineTo(fr.px(B[0] + L), fr.py(B[1] + L));
    side.lineTo(fr.px(A[0] + L), fr.py(A[1] + L));
    side.closePath();
    ctx.fill(side);
    boundary.moveTo(fr.px(A[0]), fr.py(A[1]));
    boundary.lineTo(fr.px(B[0]), fr.py(B[1]));
  }
  ctx.stroke(boundary);
  ctx.restore();
}

/** The penalty iterates x(r), joined in order and labelled with log10 r. */
export function drawPenalty(s: Surface, rows: PenaltyRow[], count: number): void {
  s.path(rows.map((r) => r.x), count, '#6a00a8', false);
  const ctx = s.context, fr = s.frame;
  ctx.save();
  ctx.font = '11px system-ui, sans-serif';
  rows.slice(0, count).forEach((row, k) => {
    const px = fr.px(row.x[0]), py = fr.py(row.x[1]);
    ctx.fillStyle = '#6a00a8';
    ctx.strokeStyle = '#fff';
    ctx.beginPath();
    ctx.arc(px, py, 4, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#000';
    ctx.fillText(`r=1e${k}`, px + 6, py - 6 - (k % 2) * 10);
  });
  ctx.restore();
}
