// The 2-D functions of the playground with closed-form value, gradient and Hessian, the view box
// to draw them in and their known minima. Standard definitions: Rosenbrock (1960), Himmelblau
// (1972), Beale (1958), Booth, Matyas, three-hump camel; see Jamil & Yang, "A literature survey of
// benchmark functions for global optimization problems" (2013).

export interface Fn2 {
  id: string;
  name: string;
  formula: string;
  f: (x: number, y: number) => number;
  grad: (x: number, y: number) => [number, number];
  hess: (x: number, y: number) => [[number, number], [number, number]];
  box: [number, number, number, number]; // xmin, xmax, ymin, ymax
  x0: [number, number];
  minima: [number, number][];
  /** Colour f on a log scale (for functions ≥ 0 with a deep, narrow valley). */
  log: boolean;
  /** The name optima.gridValues knows this function by (the same formula, evaluated in WebAssembly). */
  grid?: string;
}

export const FUNCTIONS: Fn2[] = [
  {
    id: 'paraboloid', grid: 'paraboloid', name: 'Paraboloid (lecture)', formula: '(x − 3)² + (y − 3)²',
    f: (x, y) => (x - 3) * (x - 3) + (y - 3) * (y - 3),
    grad: (x, y) => [2 * (x - 3), 2 * (y - 3)],
    hess: () => [[2, 0], [0, 2]],
    box: [-1, 7, -1, 7], x0: [0, 0], minima: [[3, 3]], log: true,
  },
  {
    id: 'lecture-quadratic', grid: 'lectureQuadratic', name: 'Quadratic (lecture)', formula: '2x² + y² + xy − 6x − 5y',
    f: (x, y) => 2 * x * x + y * y + x * y - 6 * x - 5 * y,
    grad: (x, y) => [4 * x + y - 6, 2 * y + x - 5],
    hess: () => [[4, 1], [1, 2]],
    box: [-3, 5, -2, 6], x0: [-2, 5], minima: [[1, 2]], log: true,
  },
  {
    id: 'quadratic', grid: 'illConditioned', name: 'Ill-conditioned quadratic', formula: '½(x² + 10 y²)',
    f: (x, y) => 0.5 * (x * x + 10 * y * y),
    grad: (x, y) => [x, 10 * y],
    hess: () => [[1, 0], [0, 10]],
    box: [-3, 3, -3, 3], x0: [-2.5, 1.5], minima: [[0, 0]], log: true,
  },
  {
    id: 'saddle', grid: 'saddle', name: 'Saddle', formula: 'x² − y²',
    f: (x, y) => x * x - y * y,
    grad: (x, y) => [2 * x, -2 * y],
    hess: () => [[2, 0], [0, -2]],
    box: [-2, 2, -2, 2], x0: [1.5, 0.01], minima: [], log: false,
  },
  {
    id: 'rosenbrock', grid: 'rosenbrock', name: 'Rosenbrock', formula: '(1 − x)² + 100 (y − x²)²',
    f: (x, y) => {
      const a = 1 - x, b = y - x * x;
      return a * a + 100 * b * b;
    },
    grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    hess: (x, y) => [[2 - 400 * (y - x * x) + 800 * x * x, -400 * x], [-400 * x, 200]],
    box: [-2, 2, -1, 3], x0: [-1.2, 1], minima: [[1, 1]], log: true,
  },
  {
    id: 'himmelblau', grid: 'himmelblau', name: 'Himmelblau', formula: '(x² + y − 11)² + (x + y² − 7)²',
    f: (x, y) => {
      const a = x * x + y - 11, b = x + y * y - 7;
      return a * a + b * b;
    },
    grad: (x, y) => {
      const a = x * x + y - 11, b = x + y * y - 7;
      return [4 * x * a + 2 * b, 2 * a + 4 * y * b];
    },
    hess: (x, y) => [
      [12 * x * x + 4 * y - 42, 4 * x + 4 * y],
      [4 * x + 4 * y, 4 * x + 12 * y * y - 26],
    ],
    box: [-5, 5, -5, 5], x0: [0, 0],
    minima: [[3, 2], [-2.805118, 3.131312], [-3.77931, -3.283186], [3.584428, -1.848126]], log: true,
  },
  {
    id: 'beale', grid: 'beale', name: 'Beale', formula: '(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
    f: (x, y) => {
      const a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
      return a * a + b * b + c * c;
    },
    grad: (x, y) => {
      const a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y ** 3;
      return [
        2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1),
        2 * a * x + 4 * b * x * y + 6 * c * x * y * y,
      ];
    },
    hess: (x, y) => {
      const a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y ** 3;
      const ax = y - 1, bx = y * y - 1, cx = y ** 3 - 1;
      const ay = x, by = 2 * x * y, cy = 3 * x * y * y;
      return [
        [2 * (ax * ax + bx * bx + cx * cx), 2 * (ax * ay + a + bx * by + 2 * y * b + cx * cy + 3 * y * y * c)],
        [2 * (ax * ay + a + bx * by + 2 * y * b + cx * cy + 3 * y * y * c), 2 * (ay * ay + by * by + 2 * x * b + cy * cy + 6 * x * y * c)],
      ];
    },
    box: [-4.5, 4.5, -4.5, 4.5], x0: [1, 1.5], minima: [[3, 0.5]], log: true,
  },
  {
    id: 'booth', grid: 'booth', name: 'Booth', formula: '(x + 2y − 7)² + (2x + y − 5)²',
    f: (x, y) => {
      const a = x + 2 * y - 7, b = 2 * x + y - 5;
      return a * a + b * b;
    },
    grad: (x, y) => [2 * (x + 2 * y - 7) + 4 * (2 * x + y - 5), 4 * (x + 2 * y - 7) + 2 * (2 * x + y - 5)],
    hess: () => [[10, 8], [8, 10]],
    box: [-10, 10, -10, 10], x0: [-8, 8], minima: [[1, 3]], log: true,
  },
  {
    id: 'matyas', grid: 'matyas', name: 'Matyas', formula: '0.26 (x² + y²) − 0.48 xy',
    f: (x, y) => 0.26 * (x * x + y * y) - 0.48 * x * y,
    grad: (x, y) => [0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x],
    hess: () => [[0.52, -0.48], [-0.48, 0.52]],
    box: [-10, 10, -10, 10], x0: [-8, 6], minima: [[0, 0]], log: true,
  },
  {
    id: 'camel', grid: 'threeHumpCamel', name: 'Three-hump camel', formula: '2x² − 1.05x⁴ + x⁶/6 + xy + y²',
    f: (x, y) => {
      const x2 = x * x;
      return 2 * x2 - 1.05 * x2 * x2 + (x2 * x2 * x2) / 6 + x * y + y * y;
    },
    grad: (x, y) => [4 * x - 4.2 * x ** 3 + x ** 5 + y, x + 2 * y],
    hess: (x) => [[4 - 12.6 * x * x + 5 * x ** 4, 1], [1, 2]],
    box: [-2.5, 2.5, -2.5, 2.5], x0: [-2, 2], minima: [[0, 0]], log: true,
  },
  {
    id: 'rastrigin', name: 'Rastrigin', formula: '20 + x² + y² − 10 cos 2πx − 10 cos 2πy',
    f: (x, y) => 20 + x * x + y * y - 10 * Math.cos(2 * Math.PI * x) - 10 * Math.cos(2 * Math.PI * y),
    grad: (x, y) => [2 * x + 20 * Math.PI * Math.sin(2 * Math.PI * x), 2 * y + 20 * Math.PI * Math.sin(2 * Math.PI * y)],
    hess: (x, y) => [
      [2 + 40 * Math.PI * Math.PI * Math.cos(2 * Math.PI * x), 0],
      [0, 2 + 40 * Math.PI * Math.PI * Math.cos(2 * Math.PI * y)],
    ],
    box: [-3, 3, -3, 3], x0: [0.4, -0.3], minima: [[0, 0]], log: false,
  },
];

export function findFunction(id: string): Fn2 {
  return FUNCTIONS.find((f) => f.id === id) ?? FUNCTIONS[2]!;
}
