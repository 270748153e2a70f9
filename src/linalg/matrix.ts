// Matrix and Vector handles, and the staging of arguments into linear memory. A handle made by
// matrix()/vector() is resident: its entries live in WebAssembly memory and kernels read them in
// place. Plain arrays are copied into reusable scratch slots. Every facade function goes through
// the stage* helpers here, so validation messages are uniform.
import { OptimaError } from '../errors.js';
import { heap, memoryBuffer, rt, scratch, type Runtime } from '../runtime/runtime.js';

/** A row-major matrix (API.md). */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}
export type MatrixLike = Matrix | readonly (readonly number[])[];
export type VectorLike = Float64Array | readonly number[] | Vector;

/**
 * Scratch slots by owner, so nested calls never overwrite each other's staged arguments:
 * 0–4 linear algebra (A, x, y, work, pivots), 5–7 eigen-solvers, 8–11 objectives, 12–19 solvers,
 * 20–23 analysis, 24–27 constrained. A module uses only its own range.
 */
export const SLOT = { A: 0, X: 1, Y: 2, W: 3, PIV: 4, EIG: 5, OBJ: 8, SOLVER: 12, ANALYSIS: 20, CONSTRAINED: 24 } as const;

const freeOnCollect: FinalizationRegistry<{ r: Runtime; ptr: number }> | undefined =
  typeof FinalizationRegistry === 'function' ? new FinalizationRegistry(({ r, ptr }) => r.k.free(ptr)) : undefined;

/** Memory owned by one handle, in the runtime that allocated it. */
abstract class Resident {
  /** @internal */ ptr: number;
  /** @internal */ readonly r: Runtime;
  /** @internal */ readonly size: number;
  private view: Float64Array | undefined;

  protected constructor(size: number) {
    this.r = rt;
    this.size = size;
    this.ptr = rt.k.alloc(size * 8);
    freeOnCollect?.register(this, { r: this.r, ptr: this.ptr }, this);
  }

  /** A live view of the entries; re-created after memory growth, so read it afresh each time. */
  get data(): Float64Array {
    if (this.ptr === 0) throw new OptimaError('DISPOSED', `${this.kind()} was used after dispose()`);
    // A WebAssembly memory detaches its old buffer on growth (length 0), so an attached view is
    // current and the costly `memory.buffer` getter is skipped; wasm2js memory never detaches.
    const v = this.view;
    if (v !== undefined && v.length !== 0 && this.r.backend !== 'js') return v;
    const buf = this.r.k.memory.buffer;
    if (!this.view || this.view.buffer !== buf) this.view = new Float64Array(buf, this.ptr, this.size);
    return this.view;
  }

  /** Frees the WebAssembly memory now; the handle must not be used afterwards. Idempotent. */
  dispose(): void {
    if (this.ptr === 0) return;
    freeOnCollect?.unregister(this);
    this.r.k.free(this.ptr);
    this.ptr = 0;
    this.view = undefined;
  }

  get disposed(): boolean {
    return this.ptr === 0;
  }

  protected abstract kind(): string;
}

export class WasmMatrix extends Resident implements Matrix {
  readonly rows: number;
  readonly cols: number;
  /** @internal */
  constructor(rows: number, cols: number) {
    super(rows * cols);
    this.rows = rows;
    this.cols = cols;
  }
  protected kind(): string {
    return `matrix ${this.rows}×${this.cols}`;
  }
}

/** A resident vector (API.md): `{ length, data, dispose() }`. */
export class Vector extends Resident {
  readonly length: number;
  /** @internal */
  constructor(length: number) {
    super(length);
    this.length = length;
  }
  protected kind(): string {
    return `vector of length ${this.length}`;
  }
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff;
}

function describeValue(v: unknown): string {
  return typeof v === 'number' ? String(v) : `${typeof v} ${JSON.stringify(v) ?? String(v)}`;
}

/** Throws NOT_FINITE naming `name[i]` or `name[r][c]` and the offending value. */
export function notFinite(name: string, index: number, value: unknown, cols?: number): never {
  const where = cols === undefined ? `${name}[${index}]` : `${name}[${Math.floor(index / cols)}][${index % cols}]`;
  throw new OptimaError('NOT_FINITE', `${where} must be a finite number; got ${describeValue(value)}`);
}

/** true when every entry of v is finite (x − x is 0 only for finite x); the JS-array twin of requireFinite. */
export function allFinite(v: ArrayLike<number>): boolean {
  let acc = 0;
  for (let i = 0, n = v.length; i < n; i++) acc += v[i]! - v[i]!;
  return acc === 0;
}

/**
 * dst ← src (same length). A builtin call (TypedArray set / fill) costs ~12 ns in V8, more than
 * copying a handful of doubles: solvers copy small points per evaluation, so short ones loop.
 */
export function copyInto(dst: Float64Array, src: Float64Array): void {
  const n = src.length;
  if (n > 32) { dst.set(src); return; }
  for (let i = 0; i < n; i++) dst[i] = src[i]!;
}

