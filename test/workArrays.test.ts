// The allocators behind solver work arrays: zeroed, disjoint views, a fresh slab (never a reused
// one) when the current one fills, and small arrays recycled only when the solve that took them ends.
import { describe, expect, it } from 'vitest';
import { closeWorkScope, openWorkScope, resultF64, workF64 } from '../src/runtime/workArrays.js';
import { minimize, objective, testFunctions } from '../src/index.js';

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

describe('work scopes: small work arrays recycled per solve', () => {
  it('the arrays of a closed scope come back zeroed to the next scope, never to one still open', () => {
    const outer = openWorkScope();
    const a = workF64(2);
    a.fill(7);
    const inner = openWorkScope();
    const b = workF64(2);
    expect(b).not.toBe(a); // a is still the outer scope's
    b.fill(9);
    closeWorkScope(inner);
    const again = openWorkScope();
    const c = workF64(2);
    expect(c).toBe(b); // recycled…
    expect(Array.from(c)).toEqual([0, 0]); // …and zeroed
    expect(Array.from(a)).toEqual([7, 7]); // the outer array untouched
    closeWorkScope(again);
    closeWorkScope(outer);
    // outside any scope: a fresh array every time
    expect(workF64(2)).not.toBe(workF64(2));
  });

  it('a solve nested in another objective, and one whose objective throws, leave the outer solve exact', () => {
    const rosen = testFunctions.rosenbrock();
    const plain = minimize(rosen, [-1.2, 1]);
    let inner = 0;
    const nested = objective({
      dim: 2,
      f: (x) => rosen.value(x),
      gradient: (x, g) => {
        // a small solve inside every gradient, and every third one fails mid-solve
        const boom = inner++ % 3 === 0;
        const f = objective({ dim: 2, f: (y) => { if (boom) throw new Error('boom'); return (y[0]! - 1) ** 2 + y[1]! ** 2; }, gradient: (y, h) => { h[0] = 2 * (y[0]! - 1); h[1] = 2 * y[1]!; } });
        try { minimize(f, [5, 5]); } catch { /* expected */ }
        rosen.gradient(x, g);
      },
    });
    const r = minimize(nested, [-1.2, 1]);
    expect(inner).toBeGreaterThan(10);
    expect(Array.from(r.x)).toEqual(Array.from(plain.x)); // bit for bit: no buffer was shared
    expect(r.fx).toBe(plain.fx);
    expect(r.iterations).toBe(plain.iterations);
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
