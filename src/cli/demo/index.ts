// The walkthrough's sections, in order. A new section is a file in this folder and one entry here.
import { constrainedSection } from './constrained.js';
import { convexitySection } from './convexity.js';
import { cubicSection } from './cubic.js';
import { directSolution } from './direct.js';
import { gradientDescentTable } from './gradientDescent.js';
import { gradientHealthSection } from './gradientHealth.js';
import { localVsGlobal } from './localGlobal.js';
import { modelling } from './modelling.js';
import { saddlePointSection } from './saddlePoint.js';
import type { DemoSection } from './section.js';
import { solverSummary } from './summary.js';
import { vanishingGradient } from './vanishing.js';

export type { DemoSection };

export const SECTIONS: DemoSection[] = [
  modelling,
  directSolution,
  gradientDescentTable,
  localVsGlobal,
  saddlePointSection,
  cubicSection,
  vanishingGradient,
  gradientHealthSection,
  convexitySection,
  constrainedSection,
  solverSummary,
];
