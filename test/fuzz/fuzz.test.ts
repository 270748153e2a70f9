// Fuzzing every exported function with hostile input (issue: hardening). Each call either returns a
// well-formed result or throws OptimaError with a plausible code; nothing crashes or hangs, and a
// known-good call afterwards still returns the exact right answer. `npm run fuzz` runs ≥ 10⁵ cases;
// `npm test` runs a sample (FUZZ_RUNS scales it).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as optima from '../../src/index.js';
import { OptimaError } from '../../src/index.js';
import { targets } from './targets.js';

const total = Number(process.env.FUZZ_RUNS ?? 3000);
const perTarget = Math.max(50, Math.ceil(total / targets.length));

describe(`fuzzing ${targets.length} targets, ${perTarget} cases each`, () => {
  for (const t of targets) {
    it(t.name, () => {
      fc.assert(
        fc.property(t.args, (args) => {
          let outcome: unknown;
          try {
            outcome = t.call(optima, args);
          } catch (e) {
            if (!(e instanceof OptimaError)) throw new Error(`${t.name} threw a non-OptimaError: ${String(e)}`);
            const allowed = t.allowedCodes(args);
            if (!allowed.includes(e.code)) throw new Error(`${t.name} threw ${e.code} (${e.message}); allowed: ${allowed.join(', ')}`);
            outcome = undefined;
          }
          if (outcome !== undefined) t.wellFormed(outcome, args);
          t.knownGood(optima); // the instance is not corrupted
        }),
        { numRuns: perTarget },
      );
    });
  }
  it('the WebAssembly memory did not grow without bound', () => {
    expect(optima.memoryBytes()).toBeLessThan(256 * 1024 * 1024);
  });
});
