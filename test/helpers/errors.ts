import { expect } from 'vitest';
import { OptimaError } from '../../src/index.js';

/** Runs fn and asserts it throws an OptimaError with this code (and a message matching `message`). */
export function expectCode(fn: () => unknown, code: string, message?: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OptimaError);
    expect((e as OptimaError).code).toBe(code);
    if (message) expect((e as OptimaError).message).toMatch(message);
    return;
  }
  throw new Error(`expected OptimaError ${code}`);
}
