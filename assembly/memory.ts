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
