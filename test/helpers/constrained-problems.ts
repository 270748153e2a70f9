// Constrained test problems with published optima, shared by test/constrained.test.ts and
// bench/constrained.ts. Hock & Schittkowski numbering: W. Hock, K. Schittkowski, "Test Examples
// for Nonlinear Programming Codes", Lecture Notes in Economics and Math. Systems 187 (1981).
// Constraints are written in optima's convention: 'ineq' means fn(x) ≤ 0.

/** A plain objective (Objective shape of API.md) from f and its analytic gradient; Hessian by central differences of the gradient. */
export function smooth(dim: number, f: (x: Float64Array) => number, grad: (x: Float64Array, g: Float64Array) => void) {
  return {
    dim,
    value: f,
    gradient(x: Float64Array, out?: Float64Array): Float64Array {
      const g = out ?? new Float64Array(dim);
      grad(x, g);
      return g;
    },
    hessian(x: Float64Array) {
      const data = new Float64Array(dim * dim);
      const up = new Float64Array(dim);
      const dn = new Float64Array(dim);
      const xs = Float64Array.from(x);
      for (let i = 0; i < dim; i++) {
        const h = 1e-4 * Math.max(1, Math.abs(xs[i]!));
        const xi = xs[i]!;
        xs[i] = xi + h;
        grad(xs, up);
        xs[i] = xi - h;
        grad(xs, dn);
        xs[i] = xi;
        for (let j = 0; j < dim; j++) data[i * dim + j] = (up[j]! - dn[j]!) / (2 * h);
      }
      return { rows: dim, cols: dim, data };
    },
  };
}

export interface Case {
  name: string;
  objective: ReturnType<typeof smooth>;
  constraints: { type: 'ineq' | 'eq'; fn: (x: Float64Array) => number; gradient?: (x: Float64Array, out: Float64Array) => void }[];
  bounds?: { lower?: number[]; upper?: number[] };
  x0: number[];
  xStar: number[];
  fStar: number;
  /** Multipliers at the optimum when published / derived analytically, one per constraint. */
  alphaStar?: number[];
}

/** min x² + y² s.t. x + y ≥ 1 → (½, ½), α = 1. */
export const circle: Case = {
  name: 'x²+y² s.t. x+y ≥ 1',
  objective: smooth(2, (x) => x[0]! ** 2 + x[1]! ** 2, (x, g) => { g[0] = 2 * x[0]!; g[1] = 2 * x[1]!; }),
  constraints: [{ type: 'ineq', fn: (x) => 1 - x[0]! - x[1]!, gradient: (_x, g) => { g[0] = -1; g[1] = -1; } }],
  x0: [3, -1],
  xStar: [0.5, 0.5],
  fStar: 0.5,
  alphaStar: [1],
};

/** HS6: min (1 − x₁)² s.t. 10(x₂ − x₁²) = 0; x* = (1, 1), f* = 0. */
export const hs6: Case = {
  name: 'HS6',
  objective: smooth(2, (x) => (1 - x[0]!) ** 2, (x, g) => { g[0] = -2 * (1 - x[0]!); g[1] = 0; }),
  constraints: [{ type: 'eq', fn: (x) => 10 * (x[1]! - x[0]! ** 2) }],
  x0: [-1.2, 1],
  xStar: [1, 1],
  fStar: 0,
};

/** HS7: min ln(1 + x₁²) − x₂ s.t. (1 + x₁²)² + x₂² − 4 = 0; x* = (0, √3), f* = −√3. */
export const hs7: Case = {
  name: 'HS7',
  objective: smooth(2, (x) => Math.log(1 + x[0]! ** 2) - x[1]!, (x, g) => { g[0] = (2 * x[0]!) / (1 + x[0]! ** 2); g[1] = -1; }),
  constraints: [{
    type: 'eq',
    fn: (x) => (1 + x[0]! ** 2) ** 2 + x[1]! ** 2 - 4,
    gradient: (x, g) => { g[0] = 4 * x[0]! * (1 + x[0]! ** 2); g[1] = 2 * x[1]!; },
  }],
  x0: [2, 2],
  xStar: [0, Math.sqrt(3)],
  fStar: -Math.sqrt(3),
  alphaStar: [1 / (2 * Math.sqrt(3))],
};

