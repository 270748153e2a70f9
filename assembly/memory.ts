// Raw f64 addressing helpers shared by every kernel. Pointers are byte addresses in linear
// memory handed in by the TypeScript facade; nothing here allocates except alloc().

// @ts-ignore: decorator
@inline export function ld(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline export function st(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
// @ts-ignore: decorator
@inline export function ldv(p: usize, i: i32): v128 { return v128.load(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline export function stv(p: usize, i: i32, v: v128): void { v128.store(p + (<usize>i << 3), v); }
// @ts-ignore: decorator
@inline export function hsum(v: v128): f64 { return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1); }
/** Address of element (i, j) of the row-major matrix at a with leading dimension n. */
// @ts-ignore: decorator
@inline export function at(a: usize, n: i32, i: i32, j: i32): usize { return a + ((<usize>i * <usize>n + <usize>j) << 3); }

/** Machine epsilon 2⁻⁵² (the spacing of doubles at 1). */
export const EPS: f64 = 2.220446049250313e-16;
/** Unit roundoff 2⁻⁵³, LAPACK's dlamch('Epsilon'), in which its eigen-solver tolerances are written. */
export const UNIT_ROUNDOFF: f64 = 1.1102230246251565e-16;
/** LAPACK dlamch('S')/ε ≈ 2e-292: the smallest magnitude the eigen-solvers treat as significant. */
export const SAFMIN: f64 = 2.004168360008973e-292;
/** 2⁶⁰⁰, an exact scale that lifts any subnormal (2⁻¹⁰⁷⁴·2⁶⁰⁰ = 2⁻⁴⁷⁴) far above SAFMIN. */
export const TWO_600: f64 = 4.149515568880993e180;

// @ts-ignore: decorator
@inline export function ldi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline export function sti(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }

/** Allocates `bytes` bytes (16-byte aligned, TLSF); 0 never returned for bytes > 0. */
export function alloc(bytes: i32): usize {
  return heap.alloc(<usize>max(bytes, 16));
}

export function free(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}

/** Which backend this binary is: 1 for the SIMD build, 0 for the scalar one. */
export function simdEnabled(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}
