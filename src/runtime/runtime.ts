// The current backend instance, the one place that knows about linear memory: views that
// survive memory.grow, reusable scratch for copied-in arguments, and resident allocations.
import { OptimaError } from '../errors.js';
import { type BackendName, type Runtime, BACKENDS, instantiate, instantiateSync, preferredOrder } from './backends.js';

export type { BackendName, Runtime };

/** The backend in use: 'simd', 'scalar' or 'js'. A live binding: it changes with setBackend(). */
export let backend: BackendName;
/** The current instance. Kernels are called as `rt.k.name(...)`. */
export let rt: Runtime;

// One instance per backend, kept: switching back finds its kernels already optimized by the
// engine (a fresh instance would start again in the baseline compiler) and its handles resident.
const instances: Partial<Record<BackendName, Runtime>> = {};

function use(r: Runtime): void {
  rt = r;
  backend = r.backend;
  instances[r.backend] ??= r;
}

function requested(): BackendName | undefined {
  const g = globalThis as { OPTIMA_BACKEND?: unknown; process?: { env?: Record<string, string | undefined> } };
  const want = g.OPTIMA_BACKEND ?? g.process?.env?.OPTIMA_BACKEND;
  return BACKENDS.includes(want as BackendName) ? (want as BackendName) : undefined;
}

async function init(): Promise<BackendName> {
  const want = requested();
  const order = preferredOrder();
  const tries = want ? [want, ...order.filter((b) => b !== want)] : order;
  for (const name of tries) {
    try {
      use(await instantiate(name));
      return backend;
    } catch {
      // e.g. a Content-Security-Policy without 'wasm-unsafe-eval': fall through to the next build
    }
  }
  throw new OptimaError('INTERNAL', 'no backend could be instantiated');
}

/**
 * Resolves once the kernels are instantiated. The package entry awaits it, so after
 * `import … from 'optima'` every function is synchronous; it is exported for explicit use.
 */
export const ready: Promise<BackendName> = init();

/**
 * Switches to another build of the kernels (for tests and comparisons). Matrices and vectors
 * made before the switch stay valid: they are copied in like plain arrays while another backend
 * is current, and are resident again after switching back (each backend's instance is kept).
 * The switch happens synchronously where the engine allows it (always in Node); the promise
 * resolves once it has happened, and rejects with INVALID_OPTION for an unknown or unusable name.
 */
export function setBackend(name: BackendName): Promise<BackendName> {
  if (!BACKENDS.includes(name)) {
    return Promise.reject(new OptimaError('INVALID_OPTION', `setBackend: backend must be one of ${BACKENDS.join(', ')}; got ${String(name)}`));
  }
  if (rt && rt.backend === name) return Promise.resolve(name);
  const kept = instances[name];
  if (kept) {
    use(kept);
    return Promise.resolve(name);
  }
  const now = instantiateSync(name);
  if (now) {
    use(now);
    return Promise.resolve(name);
  }
  return instantiate(name).then(
    (r) => {
      use(r);
      return name;
    },
    (e: unknown) => {
      throw e instanceof OptimaError ? e : new OptimaError('INVALID_OPTION', `setBackend: ${name} is not available here (${String(e)})`);
    },
  );
}

/**
 * The f64 view of the current linear memory, re-created after memory.grow detaches it.
 * WebAssembly.Memory's `buffer` getter costs about as much as a 16×16 matvec, so it is asked
 * only when the cached view is detached (length 0: memory.grow detaches the old buffer). The
 * wasm2js memory never detaches its old buffer on growth, so the js backend always asks.
 */
export function heap(): Float64Array {
  return heapOf(rt);
}

/** heap() of a given instance (a solve keeps using the memory it allocated in, whatever setBackend did since). */
export function heapOf(r: Runtime): Float64Array {
  const h = r.f64;
  if (h.length !== 0 && r.backend !== 'js') return h;
  const buf = r.k.memory.buffer;
  if (h.buffer !== buf) r.f64 = new Float64Array(buf);
  return r.f64;
}

/** The current linear memory's ArrayBuffer (cheap: see heap()). */
export function memoryBuffer(): ArrayBuffer {
  return heap().buffer as ArrayBuffer;
}

/**
 * A staging area of at least n doubles in scratch slot `slot`, reused across calls, so copying a
 * plain array in never allocates once warm. Calls may grow memory: fetch heap() afterwards.
 */
export function scratch(slot: number, n: number): number {
  const s = rt.scratch[slot];
  if (s && s[1] >= n) return s[0];
  if (s) rt.k.free(s[0]);
  const cap = Math.max(16, n, s ? 2 * s[1] : 0);
  const ptr = rt.k.alloc(cap * 8);
  rt.scratch[slot] = [ptr, cap];
  return ptr;
}

/** The WebAssembly memory size in bytes (for memory tests and benchmarks). */
export function memoryBytes(): number {
  return rt.k.memory.buffer.byteLength;
}
