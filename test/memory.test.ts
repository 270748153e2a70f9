/// <reference types="node" />
// Memory stays flat under load (hardening issue): 10⁵ mixed calls leave WebAssembly memory unchanged
// and the JS heap flat, and handles that are garbage-collected without dispose() return their memory.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const probe = fileURLToPath(new URL('./helpers/memory-probe.mjs', import.meta.url));

describe('memory under load (node --expose-gc)', () => {
  it('10⁵ mixed matvec / eigSym / solve / minimize calls: WASM memory unchanged, JS heap flat; GC frees handles', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', probe], { encoding: 'utf8', timeout: 120_000 });
    const m = JSON.parse(out) as Record<string, number>;
    expect(m.wasmAfter).toBe(m.wasmBefore);
    // a flat heap: well under 1 KB per thousand calls of growth (results are dropped each call)
    expect(m.heapAfter! - m.heapBefore!).toBeLessThan(2 * 1024 * 1024);
    // 20,000 forgotten 8 KB matrices (160 MB) fit in a few MB once the collector returns them
    expect(m.growAfter! - m.growBefore!).toBeLessThan(32 * 1024 * 1024);
  });
});
