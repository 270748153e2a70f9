// Pure-JS baselines written as a careful user would write them: Float64Array, several independent
// accumulators (they hide the add latency the way the WASM kernels do), no allocation per call.
// Measured here, a naive single-accumulator loop loses to numeric.js on plain Arrays; these do not.

/** Σ a[i]·b[i] with four accumulators. */
export function jsDot(a: Float64Array, b: Float64Array, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
    s2 += a[i + 2]! * b[i + 2]!;
    s3 += a[i + 3]! * b[i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * b[i]!;
  return s0 + s1 + (s2 + s3);
}

/** Dot of a[aOff..aOff+n) and b[bOff..bOff+n) inside larger arrays, four accumulators. */
function jsDotAt(a: Float64Array, aOff: number, b: Float64Array, bOff: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[aOff + i]! * b[bOff + i]!;
    s1 += a[aOff + i + 1]! * b[bOff + i + 1]!;
    s2 += a[aOff + i + 2]! * b[bOff + i + 2]!;
    s3 += a[aOff + i + 3]! * b[bOff + i + 3]!;
  }
  for (; i < n; i++) s0 += a[aOff + i]! * b[bOff + i]!;
  return s0 + s1 + (s2 + s3);
}

/** y ← A·x for row-major A (m×n): two rows per pass share each load of x. */
export function jsMatvec(A: Float64Array, m: number, n: number, x: Float64Array, y: Float64Array): Float64Array {
  let r = 0;
  for (; r + 2 <= m; r += 2) {
    const o0 = r * n, o1 = o0 + n;
    let p0 = 0, p1 = 0, q0 = 0, q1 = 0;
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const x0 = x[j]!, x1 = x[j + 1]!;
      p0 += A[o0 + j]! * x0;
      q0 += A[o1 + j]! * x0;
      p1 += A[o0 + j + 1]! * x1;
      q1 += A[o1 + j + 1]! * x1;
    }
    for (; j < n; j++) {
      p0 += A[o0 + j]! * x[j]!;
      q0 += A[o1 + j]! * x[j]!;
    }
    y[r] = p0 + p1;
    y[r + 1] = q0 + q1;
  }
  if (r < m) y[r] = jsDotAt(A, r * n, x, 0, n);
  return y;
}

/**
 * Solves A·x = b for SPD A (n×n, row-major) by Cholesky (Crout, dot-product form), using the
 * caller's `work` (n² doubles) and `x` (n) so nothing is allocated per call. Returns false if A
 * is not positive definite.
 */
export function jsCholeskySolve(A: Float64Array, n: number, b: Float64Array, work: Float64Array, x: Float64Array): boolean {
  work.set(A.subarray(0, n * n));
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      work[ri + j] = (work[ri + j]! - jsDotAt(work, ri, work, rj, j)) / work[rj + j]!;
    }
    const s = work[ri + i]! - jsDotAt(work, ri, work, ri, i);
    if (!(s > 0)) return false;
    work[ri + i] = Math.sqrt(s);
  }
  for (let i = 0; i < n; i++) x[i] = (b[i]! - jsDotAt(work, i * n, x, 0, i)) / work[i * n + i]!;
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const xi = x[i]! / work[ri + i]!;
    x[i] = xi;
    for (let k = 0; k < i; k++) x[k] = x[k]! - xi * work[ri + k]!;
  }
  return true;
}
