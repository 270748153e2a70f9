// gridValues: a known 2-D test function on a whole grid, in one WebAssembly call (contour plots).
import { OptimaError } from '../errors.js';
import { heap, rt } from '../runtime/runtime.js';

/** The functions gridValues knows, with the formulas it evaluates. */
export const GRID_FUNCTIONS = {
  paraboloid: '(x − 3)² + (y − 3)²',
  lectureQuadratic: '2x² + y² + xy − 6x − 5y',
  illConditioned: '½(x² + 10y²)',
  saddle: 'x² − y²',
  rosenbrock: '(1 − x)² + 100(y − x²)²',
  himmelblau: '(x² + y − 11)² + (x + y² − 7)²',
  beale: '(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
  booth: '(x + 2y − 7)² + (2x + y − 5)²',
  matyas: '0.26(x² + y²) − 0.48xy',
  threeHumpCamel: '2x² − 1.05x⁴ + x⁶/6 + xy + y²',
} as const;
export type GridFunctionName = keyof typeof GRID_FUNCTIONS;
const KIND: readonly string[] = Object.keys(GRID_FUNCTIONS);

/** At most this many points per call (2048², 32 MiB of doubles). */
const MAX_POINTS = 2048 * 2048;

/**
 * The values of a known 2-D function at the centres of an nx×ny grid over
 * box = [xmin, xmax, ymin, ymax]: `out[j·nx + i] = f(xmin + (i + ½)·dx, ymax − (j + ½)·dy)` with
 * dx = (xmax − xmin)/nx, dy = (ymax − ymin)/ny — row 0 is the top row, as in an image. Runs in
 * WebAssembly: a 400×400 grid takes well under a millisecond. `out` (length nx·ny) is filled when
 * given, else a new Float64Array is returned.
 *
 * @example gridValues('rosenbrock', [-2, 2, -1, 3], 400, 400) // 160,000 values for a contour plot
 */
export function gridValues(name: GridFunctionName, box: readonly number[], nx: number, ny: number, out?: Float64Array): Float64Array {
  const kind = KIND.indexOf(name);
  if (kind < 0) throw new OptimaError('INVALID_OPTION', `gridValues: name must be one of ${KIND.join(', ')}; got ${String(name)}`);
  if (!box || box.length !== 4) throw new OptimaError('DIMENSION_MISMATCH', `gridValues: box must be [xmin, xmax, ymin, ymax]; got length ${box?.length}`);
  for (let i = 0; i < 4; i++) {
    if (!Number.isFinite(box[i])) throw new OptimaError('NOT_FINITE', `gridValues: box[${i}] is ${String(box[i])}`);
  }
  const [x0, x1, y0, y1] = box as [number, number, number, number];
  if (!(x1 > x0) || !(y1 > y0)) throw new OptimaError('INVALID_OPTION', `gridValues: box needs xmin < xmax and ymin < ymax; got [${box.join(', ')}]`);
  for (const [v, label] of [[nx, 'nx'], [ny, 'ny']] as const) {
    if (!Number.isInteger(v) || v < 1) throw new OptimaError('INVALID_OPTION', `gridValues: ${label} must be a positive integer; got ${String(v)}`);
  }
  const n = nx * ny;
  if (n > MAX_POINTS) throw new OptimaError('INVALID_OPTION', `gridValues: nx·ny = ${n} exceeds ${MAX_POINTS}`);
  if (out !== undefined && (!(out instanceof Float64Array) || out.length !== n)) {
    throw new OptimaError('DIMENSION_MISMATCH', `gridValues: out must be a Float64Array of length nx·ny = ${n}`);
  }
  const ptr = rt.k.alloc(n * 8);
  try {
    rt.k.gridKnown(kind, x0, (x1 - x0) / nx, y1, (y1 - y0) / ny, nx, ny, ptr);
    const result = out ?? new Float64Array(n);
    result.set(heap().subarray(ptr >>> 3, (ptr >>> 3) + n));
    return result;
  } finally {
    rt.k.free(ptr);
  }
}
