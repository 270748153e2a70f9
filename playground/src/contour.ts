// Filled contour plots: evaluate f on an nx×ny grid, map each value to one of `levels` colour
// bands (log-spaced for functions ≥ 0 with deep valleys, as in Distill's "Why Momentum Really
// Works"), darken the pixels where the band changes (the iso-lines), and draw the colour scale.

export type Box = [number, number, number, number];

export interface Grid {
  nx: number;
  ny: number;
  box: Box;
  /** Row-major, row 0 at the top (y = ymax). */
  values: Float64Array;
  min: number;
  max: number;
}

/** Min and max of a grid's values, ignoring NaN. */
export function gridFrom(values: Float64Array, box: Box, nx: number, ny: number): Grid {
  let min = Infinity, max = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { nx, ny, box, values, min, max };
}

/** f at pixel centres, one closure call per point (for functions optima.gridValues does not know). */
export function evaluateGrid(f: (x: number, y: number) => number, box: Box, nx: number, ny: number, reuse?: Float64Array): Grid {
  const [x0, x1, y0, y1] = box;
  const values = reuse && reuse.length === nx * ny ? reuse : new Float64Array(nx * ny);
  const dx = (x1 - x0) / nx, dy = (y1 - y0) / ny;
  let min = Infinity, max = -Infinity;
  for (let j = 0; j < ny; j++) {
    const y = y1 - (j + 0.5) * dy;
    const row = j * nx;
    for (let i = 0; i < nx; i++) {
      const v = f(x0 + (i + 0.5) * dx, y);
      values[row + i] = v;
      if (v < min) min = v; // NaN fails both tests: it never becomes min or max
      if (v > max) max = v;
    }
  }
  return { nx, ny, box, values, min, max };
}

/** Maps f to t ∈ [0, 1]: linear, or log10(f − min + δ) with δ five decades below the range. */
export class Scale {
  readonly log: boolean;
  readonly lo: number;
  readonly hi: number;
  readonly levels: number;
  private readonly delta: number;
  private readonly a: number;
  private readonly b: number;

  constructor(min: number, max: number, log: boolean, levels = 20) {
    const lo = Number.isFinite(min) ? min : 0;
    const hi = Number.isFinite(max) && max > lo ? max : lo + 1;
    this.log = log;
    this.lo = lo;
    this.hi = hi;
    this.levels = levels;
    this.delta = (hi - lo) * 1e-5;
    this.a = log ? Math.log10(this.delta) : lo;
    this.b = log ? Math.log10(hi - lo + this.delta) : hi;
  }

  toT(v: number): number {
    const s = this.log ? Math.log10(v - this.lo + this.delta) : v;
    const t = (s - this.a) / (this.b - this.a);
    return t < 0 ? 0 : t > 1 ? 1 : t;
  }

  fromT(t: number): number {
    const s = this.a + t * (this.b - this.a);
    return this.log ? 10 ** s + this.lo - this.delta : s;
  }
}

// ColorBrewer GnBu (light = low f, dark = high f), so minima are pale and paths stand out.
const STOPS = [
  [247, 252, 240], [224, 243, 219], [204, 235, 197], [168, 221, 181], [123, 204, 196],
  [78, 179, 211], [43, 140, 190], [8, 104, 172], [8, 64, 129],
];

export function colourAt(t: number): [number, number, number] {
  const p = Math.min(Math.max(t, 0), 1) * (STOPS.length - 1);
  const k = Math.min(Math.floor(p), STOPS.length - 2);
  const u = p - k, c0 = STOPS[k]!, c1 = STOPS[k + 1]!;
  return [0, 1, 2].map((i) => Math.round(c0[i]! + u * (c1[i]! - c0[i]!))) as [number, number, number];
}

