// The catalog of test problems (argmin-testfunctions / Optim.jl's UnconstrainedProblems shape):
// the worked examples of the lecture decks plus the classic benchmarks, each with an analytic
// gradient and Hessian and its known stationary points, so every solver can be checked against
// published truth. Minima from Moré, Garbow & Hillstrom (1981) and Jamil & Yang (2013).
import { OptimaError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { quadratic } from './quadratic.js';
import { type Objective, markTrusted, plainMatrix } from './types.js';

export type PointKind = 'minimum' | 'maximum' | 'saddle' | 'degenerate';

export interface TestFunction extends Objective {
  readonly name: string;
  /** The formula, for tables. */
  readonly formula: string;
  /** The customary starting point. */
  readonly start: Float64Array;
  /** Global minima (empty when f is unbounded below or its infimum is not attained). */
  readonly minima: ReadonlyArray<{ x: Float64Array; fx: number }>;
  /** Every stationary point listed in the literature, classified. */
  readonly stationaryPoints: ReadonlyArray<{ x: Float64Array; fx: number; kind: PointKind }>;
}

interface Meta {
  name: string;
  formula: string;
  start: number[];
  minima?: number[][];
  stationary?: Array<[number[], PointKind]>;
}

function describe(obj: Objective, m: Meta): TestFunction {
  const pts = (m.stationary ?? (m.minima ?? []).map((x) => [x, 'minimum'] as [number[], PointKind])).map(([x, kind]) => {
    const p = Float64Array.from(x);
    return { x: p, fx: obj.value(p), kind };
  });
  const minima = (m.minima ?? []).map((x) => {
    const p = Float64Array.from(x);
    return { x: p, fx: obj.value(p) };
  });
  return Object.assign(obj, { name: m.name, formula: m.formula, start: Float64Array.from(m.start), minima, stationaryPoints: pts });
}

/** An Objective from analytic f, ∇f, ∇²f (dimension-checked, exact Hessian). */
function smooth(
  dim: number,
  f: (x: Float64Array) => number,
  grad: (x: Float64Array, g: Float64Array) => void,
  hess: (x: Float64Array, H: Float64Array) => void,
): Objective {
  // Refuse what is not a point of this dimension (null, a number, a wrong length) with an
  // OptimaError rather than a TypeError from x.length, and an `out` that a wrong-length gradient
  // would otherwise be silently written into (fuzzing found both).
  const check = (x: Float64Array) => {
    if (!(x instanceof Float64Array) && !Array.isArray(x)) {
      throw new OptimaError('DIMENSION_MISMATCH', `x must be a Float64Array or number[]; got ${x === null ? 'null' : typeof x}`);
    }
    if (x.length !== dim) throw new OptimaError('DIMENSION_MISMATCH', `x has length ${x.length}; the objective has dim ${dim}`);
  };
  const checkOut = (out: Float64Array) => {
    if (!(out instanceof Float64Array) || out.length !== dim) {
      throw new OptimaError('DIMENSION_MISMATCH', `out must be a Float64Array of length ${dim}; got ${out instanceof Float64Array ? `length ${out.length}` : typeof out}`);
    }
  };
  return markTrusted({
    dim,
    exactHessian: true,
    value: (x) => (check(x), f(x)),
    gradient: (x, out) => {
      check(x);
      if (out !== undefined) checkOut(out);
      const g = out ?? new Float64Array(dim);
      grad(x, g);
      return g;
    },
    valueAndGradient: (x, out) => {
      check(x);
      checkOut(out);
      grad(x, out);
      return f(x);
    },
    hessian: (x): Matrix => {
      check(x);
      const H = new Float64Array(dim * dim);
      hess(x, H);
      return plainMatrix(dim, dim, H);
    },
  });
}

/** Largest n the n-dimensional test functions accept (their start point alone is 8n bytes). */
const MAX_DIM = 1_000_000;

function requireDim(n: number, name: string, even = false): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_DIM || (even && n % 2 !== 0)) {
    throw new OptimaError('INVALID_OPTION', `${name}: n must be a positive ${even ? 'even ' : ''}integer ≤ ${MAX_DIM}; got ${n}`);
  }
}

