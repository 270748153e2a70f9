// The contour canvas shared by the descent and constrained views: the filled contour image of the
// current function (recomputed only when the function changes), axes, colour bar, known minima,
// and helpers to draw paths and markers in world coordinates.
import { type Box, type Grid, Scale, drawColourBar, evaluateGrid, gridFrom, paint } from './contour.js';
import { api } from './api.js';
import { type Fn2 } from './functions.js';
import { compile } from './expr.js';
import { Frame, drawAxes } from './plot.js';

export const GRID = 400;

/** Central differences, for user-typed expressions (steps balance truncation and rounding). */
function fdGrad(f: Fn2['f'], x: number, y: number): [number, number] {
  const hx = 1e-6 * Math.max(1, Math.abs(x)), hy = 1e-6 * Math.max(1, Math.abs(y));
  return [(f(x + hx, y) - f(x - hx, y)) / (2 * hx), (f(x, y + hy) - f(x, y - hy)) / (2 * hy)];
}
function fdHess(f: Fn2['f'], x: number, y: number): [[number, number], [number, number]] {
  const hx = 1e-4 * Math.max(1, Math.abs(x)), hy = 1e-4 * Math.max(1, Math.abs(y));
  const gxp = fdGrad(f, x + hx, y), gxm = fdGrad(f, x - hx, y);
  const gyp = fdGrad(f, x, y + hy), gym = fdGrad(f, x, y - hy);
  const fxy = ((gxp[1] - gxm[1]) / (2 * hx) + (gyp[0] - gym[0]) / (2 * hy)) / 2;
  return [[(gxp[0] - gxm[0]) / (2 * hx), fxy], [fxy, (gyp[1] - gym[1]) / (2 * hy)]];
}

/**
 * A user-typed f(x, y) as a playground function; throws ExprError for a bad expression. Its
 * derivatives are optima.numericalGradient / numericalHessian when present, else central
 * differences here.
 */
export function customFunction(expr: string): Fn2 {
  const f = compile(expr);
  const fv = (p: Float64Array): number => f(p[0]!, p[1]!);
  const { numericalGradient: ng, numericalHessian: nh } = api;
  return {
    id: 'custom', name: 'Your expression', formula: expr, f,
    grad: ng ? (x, y) => {
      const g = ng(fv, [x, y]);
      return [g[0]!, g[1]!];
    } : (x, y) => fdGrad(f, x, y),
    hess: nh ? (x, y) => {
      const d = nh(fv, [x, y]).data;
      return [[d[0]!, d[1]!], [d[2]!, d[3]!]];
    } : (x, y) => fdHess(f, x, y),
    box: [-3, 3, -3, 3], x0: [-2, 2], minima: [], log: false,
  };
}

/** Resolution of the convexity overlay (scaled up to the plot): the Hessian is costlier than f. */
const CONVEXITY_GRID = 200;

export class Surface {
  readonly frame: Frame;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly image: HTMLCanvasElement;
  private imageData: ImageData;
  private bands: Uint16Array | undefined;
  private key = '';
  fn!: Fn2;
  grid!: Grid;
  scale!: Scale;
  /** Milliseconds of the last grid evaluation and painting. */
  timing = { evaluate: 0, paint: 0, where: 'JavaScript' };

  constructor(readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d')!;
    this.frame = new Frame(60, 16, GRID, GRID, 0, 1, 0, 1);
    this.image = document.createElement('canvas');
    this.image.width = this.image.height = GRID;
    this.imageData = new ImageData(GRID, GRID);
  }

  /** Recomputes the contour image when the function (or its expression) changed. */
  setFunction(fn: Fn2): void {
    const key = fn.id === 'custom' ? `custom:${fn.formula}` : fn.id;
    this.fn = fn;
    if (key === this.key) return;
    this.key = key;
    const box: Box = fn.box;
    [this.frame.x0, this.frame.x1, this.frame.y0, this.frame.y1] = box;
    const t0 = performance.now();
    const reuse = this.grid?.values;
    const inWasm = fn.grid !== undefined && api.gridValues !== undefined;
    this.grid = inWasm
      ? gridFrom(api.gridValues!(fn.grid!, box, GRID, GRID, reuse), box, GRID, GRID)
      : evaluateGrid(fn.f, box, GRID, GRID, reuse);
    const t1 = performance.now();
    const log = fn.id === 'custom' ? this.grid.min >= 0 : fn.log;
    this.scale = new Scale(this.grid.min, this.grid.max, log, 20);
    this.bands = paint(this.grid, this.scale, this.imageData, this.bands);
    this.image.getContext('2d')!.putImageData(this.imageData, 0, 0);
    const t2 = performance.now();
    this.timing = { evaluate: t1 - t0, paint: t2 - t1, where: inWasm ? 'WebAssembly (optima.gridValues)' : 'JavaScript' };
  }

  private convexKey = '';
  private convexImage: HTMLCanvasElement | undefined;
  /** Milliseconds of the last convexity overlay (Hessians in JS + eigSym2x2Batch in WebAssembly). */
  convexityMs = 0;

