// The walkthrough's sections, in order. A new section is a file in this folder and one entry here.
import { cubicSection } from './cubic.js';
import { directSolution } from './direct.js';
import { gradientDescentTable } from './gradientDescent.js';
import { localVsGlobal } from './localGlobal.js';
import { modelling } from './modelling.js';
import type { DemoSection } from './section.js';
import { solverSummary } from './summary.js';
import { vanishingGradient } from './vanishing.js';

export type { DemoSection };

export const SECTIONS: DemoSection[] = [
  modelling,
  directSolution,
  gradientDescentTable,
  localVsGlobal,
  // saddle point of x² − y² (analysis) goes here
  cubicSection,
  vanishingGradient,
  // convexity (analysis) and constraints via penalty (constrained) go here
  solverSummary,
];
