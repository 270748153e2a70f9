// The vanishing gradient of a saturated tanh unit: f(w) = ½(tanh w − t)², minimized by gradient
// descent from w0. f′(w) = (tanh w − t)(1 − tanh² w), and 1 − tanh² w ≈ 4e^{−2|w|} for large |w|,
// so gd's steps shrink exponentially with how far the start is in the flat tail.
import { type MinimizeResult, api, makeObjective } from '../api.js';
import { Frame, drawAxes, lineChart } from '../plot.js';
import { formatNumber } from '../contour.js';

export interface TanhRun { result?: MinimizeResult; error?: string; path: number[] }

const W = 6;
const fOf = (w: number, t: number): number => 0.5 * (Math.tanh(w) - t) ** 2;
const dfOf = (w: number, t: number): number => {
  const th = Math.tanh(w);
  return (th - t) * (1 - th * th);
};
const d2fOf = (w: number, t: number): number => {
  const th = Math.tanh(w), s = 1 - th * th;
  return s * (s - 2 * th * (th - t));
};

export function runTanh(w0: number, t: number, alpha: number): TanhRun {
  if (!api.minimize) return { error: 'optima.minimize is not in this build yet', path: [w0] };
  const obj = makeObjective(
    1,
    (x) => fOf(x[0]!, t),
    (x, out) => void (out[0] = dfOf(x[0]!, t)),
    (x) => [[d2fOf(x[0]!, t)]],
  );
  try {
    const result = api.minimize(obj, [w0], { method: 'gd', stepSize: alpha, maxIterations: 5000, history: true });
    const path = result.history ? result.history.x.map((x) => x[0]!) : [w0, result.x[0]!];
    return { result, path };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), path: [w0] };
  }
}

function curve(ctx: CanvasRenderingContext2D, fr: Frame, g: (w: number) => number, colour: string, dash: number[] = []): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(fr.left, fr.top, fr.width, fr.height);
  ctx.clip();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.setLineDash(dash);
  ctx.beginPath();
  for (let k = 0; k <= 400; k++) {
    const w = -W + (2 * W * k) / 400;
    const y = fr.py(g(w));
    if (k === 0) ctx.moveTo(fr.px(w), y);
    else ctx.lineTo(fr.px(w), y);
  }
  ctx.stroke();
  ctx.restore();
}

function marks(ctx: CanvasRenderingContext2D, fr: Frame, ws: number[], g: (w: number) => number): void {
  ctx.save();
  const n = ws.length;
  ws.forEach((w, k) => {
    if (n > 60 && k % Math.ceil(n / 60) !== 0 && k !== n - 1) return;
    ctx.fillStyle = `hsl(${280 - (200 * k) / Math.max(1, n - 1)}, 80%, 45%)`;
    ctx.beginPath();
    ctx.arc(fr.px(w), fr.py(g(w)), 3.5, 0, 2 * Math.PI);
    ctx.fill();
  });
  ctx.restore();
}

/** Draws both panels and the per-iteration chart; returns the frame used for clicks (top panel). */
export function drawTanh(canvas: HTMLCanvasElement, chart: HTMLCanvasElement, run: TanhRun, t: number): Frame {
  const ctx = canvas.getContext('2d')!;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const top = new Frame(60, 24, canvas.width - 80, 200, -W, W, -1.2, 2.2);
  const bottom = new Frame(60, 290, canvas.width - 80, 180, -W, W, -8, 0.5);
  ctx.font = 'bold 12px system-ui, sans-serif';
  ctx.fillStyle = '#222';
  ctx.fillText(`tanh(w) (blue), target t = ${t} (dashed), f(w) = ½(tanh w − t)² (orange)`, top.left, 14);
  ctx.fillText('|f′(w)| (log scale) vanishes exponentially in the tails; dots: gd iterates', bottom.left, 280);
  drawAxes(ctx, top, 'w', '');
  drawAxes(ctx, bottom, 'w', 'log₁₀ |f′(w)|', (v) => `1e${v}`, [-8, -6, -4, -2, 0]);
  curve(ctx, top, Math.tanh, '#2b8cbe');
  curve(ctx, top, () => t, '#555', [5, 4]);
  curve(ctx, top, (w) => fOf(w, t), '#ff7f00');
  const logDf = (w: number): number => Math.log10(Math.max(Math.abs(dfOf(w, t)), 1e-300));
  curve(ctx, bottom, logDf, '#d7301f');
  marks(ctx, top, run.path, (w) => fOf(w, t));
  marks(ctx, bottom, run.path, logDf);
  const h = run.result?.history;
  lineChart(chart, h ? [
    { label: '|f′| per iteration', colour: '#d7301f', values: h.gradientNorm },
    { label: 'f per iteration', colour: '#ff7f00', values: h.fx },
  ] : [], { title: 'gradient descent on f(w)', logY: true });
  return top;
}

export function describeTanh(run: TanhRun, w0: number, t: number): string {
  if (run.error) return run.error;
  const r = run.result!;
  return `gd from w₀ = ${w0} (|f′(w₀)| = ${formatNumber(Math.abs(dfOf(w0, t)))}): ${r.status} after ${r.iterations} iterations; ` +
    `w = ${formatNumber(r.x[0]!)}, f = ${formatNumber(r.fx)}, |f′| = ${formatNumber(r.gradientNorm)}.`;
}
