// Canvas plotting: a world↔pixel frame with axes and ticks, and small line charts (log y).
import { formatNumber } from './contour.js';

export class Frame {
  constructor(
    readonly left: number, readonly top: number, readonly width: number, readonly height: number,
    public x0: number, public x1: number, public y0: number, public y1: number,
  ) {}
  px(x: number): number {
    return this.left + ((x - this.x0) / (this.x1 - this.x0)) * this.width;
  }
  py(y: number): number {
    return this.top + ((this.y1 - y) / (this.y1 - this.y0)) * this.height;
  }
  wx(px: number): number {
    return this.x0 + ((px - this.left) / this.width) * (this.x1 - this.x0);
  }
  wy(py: number): number {
    return this.y1 - ((py - this.top) / this.height) * (this.y1 - this.y0);
  }
  contains(px: number, py: number): boolean {
    return px >= this.left && px <= this.left + this.width && py >= this.top && py <= this.top + this.height;
  }
}

/** About `count` round tick values covering [lo, hi] (1, 2, 5 × 10^k steps). */
export function ticks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9 && out.length < 50; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

export function drawAxes(ctx: CanvasRenderingContext2D, fr: Frame, xLabel: string, yLabel: string, yFormat: (v: number) => string = formatNumber, yTicks?: number[]): void {
  ctx.save();
  ctx.strokeStyle = '#333';
  ctx.fillStyle = '#222';
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeRect(fr.left + 0.5, fr.top + 0.5, fr.width, fr.height);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of ticks(fr.x0, fr.x1)) {
    const x = Math.round(fr.px(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, fr.top + fr.height);
    ctx.lineTo(x, fr.top + fr.height + 4);
    ctx.stroke();
    ctx.fillText(formatNumber(v), x, fr.top + fr.height + 6);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of yTicks ?? ticks(fr.y0, fr.y1)) {
    const y = Math.round(fr.py(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(fr.left - 4, y);
    ctx.lineTo(fr.left, y);
    ctx.stroke();
    ctx.fillText(yFormat(v), fr.left - 6, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(xLabel, fr.left + fr.width / 2, fr.top + fr.height + 32);
  ctx.translate(fr.left - 38, fr.top + fr.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();
}

export interface Series { label: string; colour: string; values: ArrayLike<number> }

/**
 * A line chart of several series against their index, y on a log10 scale when asked (values ≤ 0
 * are clipped to the smallest positive one shown), with a legend.
 */
export function lineChart(canvas: HTMLCanvasElement, series: Series[], opts: { title: string; logY: boolean; xLabel?: string }): void {
  const ctx = canvas.getContext('2d')!;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const fr = new Frame(56, 22, canvas.width - 70, canvas.height - 62, 0, 1, 0, 1);
  const tr = (v: number): number => (opts.logY ? Math.log10(Math.max(v, 1e-300)) : v);
  let lo = Infinity, hi = -Infinity, len = 1;
  for (const s of series) {
    len = Math.max(len, s.values.length - 1);
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i]!;
      if (!Number.isFinite(v) || (opts.logY && v <= 0)) continue;
      lo = Math.min(lo, tr(v));
      hi = Math.max(hi, tr(v));
    }
  }
  if (!(hi >= lo)) (lo = 0), (hi = 1);
  if (opts.logY) lo = Math.max(lo, hi - 20); // show at most 20 decades
  if (hi - lo < 1e-12) (lo -= 1), (hi += 1);
  const pad = 0.04 * (hi - lo); // keep lines off the frame
  (lo -= pad), (hi += pad);
  fr.x1 = len;
  fr.y0 = lo;
  fr.y1 = hi;
  ctx.fillStyle = '#222';
  ctx.font = 'bold 12px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(opts.title, fr.left, 4);
  const yTicks = opts.logY ? ticks(Math.ceil(lo), Math.floor(hi), 5).filter(Number.isInteger) : undefined;
  drawAxes(ctx, fr, opts.xLabel ?? 'iteration', '', opts.logY ? (v) => `1e${v}` : formatNumber, yTicks);
  ctx.save();
  ctx.beginPath();
  ctx.rect(fr.left, fr.top, fr.width, fr.height);
  ctx.clip();
  for (const s of series) {
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i]!;
      if (!Number.isFinite(v)) continue;
      const y = fr.py(opts.logY ? Math.max(tr(v), lo) : v);
      if (started) ctx.lineTo(fr.px(i), y);
      else ctx.moveTo(fr.px(i), y), (started = true);
    }
    ctx.stroke();
  }
  ctx.restore();
  // Legend: a column in the top-right corner, on a translucent white box.
  if (series.length > 0) {
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const w = Math.max(...series.map((s) => ctx.measureText(s.label).width)) + 26;
    const x = fr.left + fr.width - w - 4, y = fr.top + 4;
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(x, y, w, series.length * 14 + 6);
    series.forEach((s, k) => {
      ctx.fillStyle = s.colour;
      ctx.fillRect(x + 5, y + 5 + k * 14, 10, 10);
      ctx.fillStyle = '#222';
      ctx.fillText(s.label, x + 19, y + 10 + k * 14);
    });
  }
}