function palette(levels: number): Uint32Array {
  const out = new Uint32Array(levels + 1);
  for (let b = 0; b < levels; b++) {
    const [r, g, bl] = colourAt(levels === 1 ? 0 : b / (levels - 1));
    out[b] = (255 << 24) | (bl << 16) | (g << 8) | r; // little-endian RGBA in a Uint32
  }
  out[levels] = 0xff888888; // NaN: grey
  return out;
}

/** Band index of values[from..to): the number of level edges ≤ v, by bisection (NaN → levels). */
function bandRow(values: Float64Array, bands: Uint16Array, from: number, to: number, edges: Float64Array, levels: number): void {
  for (let k = from; k < to; k++) {
    const v = values[k]!;
    if (v !== v) {
      bands[k] = levels;
      continue;
    }
    let lo = 0, hi = levels - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    bands[k] = lo;
  }
}

/** Colours row j; pixels whose band differs from the right or lower neighbour are darkened (iso-lines). */
function colourRow(bands: Uint16Array, px: Uint32Array, pal: Uint32Array, dark: Uint32Array, j: number, nx: number, ny: number): void {
  const row = j * nx, last = j + 1 === ny;
  for (let i = 0; i < nx; i++) {
    const k = row + i, b = bands[k]!;
    const edge = (i + 1 < nx && bands[k + 1] !== b) || (!last && bands[k + nx] !== b);
    px[k] = edge ? dark[b]! : pal[b]!;
  }
}

/**
 * Paints the grid into `image` (nx×ny): filled bands plus darker iso-lines where bands change.
 * Split into per-row functions so the engine optimizes them after a few rows, even on the very
 * first (cold) call.
 */
export function paint(grid: Grid, scale: Scale, image: ImageData, band?: Uint16Array): Uint16Array {
  const { nx, ny, values } = grid;
  const n = nx * ny;
  const levels = scale.levels;
  const bands = band && band.length === n ? band : new Uint16Array(n);
  // The level boundaries in f itself, so each pixel needs a few comparisons and no logarithm.
  const edges = new Float64Array(levels - 1);
  for (let b = 1; b < levels; b++) edges[b - 1] = scale.fromT(b / levels);
  for (let j = 0; j < ny; j++) bandRow(values, bands, j * nx, (j + 1) * nx, edges, levels);
  const pal = palette(levels);
  const dark = pal.map((c) => (c & 0xff000000) | (((c >>> 17) & 0x7f) << 16) | (((c >>> 9) & 0x7f) << 8) | ((c >>> 1) & 0x7f) | 0x202020);
  const px = new Uint32Array(image.data.buffer, image.data.byteOffset, n);
  for (let j = 0; j < ny; j++) colourRow(bands, px, pal, dark, j, nx, ny);
  return bands;
}

/** A vertical colour bar with the f value at a few band edges. */
export function drawColourBar(ctx: CanvasRenderingContext2D, scale: Scale, x: number, y: number, w: number, h: number): void {
  for (let b = 0; b < scale.levels; b++) {
    const [r, g, bl] = colourAt(scale.levels === 1 ? 0 : b / (scale.levels - 1));
    ctx.fillStyle = `rgb(${r},${g},${bl})`;
    const top = y + h - ((b + 1) / scale.levels) * h;
    ctx.fillRect(x, top, w, h / scale.levels + 0.5);
  }
  ctx.strokeStyle = '#444';
  ctx.strokeRect(x + 0.5, y + 0.5, w, h);
  ctx.fillStyle = '#222';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (let b = 0; b <= scale.levels; b += 4) {
    const t = b / scale.levels;
    const yy = y + h - t * h;
    ctx.fillRect(x + w, yy, 4, 1);
    ctx.fillText(formatNumber(scale.fromT(t)), x + w + 6, yy);
  }
  ctx.save();
  ctx.translate(x - 6, y + h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(scale.log ? 'f (log-spaced levels)' : 'f (linear levels)', 0, 0);
  ctx.restore();
}

export function formatNumber(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  return Number(v.toPrecision(3)).toString();
}
