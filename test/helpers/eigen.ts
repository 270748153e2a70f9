// Test matrices with known spectra and the LAPACK-style accuracy ratios (xSYT21 in LAPACK's
// testing suite): ‖AV − VΛ‖_F / (n·ε·‖A‖_F) and ‖VᵀV − I‖_F / (n·ε).
import { create, all, type BigNumber } from 'mathjs';
import { EPS, randomArray } from './reference.js';

export function randomSymmetric(n: number, rand: () => number, scale = 1): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = (2 * rand() - 1) * scale;
  return a;
}

/** A random orthogonal matrix: a product of n random Householder reflections. */
export function randomOrthogonal(n: number, rand: () => number): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let r = 0; r < n; r++) {
    const v = randomArray(n, rand);
    const vv = v.reduce((s, x) => s + x * x, 0);
    // Q ← Q·(I − 2vvᵀ/vᵀv)
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k]! * v[k]!;
      const f = (2 * s) / vv;
      for (let k = 0; k < n; k++) q[i * n + k]! -= f * v[k]!;
    }
  }
  return q;
}

/** Q·diag(λ)·Qᵀ, symmetrized exactly (the upper triangle mirrored). */
export function withSpectrum(lambda: ArrayLike<number>, q: Float64Array): Float64Array {
  const n = lambda.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k]! * lambda[k]! * q[j * n + k]!;
      a[i * n + j] = a[j * n + i] = s;
    }
  return a;
}

export function frobeniusNorm(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  if (m === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! / m) ** 2;
  return m * Math.sqrt(s);
}

/** ‖AV − VΛ‖_F / (n·ε·‖A‖_F) and ‖VᵀV − I‖_F / (n·ε) for row-major A and V (eigenvectors in columns). */
export function accuracyRatios(a: ArrayLike<number>, n: number, values: ArrayLike<number>, v: ArrayLike<number>): { residual: number; orthogonality: number } {
  const normA = frobeniusNorm(a);
  let res = 0, orth = 0;
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) col[k] = v[k * n + j]!;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k]! * col[k]!;
      res += (s - values[j]! * col[i]!) ** 2;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += v[k * n + i]! * col[k]!;
      orth += (s - (i === j ? 1 : 0)) ** 2;
    }
  }
  return {
    residual: normA === 0 ? Math.sqrt(res) : Math.sqrt(res) / (n * EPS * normA),
    orthogonality: Math.sqrt(orth) / (n * EPS),
  };
}

/** The tridiagonal Toeplitz matrix (−1, 2, −1) and its eigenvalues 2 − 2cos(kπ/(n+1)), ascending. */
export function toeplitz(n: number): { a: Float64Array; values: Float64Array } {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 2;
    if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = -1;
  }
  const values = new Float64Array(n);
  for (let k = 1; k <= n; k++) values[k - 1] = 2 - 2 * Math.cos((k * Math.PI) / (n + 1));
  return { a, values };
}

/** A dense row-major copy of the symmetric tridiagonal (d, e). */
export function tridiagonal(d: ArrayLike<number>, e: ArrayLike<number>): Float64Array {
  const n = d.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = d[i]!;
    if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = e[i]!;
  }
  return a;
}

/**
 * Wilkinson's W⁺ of order 2m+1 (d = |m − i|, e = 1): its eigenvalues come in pairs that agree to
 * many digits, the classic test of deflation in divide and conquer. `copies` of it glued by
 * off-diagonals `glue` (LAPACK's glued Wilkinson matrices) cluster each pair `copies` times over.
 */
export function gluedWilkinson(m: number, copies: number, glue: number): Float64Array {
  const b = 2 * m + 1, n = b * copies;
  const d = new Float64Array(n), e = new Float64Array(n - 1);
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < b; i++) {
      d[c * b + i] = Math.abs(m - i);
      if (i + 1 < b) e[c * b + i] = 1;
    }
    if (c + 1 < copies) e[c * b + b - 1] = glue;
  }
  return tridiagonal(d, e);
}

// 64-digit decimal arithmetic (mathjs' BigNumber, i.e. decimal.js) for the 2×2 reference.
const big = create(all!, { precision: 64 });
type Big = BigNumber;
const D = (x: number | string): Big => big.bignumber(x) as unknown as Big;
const scratchView = new DataView(new ArrayBuffer(8));

/** The exact value of a double as a decimal (its binary mantissa times a power of two). */
function exact(x: number): Big {
  if (x === 0) return D(0);
  scratchView.setFloat64(0, x);
  const hi = scratchView.getUint32(0), lo = scratchView.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (expBits !== 0) mant |= 1n << 52n;
  const e = (expBits === 0 ? 1 : expBits) - 1075;
  const m = D(mant.toString()).times(D(2).pow(e));
  return x < 0 ? m.neg() : m;
}

/**
 * Eigenvalues of [[a b],[b c]] to 64 digits, rounded to double: λ = (a+c)/2 ± √(((a−c)/2)² + b²)
 * for the larger-magnitude one and det/λ for the other, so even the smaller one has full relative
 * accuracy (the inputs enter exactly).
 */
export function eig2x2Reference(a: number, b: number, c: number): [number, number] {
  const A = exact(a), B = exact(b), C = exact(c);
  const half = A.plus(C).div(2);
  const rad = A.minus(C).div(2).pow(2).plus(B.pow(2)).sqrt();
  const l1 = half.isNeg() ? half.minus(rad) : half.plus(rad);
  const det = A.times(C).minus(B.times(B));
  const l2 = l1.isZero() ? D(0) : det.div(l1);
  const x = l1.toNumber(), y = l2.toNumber();
  return x <= y ? [x, y] : [y, x];
}
