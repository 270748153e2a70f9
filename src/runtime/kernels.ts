// The exports of assembly/index.ts as the facade sees them. Pointers are byte offsets.
export interface Kernels {
  readonly memory: { readonly buffer: ArrayBuffer };
  _initialize?(): void;
  alloc(bytes: number): number;
  free(ptr: number): void;
  simdEnabled(): number;
  dot(a: number, b: number, n: number): number;
  axpy(n: number, alpha: number, x: number, y: number): void;
  scal(n: number, alpha: number, x: number): void;
  /** y ← α·x in one pass (x may equal y). */
  copyScaled(n: number, alpha: number, x: number, y: number): void;
  amax(x: number, n: number): number;
  nrm2(x: number, n: number): number;
  firstNonFinite(x: number, n: number): number;
  copy(dst: number, src: number, n: number): void;
  fill(x: number, n: number, value: number): void;
  gemv(m: number, n: number, alpha: number, a: number, x: number, beta: number, y: number): void;
  matvecChecked(m: number, n: number, a: number, x: number, y: number): number;
  symv(n: number, alpha: number, a: number, x: number, beta: number, y: number, work: number): void;
  cholesky(a: number, n: number, tol: number): number;
  choleskySolve(a: number, n: number, b: number): void;
  lu(a: number, n: number, piv: number, tol: number): number;
  luSolve(a: number, n: number, piv: number, b: number): void;
  asymmetry(a: number, n: number): number;
  /** max|aᵢⱼ| (NaN if any entry is), with max|aᵢⱼ − aⱼᵢ| left for lastAsymmetry(). */
  amaxAsymmetry(a: number, n: number): number;
  lastAsymmetry(): number;
  gridKnown(kind: number, x0: number, dx: number, ytop: number, dy: number, nx: number, ny: number, out: number): number;
  eig2x2Batch(a: number, b: number, c: number, lo: number, hi: number, n: number): number;
  eig2x2(a: number, b: number, c: number, out: number): void;
  eigSymmetric(a: number, n: number, d: number, e: number, work: number, z: number, wantVectors: number, maxIter: number, rot: number, rotCap: number, dc: number): number;
  eigDivideWork(n: number, wantVectors: number): number;
  lbfgsTwoLoop(n: number, m: number, count: number, head: number, S: number, Y: number, rho: number, alpha: number, gamma: number, q: number): void;
  quadraticLoop(
    method: number, n: number, h: number, g: number, c: number, x: number, grad: number, f0: number, ws: number,
    alpha: number, beta: number, gradTol: number, stepTol: number, fTol: number, maxIter: number, out: number,
  ): number;
}
