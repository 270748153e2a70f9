// Placeholder until the WebAssembly loops land.
import type { Objective } from '../objective/types.js';
import type { MinimizeResult } from './driver.js';
import type { ResolvedOptions } from './options.js';

export function tryFastPath(_f: Objective, _x0: Float64Array, _o: ResolvedOptions): MinimizeResult | undefined {
  return undefined;
}
