// The slab allocator behind solver work arrays: zeroed, disjoint views, and a fresh slab (never a
// reused one) when the current one fills, so no two live arrays can alias.
import { describe, expect, it } from 'vitest';
import { resultF64, workF64 } from '../src/runtime/workArrays.js';

describe('workF64', () => {
  it('gives zeroed, disjoint arrays across slab boundaries', () => {
    const arrays: Float64Array[] = [];
    for (let k = 0; k < 2000; k++) {
      const a = workF64(9 + (k % 50));
      expect(a.every((v) => v === 0)).toBe(true);
      a.fill(k + 1);
      arrays.push(a);
    }
    // every array still holds its own value: nothing overlapped or was handed out twice
    arrays.forEach((a, k) => expect(a.every((v) => v === k + 1)).toBe(true));
  });
  it('small and large arrays own their buffers', () => {
    expect(workF64(8).buffer.byteLength).toBe(64);
    expect(workF64(100_000).buffer.byteLength).toBe(800_000);
  });
});

describe('resultF64', () => {
  it('pools small results without aliasing; tiny and large ones own their buffers', () => {
    const arrays: Float64Array[] = [];
    for (let k = 0; k < 500; k++) {
      const a = resultF64(9 + (k % 120));
      expect(a.every((v) => v === 0)).toBe(true);
      a.fill(k + 1);
      arrays.push(a);
    }
    arrays.forEach((a, k) => expect(a.every((v) => v === k + 1)).toBe(true));
    expect(arrays[0]!.buffer.byteLength).toBe(8192);
    expect(resultF64(8).buffer.byteLength).toBe(64);
    expect(resultF64(129).buffer.byteLength).toBe(129 * 8);
  });
});
