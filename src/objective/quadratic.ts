// f(x) = ½xᵀHx + gᵀx + c with H resident in WebAssembly memory: value and gradient are one gemv
// plus two dots, the Hessian is H itself, and solvers detect the type for their WASM fast paths
// (assembly/loops.ts) and for `method: 'direct'`.
import { OptimaError } from '../errors.js';
import { rt, scratch } from '../runtime/runtime.js';
import { type Matrix, type MatrixLike, type VectorLike, SLOT, Vector, WasmMatrix, deliver, locateOut, outPtr, stageMatrix, stageVector, vector, vectorLength } from '../linalg/matrix.js';
import { type Objective, markTrustedClass, plainMatrix } from './types.js';

const X_SLOT = SLOT.OBJ;
const Y_SLOT = SLOT.OBJ + 1;

/** A quadratic objective; `H`, `g` and `c` are read-only views for solvers and analysis. */
export class QuadraticObjective implements Objective {
  readonly dim: number;
  readonly exactHessian = true;
  /** @internal resident, symmetrized copy of H (in the runtime of the last call: see home()) */
  Hm: WasmMatrix;
  /** @internal resident copy of g */
  gv: Vector;
  readonly c: number;

  /** @internal use quadratic() */
  constructor(H: WasmMatrix, g: Vector, c: number) {
    this.dim = H.rows;
    this.Hm = H;
    this.gv = g;
    this.c = c;
  }

  /** H (n×n, row-major): a live view of the resident copy. Do not write to it. */
  get H(): Matrix {
    return this.Hm;
  }
  /** g as a new array. */
  get g(): Float64Array {
    return this.gv.data.slice();
  }

  /**
   * @internal Makes H and g live in the current backend's memory (after setBackend they are
   * copied over once), so their pointers are valid for rt.k. Call before using Hm.ptr / gv.ptr.
   */
  home(): this {
    if (this.Hm.r !== rt) {
      const n = this.dim;
      const H = new WasmMatrix(n, n);
      H.data.set(this.Hm.data);
      const g = new Vector(n);
      g.data.set(this.gv.data);
      this.Hm.dispose();
      this.gv.dispose();
      this.Hm = H;
      this.gv = g;
    }
    return this;
  }

  private stageX(x: Float64Array): number {
    this.home();
    return stageVector(x, 'x', X_SLOT, this.dim);
  }

  value(x: Float64Array): number {
    const n = this.dim;
    const px = this.stageX(x);
    const py = scratch(Y_SLOT, n);
    const k = rt.k;
    k.gemv(n, n, 1, this.Hm.ptr, px, 0, py);
    return 0.5 * k.dot(px, py, n) + k.dot(this.gv.ptr, px, n) + this.c;
  }

  gradient(x: Float64Array, out?: Float64Array): Float64Array {
    const n = this.dim;
    const target = locateOut(out, 'out');
    const px = this.stageX(x);
    const py = this.gradientInto(px, outPtr(target, n, Y_SLOT));
    return deliver(py, n, target);
  }

  /** Hx + g at py, or at scratch when py overlaps x (gemv must not write what it reads). */
  private gradientInto(px: number, py: number): number {
    const n = this.dim;
    if (py < px + 8 * n && px < py + 8 * n) py = scratch(Y_SLOT, n);
    const k = rt.k;
    k.gemv(n, n, 1, this.Hm.ptr, px, 0, py);
    k.axpy(n, 1, this.gv.ptr, py);
    return py;
  }

  valueAndGradient(x: Float64Array, out: Float64Array): number {
    const n = this.dim;
    const target = locateOut(out, 'out');
    const px = this.stageX(x);
    let py = outPtr(target, n, Y_SLOT);
    if (py < px + 8 * n && px < py + 8 * n) py = scratch(Y_SLOT, n);
    const k = rt.k;
    k.gemv(n, n, 1, this.Hm.ptr, px, 0, py);
    const fx = 0.5 * k.dot(px, py, n) + k.dot(this.gv.ptr, px, n) + this.c;
    k.axpy(n, 1, this.gv.ptr, py);
    deliver(py, n, target);
    return fx;
  }

