// The computations a page runs, shared by every fixture page and by the Node side of
// test/browser.test.ts, so both sides compute from the very same inputs. Results are returned
// as the hex bit patterns of each double: comparing them compares to the last bit (and keeps
// -0 and NaN, which JSON would lose).

/** A seeded generator (mulberry32), so the inputs are the same in every engine. */
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

function randomArray(n, rand) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * rand() - 1;
  return out;
}

/** The hex of each double's IEEE-754 bits. */
export function bits(values) {
  const view = new DataView(new ArrayBuffer(8));
  return Array.from(values, (v) => {
    view.setFloat64(0, v);
    return view.getBigUint64(0).toString(16).padStart(16, '0');
  });
}

/** The fixed inputs: odd sizes so the SIMD tails run too. */
export function inputs() {
  const rand = rng(20261126);
  const m = 37, n = 23;
  const A = randomArray(m * n, rand);
  const x = randomArray(n, rand);
  // SPD (Cholesky path): B Bᵀ + n I
  const k = 19;
  const Bm = randomArray(k * k, rand);
  const spd = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = i === j ? k : 0;
      for (let l = 0; l < k; l++) s += Bm[i * k + l] * Bm[j * k + l];
      spd[i * k + j] = s;
    }
  const bSpd = randomArray(k, rand);
  // General square (pivoted LU path)
  const g = 13;
  const gen = randomArray(g * g, rand);
  const bGen = randomArray(g, rand);
  // Symmetric indefinite for eigSym
  const e = 16;
  const sym = new Float64Array(e * e);
  for (let i = 0; i < e; i++)
    for (let j = 0; j <= i; j++) sym[i * e + j] = sym[j * e + i] = 2 * rand() - 1;
  return { m, n, A, x, k, spd, bSpd, g, gen, bGen, e, sym };
}

/** Rosenbrock, written out so the objective is the same code on both sides. */
function rosenbrock(optima) {
  return optima.objective({
    dim: 2,
    f: (p) => 100 * (p[1] - p[0] * p[0]) ** 2 + (1 - p[0]) ** 2,
    gradient: (p, out) => {
      out[0] = -400 * p[0] * (p[1] - p[0] * p[0]) - 2 * (1 - p[0]);
      out[1] = 200 * (p[1] - p[0] * p[0]);
    },
  });
}

/** Everything one backend computes; keys only for the features this build of optima has. */
export function compute(optima) {
  const I = inputs();
  const out = { backend: optima.backend };
  out.dot = bits([optima.dot(I.x, I.x)]);
  out.matvec = bits(optima.matvec(optima.matrix(I.A, I.m, I.n), I.x));
  out.solveSpd = bits(optima.solve(optima.matrix(I.spd, I.k, I.k), I.bSpd));
  out.solveLu = bits(optima.solve(optima.matrix(I.gen, I.g, I.g), I.bGen));
  // How well the SPD solve did, as a plain number: ‖A x − b‖∞.
  const xs = optima.solve(optima.matrix(I.spd, I.k, I.k), I.bSpd);
  const r = optima.matvec(optima.matrix(I.spd, I.k, I.k), xs);
  out.solveResidual = Math.max(...Array.from(r, (v, i) => Math.abs(v - I.bSpd[i])));
  if (typeof optima.eigSym === 'function') {
    const { values, vectors } = optima.eigSym(optima.matrix(I.sym, I.e, I.e), { vectors: true });
    out.eigValues = bits(values);
    out.eigVectors = bits(vectors.data);
  }
  if (typeof optima.minimize === 'function' && typeof optima.objective === 'function') {
    const res = optima.minimize(rosenbrock(optima), [-1.2, 1], { method: 'bfgs' });
    out.minimize = { x: bits(res.x), fx: bits([res.fx]), iterations: res.iterations, status: res.status };
  }
  return out;
}

/** compute() on the starting backend, then on each backend in turn via setBackend. */
export async function probe(optima) {
  const initial = compute(optima);
  const perBackend = {};
  for (const name of ['simd', 'scalar', 'js']) {
    try {
      await optima.setBackend(name);
      perBackend[name] = compute(optima);
    } catch (e) {
      perBackend[name] = { error: String(e && e.message ? e.message : e) };
    }
  }
  await optima.setBackend(initial.backend);
  return { initial, perBackend };
}
