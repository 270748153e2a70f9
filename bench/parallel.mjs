// Worked example: solve 1,000 independent problems across worker_threads, each worker with its own
// optima instance (its own WebAssembly memory), and report the speed-up over one thread.
//   npm run build && node bench/parallel.mjs [problems] [workers]
// Each problem: extended Rosenbrock n = 20 from a seeded random start, L-BFGS to ‖∇f‖∞ ≤ 1e-8.
// Two timings: a cold start (spawn the workers, import optima, solve) and a warm pool (workers
// already started and warmed, as a server would keep them): start-up costs ~0.1–0.3 s per worker.
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

const entry = new URL('../dist/index.js', import.meta.url).href;
const { minimize, testFunctions } = await import(entry);
const objective = testFunctions.rosenbrock(20);

function start(k, n) {
  // a cheap deterministic start per problem index
  return Array.from({ length: n }, (_, i) => -1.5 + ((Math.sin(1000 * k + i) + 1) % 1) * 3);
}

function solveRange(from, to) {
  let converged = 0;
  const fx = [];
  for (let k = from; k < to; k++) {
    const r = minimize(objective, start(k, 20));
    if (r.converged) converged++;
    fx.push(r.fx);
  }
  return { converged, fx };
}

if (!isMainThread) {
  parentPort.on('message', ({ from, to }) => parentPort.postMessage(solveRange(from, to)));
  parentPort.postMessage('ready');
} else {
  const problems = Number(process.argv[2] ?? 1000);
  const workers = Number(process.argv[3] ?? availableParallelism());
  const chunk = Math.ceil(problems / workers);

  const spawn = () =>
    Array.from({ length: workers }, () => {
      const worker = new Worker(new URL(import.meta.url));
      const ready = new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      return { worker, ready };
    });
  const solveOn = (pool) =>
    Promise.all(
      pool.map(({ worker }, w) => {
        const result = new Promise((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
        worker.postMessage({ from: w * chunk, to: Math.min(problems, (w + 1) * chunk) });
        return result;
      }),
    );
  const merge = (parts) => ({ converged: parts.reduce((s, p) => s + p.converged, 0), fx: parts.flatMap((p) => p.fx) });

  solveRange(0, problems); // warm-up: the same work once, as the warm pool gets
  let t = performance.now();
  const single = solveRange(0, problems);
  const tSingle = performance.now() - t;

  t = performance.now();
  const cold = spawn();
  await Promise.all(cold.map((p) => p.ready));
  const coldResult = merge(await solveOn(cold));
  const tCold = performance.now() - t;
  await Promise.all(cold.map(({ worker }) => worker.terminate()));

  const warm = spawn();
  await Promise.all(warm.map((p) => p.ready));
  await solveOn(warm); // warm the workers' JIT on the same work
  t = performance.now();
  const warmResult = merge(await solveOn(warm));
  const tWarm = performance.now() - t;
  await Promise.all(warm.map(({ worker }) => worker.terminate()));

  const same = (r) => r.fx.length === single.fx.length && r.fx.every((v, i) => Object.is(v, single.fx[i]));
  console.log(`${problems} problems (extended Rosenbrock n = 20, L-BFGS), ${availableParallelism()} cores`);
  console.log(`  1 thread:              ${tSingle.toFixed(0)} ms, ${single.converged} converged`);
  console.log(`  ${workers} workers, cold start: ${tCold.toFixed(0)} ms (spawn + import + solve), speed-up ${(tSingle / tCold).toFixed(2)}×`);
  console.log(`  ${workers} workers, warm pool:  ${tWarm.toFixed(0)} ms, speed-up ${(tSingle / tWarm).toFixed(2)}×`);
  console.log(`  bit-identical answers: ${same(coldResult) && same(warmResult)}; converged ${warmResult.converged}/${problems}`);
}
