// Worked example: solve 1,000 independent problems across worker_threads, each worker with its own
// optima instance (its own WebAssembly memory), and report the speed-up over one thread.
//   npm run build && node bench/parallel.mjs [problems] [workers]
// Each problem: extended Rosenbrock n = 20 from a seeded random start, L-BFGS to ‖∇f‖∞ ≤ 1e-8.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

const entry = new URL('../dist/index.js', import.meta.url).href;

function start(k, n) {
  // a cheap deterministic start per problem index
  return Array.from({ length: n }, (_, i) => -1.5 + ((Math.sin(1000 * k + i) + 1) % 1) * 3);
}

async function solveRange(from, to) {
  const { minimize, testFunctions } = await import(entry);
  const f = testFunctions.rosenbrock(20);
  let converged = 0;
  const fx = [];
  for (let k = from; k < to; k++) {
    const r = minimize(f, start(k, 20));
    if (r.converged) converged++;
    fx.push(r.fx);
  }
  return { converged, fx };
}

if (!isMainThread) {
  parentPort.postMessage(await solveRange(workerData.from, workerData.to));
} else {
  const problems = Number(process.argv[2] ?? 1000);
  const workers = Number(process.argv[3] ?? availableParallelism());
  await solveRange(0, 20); // warm-up (JIT and instantiation) in the main thread

  let t = performance.now();
  const single = await solveRange(0, problems);
  const tSingle = performance.now() - t;

  t = performance.now();
  const chunk = Math.ceil(problems / workers);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { from: w * chunk, to: Math.min(problems, (w + 1) * chunk) } });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
    ),
  );
  const tParallel = performance.now() - t;
  const converged = parts.reduce((s, p) => s + p.converged, 0);
  const fx = parts.flatMap((p) => p.fx);
  const same = fx.length === single.fx.length && fx.every((v, i) => Object.is(v, single.fx[i]));

  console.log(`${problems} problems (extended Rosenbrock n = 20, L-BFGS)`);
  console.log(`  1 thread:   ${tSingle.toFixed(0)} ms, ${single.converged} converged`);
  console.log(`  ${workers} workers:  ${tParallel.toFixed(0)} ms (including worker start-up), ${converged} converged`);
  console.log(`  speed-up ${(tSingle / tParallel).toFixed(2)}× on ${availableParallelism()} cores; bit-identical answers: ${same}`);
}
