// The one module both WebAssembly builds (and the wasm2js JavaScript build) are compiled from.
export { alloc, free, simdEnabled } from './memory';
export { dot, axpy, scal, copyScaled, amax, nrm2, firstNonFinite, copy, fill, gemv, matvecChecked, symv } from './blas';
export { cholesky, choleskySolve, lu, luSolve, asymmetry, amaxAsymmetry, lastAsymmetry } from './factor';
export { gridKnown } from './grid';
export { quadraticLoop } from './loops';
export { eig2x2Batch, eig2x2, eigSymmetric, eigDivideWork } from './eigen';
export { lbfgsTwoLoop } from './lbfgs';
