// Run with `node --expose-gc`: 10⁵ mixed calls after warm-up, then prints WASM memory and JS heap
// before/after as JSON; then checks that garbage-collected handles give their memory back.
import * as o from '../../dist/index.js';

const gcFully = async () => {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((r) => setImmediate(r)); // let FinalizationRegistry callbacks run
  }
};

const n = 24;
const data = new Float64Array(n * n);
for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = i === j ? n : 1 / (1 + i + j);
const A = o.matrix(data, n, n);
const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
const q = o.quadratic({ H: [[3, 1], [1, 2]], g: [-1, 1] });

function mixed(calls) {
  let sink = 0;
  for (let c = 0; c < calls; c++) {
    switch (c & 3) {
      case 0: sink += o.matvec(A, x)[0]; break;
      case 1: sink += o.eigSym(A).values[0]; break;
      case 2: sink += o.solve(A, x)[0]; break;
      default: sink += o.minimize(q, [c % 7, 1]).fx;
    }
  }
  return sink;
}

mixed(5000);
await gcFully();
const wasmBefore = o.memoryBytes();
const heapBefore = process.memoryUsage().heapUsed;
mixed(100_000);
await gcFully();
const wasmAfter = o.memoryBytes();
const heapAfter = process.memoryUsage().heapUsed;

// Handles the user forgets to dispose: 20,000 × 32×32 would need 160 MB if never freed.
const growBefore = o.memoryBytes();
for (let round = 0; round < 20; round++) {
  for (let i = 0; i < 1000; i++) o.matrix(new Float64Array(32 * 32), 32, 32);
  await gcFully();
}
const growAfter = o.memoryBytes();

process.stdout.write(JSON.stringify({ wasmBefore, wasmAfter, heapBefore, heapAfter, growBefore, growAfter }));
