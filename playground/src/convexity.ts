// optima.checkConvexity's verdict on the plotted box, and its counterexample drawn as a chord
// (the chord between x and y lies below the graph at λx + (1−λ)y).
import { api, type Objective } from './api.js';
import type { Fn2 } from './functions.js';
import type { Surface } from './surface.js';
import { formatNumber } from './contour.js';

export type Verdict = ReturnType<NonNullable<typeof api.checkConvexity>>;

/** Runs checkConvexity on fn's box (when enabled), writes the verdict into `note`, returns it. */
export function checkBoxConvexity(obj: Objective, fn: Fn2, enabled: boolean, note: HTMLElement): Verdict | null {
  note.textContent = '';
  if (!enabled) return null;
  if (!api.checkConvexity) {
    note.textContent = '(checkConvexity is not in this build)';
    return null;
  }
  const [x0, x1, y0, y1] = fn.box;
  try {
    const v = api.checkConvexity(obj, { lower: [x0, y0], upper: [x1, y1] }, { samples: 2000, seed: 1 });
    note.textContent = v.convex
      ? `checkConvexity: no counterexample on this box (min λ seen ${formatNumber(v.minHessianEigenvalue)})`
      : `checkConvexity: not convex — the dashed chord lies below f (min λ seen ${formatNumber(v.minHessianEigenvalue)})`;
    return v;
  } catch (e) {
    note.textContent = `checkConvexity: ${e instanceof Error ? e.message : String(e)}`;
    return null;
  }
}

export function drawChord(surface: Surface, verdict: Verdict | null): void {
  const ce = verdict?.counterexample;
  if (!ce) return;
  const ctx = surface.context, fr = surface.frame;
  const [ax, ay, bx, by] = [ce.x[0]!, ce.x[1]!, ce.y[0]!, ce.y[1]!];
  ctx.save();
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(fr.px(ax), fr.py(ay));
  ctx.lineTo(fr.px(bx), fr.py(by));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = '#000';
  for (const [x, y] of [[ax, ay], [bx, by], [ce.lambda * ax + (1 - ce.lambda) * bx, ce.lambda * ay + (1 - ce.lambda) * by]] as const) {
    ctx.beginPath();
    ctx.arc(fr.px(x), fr.py(y), 3.5, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.restore();
}