/** v ← value everywhere (a loop for short v; see copyInto). */
export function fillWith(v: Float64Array, value: number): void {
  const n = v.length;
  if (n > 32) { v.fill(value); return; }
  for (let i = 0; i < n; i++) v[i] = value;
}

/** Checks n doubles at ptr and throws NOT_FINITE for the first bad one. */
export function requireFinite(ptr: number, n: number, name: string, cols?: number): void {
  const i = rt.k.firstNonFinite(ptr, n);
  if (i >= 0) notFinite(name, i, heap()[(ptr >>> 3) + i], cols);
}

function checkRows(rows: readonly (readonly number[])[], name: string): number {
  const cols = rows[0]?.length ?? 0;
  if (!Array.isArray(rows[0]) && rows.length) {
    throw new OptimaError('DIMENSION_MISMATCH', `${name} must be an array of rows (number[][]); row 0 is ${typeof rows[0]}`);
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!Array.isArray(row) && !(row instanceof Float64Array)) {
      throw new OptimaError('DIMENSION_MISMATCH', `${name}[${i}] must be an array; got ${typeof row}`);
    }
    if (row.length !== cols) {
      throw new OptimaError('DIMENSION_MISMATCH', `${name} is ragged: row ${i} has ${row.length} entries, row 0 has ${cols}`);
    }
  }
  return cols;
}

/** Copies arbitrary numeric input into linear memory at ptr and checks it is finite. */
function copyIn(ptr: number, src: ArrayLike<unknown>, name: string, cols?: number, rowOffset = 0): void {
  const h = heap();
  const base = ptr >>> 3;
  if (src instanceof Float64Array) h.set(src, base);
  else {
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      // Only numbers: storing null, '1', true or [] would coerce them to 0 or 1 silently.
      if (typeof v !== 'number') notFinite(name, rowOffset + i, v, cols);
      h[base + i] = v;
    }
  }
  const bad = rt.k.firstNonFinite(ptr, src.length);
  if (bad >= 0) notFinite(name, rowOffset + bad, src[bad], cols);
}

/** matrix(rows) or matrix(data, rows, cols): a resident Matrix (API.md). */
export function matrix(rows: readonly (readonly number[])[]): WasmMatrix;
export function matrix(data: Float64Array | readonly number[], rows: number, cols: number): WasmMatrix;
export function matrix(src: unknown, rows?: number, cols?: number): WasmMatrix {
  if (rows === undefined && Array.isArray(src) && (src.length === 0 || typeof src[0] !== 'number')) {
    const r = src.length;
    const c = checkRows(src as number[][], 'rows');
    const m = new WasmMatrix(r, c);
    for (let i = 0; i < r; i++) copyIn(m.ptr + i * c * 8, (src as number[][])[i]!, 'rows', c, i * c);
    return m;
  }
  if (!(src instanceof Float64Array) && !Array.isArray(src)) {
    throw new OptimaError('DIMENSION_MISMATCH', 'matrix: expected number[][] or (data, rows, cols)');
  }
  if (!isCount(rows) || !isCount(cols)) {
    throw new OptimaError('INVALID_OPTION', `matrix: rows and cols must be non-negative integers; got ${rows}, ${cols}`);
  }
  if (src.length !== rows * cols) {
    throw new OptimaError('DIMENSION_MISMATCH', `matrix: data has ${src.length} entries, ${rows}×${cols} needs ${rows * cols}`);
  }
  const m = new WasmMatrix(rows, cols);
  copyIn(m.ptr, src, 'data', cols);
  return m;
}

/** vector(n) (zeros), vector(number[]) or vector(Float64Array): a resident Vector. */
export function vector(src: number | readonly number[] | Float64Array): Vector {
  if (typeof src === 'number') {
    if (!isCount(src)) throw new OptimaError('INVALID_OPTION', `vector: length must be a non-negative integer; got ${src}`);
    const v = new Vector(src);
    rt.k.fill(v.ptr, src, 0);
    return v;
  }
  if (!(src instanceof Float64Array) && !Array.isArray(src)) {
    throw new OptimaError('DIMENSION_MISMATCH', `vector: expected a length, number[] or Float64Array; got ${typeof src}`);
  }
  const v = new Vector(src.length);
  copyIn(v.ptr, src, 'vector');
  return v;
}

/** A pointer into linear memory for `x` if it already lives there (no copy), else undefined. */
function residentPtr(x: unknown): number | undefined {
  if (x instanceof Resident) {
    if (x.disposed) throw new OptimaError('DISPOSED', 'a matrix or vector was used after dispose()');
    return x.r === rt ? x.ptr : undefined;
  }
  if (x instanceof Float64Array && x.buffer === memoryBuffer()) return x.byteOffset;
  return undefined;
}

export interface StagedMatrix {
  ptr: number;
  rows: number;
  cols: number;
}

/**
 * Puts a MatrixLike argument into linear memory: resident handles and views of linear memory in
 * place, everything else copied into scratch `slot` (checked finite during the copy). Resident
 * data is not scanned here: callers check what they must (often the O(n) output instead).
 */