  /**
   * Tints where f is not convex: red where the Hessian is indefinite (λmin < 0 < λmax), darker where
   * it is negative definite (f concave). All CONVEXITY_GRID² Hessians' eigenvalues come from one
   * optima.eigSym2x2Batch call. Returns false when this build of optima lacks it.
   */
  drawConvexity(): boolean {
    const batch = api.eigSym2x2Batch;
    if (!batch) return false;
    if (this.convexKey !== this.key || !this.convexImage) {
      const t0 = performance.now();
      const n = CONVEXITY_GRID, [x0, x1, y0, y1] = this.fn.box;
      const a = new Float64Array(n * n), b = new Float64Array(n * n), c = new Float64Array(n * n);
      const bad = new Uint8Array(n * n);
      for (let j = 0; j < n; j++) {
        const y = y1 - ((j + 0.5) * (y1 - y0)) / n;
        for (let i = 0; i < n; i++) {
          const k = j * n + i;
          let p = NaN, q = NaN, r = NaN;
          try {
            const H = this.fn.hess(x0 + ((i + 0.5) * (x1 - x0)) / n, y);
            [p, q, r] = [H[0][0], H[0][1], H[1][1]];
          } catch {
            // a typed expression undefined here (optima refuses NaN): drawn as unknown
          }
          if (Number.isFinite(p) && Number.isFinite(q) && Number.isFinite(r)) (a[k] = p), (b[k] = q), (c[k] = r);
          else bad[k] = 1; // left as the zero matrix, drawn as unknown
        }
      }
      const { lo, hi } = batch(a, b, c);
      const img = new ImageData(n, n);
      const px = new Uint32Array(img.data.buffer);
      for (let k = 0; k < n * n; k++) {
        if (bad[k]) px[k] = 0x60808080;
        else if (hi[k]! < 0) px[k] = 0x8c1a1ab4; // concave: dark red, ABGR
        else if (lo[k]! < 0) px[k] = 0x602030e0; // indefinite: red
      }
      this.convexImage ??= document.createElement('canvas');
      this.convexImage.width = this.convexImage.height = n;
      this.convexImage.getContext('2d')!.putImageData(img, 0, 0);
      this.convexKey = this.key;
      this.convexityMs = performance.now() - t0;
    }
    const ctx = this.ctx;
    ctx.save();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.convexImage, this.frame.left, this.frame.top, this.frame.width, this.frame.height);
    ctx.restore();
    return true;
  }

  /** Clears and draws the contour image, axes, colour bar and known minima. */
  drawBase(): CanvasRenderingContext2D {
    const { ctx, frame } = this;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.image, frame.left, frame.top);
    drawAxes(ctx, frame, 'x', 'y');
    drawColourBar(ctx, this.scale, frame.left + frame.width + 36, frame.top, 14, frame.height);
    for (const [mx, my] of this.fn.minima) this.star(mx, my);
    return ctx;
  }

  private star(x: number, y: number): void {
    const { ctx, frame } = this;
    const px = frame.px(x), py = frame.py(y);
    ctx.save();
    ctx.fillStyle = '#fff';
    ctx.strokeStyle = '#000';
    ctx.beginPath();
    for (let k = 0; k < 10; k++) {
      const r = k % 2 ? 3 : 7, a = -Math.PI / 2 + (k * Math.PI) / 5;
      ctx.lineTo(px + r * Math.cos(a), py + r * Math.sin(a));
    }
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
    ctx.restore();
  }

  /** A polyline through world points (first `count` of them), clipped to the plot, with a halo. */
  path(points: ArrayLike<ArrayLike<number>>, count: number, colour: string, dots = true): void {
    const { ctx, frame } = this;
    ctx.save();
    ctx.beginPath();
    ctx.rect(frame.left, frame.top, frame.width, frame.height);
    ctx.clip();
    const n = Math.min(count, points.length);
    const trace = (): void => {
      ctx.beginPath();
      for (let k = 0; k < n; k++) {
        const p = points[k]!;
        const px = frame.px(p[0]!), py = frame.py(p[1]!);
        if (k === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
    };
    ctx.lineJoin = 'round';
    ctx.strokeStyle = 'rgba(255,255,255,0.85)';
    ctx.lineWidth = 4;
    trace();
    ctx.stroke();
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    trace();
    ctx.stroke();
    if (dots && n > 0 && n <= 200) {
      ctx.fillStyle = colour;
      for (let k = 0; k < n; k++) {
        const p = points[k]!;
        ctx.beginPath();
        ctx.arc(frame.px(p[0]!), frame.py(p[1]!), 2.2, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
  }

  /** The start point: a ring you can drag. */
  startMarker(x: number, y: number): void {
    const { ctx, frame } = this;
    ctx.save();
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = '#000';
    ctx.fillStyle = '#ffeb3b';
    ctx.beginPath();
    ctx.arc(frame.px(x), frame.py(y), 6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.restore();
  }

  /** The world point under a pointer event, or null outside the plot. */
  worldAt(ev: { clientX: number; clientY: number }): [number, number] | null {
    const r = this.canvas.getBoundingClientRect();
    const px = ((ev.clientX - r.left) * this.canvas.width) / r.width;
    const py = ((ev.clientY - r.top) * this.canvas.height) / r.height;
    if (!this.frame.contains(px, py)) return null;
    return [this.frame.wx(px), this.frame.wy(py)];
  }

  get context(): CanvasRenderingContext2D {
    return this.ctx;
  }
}
