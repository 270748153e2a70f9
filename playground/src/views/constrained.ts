// The constrained view: the feasible set {c(x) ≤ 0} over the contours, and the quadratic-penalty
// method's minimizers x(r) of f + r·max(0, c)² for r = 1, 10, …, 10^rmax, each solve warm-started
// at the previous answer (Nocedal & Wright, Numerical Optimization, 2nd ed., §17.1).
import { type MinimizeResult, type Objective, api, missing } from '../api.js';
import type { Surface } from '../surface.js';
import { Frame } from '../plot.js';
import { formatNumber } from '../contour.js';
import { lineChart } from '../plot.js';
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

/** The augmented-Lagrangian answer (minimize's default for a Problem), as the reference point. */
export interface Reference { x: [number, number]; multiplier: number; status: string; violation: number }

export function penaltyPath(obj: Objective, f: (x: number, y: number) => number, con: Constraint2, rmax: number, x0: [number, number]): { rows: PenaltyRow[]; reference?: Reference; error?: string } {
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
    const al = api.minimize!(p, x0) as MinimizeResult & { multipliers?: Float64Array; constraintViolation?: number };
    const reference: Reference = {
      x: [al.x[0]!, al.x[1]!], multiplier: al.multipliers?.[0] ?? NaN, status: al.status, violation: al.constraintViolation ?? NaN,
    };
    return { rows, reference };
  } catch (e) {
    return { rows, error: e instanceof Error ? e.message : String(e) };
  }
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

/** The penalty iterates x(r), joined in order from x0, with a zoomed inset around them. */
export function drawPenalty(s: Surface, rows: PenaltyRow[], count: number, x0: [number, number], con: Constraint2, ref?: Reference): void {
  const shown = rows.slice(0, Math.floor(count));
  if (ref) {
    // the augmented-Lagrangian answer: a red ring the penalty iterates should close in on
    const ctx = s.context;
    ctx.save();
    ctx.strokeStyle = '#d7301f';
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.arc(s.frame.px(ref.x[0]), s.frame.py(ref.x[1]), 9, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.restore();
  }
  s.path([x0, ...shown.map((r) => r.x)], shown.length + 1, '#6a00a8', false);
  const ctx = s.context, fr = s.frame;
  ctx.save();
  for (const row of shown) dot(ctx, fr.px(row.x[0]), fr.py(row.x[1]));
  ctx.restore();
  if (rows.length > 1 && shown.length > 0) inset(s, rows, shown.length, con);
}

function dot(ctx: CanvasRenderingContext2D, px: number, py: number): void {
  ctx.fillStyle = '#6a00a8';
  ctx.strokeStyle = '#fff';
  ctx.beginPath();
  ctx.arc(px, py, 4, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
}

/**
 * A zoom on the iterates (they crowd within a few hundredths of the boundary): the boundary
 * c(x) = 0 traced on a fine grid, the feasible side white, the infeasible side grey, each x(r)
 * labelled with its r.
 */
function inset(s: Surface, rows: PenaltyRow[], count: number, con: Constraint2): void {
  const ctx = s.context, fr = s.frame;
  const last = rows[rows.length - 1]!.x;
  let half = 0;
  for (const r of rows) half = Math.max(half, Math.abs(r.x[0] - last[0]), Math.abs(r.x[1] - last[1]));
  half = Math.max(half * 1.35, 1e-6);
  const size = 150, left = fr.left + fr.width - size - 6, top = fr.top + 6;
  const z = new Frame(left, top, size, size, last[0] - half, last[0] + half, last[1] - half, last[1] + half);
  ctx.save();
  ctx.fillStyle = '#fff';
  ctx.fillRect(left, top, size, size);
  const cell = 3;
  ctx.fillStyle = 'rgba(60,60,60,0.35)';
  for (let py = 0; py < size; py += cell) {
    for (let px = 0; px < size; px += cell) {
      if (con.c(z.wx(left + px + cell / 2), z.wy(top + py + cell / 2)) > 0) ctx.fillRect(left + px, top + py, cell, cell);
    }
  }
  ctx.strokeStyle = '#333';
  ctx.strokeRect(left + 0.5, top + 0.5, size, size);
  ctx.beginPath();
  ctx.rect(left, top, size, size);
  ctx.clip();
  ctx.strokeStyle = '#6a00a8';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  rows.slice(0, count).forEach((r, k) => (k ? ctx.lineTo(z.px(r.x[0]), z.py(r.x[1])) : ctx.moveTo(z.px(r.x[0]), z.py(r.x[1]))));
  ctx.stroke();
  ctx.font = '10px system-ui, sans-serif';
  // Later iterates crowd geometrically (the violation falls like 1/r): label the first two and the last.
  rows.slice(0, count).forEach((r, k) => {
    const px = z.px(r.x[0]), py = z.py(r.x[1]);
    dot(ctx, px, py);
    ctx.fillStyle = '#000';
    if (k < 2) ctx.fillText(`r=1e${k}`, px + 6, py - 4);
    else if (k === rows.length - 1 && k > 2) ctx.fillText(`r=1e2…1e${k}`, px + 6, py + 12);
  });
  ctx.fillStyle = '#000';
  ctx.fillText(`zoom: ±${formatNumber(half)}`, left + 4, top + size - 4);
  ctx.restore();
}

/** The violation c(x(r)) against log10 r: a straight line of slope −1 when it falls like 1/r. */
export function penaltyChart(rows: PenaltyRow[]): void {
  lineChart(document.getElementById('chart-penalty') as HTMLCanvasElement, rows.length ? [
    { label: 'violation c(x(r))', colour: '#d7301f', values: rows.map((r) => r.c) },
  ] : [], { title: 'constraint violation vs r (log-log)', logY: true, xLabel: 'log₁₀ r' });
}

export function penaltyTable(rows: PenaltyRow[]): void {
  const body = document.getElementById('penalty')!.querySelector('tbody')!;
  body.innerHTML = '';
  for (const row of rows) {
    const tr = body.insertRow();
    for (const t of [`1e${Math.round(Math.log10(row.r))}`, `(${formatNumber(row.x[0])}, ${formatNumber(row.x[1])})`, formatNumber(row.f), formatNumber(row.c), String(row.iterations)]) {
      tr.insertCell().textContent = t;
    }
  }
}
