// Limited-memory BFGS (Nocedal 1980; Nocedal & Wright Alg. 7.4–7.5): the two-loop recursion
// applies the inverse-Hessian approximation built from the last m pairs (s, y) to ∇f, scaled by
// γ = sᵀy / yᵀy; strong Wolfe line search (c₂ = 0.9) keeps sᵀy > 0. On a failed search the
// memory is dropped and steepest descent tried once before the run is declared stalled.
// For n ≥ 16 the pairs live in WebAssembly memory and the recursion runs as SIMD dot/axpy
// (assembly/lbfgs.ts): with a cheap f it is most of an iteration's work.
import { type Runtime, heapOf, rt } from '../../runtime/runtime.js';
import type { Method } from '../driver.js';
import { type SmoothState, dot, initSmooth, lineSearchStep } from './common.js';
import { workF64 } from '../../runtime/workArrays.js';

const WASM_FROM_N = 16;

interface LbfgsState extends SmoothState {
  d: Float64Array;
  /** JS storage (n < 16): pair j at offset j·n of S and Y. */
  S: Float64Array;
  Y: Float64Array;
  rho: Float64Array;
  alpha: Float64Array;
  /** WebAssembly storage (n ≥ 16): [S (m·n) | Y (m·n) | ρ (m) | α (m) | q (n)] at byte ptr of r. */
  ptr: number;
  r: Runtime | undefined;
  /** Number of stored pairs and the ring position of the next one. */
  count: number;
  head: number;
  gamma: number;
}


/**
 * The two-loop recursion for n = 2 with q in locals: measured 2× faster than the general loops,
 * whose per-pair overhead (four loops of length 2) is what a 2-D solve spends most time on.
 */
function direction2(s: LbfgsState, m: number): void {
  const g = s.g, count = s.count, gamma = s.gamma, S = s.S, Y = s.Y, rho = s.rho, alphas = s.alpha;
  let q0 = -g[0]!, q1 = -g[1]!;
  let j = s.head;
  for (let k = 0; k < count; k++) {
    j = j === 0 ? m - 1 : j - 1;
    const o = 2 * j;
    const a = rho[j]! * (S[o]! * q0 + S[o + 1]! * q1);
    alphas[j] = a;
    q0 -= a * Y[o]!; q1 -= a * Y[o + 1]!;
  }
  q0 *= gamma; q1 *= gamma;
  for (let k = 0; k < count; k++) {
    const o = 2 * j;
    const c = alphas[j]! - rho[j]! * (Y[o]! * q0 + Y[o + 1]! * q1);
    q0 += c * S[o]!; q1 += c * S[o + 1]!;
    j = j === m - 1 ? 0 : j + 1;
  }
  s.d[0] = q0; s.d[1] = q1;
}

/** d ← −H∇f by the two-loop recursion. */
function direction(s: LbfgsState, m: number): void {
  const q = s.d, g = s.g, n = q.length, count = s.count, head = s.head, gamma = s.gamma;
  if (n === 2) { direction2(s, m); return; }
  if (s.r) {
    const mn = m * n, base = s.ptr >>> 3, qi = base + 2 * mn + 2 * m;
    const h = heapOf(s.r);
    for (let i = 0; i < n; i++) h[qi + i] = -g[i]!;
    s.r.k.lbfgsTwoLoop(n, m, count, head, s.ptr, s.ptr + mn * 8, s.ptr + 2 * mn * 8, s.ptr + (2 * mn + m) * 8, gamma, qi * 8);
    q.set(heapOf(s.r).subarray(qi, qi + n));
    return;
  }
  const S = s.S, Y = s.Y, rho = s.rho, alphas = s.alpha;
  for (let i = 0; i < n; i++) q[i] = -g[i]!;
  // Newest pair first: j walks back from head − 1 around the ring (no % in the hot loop).
  let j = head;
  for (let k = 0; k < count; k++) {
    j = j === 0 ? m - 1 : j - 1;
    const o = j * n;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += S[o + i]! * q[i]!;
    const a = rho[j]! * sq;
    alphas[j] = a;
    for (let i = 0; i < n; i++) q[i] = q[i]! - a * Y[o + i]!;
  }
  for (let i = 0; i < n; i++) q[i] = q[i]! * gamma;
  for (let k = 0; k < count; k++) {
    const o = j * n;
    let yq = 0;
    for (let i = 0; i < n; i++) yq += Y[o + i]! * q[i]!;
    const c = alphas[j]! - rho[j]! * yq;
    for (let i = 0; i < n; i++) q[i] = q[i]! + c * S[o + i]!;
    j = j === m - 1 ? 0 : j + 1;
  }
}

