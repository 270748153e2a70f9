// Work arrays for the JavaScript side of solvers. Measured on Node 20 (V8 11): a Float64Array
// longer than 8 elements (64 bytes) gets an off-heap backing store and costs 1–2.5 µs to create,
// against ~30 ns for a view on an existing ArrayBuffer — a per-solve tax larger than a whole
// 2-D L-BFGS iteration. So internal buffers are carved from shared slabs by a bump pointer.
// Never hand one to user code or return it: a slab is shared, and transferring or detaching its
// buffer (postMessage with a transfer list) would pull it from under every other view.
const SLAB_BYTES = 1 << 15;
let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** A zeroed Float64Array of length n for internal use (small ones from a shared slab). */
export function workF64(n: number): Float64Array {
  const bytes = n * 8;
  if (bytes <= 64 || bytes > SLAB_BYTES >>> 2) return new Float64Array(n);
  if (used + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES); // the old slab lives on while views into it do
    used = 0;
  }
  const view = new Float64Array(slab, used, n);
  used += bytes;
  return view;
}

const RESULT_POOL_BYTES = 1 << 13;
/** Results up to this size come from the pool (eigSym with vectors up to n = 10). */
const RESULT_POOLED_MAX = 1024;
let resultPool = new ArrayBuffer(RESULT_POOL_BYTES);
let resultUsed = 0;

/**
 * A zeroed Float64Array to return to the user. Between 64 bytes and 1 KiB it is a view into a
 * shared 8 KiB pool, as Node's Buffer.allocUnsafe pools small buffers: ~30 ns instead of the
 * 1–2 µs of its own backing store, which was half of a 4×4 eigSym with vectors. Pools are bump-
 * allocated and never reused, so results never alias; but `.buffer` then holds other results
 * too: copy (`.slice()`) before transferring it to a worker.
 */
export function resultF64(n: number): Float64Array {
  const bytes = n * 8;
  if (bytes <= 64 || bytes > RESULT_POOLED_MAX) return new Float64Array(n);
  if (resultUsed + bytes > RESULT_POOL_BYTES) {
    resultPool = new ArrayBuffer(RESULT_POOL_BYTES);
    resultUsed = 0;
  }
  const view = new Float64Array(resultPool, resultUsed, n);
  resultUsed += bytes;
  return view;
}
