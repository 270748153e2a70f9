// The method table: name → method. Adding a method means a file in this folder, a line here and
// a row in the capability table of options.ts; the driver never changes.
import type { Method } from '../driver.js';
import type { MethodName } from '../options.js';
import { adam } from './adam.js';
import { bfgs } from './bfgs.js';
import { cg } from './cg.js';
import { direct } from './direct.js';
import { gd } from './gd.js';
import { lbfgs } from './lbfgs.js';
import { momentum } from './momentum.js';
import { nelderMead } from './nelderMead.js';
import { nesterov } from './nesterov.js';
import { newton } from './newton.js';

// Each method has its own state type; the driver only sees the IterateState part of it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyMethod = Method<any>;

export const METHOD_TABLE: Record<MethodName, AnyMethod> = {
  gd, momentum, nesterov, adam, cg, bfgs, lbfgs, newton, 'nelder-mead': nelderMead, direct,
};
