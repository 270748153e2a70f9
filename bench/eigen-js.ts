// The strongest pure-JavaScript baselines we could write for bench/eigen.ts: the same algorithm as
// optima's kernels (Householder tridiagonalization on the upper triangle of a flat row-major
// Float64Array, Qᵀ accumulated backwards, tql2 rotating contiguous rows of Qᵀ), so the ratio
// measures WebAssembly + SIMD against V8 on identical arithmetic. Also the 2×2 closed forms users
// write: dlae2's scaled one and the naive (a+c)/2 ± √(((a−c)/2)² + b²).

function hyp(x: number, y: number): number {
  const t = x * x + y * y;
  if (t > 1e-290 && t < 1e290) return Math.sqrt(t);
  const m = Math.max(Math.abs(x), Math.abs(y));
  if (m === 0) return 0;
  return m * Math.sqrt((x / m) ** 2 + (y / m) ** 2);
}

/** Eigenvalues ascending (and with `vectors`, V row-major with eigenvectors in columns) of symmetric a (n×n). */
export function jsEigSym(input: Float64Array, n: number, vectors: boolean): { values: Float64Array; vectors?: Float64Array } {
  const a = input.slice();
  let amax = 0;
  for (let i = 0; i < a.length; i++) amax = Math.max(amax, Math.abs(a[i]!));
  const scale = amax > 0 ? 2 ** -Math.floor(Math.log2(amax)) : 1;
  if (scale !== 1) for (let i = 0; i < a.length; i++) a[i]! *= scale;
  const d = new Float64Array(n), e = new Float64Array(n), tau = new Float64Array(n), p = new Float64Array(n);
  // tridiagonalize: row k right of the diagonal is the column to reduce
  for (let k = 0; k < n - 2; k++) {
    const m = n - k - 1, x = k * n + k + 1, blk = (k + 1) * n + k + 1;
    d[k] = a[k * n + k]!;
    let ss = 0;
    for (let i = 1; i < m; i++) ss += a[x + i]! * a[x + i]!;
    const alpha = a[x]!;
    if (ss === 0) { e[k] = alpha; tau[k] = 0; continue; }
    let beta = hyp(alpha, Math.sqrt(ss));
    if (alpha >= 0) beta = -beta;
    const t = (beta - alpha) / beta, r = 1 / (alpha - beta);
    for (let i = 1; i < m; i++) a[x + i]! *= r;
    a[x] = 1;
    e[k] = beta;
    tau[k] = t;
    p.fill(0, 0, m);
    for (let i = 0; i < m; i++) {
      const row = blk + i * n, vi = a[x + i]!;
      let s = a[row + i]! * vi;
      for (let j = i + 1; j < m; j++) { const aij = a[row + j]!; s += aij * a[x + j]!; p[j]! += aij * vi; }
      p[i]! += s;
    }
    let pv = 0;
    for (let i = 0; i < m; i++) { p[i]! *= t; pv += p[i]! * a[x + i]!; }
    const K = -0.5 * t * pv;
    for (let i = 0; i < m; i++) p[i]! += K * a[x + i]!;
    for (let i = 0; i < m; i++) {
      const row = blk + i * n, vi = a[x + i]!, wi = p[i]!;
      for (let j = i; j < m; j++) a[row + j]! -= vi * p[j]! + wi * a[x + j]!;
    }
  }
  if (n >= 2) { d[n - 2] = a[(n - 2) * n + n - 2]!; e[n - 2] = a[(n - 2) * n + n - 1]!; }
  if (n >= 1) d[n - 1] = a[n * n - 1]!;
  // Qᵀ, backwards
  let z: Float64Array | undefined;
  if (vectors) {
    z = new Float64Array(n * n);
    for (let i = 0; i < n; i++) z[i * n + i] = 1;
    for (let k = n - 3; k >= 0; k--) {
      const t = tau[k]!;
      if (t === 0) continue;
      const m = n - k - 1, x = k * n + k + 1;
      for (let i = 0; i < m; i++) {
        const row = (k + 1 + i) * n + k + 1;
        let y = 0;
        for (let j = 0; j < m; j++) y += z[row + j]! * a[x + j]!;
        y *= t;
        for (let j = 0; j < m; j++) z[row + j]! -= y * a[x + j]!;
      }
    }
  }
  // tql2
  const EPS = 2 ** -52;
  let f = 0, tst1 = 0, iters = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]!) > EPS * tst1) m++;
    if (m > l) {
      do {
        if (++iters > 30 * n) throw new Error('tql2: no convergence');
        let g = d[l]!;
        const el = e[l]!;
        let p0 = (d[l + 1]! - g) / (2 * el);
        let r = Math.abs(p0) < 1e100 ? Math.sqrt(p0 * p0 + 1) : Math.abs(p0);
        if (p0 < 0) r = -r;
        d[l] = el / (p0 + r);
        d[l + 1] = el * (p0 + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p0 = d[m]!;
        let c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
        const el1 = e[l + 1]!;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2; c2 = c; s2 = s;
          const ei = e[i]!, di = d[i]!;
          g = c * ei; h = c * p0;
          r = hyp(p0, ei);
          e[i + 1] = s * r;
          s = ei / r; c = p0 / r;
          p0 = c * di - s * g;
          d[i + 1] = h + s * (c * g + s * di);
          if (z) {
            const zi = i * n, zj = zi + n;
            for (let k2 = 0; k2 < n; k2++) {
              const xv = z[zi + k2]!, yv = z[zj + k2]!;
              z[zj + k2] = s * xv + c * yv;
              z[zi + k2] = c * xv - s * yv;
            }
          }
        }
        p0 = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p0;
        d[l] = c * p0;
      } while (Math.abs(e[l]!) > EPS * tst1);
    }
    d[l]! += f;
    e[l] = 0;
  }
  // sort, transpose Zᵀ into V, unscale
  const order = Array.from(d.keys()).sort((i, j) => d[i]! - d[j]!);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = d[order[i]!]! / scale;
  if (!z) return { values };
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = order[j]! * n;
    for (let r = 0; r < n; r++) v[r * n + j] = z[src + r]!;
  }
  return { values, vectors: v };
}

/** dlae2 in JavaScript: scaled by the largest entry, larger eigenvalue first, the other as det/λ₁. */
export function jsEig2x2Safe(a: Float64Array, b: Float64Array, c: Float64Array, lo: Float64Array, hi: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    const s = Math.max(Math.abs(a[i]!), Math.abs(b[i]!), Math.abs(c[i]!));
    if (s === 0) { lo[i] = 0; hi[i] = 0; continue; }
    const ai = a[i]! / s, bi = b[i]! / s, ci = c[i]! / s;
    const sm = ai + ci, df = ai - ci, tb = bi + bi;
    const rt = Math.sqrt(df * df + tb * tb);
    const l1 = sm < 0 ? 0.5 * (sm - rt) : 0.5 * (sm + rt);
    const l2 = (ai * ci - bi * bi) / l1;
    lo[i] = Math.min(l1, l2) * s;
    hi[i] = Math.max(l1, l2) * s;
  }
}

/** The formula users write: cancels when b is tiny or the eigenvalues close, overflows past 1e154. */
export function jsEig2x2Naive(a: Float64Array, b: Float64Array, c: Float64Array, lo: Float64Array, hi: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!, bi = b[i]!, ci = c[i]!;
    const h = 0.5 * (ai + ci), q = 0.5 * (ai - ci);
    const r = Math.sqrt(q * q + bi * bi);
    lo[i] = h - r;
    hi[i] = h + r;
  }
}