  /** A fresh copy of H (callers may modify it). */
  hessian(_x?: Float64Array): Matrix {
    return plainMatrix(this.dim, this.dim, this.Hm.data.slice());
  }

  /** −f as a quadratic (used by maximize so the fast paths still apply). */
  negated(): QuadraticObjective {
    this.home();
    const n = this.dim;
    const H = new WasmMatrix(n, n);
    rt.k.copy(H.ptr, this.Hm.ptr, n * n);
    rt.k.scal(n * n, -1, H.ptr);
    const g = vector(this.gv.data);
    rt.k.scal(n, -1, g.ptr);
    return new QuadraticObjective(H, g, -this.c);
  }

  /** Frees the resident H and g now (otherwise they are freed when garbage-collected). */
  dispose(): void {
    this.Hm.dispose();
    this.gv.dispose();
  }
}
markTrustedClass(QuadraticObjective);

/**
 * quadratic({H, g, c}): f(x) = ½xᵀHx + gᵀx + c, ∇f = Hx + g, ∇²f = H (API.md).
 * H must be square, finite and symmetric to n·ε·max|Hᵢⱼ| (it is then symmetrized exactly);
 * it is copied once into WebAssembly memory, so later calls copy only x.
 */
export function quadratic(spec: { H: MatrixLike; g: VectorLike; c?: number }): QuadraticObjective {
  if (spec === null || typeof spec !== 'object') {
    throw new OptimaError('INVALID_OBJECTIVE', 'quadratic: expected an object { H, g, c? }');
  }
  const { H, g, c = 0 } = spec;
  const a = stageMatrix(H, 'H', SLOT.OBJ + 2);
  if (a.rows !== a.cols) throw new OptimaError('DIMENSION_MISMATCH', `quadratic: H must be square; got ${a.rows}×${a.cols}`);
  const n = a.rows;
  if (n === 0) throw new OptimaError('DIMENSION_MISMATCH', 'quadratic: H must be at least 1×1');
  if (typeof c !== 'number' || !Number.isFinite(c)) throw new OptimaError('NOT_FINITE', `quadratic: c must be a finite number; got ${String(c)}`);
  vectorLength(g, 'g');
  // Pointers survive memory growth (only views detach), so a.ptr stays valid across the alloc.
  const Hm = new WasmMatrix(n, n);
  const k = rt.k;
  k.copy(Hm.ptr, a.ptr, n * n);
  const bad = k.firstNonFinite(Hm.ptr, n * n);
  if (bad >= 0) {
    const v = Hm.data[bad];
    Hm.dispose();
    throw new OptimaError('NOT_FINITE', `quadratic: H[${Math.floor(bad / n)}][${bad % n}] must be a finite number; got ${v}`);
  }
  const asym = k.asymmetry(Hm.ptr, n);
  const scale = k.amax(Hm.ptr, n * n);
  if (asym > 8 * n * Number.EPSILON * scale) {
    Hm.dispose();
    throw new OptimaError('NOT_SYMMETRIC', `quadratic: H must be symmetric; max |Hᵢⱼ − Hⱼᵢ| = ${asym}`);
  }
  const h = Hm.data;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      // The midpoint as a + ½(b − a): ½(a + b) overflows to ∞ for entries near 1.8e308 (found by
      // fuzzing: H·0 then gave NaN). b − a is tiny here, the asymmetry check bounded it.
      const a = h[i * n + j]!, b = h[j * n + i]!;
      const m = a === b ? a : a + 0.5 * (b - a);
      h[i * n + j] = m;
      h[j * n + i] = m;
    }
  let gv: Vector;
  try {
    const pg = stageVector(g, 'g', SLOT.OBJ + 3, n);
    gv = new Vector(n);
    k.copy(gv.ptr, pg, n);
  } catch (e) {
    Hm.dispose();
    throw e;
  }
  return new QuadraticObjective(Hm, gv, c);
}

export function isQuadratic(f: unknown): f is QuadraticObjective {
  return f instanceof QuadraticObjective;
}