/** Newton's method on ∇f = 0 from a published 6-digit point, to full precision (for the tables). */
function polish(obj: Objective, x: number[]): number[] {
  const p = Float64Array.from(x);
  for (let it = 0; it < 8; it++) {
    const g = obj.gradient(p);
    const H = obj.hessian(p).data;
    const det = H[0]! * H[3]! - H[1]! * H[2]!;
    if (det === 0) break;
    p[0]! -= (H[3]! * g[0]! - H[1]! * g[1]!) / det;
    p[1]! -= (H[0]! * g[1]! - H[2]! * g[0]!) / det;
  }
  return Array.from(p);
}

const twoPi = 2 * Math.PI;

function rosenbrockChained(n: number): Objective {
  return smooth(
    n,
    (x) => {
      let s = 0;
      for (let i = 0; i + 1 < n; i++) {
        const a = x[i + 1]! - x[i]! * x[i]!, b = 1 - x[i]!;
        s += 100 * a * a + b * b;
      }
      return s;
    },
    (x, g) => {
      g.fill(0);
      for (let i = 0; i + 1 < n; i++) {
        const a = x[i + 1]! - x[i]! * x[i]!;
        g[i]! += -400 * x[i]! * a - 2 * (1 - x[i]!);
        g[i + 1]! += 200 * a;
      }
    },
    (x, H) => {
      for (let i = 0; i + 1 < n; i++) {
        const xi = x[i]!;
        H[i * n + i]! += 1200 * xi * xi - 400 * x[i + 1]! + 2;
        H[(i + 1) * n + i + 1]! += 200;
        H[i * n + i + 1] = -400 * xi;
        H[(i + 1) * n + i] = -400 * xi;
      }
    },
  );
}

function rosenbrockExtended(n: number): Objective {
  return smooth(
    n,
    (x) => {
      let s = 0;
      for (let i = 0; i < n; i += 2) {
        const a = x[i + 1]! - x[i]! * x[i]!, b = 1 - x[i]!;
        s += 100 * a * a + b * b;
      }
      return s;
    },
    (x, g) => {
      for (let i = 0; i < n; i += 2) {
        const a = x[i + 1]! - x[i]! * x[i]!;
        g[i] = -400 * x[i]! * a - 2 * (1 - x[i]!);
        g[i + 1] = 200 * a;
      }
    },
    (x, H) => {
      for (let i = 0; i < n; i += 2) {
        const xi = x[i]!;
        H[i * n + i] = 1200 * xi * xi - 400 * x[i + 1]! + 2;
        H[(i + 1) * n + i + 1] = 200;
        H[i * n + i + 1] = -400 * xi;
        H[(i + 1) * n + i] = -400 * xi;
      }
    },
  );
}

const BEALE_C = [1.5, 2.25, 2.625];
const beale = (): Objective => smooth(
  2,
  (x) => {
    let s = 0;
    for (let i = 1; i <= 3; i++) {
      const t = BEALE_C[i - 1]! - x[0]! + x[0]! * x[1]! ** i;
      s += t * t;
    }
    return s;
  },
  (x, g) => {
    const [u, v] = [x[0]!, x[1]!];
    g[0] = 0;
    g[1] = 0;
    for (let i = 1; i <= 3; i++) {
      const t = BEALE_C[i - 1]! - u + u * v ** i;
      g[0]! += 2 * t * (v ** i - 1);
      g[1]! += 2 * t * i * u * v ** (i - 1);
    }
  },
  (x, H) => {
    const [u, v] = [x[0]!, x[1]!];
    for (let i = 1; i <= 3; i++) {
      const t = BEALE_C[i - 1]! - u + u * v ** i;
      const tu = v ** i - 1, tv = i * u * v ** (i - 1);
      H[0]! += 2 * tu * tu;
      const cross = 2 * (tv * tu + t * i * v ** (i - 1));
      H[1]! += cross;
      H[2]! += cross;
      H[3]! += 2 * (tv * tv + t * i * (i - 1) * u * (i >= 2 ? v ** (i - 2) : 0));
    }
  },
);

