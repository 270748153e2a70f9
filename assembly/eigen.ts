// Symmetric eigen-solvers: the batched and single 2×2 closed forms (eigen2x2.ts) and the n×n
// driver, Householder tridiagonalization (tridiag.ts) followed by implicit QL (tql.ts), the
// pipeline of LAPACK dsyev: dsytrd + dorgtr + dsteqr with vectors, dsytrd + dsterf (root-free
// QL) for values only. Workspace comes from the caller.
import { ld, st } from './memory';
import { tridiagonalize, formQt } from './tridiag';
import { tql, tqlValues, sortAscending, sortValues } from './tql';
import { stedc, stedcWorkDoubles, stedcWorkInts } from './stedc';
import { applyQ, applyQWork } from './applyq';

/**
 * From this order on, eigenvectors come from divide and conquer on T and W ← Q·W with block
 * reflectors (dstedc + dormtr, as LAPACK dsyevd) instead of QL rotations on Qᵀ (dsteqr).
 */
const DIVIDE_FROM: i32 = ASC_FEATURE_SIMD ? 20 : 32;

/** Doubles of the divide-and-conquer workspace for order n (0 when QL is used). */
export function eigDivideWork(n: i32, wantVectors: i32): i32 {
  if (wantVectors == 0 || n < DIVIDE_FROM) return 0;
  return max(stedcWorkDoubles(n), applyQWork(n)) + ((stedcWorkInts(n) + 1) >> 1);
}

export { eig2x2Batch, eig2x2 } from './eigen2x2';

/** dst ← srcᵀ (n×n), in 16×16 tiles so both sides stay in cache. */
function transpose(src: usize, dst: usize, n: i32): void {
  const T = 16;
  for (let i0 = 0; i0 < n; i0 += T) {
    const i1 = min(i0 + T, n);
    for (let j0 = 0; j0 < n; j0 += T) {
      const j1 = min(j0 + T, n);
      for (let i = i0; i < i1; i++) {
        const s = src + ((<usize>i * <usize>n) << 3);
        for (let j = j0; j < j1; j++) st(dst, j * n + i, ld(s, j));
      }
    }
  }
}

/**
 * Eigenvalues (ascending, in d) and optionally eigenvectors of the symmetric n×n matrix at `a`
 * (row-major; only the upper triangle is read; destroyed). The caller scales A so max|aᵢⱼ| is
 * about 1. Workspace: d and e (n doubles each), work (3n) and, with vectors, z (n²) and rot
 * (3·rotCap doubles: QL rotations are applied to z in batches of rotCap). On success with vectors, `a` holds V (row-major, eigenvector j in column j, matching
 * d[j]). Returns 0, or a positive value when QL exceeded maxIter sweeps in total. With vectors
 * and n ≥ DIVIDE_FROM, `dc` holds eigDivideWork(n) doubles and the vectors come from divide and
 * conquer (its leaves are solved by QL, under the same cap).
 */
export function eigSymmetric(a: usize, n: i32, d: usize, e: usize, work: usize, z: usize, wantVectors: i32, maxIter: i32, rot: usize, rotCap: i32, dc: usize): i32 {
  const wantZ = wantVectors != 0;
  const tau = work, p = work + (<usize>n << 3), q = work + (<usize>n << 4);
  tridiagonalize(a, n, d, e, tau, p, q);
  if (wantZ && n >= DIVIDE_FROM) {
    const iwork = dc + (<usize>max(stedcWorkDoubles(n), applyQWork(n)) << 3);
    const info = stedc(d, e, n, z, dc, iwork, maxIter, rot, rotCap);
    if (info != 0) return info;
    applyQ(a, n, tau, z, dc);
    memory.copy(a, z, (<usize>n * <usize>n) << 3);
    return 0;
  }
  if (wantZ) formQt(a, n, tau, z);
  const info = wantZ ? tql(d, e, n, z, true, maxIter, rot, rotCap) : tqlValues(d, e, n, maxIter);
  if (info != 0) return info;
  if (wantZ) {
    sortAscending(d, n, z, true);
    transpose(z, a, n);
  } else {
    sortValues(d, n, work); // tau, p and q are spent
  }
  return 0;
}