export function stageMatrix(A: unknown, name: string, slot: number): StagedMatrix {
  if (Array.isArray(A)) {
    const rows = A.length;
    const cols = checkRows(A as number[][], name);
    const ptr = scratch(slot, rows * cols);
    for (let i = 0; i < rows; i++) copyIn(ptr + i * cols * 8, (A as number[][])[i]!, name, cols, i * cols);
    return { ptr, rows, cols };
  }
  if (A === null || typeof A !== 'object') {
    throw new OptimaError('DIMENSION_MISMATCH', `${name} must be a Matrix or number[][]; got ${A === null ? 'null' : typeof A}`);
  }
  const m = A as Partial<Matrix>;
  const { rows, cols } = m;
  if (!isCount(rows) || !isCount(cols)) {
    throw new OptimaError('DIMENSION_MISMATCH', `${name}.rows and ${name}.cols must be non-negative integers; got ${rows}, ${cols}`);
  }
  const inPlace = residentPtr(A);
  if (inPlace !== undefined) return { ptr: inPlace, rows, cols };
  const data = m.data;
  if (!(data instanceof Float64Array) && !Array.isArray(data)) {
    throw new OptimaError('DIMENSION_MISMATCH', `${name}.data must be a Float64Array`);
  }
  if (data.length !== rows * cols) {
    throw new OptimaError('DIMENSION_MISMATCH', `${name}.data has ${data.length} entries, ${rows}×${cols} needs ${rows * cols}`);
  }
  const viewPtr = residentPtr(data);
  if (viewPtr !== undefined) return { ptr: viewPtr, rows, cols };
  const ptr = scratch(slot, rows * cols);
  copyIn(ptr, data, name, cols);
  return { ptr, rows, cols };
}

/** Length of a VectorLike, or throws DIMENSION_MISMATCH naming it. */
export function vectorLength(x: unknown, name: string): number {
  if (x instanceof Float64Array || Array.isArray(x) || x instanceof Vector) return x.length;
  throw new OptimaError('DIMENSION_MISMATCH', `${name} must be a Float64Array, number[] or Vector; got ${x === null ? 'null' : typeof x}`);
}

/** Like stageMatrix for a vector; `expected` (if given) is the required length. */
export function stageVector(x: unknown, name: string, slot: number, expected?: number): number {
  const n = vectorLength(x, name);
  if (expected !== undefined && n !== expected) {
    throw new OptimaError('DIMENSION_MISMATCH', `${name} has length ${n}; expected ${expected}`);
  }
  const inPlace = residentPtr(x);
  if (inPlace !== undefined) return inPlace;
  const ptr = scratch(slot, n);
  copyIn(ptr, x instanceof Vector ? x.data : (x as ArrayLike<unknown>), name);
  return ptr;
}

/** Reads a resident or plain vector's values (for code that needs them in JS). */
export function valuesOf(x: VectorLike): Float64Array | readonly number[] {
  return x instanceof Vector ? x.data : x;
}

/**
 * An output argument, located before anything is staged: staging may grow memory, which detaches
 * every view of it, so a view's address must be read first. `ptr` is −1 unless `out` views
 * linear memory.
 */
export interface OutTarget {
  readonly out: Float64Array | undefined;
  readonly ptr: number;
  readonly length: number;
  readonly name: string;
}

/** Checks `out`'s type and records where it lives. Call before staging any input. */
export function locateOut(out: Float64Array | undefined, name: string): OutTarget {
  if (out === undefined) return { out, ptr: -1, length: -1, name };
  if (!(out instanceof Float64Array)) throw new OptimaError('DIMENSION_MISMATCH', `${name} must be a Float64Array`);
  return { out, ptr: out.buffer === memoryBuffer() ? out.byteOffset : -1, length: out.length, name };
}

/** Checks the recorded length; where the kernel should write: in place for a view, else scratch. */
export function outPtr(target: OutTarget, n: number, slot: number): number {
  if (target.out !== undefined && target.length !== n) {
    throw new OptimaError('DIMENSION_MISMATCH', `${target.name} has length ${target.length}; expected ${n}`);
  }
  return target.ptr >= 0 ? target.ptr : scratch(slot, n);
}

/**
 * The result for n doubles a kernel wrote at ptr, delivered to `out`: in place for a view of linear
 * memory (a fresh view of the same memory if the call grew memory and detached the old one), else
 * copied into `out` or into a new array.
 */
export function deliver(ptr: number, n: number, target: OutTarget | undefined): Float64Array {
  const h = heap();
  const src = h.subarray(ptr >>> 3, (ptr >>> 3) + n);
  const out = target?.out;
  if (out === undefined) return src.slice();
  if (target!.ptr >= 0) {
    const view = out.buffer === h.buffer ? out : new Float64Array(h.buffer, target!.ptr, n);
    if (ptr !== target!.ptr) view.set(src);
    return view;
  }
  out.set(src);
  return out;
}