const himmelblau = (): Objective => smooth(
  2,
  (x) => {
    const a = x[0]! * x[0]! + x[1]! - 11, b = x[0]! + x[1]! * x[1]! - 7;
    return a * a + b * b;
  },
  (x, g) => {
    const a = x[0]! * x[0]! + x[1]! - 11, b = x[0]! + x[1]! * x[1]! - 7;
    g[0] = 4 * x[0]! * a + 2 * b;
    g[1] = 2 * a + 4 * x[1]! * b;
  },
  (x, H) => {
    const [u, v] = [x[0]!, x[1]!];
    const a = u * u + v - 11, b = u + v * v - 7;
    H[0] = 4 * a + 8 * u * u + 2;
    H[1] = H[2] = 4 * u + 4 * v;
    H[3] = 2 + 4 * b + 8 * v * v;
  },
);

function rastrigin(n: number): Objective {
  return smooth(
    n,
    (x) => {
      let s = 10 * n;
      for (let i = 0; i < n; i++) s += x[i]! * x[i]! - 10 * Math.cos(twoPi * x[i]!);
      return s;
    },
    (x, g) => {
      for (let i = 0; i < n; i++) g[i] = 2 * x[i]! + 20 * Math.PI * Math.sin(twoPi * x[i]!);
    },
    (x, H) => {
      for (let i = 0; i < n; i++) H[i * n + i] = 2 + 40 * Math.PI * Math.PI * Math.cos(twoPi * x[i]!);
    },
  );
}

const ones = (n: number) => new Array<number>(n).fill(1);
const alternating = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1));

/**
 * testFunctions: name → factory. Each returns a fresh TestFunction (an Objective with exact
 * derivatives, `start`, `minima` and `stationaryPoints`); the n-dimensional ones take n.
 */
