// Known 2-D test functions evaluated over a whole grid in one call, for contour plots: one
// boundary crossing per grid instead of one JavaScript call per point. The formulas (and their
// operation order) match the JavaScript definitions in playground/src/functions.ts, so both give
// the same doubles. (Polynomials only: Math.cos would pull i64-heavy code the wasm2js build rejects.)
import { st } from './memory';

// @ts-ignore: decorator
@inline function known(kind: i32, x: f64, y: f64): f64 {
  switch (kind) {
    case 0: return (x - 3) * (x - 3) + (y - 3) * (y - 3); // paraboloid
    case 1: return 2 * x * x + y * y + x * y - 6 * x - 5 * y; // lecture quadratic
    case 2: return 0.5 * (x * x + 10 * y * y); // ill-conditioned quadratic
    case 3: return x * x - y * y; // saddle
    case 4: { const a = 1 - x, b = y - x * x; return a * a + 100 * b * b; } // Rosenbrock
    case 5: { const a = x * x + y - 11, b = x + y * y - 7; return a * a + b * b; } // Himmelblau
    case 6: { // Beale
      const a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
      return a * a + b * b + c * c;
    }
    case 7: { const a = x + 2 * y - 7, b = 2 * x + y - 5; return a * a + b * b; } // Booth
    case 8: return 0.26 * (x * x + y * y) - 0.48 * x * y; // Matyas
    case 9: { const x2 = x * x; return 2 * x2 - 1.05 * x2 * x2 + (x2 * x2 * x2) / 6 + x * y + y * y; } // three-hump camel
    default: return NaN;
  }
}

/**
 * out[j·nx + i] = f(x0 + (i + ½)·dx, ytop − (j + ½)·dy) for i < nx, j < ny: pixel centres, row 0
 * at the top (image order). Returns the number of points written (0 for an unknown kind).
 */
export function gridKnown(kind: i32, x0: f64, dx: f64, ytop: f64, dy: f64, nx: i32, ny: i32, out: usize): i32 {
  if (kind < 0 || kind > 9 || nx <= 0 || ny <= 0) return 0;
  for (let j = 0; j < ny; j++) {
    const y = ytop - (<f64>j + 0.5) * dy;
    const row = out + ((<usize>j * <usize>nx) << 3);
    for (let i = 0; i < nx; i++) st(row, i, known(kind, x0 + (<f64>i + 0.5) * dx, y));
  }
  return nx * ny;
}
