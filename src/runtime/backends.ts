// Chooses and instantiates one of the three builds of assembly/index.ts. The bytes are embedded
// (src/generated/*, made by assembly/build.mjs), so loading needs no fetch, no fs and no bundler
// support for .wasm assets.
import { OptimaError } from '../errors.js';
import simdBase64 from '../generated/simd.js';
import scalarBase64 from '../generated/scalar.js';
import type { Kernels } from './kernels.js';

export type BackendName = 'simd' | 'scalar' | 'js';
export const BACKENDS: readonly BackendName[] = ['simd', 'scalar', 'js'];

/** One instance of the kernels and its cached views of linear memory. */
export interface Runtime {
  readonly backend: BackendName;
  readonly k: Kernels;
  f64: Float64Array;
  /** Reusable staging areas for copied-in arguments: slot → [ptr, capacity in doubles]. */
  readonly scratch: Array<[number, number]>;
}

// A 2-lane f64 add: the smallest module that only a SIMD-capable engine validates.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE as unknown as BufferSource);
  } catch {
    return false;
  }
}

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const bytesCache: Partial<Record<'simd' | 'scalar', Uint8Array>> = {};
function bytesOf(name: 'simd' | 'scalar'): Uint8Array {
  return (bytesCache[name] ??= decodeBase64(name === 'simd' ? simdBase64 : scalarBase64));
}

/** The imports both builds need: abort becomes an OptimaError that names the message. */
function makeImports(getMemory: () => { buffer: ArrayBuffer } | undefined) {
  const readString = (ptr: number): string => {
    const mem = getMemory();
    if (!mem || !ptr) return '';
    const len = (new Uint32Array(mem.buffer, ptr - 4, 1)[0] ?? 0) >>> 1;
    return String.fromCharCode(...new Uint16Array(mem.buffer, ptr, Math.min(len, 512)));
  };
  return {
    env: {
      abort(msg: number, file: number, line: number, col: number): never {
        throw new OptimaError('INTERNAL', `WebAssembly abort: ${readString(msg)} at ${readString(file)}:${line}:${col}`);
      },
    },
  };
}

function finish(backend: BackendName, k: Kernels): Runtime {
  k._initialize?.();
  return { backend, k, f64: new Float64Array(k.memory.buffer), scratch: [] };
}

type JsFactory = (imports: unknown) => Kernels;
let jsFactory: JsFactory | undefined;

async function loadJsFactory(): Promise<JsFactory> {
  jsFactory ??= (await import('../generated/js-backend.js')).default as JsFactory;
  return jsFactory;
}

/** Instantiates synchronously when the engine allows it (Node always; browsers cap sync compiles). */
export function instantiateSync(backend: BackendName): Runtime | undefined {
  try {
    let k: Kernels | undefined;
    const imports = makeImports(() => k?.memory);
    if (backend === 'js') {
      if (!jsFactory) return undefined;
      k = jsFactory(imports);
    } else {
      const module = new WebAssembly.Module(bytesOf(backend) as unknown as BufferSource);
      k = new WebAssembly.Instance(module, imports).exports as unknown as Kernels;
    }
    return finish(backend, k);
  } catch {
    return undefined;
  }
}

export async function instantiate(backend: BackendName): Promise<Runtime> {
  let k: Kernels | undefined;
  const imports = makeImports(() => k?.memory);
  if (backend === 'js') {
    k = (await loadJsFactory())(imports);
  } else {
    if (backend === 'simd' && !simdSupported()) throw new OptimaError('INVALID_OPTION', 'backend: this runtime has no WebAssembly SIMD');
    const { instance } = await WebAssembly.instantiate(bytesOf(backend) as unknown as BufferSource, imports);
    k = instance.exports as unknown as Kernels;
  }
  return finish(backend, k);
}

/** The preferred order: SIMD where validated, else scalar, else JavaScript (always works). */
export function preferredOrder(): BackendName[] {
  return simdSupported() ? ['simd', 'scalar', 'js'] : ['scalar', 'js'];
}
