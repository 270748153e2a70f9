// The one place the analysis tools get eigenvalues from: read a Hessian returned by user code,
// check it, symmetrize it and hand it to the symmetric eigen-solver.
import { OptimaError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { eigSym } from '../linalg/eigen.js';
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

/**
 * Eigenvalues (ascending) and optionally eigenvectors of a symmetric n×n array, through eigSym
 * (Householder tridiagonalization + implicit QL in WebAssembly; closed form for 2×2).
 */
export function spectrum(data: Float64Array, n: number, norm: number, vectors = false): Spectrum {
  const r = eigSym({ rows: n, cols: n, data }, { vectors });
  return vectors ? { values: r.values, vectors: r.vectors!.data, norm } : { values: r.values, norm };
}

