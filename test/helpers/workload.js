// A deterministic mixed workload over the public API, run in the main thread and in workers
// (plain JS so a worker can import it without a TypeScript loader). Grows with the API.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function workload(optima, seed) {
  const r = rng(seed);
  const out = [];
  const n = 40;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = 2 * r() - 1;
      data[i * n + j] = v;
      data[j * n + i] = v;
    }
  for (let i = 0; i < n; i++) data[i * n + i] += n;
  const A = optima.matrix(data, n, n);
  const x = Array.from({ length: n }, () => 2 * r() - 1);
  out.push(...optima.matvec(A, x), ...optima.solve(A, x), optima.dot(x, x));
  if (optima.eigSym) out.push(...optima.eigSym(A).values);
  if (optima.minimize && optima.testFunctions?.rosenbrock) {
    const f = typeof optima.testFunctions.rosenbrock === 'function' ? optima.testFunctions.rosenbrock(2) : optima.testFunctions.rosenbrock;
    const res = optima.minimize(f.objective ?? f, [-1.2, 1]);
    out.push(...res.x, res.fx, res.iterations);
  }
  A.dispose();
  return out;
}