const EMPTY = new Float64Array(0);

export const lbfgs: Method<LbfgsState> = {
  name: 'lbfgs',
  init(ctx, x0) {
    const m = ctx.o.memory, n = ctx.n;
    const b = initSmooth(ctx, x0);
    const wasm = n >= WASM_FROM_N;
    // An explicit literal (not a spread) keeps one fast hidden class for the hot loops.
    return {
      x: b.x, fx: b.fx, g: b.g, xNew: b.xNew, gNew: b.gNew, wolfe: b.wolfe,
      d: workF64(n),
      S: wasm ? EMPTY : workF64(m * n),
      Y: wasm ? EMPTY : workF64(m * n),
      rho: wasm ? EMPTY : workF64(m),
      alpha: wasm ? EMPTY : workF64(m),
      ptr: wasm ? rt.k.alloc((2 * m * n + 2 * m + n) * 8) : 0,
      r: wasm ? rt : undefined,
      count: 0,
      head: 0,
      gamma: 1,
    };
  },
  release(s) {
    if (s.r && s.ptr) s.r.k.free(s.ptr);
    s.ptr = 0;
  },
  step(ctx, s) {
    const m = ctx.o.memory, n = ctx.n;
    for (let attempt = 0; attempt < 2; attempt++) {
      direction(s, m);
      let slope = dot(s.g, s.d);
      if (!(slope < 0)) {
        s.count = 0; s.gamma = 1;
        direction(s, m);
        slope = dot(s.g, s.d);
      }
      // Without curvature information the first step is scaled to move about one unit.
      let alpha0 = 1;
      if (s.count === 0) {
        let gmax = 0;
        const g = s.g;
        for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]!));
        alpha0 = Math.min(1, 1 / gmax);
      }
      const r = lineSearchStep(ctx, s, s.d, alpha0, 0.9);
      if (r.ok) {
        const xOld = s.xNew, gOld = s.gNew; // accept() swapped the previous point here
        const j = s.head, x = s.x, g = s.g, mn = m * n;
        // The pair goes to row j of S and Y (in JS arrays, or in linear memory).
        const wasm = s.r !== undefined;
        const S = wasm ? heapOf(s.r!) : s.S, Y = wasm ? S : s.Y;
        const So = wasm ? (s.ptr >>> 3) + j * n : j * n, Yo = wasm ? So + mn : j * n;
        let sy = 0, yy = 0, ss = 0;
        for (let i = 0; i < n; i++) {
          const si = x[i]! - xOld[i]!, yi = g[i]! - gOld[i]!;
          S[So + i] = si;
          Y[Yo + i] = yi;
          sy += si * yi; yy += yi * yi; ss += si * si;
        }
        // Skip pairs without positive curvature: they would break positive definiteness.
        if (sy > Number.EPSILON * Math.sqrt(ss * yy)) {
          if (wasm) heapOf(s.r!)[(s.ptr >>> 3) + 2 * mn + j] = 1 / sy;
          else s.rho[j] = 1 / sy;
          s.gamma = sy / yy;
          s.head = j + 1 === m ? 0 : j + 1;
          s.count = Math.min(s.count + 1, m);
        }
        return undefined;
      }
      if (s.count === 0) break;
      s.count = 0; s.gamma = 1;
    }
    return 'lineSearch';
  },
};
