// Work arrays for the JavaScript side of solvers. Measured on Node 20 (V8 11): a Float64Array
// longer than 8 elements (64 bytes) gets an off-heap backing store and costs 1–2.5 µs to create,
// against ~30 ns for a view on an existing ArrayBuffer — a per-solve tax larger than a whole
// 2-D L-BFGS iteration. So internal buffers are carved from shared slabs by a bump pointer.
// Never hand one to user code or return it: a slab is shared, and transferring or detaching its
// buffer (postMessage with a transfer list) would pull it from under every other view.

/**
 * Float64Arrays carved from a shared ArrayBuffer by a bump pointer; when it fills, a fresh one
 * takes over (the old one lives on while views into it do). Views are never reused, so no two
 * live arrays alias. Sizes outside (64 bytes, maxBytes] get their own buffer: at ≤ 64 bytes V8
 * allocates on the JS heap, which is already cheap.
 */
class BumpPool {
  private buffer: ArrayBuffer;
  private used = 0;

  constructor(private readonly slabBytes: number, private readonly maxBytes: number) {
    this.buffer = new ArrayBuffer(slabBytes);
  }

  take(n: number): Float64Array {
    const bytes = n * 8;
    if (bytes <= 64 || bytes > this.maxBytes) return new Float64Array(n);
    if (this.used + bytes > this.slabBytes) {
      this.buffer = new ArrayBuffer(this.slabBytes);
      this.used = 0;
    }
    const view = new Float64Array(this.buffer, this.used, n);
    this.used += bytes;
    return view;
  }
}

const work = new BumpPool(1 << 15, 1 << 13);

/** A zeroed Float64Array of length n for internal use (small ones from a shared slab). */
export function workF64(n: number): Float64Array {
  return work.take(n);
}

/** Results up to 1 KiB come from the pool (eigSym with vectors up to n = 10). */
const results = new BumpPool(1 << 13, 1024);

/**
 * A zeroed Float64Array to return to the user. Between 64 bytes and 1 KiB it is a view into a
 * shared 8 KiB pool, as Node's Buffer.allocUnsafe pools small buffers: ~30 ns instead of the
 * 1–2 µs of its own backing store, which was half of a 4×4 eigSym with vectors. Results never
 * alias; but `.buffer` then holds other results too: copy (`.slice()`) before transferring it to
 * a worker. (Work arrays use a separate pool: a user transferring a result's buffer must never
 * detach a solver's buffers.)
 */
export function resultF64(n: number): Float64Array {
  return results.take(n);
}
