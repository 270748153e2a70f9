// What a point is: gradient, Hessian, its eigenvalues/eigenvectors and the classification
// (minimum / maximum / saddle / degenerate / not critical), drawn as the descent direction and the
// principal curvature directions. Uses optima.eigSym and optima.classifyCriticalPoint when the
// package has them; until then the closed-form 2×2 symmetric eigen-decomposition below.
import { type Kind, type Objective, api } from './api.js';
import type { Fn2 } from './functions.js';
import type { Surface } from './surface.js';
import { formatNumber } from './contour.js';

export interface PointInfo {
  x: [number, number];
  f: number;
  grad: [number, number];
  hess: [[number, number], [number, number]];
  values: [number, number]; // ascending
  vectors: [[number, number], [number, number]]; // unit eigenvectors, vectors[k] for values[k]
  kind: Kind;
  source: string;
}

/**
 * Eigen-decomposition of [[a, b], [b, c]]: λ = m ∓ √(d² + b²) with m = (a+c)/2, d = (a−c)/2,
 * evaluated stably (the smaller-magnitude root from the product λ₁λ₂ = ac − b²).
 */
export function eig2(a: number, b: number, c: number): { values: [number, number]; vectors: [[number, number], [number, number]] } {
  const m = (a + c) / 2, d = (a - c) / 2;
  const r = Math.hypot(d, b);
  const big = m >= 0 ? m + r : m - r;
  const small = big !== 0 ? (a * c - b * b) / big : m - r;
  const hi = Math.max(big, small), lo = Math.min(big, small);
  // Eigenvector of the larger eigenvalue: the angle θ with tan 2θ = 2b / (a − c).
  const theta = 0.5 * Math.atan2(2 * b, a - c);
  const vHi: [number, number] = [Math.cos(theta), Math.sin(theta)];
  const vLo: [number, number] = [-Math.sin(theta), Math.cos(theta)];
  return { values: [lo, hi], vectors: [vLo, vHi] };
}

export function classify(gradInf: number, values: [number, number], scale: number, tol = 1e-6): Kind {
  if (!(gradInf <= tol)) return 'not-critical';
  const eps = 1e-8 * Math.max(1, scale);
  const [lo, hi] = values;
  if (lo > eps) return 'minimum';
  if (hi < -eps) return 'maximum';
  if (lo < -eps && hi > eps) return 'saddle';
  return 'degenerate';
}

export function inspectPoint(fn: Fn2, obj: Objective, x: [number, number]): PointInfo {
  const grad = fn.grad(x[0], x[1]);
  const hess = fn.hess(x[0], x[1]);
  let values: [number, number], vectors: [[number, number], [number, number]];
  let source = 'closed-form 2×2 eigen-decomposition';
  if (api.eigSym) {
    const e = api.eigSym(hess, { vectors: true });
    values = [e.values[0]!, e.values[1]!];
    const v = e.vectors!.data; // orthonormal columns
    vectors = [[v[0]!, v[2]!], [v[1]!, v[3]!]];
    source = 'optima.eigSym';
  } else {
    ({ values, vectors } = eig2(hess[0][0], hess[0][1], hess[1][1]));
  }
  const gInf = Math.max(Math.abs(grad[0]), Math.abs(grad[1]));
  let kind = classify(gInf, values, Math.max(Math.abs(values[0]), Math.abs(values[1])));
  if (api.classifyCriticalPoint) {
    kind = api.classifyCriticalPoint(obj, x, { gradientTolerance: 1e-6 }).kind;
    source += ' + optima.classifyCriticalPoint';
  }
  return { x, f: fn.f(x[0], x[1]), grad, hess, values, vectors, kind, source };
}

const KIND_TEXT: Record<Kind, string> = {
  minimum: 'local minimum (H positive definite)',
  maximum: 'local maximum (H negative definite)',
  saddle: 'saddle point (H indefinite)',
  degenerate: 'degenerate (H singular: second order cannot tell)',
  'not-critical': 'not a critical point (∇f ≠ 0)',
};

export function describe(p: PointInfo): string {
  const f = (v: number): string => formatNumber(v).padStart(9);
  return [
    `x      = (${f(p.x[0])}, ${f(p.x[1])})`,
    `f(x)   = ${f(p.f)}`,
    `∇f(x)  = (${f(p.grad[0])}, ${f(p.grad[1])})`,
    `H      = [${f(p.hess[0][0])} ${f(p.hess[0][1])}]`,
    `         [${f(p.hess[1][0])} ${f(p.hess[1][1])}]`,
    `λ      = ${f(p.values[0])}, ${f(p.values[1])}`,
    `v₁, v₂ = (${f(p.vectors[0][0])}, ${f(p.vectors[0][1])}), (${f(p.vectors[1][0])}, ${f(p.vectors[1][1])})`,
    `kind   : ${KIND_TEXT[p.kind]}`,
    `(${p.source})`,
  ].join('\n');
}

/** −∇f as an arrow, eigenvectors as lines (green: λ > 0, curving up; red: λ < 0, curving down). */
export function drawInspect(s: Surface, p: PointInfo): void {
  const ctx = s.context, fr = s.frame;
  const px = fr.px(p.x[0]), py = fr.py(p.x[1]);
  ctx.save();
  for (let k = 0; k < 2; k++) {
    const [vx, vy] = p.vectors[k]!;
    const lam = p.values[k]!;
    ctx.strokeStyle = lam > 0 ? '#1b9e3a' : lam < 0 ? '#d7301f' : '#777';
    ctx.lineWidth = 3;
    const len = 34;
    ctx.beginPath();
    ctx.moveTo(px - len * vx, py + len * vy);
    ctx.lineTo(px + len * vx, py - len * vy);
    ctx.stroke();
  }
  const gn = Math.hypot(p.grad[0], p.grad[1]);
  if (gn > 0) {
    const ux = -p.grad[0] / gn, uy = -p.grad[1] / gn, len = 48;
    const ex = px + len * ux, ey = py - len * uy;
    ctx.strokeStyle = ctx.fillStyle = '#111';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(px, py);
    ctx.lineTo(ex, ey);
    ctx.stroke();
    const a = Math.atan2(ey - py, ex - px);
    ctx.beginPath();
    ctx.moveTo(ex, ey);
    ctx.lineTo(ex - 9 * Math.cos(a - 0.4), ey - 9 * Math.sin(a - 0.4));
    ctx.lineTo(ex - 9 * Math.cos(a + 0.4), ey - 9 * Math.sin(a + 0.4));
    ctx.fill();
  }
  ctx.fillStyle = '#fff';
  ctx.strokeStyle = '#000';
  ctx.beginPath();
  ctx.rect(px - 4, py - 4, 8, 8);
  ctx.fill();
  ctx.stroke();
  ctx.restore();
}
