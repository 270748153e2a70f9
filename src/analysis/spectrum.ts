// The one place the analysis tools get eigenvalues from: read a Hessian returned by user code,
// check it, symmetrize it and hand it to the symmetric eigen-solver.
import { OptimaError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { SQRT_EPS } from './common.js';

export interface Spectrum {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Orthonormal eigenvectors as columns (row-major n×n), when asked for. */
  vectors?: Float64Array;
  /** ‖H‖_F of the symmetrized Hessian: bounds the spectral norm, scales every tolerance. */
  norm: number;
}

/**
 * A Hessian as a plain symmetric n×n Float64Array. Entries must be finite (NOT_FINITE names the
 * entry); an asymmetry above √ε·‖H‖_F is a bug in a user-supplied Hessian (NOT_SYMMETRIC); a
 * smaller one (finite-difference noise, rounding) is removed by taking ½(H + Hᵀ).
 */
export function symmetricHessian(H: unknown, n: number, name: string): { data: Float64Array; norm: number } {
  let rows: number, cols: number, get: (i: number, j: number) => unknown;
  if (Array.isArray(H)) {
    rows = H.length;
    cols = Array.isArray(H[0]) ? H[0].length : -1;
    get = (i, j) => (H[i] as unknown[] | undefined)?.[j];
  } else if (H !== null && typeof H === 'object' && 'data' in H) {
    const m = H as Matrix;
    rows = m.rows;
    cols = m.cols;
    const d = m.data;
    get = (i, j) => d[i * n + j];
    if (!(d instanceof Float64Array) && !Array.isArray(d)) rows = -1;
    else if (d.length !== rows * cols) rows = -1;
  } else {
    throw new OptimaError('INVALID_OBJECTIVE', `${name} must return a Matrix or number[][]; got ${H === null ? 'null' : typeof H}`);
  }
  if (rows !== n || cols !== n) {
    throw new OptimaError('DIMENSION_MISMATCH', `${name} must be ${n}×${n}; got ${rows}×${cols}`);
  }
  const a = new Float64Array(n * n);
  let sumSq = 0, scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = get(i, j);
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new OptimaError('NOT_FINITE', `${name}[${i}][${j}] must be a finite number; got ${String(v)}`);
      }
      a[i * n + j] = v;
      scale = Math.max(scale, Math.abs(v));
    }
  }
  // Frobenius norm scaled by the largest entry, so squares neither overflow nor underflow.
  if (scale > 0) for (let k = 0; k < n * n; k++) sumSq += (a[k]! / scale) ** 2;
  const norm = scale * Math.sqrt(sumSq);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const u = a[i * n + j]!, l = a[j * n + i]!;
      if (Math.abs(u - l) > SQRT_EPS * norm) {
        throw new OptimaError('NOT_SYMMETRIC', `${name} is not symmetric: [${i}][${j}] = ${u} but [${j}][${i}] = ${l}`);
      }
      const m = 0.5 * u + 0.5 * l;
      a[i * n + j] = m;
      a[j * n + i] = m;
    }
  }
  return { data: a, norm };
}

/** Eigenvalues (ascending) and optionally eigenvectors of a symmetric n×n array. */
export function spectrum(data: Float64Array, n: number, norm: number, vectors = false): Spectrum {
  const { values, vectors: v } = jacobiEigen(data, n, vectors);
  return vectors ? { values, vectors: v, norm } : { values, norm };
}

// PLACEHOLDER until eigSym (src/linalg/eigen.ts) lands on main: cyclic Jacobi, capped sweeps.
function jacobiEigen(src: Float64Array, n: number, wantVectors: boolean): { values: Float64Array; vectors: Float64Array } {
  const a = src.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off = Math.max(off, Math.abs(a[i * n + j]!));
    if (off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!, akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!, aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!, vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i * n + i]! - a[j * n + j]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(wantVectors ? n * n : 0);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src]!;
    if (wantVectors) for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src]!;
  });
  return { values, vectors };
}