/** HS21: min 0.01x₁² + x₂² − 100 s.t. 10x₁ − x₂ ≥ 10, 2 ≤ x₁ ≤ 50, −50 ≤ x₂ ≤ 50; x* = (2, 0), f* = −99.96. */
export const hs21: Case = {
  name: 'HS21',
  objective: smooth(2, (x) => 0.01 * x[0]! ** 2 + x[1]! ** 2 - 100, (x, g) => { g[0] = 0.02 * x[0]!; g[1] = 2 * x[1]!; }),
  constraints: [{ type: 'ineq', fn: (x) => 10 - 10 * x[0]! + x[1]! }],
  bounds: { lower: [2, -50], upper: [50, 50] },
  x0: [-1, -1],
  xStar: [2, 0],
  fStar: -99.96,
  alphaStar: [0],
};

/** HS35: min 9 − 8x₁ − 6x₂ − 4x₃ + 2x₁² + 2x₂² + x₃² + 2x₁x₂ + 2x₁x₃ s.t. x₁ + x₂ + 2x₃ ≤ 3, x ≥ 0; x* = (4/3, 7/9, 4/9), f* = 1/9. */
export const hs35: Case = {
  name: 'HS35',
  objective: smooth(3,
    (x) => 9 - 8 * x[0]! - 6 * x[1]! - 4 * x[2]! + 2 * x[0]! ** 2 + 2 * x[1]! ** 2 + x[2]! ** 2 + 2 * x[0]! * x[1]! + 2 * x[0]! * x[2]!,
    (x, g) => {
      g[0] = -8 + 4 * x[0]! + 2 * x[1]! + 2 * x[2]!;
      g[1] = -6 + 4 * x[1]! + 2 * x[0]!;
      g[2] = -4 + 2 * x[2]! + 2 * x[0]!;
    }),
  constraints: [{ type: 'ineq', fn: (x) => x[0]! + x[1]! + 2 * x[2]! - 3, gradient: (_x, g) => { g[0] = 1; g[1] = 1; g[2] = 2; } }],
  bounds: { lower: [0, 0, 0] },
  x0: [0.5, 0.5, 0.5],
  xStar: [4 / 3, 7 / 9, 4 / 9],
  fStar: 1 / 9,
  alphaStar: [2 / 9],
};

/** HS71: min x₁x₄(x₁ + x₂ + x₃) + x₃ s.t. x₁x₂x₃x₄ ≥ 25, Σxᵢ² = 40, 1 ≤ x ≤ 5; f* = 17.0140173. */
export const hs71: Case = {
  name: 'HS71',
  objective: smooth(4,
    (x) => x[0]! * x[3]! * (x[0]! + x[1]! + x[2]!) + x[2]!,
    (x, g) => {
      const [a, b, c, d] = [x[0]!, x[1]!, x[2]!, x[3]!];
      g[0] = d * (2 * a + b + c);
      g[1] = a * d;
      g[2] = a * d + 1;
      g[3] = a * (a + b + c);
    }),
  constraints: [
    {
      type: 'ineq',
      fn: (x) => 25 - x[0]! * x[1]! * x[2]! * x[3]!,
      gradient: (x, g) => {
        const [a, b, c, d] = [x[0]!, x[1]!, x[2]!, x[3]!];
        g[0] = -b * c * d; g[1] = -a * c * d; g[2] = -a * b * d; g[3] = -a * b * c;
      },
    },
    {
      type: 'eq',
      fn: (x) => x[0]! ** 2 + x[1]! ** 2 + x[2]! ** 2 + x[3]! ** 2 - 40,
      gradient: (x, g) => { for (let i = 0; i < 4; i++) g[i] = 2 * x[i]!; },
    },
  ],
  bounds: { lower: [1, 1, 1, 1], upper: [5, 5, 5, 5] },
  x0: [1, 5, 5, 1],
  xStar: [1, 4.74299963, 3.82114998, 1.37940829],
  fStar: 17.0140173,
};

export const hockSchittkowski: Case[] = [hs6, hs7, hs21, hs35, hs71];
