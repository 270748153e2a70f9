/// <reference types="node" />
// optima in 4 worker_threads at once, each with its own instance: results are bit-identical to
// the main thread's (same backend, same operation order).
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { workload } from './helpers/workload.js';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const workloadModule = fileURLToPath(new URL('./helpers/workload.js', import.meta.url));

function inWorker(seed: number): Promise<number[]> {
  const code = `
    const { parentPort, workerData } = await import('node:worker_threads');
    const optima = await import(${JSON.stringify(entry)});
    const { workload } = await import(${JSON.stringify(workloadModule)});
    parentPort.postMessage({ backend: optima.backend, out: workload(optima, workerData) });
  `;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: seed, type: 'module' } as never);
    w.once('message', (m: { backend: string; out: number[] }) => {
      expect(m.backend).toBe('simd');
      resolve(m.out);
    });
    w.once('error', reject);
  });
}

describe('worker_threads', () => {
  it('4 workers at once give results bit-identical to the main thread', async () => {
    const optima = await import('../dist/index.js');
    const seeds = [1, 2, 3, 4];
    const fromWorkers = await Promise.all(seeds.map(inWorker));
    seeds.forEach((seed, i) => {
      const here = workload(optima, seed);
      expect(here.length).toBeGreaterThanOrEqual(81);
      expect(fromWorkers[i]).toEqual(here); // toEqual on numbers is exact (Object.is semantics for NaN)
    });
  });
});
