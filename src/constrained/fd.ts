// Central finite differences for constraint derivatives the user did not supply.
// Step hᵢ = ε^(1/3)·max(1, |xᵢ|) balances truncation O(h²) against rounding O(ε/h), giving
// about ε^(2/3) ≈ 4e-11 relative accuracy (Nocedal & Wright, Numerical Optimization, §8.1).
import type { Matrix } from '../linalg/matrix.js';

const CBRT_EPS = Math.cbrt(Number.EPSILON);
/** Fourth root: the matching step for second differences of a gradient (error O(h²) + O(ε/h)). */
const STEP_HESS = Math.sqrt(Math.sqrt(Number.EPSILON));

/** ∇c(x) ≈ [(c(x + hᵢeᵢ) − c(x − hᵢeᵢ)) / 2hᵢ]ᵢ into out. `x` is restored before returning. */
export function centralGradient(c: (x: Float64Array) => number, x: Float64Array, out: Float64Array): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const h = CBRT_EPS * Math.max(1, Math.abs(xi));
    x[i] = xi + h;
    const up = c(x);
    x[i] = xi - h;
    const down = c(x);
    x[i] = xi;
    out[i] = (up - down) / (2 * h);
  }
  return out;
}

/**
 * ∇²c(x) by central differences of a gradient, symmetrized: Hᵢⱼ = ½(∂ᵢgⱼ + ∂ⱼgᵢ).
 * Costs 2n gradient calls. Returns a plain row-major n×n Matrix.
 */
export function hessianFromGradient(
  grad: (x: Float64Array, out: Float64Array) => void, x: Float64Array,
): Matrix {
  const n = x.length;
  const data = new Float64Array(n * n);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const xs = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    const xi = xs[i]!;
    const h = STEP_HESS * Math.max(1, Math.abs(xi));
    xs[i] = xi + h;
    grad(xs, up);
    xs[i] = xi - h;
    grad(xs, down);
    xs[i] = xi;
    for (let j = 0; j < n; j++) data[i * n + j] = (up[j]! - down[j]!) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (data[i * n + j]! + data[j * n + i]!);
      data[i * n + j] = s;
      data[j * n + i] = s;
    }
  }
  return { rows: n, cols: n, data };
}
