// The L-BFGS two-loop recursion (Nocedal & Wright Alg. 7.4) over correction pairs kept in linear
// memory: 4·count SIMD dot/axpy passes of length n, where the JavaScript loops spent most of an
// iteration when f is cheap.
import { ld, st } from './memory';
import { dot, axpy, scal } from './blas';

/**
 * q ← H·q for the L-BFGS inverse-Hessian approximation: pairs (sⱼ, yⱼ) are rows j of S and Y
 * (m×n, ring buffer; the newest is row head−1), ρⱼ = 1/sⱼᵀyⱼ, H₀ = γI. `alpha` is m doubles of
 * scratch. Called with q = −∇f it yields the search direction.
 */
export function lbfgsTwoLoop(n: i32, m: i32, count: i32, head: i32, S: usize, Y: usize, rho: usize, alpha: usize, gamma: f64, q: usize): void {
  const rowBytes = <usize>n << 3;
  const c = min(count, m);
  for (let k = 0; k < c; k++) {
    const j = (head - 1 - k + m) % m;
    const a = ld(rho, j) * dot(S + <usize>j * rowBytes, q, n);
    st(alpha, j, a);
    axpy(n, -a, Y + <usize>j * rowBytes, q);
  }
  scal(n, gamma, q);
  for (let k = c - 1; k >= 0; k--) {
    const j = (head - 1 - k + m) % m;
    const b = ld(rho, j) * dot(Y + <usize>j * rowBytes, q, n);
    axpy(n, ld(alpha, j) - b, S + <usize>j * rowBytes, q);
  }
}