export const testFunctions = {
  /** (x1−3)² + (x2−3)²: the gradient-descent example of the lecture; minimum (3, 3). */
  paraboloid: (): TestFunction =>
    describe(quadratic({ H: [[2, 0], [0, 2]], g: [-6, -6], c: 18 }), {
      name: 'paraboloid', formula: '(x1−3)² + (x2−3)²', start: [0, 0], minima: [[3, 3]],
    }),
  /** 2x1² + x2² + x1x2 − 6x1 − 5x2: the direct-solution example; minimum (1, 2), f = −8. */
  lectureQuadratic: (): TestFunction =>
    describe(quadratic({ H: [[4, 1], [1, 2]], g: [-6, -5] }), {
      name: 'lectureQuadratic', formula: '2x1² + x2² + x1x2 − 6x1 − 5x2', start: [0, 0], minima: [[1, 2]],
    }),
  /** x² − y²: a saddle at the origin, unbounded below. */
  saddle: (): TestFunction =>
    describe(quadratic({ H: [[2, 0], [0, -2]], g: [0, 0] }), {
      name: 'saddle', formula: 'x² − y²', start: [1, 0.5], stationary: [[[0, 0], 'saddle']],
    }),
  /** x³: f′(0) = f″(0) = 0 but 0 is no extremum; unbounded below. */
  cubic: (): TestFunction =>
    describe(smooth(1, (x) => x[0]! ** 3, (x, g) => void (g[0] = 3 * x[0]! ** 2), (x, H) => void (H[0] = 6 * x[0]!)), {
      name: 'cubic', formula: 'x³', start: [1], stationary: [[[0], 'degenerate']],
    }),
  /** tanh x: inf = −1 is not attained; f′ vanishes as |x| grows (f′(4) ≈ 0.00134). */
  tanh: (): TestFunction =>
    describe(
      smooth(
        1,
        (x) => Math.tanh(x[0]!),
        (x, g) => {
          const t = Math.tanh(x[0]!);
          g[0] = 1 - t * t;
        },
        (x, H) => {
          const t = Math.tanh(x[0]!);
          H[0] = -2 * t * (1 - t * t);
        },
      ),
      { name: 'tanh', formula: 'tanh x', start: [4] },
    ),
  /** (x − 1)²: minimum at 1. */
  shiftedParabola: (): TestFunction =>
    describe(quadratic({ H: [[2]], g: [-2], c: 1 }), { name: 'shiftedParabola', formula: '(x − 1)²', start: [0], minima: [[1]] }),
  /** Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² (chained, scipy's rosen); minimum at (1, …, 1). */
  rosenbrock: (n = 2): TestFunction => {
    requireDim(n, 'rosenbrock');
    if (n < 2) throw new OptimaError('INVALID_OPTION', 'rosenbrock: n must be at least 2');
    return describe(rosenbrockChained(n), {
      name: n === 2 ? 'rosenbrock' : `rosenbrock-${n}`, formula: 'Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²', start: alternating(n), minima: [ones(n)],
    });
  },
  /** Extended Rosenbrock (Moré–Garbow–Hillstrom #21): n/2 independent 2-D Rosenbrocks. */
  extendedRosenbrock: (n = 2): TestFunction => {
    requireDim(n, 'extendedRosenbrock', true);
    return describe(rosenbrockExtended(n), {
      name: `extended-rosenbrock-${n}`, formula: 'Σ 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)²', start: alternating(n), minima: [ones(n)],
    });
  },
  /** Beale: minimum (3, 0.5), f = 0. */
  beale: (): TestFunction =>
    describe(beale(), { name: 'beale', formula: 'Σᵢ (cᵢ − x + xyⁱ)², c = (1.5, 2.25, 2.625)', start: [1, 1], minima: [[3, 0.5]] }),
  /** Booth, (x + 2y − 7)² + (2x + y − 5)² = ½xᵀ[[10,8],[8,10]]x − (34, 38)ᵀx + 74: minimum (1, 3). */
  booth: (): TestFunction =>
    describe(quadratic({ H: [[10, 8], [8, 10]], g: [-34, -38], c: 74 }), {
      name: 'booth', formula: '(x + 2y − 7)² + (2x + y − 5)²', start: [0, 0], minima: [[1, 3]],
    }),
  /** Himmelblau: four global minima (f = 0), a local maximum near (−0.270845, −0.923039), four saddles. */
  himmelblau: (): TestFunction => {
    const h = himmelblau();
    const mins = [[3, 2], [-2.805118, 3.131312], [-3.77931, -3.283186], [3.584428, -1.848126]].map((p) => polish(h, p));
    const saddles = [[0.086678, 2.884255], [-3.073026, -0.081353], [3.385154, 0.073852], [-0.127961, -1.953715]].map((p) => polish(h, p));
    const max = polish(h, [-0.270845, -0.923039]);
    return describe(h, {
      name: 'himmelblau', formula: '(x² + y − 11)² + (x + y² − 7)²', start: [0, 0], minima: mins,
      stationary: [...mins.map((p) => [p, 'minimum'] as [number[], PointKind]), [max, 'maximum'], ...saddles.map((p) => [p, 'saddle'] as [number[], PointKind])],
    });
  },
  /** Rastrigin, 10n + Σ xᵢ² − 10cos(2πxᵢ): global minimum 0 at the origin among ~10ⁿ local minima. */
  rastrigin: (n = 2): TestFunction => {
    requireDim(n, 'rastrigin');
    return describe(rastrigin(n), {
      name: n === 2 ? 'rastrigin' : `rastrigin-${n}`, formula: '10n + Σ xᵢ² − 10cos(2πxᵢ)',
      start: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.4 : -0.3)), minima: [new Array<number>(n).fill(0)],
    });
  },
} as const;

export type TestFunctionName = keyof typeof testFunctions;
