// Limited-memory BFGS (Nocedal 1980; Nocedal & Wright Alg. 7.4–7.5): the two-loop recursion
// applies the inverse-Hessian approximation built from the last m pairs (s, y) to ∇f, scaled by
// γ = sᵀy / yᵀy; strong Wolfe line search (c₂ = 0.9) keeps sᵀy > 0. On a failed search the
// memory is dropped and steepest descent tried once before the run is declared stalled.
// For n ≥ 16 the pairs live in WebAssembly memory and the recursion runs as SIMD dot/axpy
// (assembly/lbfgs.ts): with a cheap f it is most of an iteration's work. For n = 2 the window of
// updates is kept as one composed 2×2 map instead (lbfgsWindow2.ts).
import { type Runtime, heapOf, rt } from '../../runtime/runtime.js';
import { normInf } from '../counted.js';
import type { Method } from '../driver.js';
import { SmoothState, dot, lineSearchStep } from './common.js';
import { workF64 } from '../../runtime/workArrays.js';
import { type Window2, releaseWindow2, takeWindow2 } from './lbfgsWindow2.js';

const WASM_FROM_N = 16;

interface LbfgsMemory {
  /**
   * The memory, one layout for both storages: [S (m·n) | Y (m·n) | ρ (m) | α (m)], pair j at
   * offset j·n of S and Y. n < 16: the JS array P from 0 (one work array per solve, not four).
   * n ≥ 16: WebAssembly memory of r at byte ptr, followed by q (n).
   */
  P: Float64Array;
  ptr: number;
  r: Runtime | undefined;
  /** n = 2: the pairs as composed update maps (P, count and head then unused: the window counts). */
  w2: Window2 | undefined;
  /** Number of stored pairs in P and the ring position of the next one. */
  count: number;
  head: number;
  gamma: number;
}

type LbfgsState = SmoothState<LbfgsMemory>;

// direction and storePair only dispatch on the storage, so they stay small enough for V8 to
// inline: with the general paths in them, each was too big, and the calls were a measurable share
// of a 2-D solve. (Which of them the optimized step finally inlines depends on V8's budget; in
// Node 20, direction's dispatch is, and storePair is one call with the window's push inside.)

/** d ← −H∇f: the composed window for n = 2, else the two-loop recursion. */
function direction(s: LbfgsState, m: number): void {
  if (s.own.w2 !== undefined) s.own.w2.direction(s.g, s.own.gamma, s.d);
  else twoLoop(s, m);
}

/** d ← −H∇f by the two-loop recursion (in WebAssembly for n ≥ 16). */
function twoLoop(s: LbfgsState, m: number): void {
  const q = s.d, g = s.g, n = q.length, count = s.own.count, head = s.own.head, gamma = s.own.gamma;
  const mn = m * n;
  if (s.own.r) {
    const base = s.own.ptr >>> 3, qi = base + 2 * mn + 2 * m;
    const h = heapOf(s.own.r);
    for (let i = 0; i < n; i++) h[qi + i] = -g[i]!;
    s.own.r.k.lbfgsTwoLoop(n, m, count, head, s.own.ptr, s.own.ptr + mn * 8, s.own.ptr + 2 * mn * 8, s.own.ptr + (2 * mn + m) * 8, gamma, qi * 8);
    q.set(heapOf(s.own.r).subarray(qi, qi + n));
    return;
  }
  const P = s.own.P, Yo = mn, Ro = 2 * mn, Ao = Ro + m;
  for (let i = 0; i < n; i++) q[i] = -g[i]!;
  // Newest pair first: j walks back from head − 1 around the ring (no % in the hot loop).
  let j = head;
  for (let k = 0; k < count; k++) {
    j = j === 0 ? m - 1 : j - 1;
    const o = j * n;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += P[o + i]! * q[i]!;
    const a = P[Ro + j]! * sq;
    P[Ao + j] = a;
    for (let i = 0; i < n; i++) q[i] = q[i]! - a * P[Yo + o + i]!;
  }
  for (let i = 0; i < n; i++) q[i] = q[i]! * gamma;
  for (let k = 0; k < count; k++) {
    const o = j * n;
    let yq = 0;
    for (let i = 0; i < n; i++) yq += P[Yo + o + i]! * q[i]!;
    const c = P[Ao + j]! - P[Ro + j]! * yq;
    for (let i = 0; i < n; i++) q[i] = q[i]! + c * P[o + i]!;
    j = j === m - 1 ? 0 : j + 1;
  }
}

const EMPTY = new Float64Array(0);

/** Number of stored pairs. */
function pairs(s: LbfgsState): number {
  return s.own.w2 !== undefined ? s.own.w2.count : s.own.count;
}

/** Drops every stored pair (a failed search or an uphill direction starts over from −∇f). */
function forget(s: LbfgsState): void {
  s.own.count = 0; s.own.gamma = 1;
  s.own.w2?.clear();
}

/** Stores the pair s = x − xOld, y = g − gOld, unless it lacks positive curvature. */
function storePair(s: LbfgsState, m: number, n: number, xOld: Float64Array, gOld: Float64Array): void {
  if (s.own.w2 !== undefined) storePair2(s, s.own.w2, xOld, gOld);
  else storePairN(s, m, n, xOld, gOld);
}

/** n = 2: the pair becomes the window's newest update map. */
function storePair2(s: LbfgsState, w2: Window2, xOld: Float64Array, gOld: Float64Array): void {
  const x = s.x, g = s.g;
  const s0 = x[0]! - xOld[0]!, s1 = x[1]! - xOld[1]!, y0 = g[0]! - gOld[0]!, y1 = g[1]! - gOld[1]!;
  const sy = s0 * y0 + s1 * y1;
  if (keep(s, sy, y0 * y0 + y1 * y1, s0 * s0 + s1 * s1)) w2.push(s0, s1, y0, y1, 1 / sy);
}

/** The pair goes to row head of S and Y, in the JS array or in linear memory. */
function storePairN(s: LbfgsState, m: number, n: number, xOld: Float64Array, gOld: Float64Array): void {
  const j = s.own.head, x = s.x, g = s.g, mn = m * n;
  const P = s.own.r !== undefined ? heapOf(s.own.r) : s.own.P, base = s.own.r !== undefined ? s.own.ptr >>> 3 : 0;
  const So = base + j * n, Yo = So + mn;
  let sy = 0, yy = 0, ss = 0;
  for (let i = 0; i < n; i++) {
    const si = x[i]! - xOld[i]!, yi = g[i]! - gOld[i]!;
    P[So + i] = si;
    P[Yo + i] = yi;
    sy += si * yi; yy += yi * yi; ss += si * si;
  }
  if (!keep(s, sy, yy, ss)) return;
  P[base + 2 * mn + j] = 1 / sy;
  s.own.head = j + 1 === m ? 0 : j + 1;
  s.own.count = Math.min(s.own.count + 1, m);
}

/**
 * The curvature test: a pair without positive curvature would break positive definiteness and
 * is skipped. A kept pair sets the scaling γ = sᵀy / yᵀy.
 */
function keep(s: LbfgsState, sy: number, yy: number, ss: number): boolean {
  if (!(sy > Number.EPSILON * Math.sqrt(ss * yy))) return false;
  s.own.gamma = sy / yy;
  return true;
}

export const lbfgs: Method<LbfgsState> = {
  name: 'lbfgs',
  searchedSteps: () => true,
  init(ctx, x0) {
    const m = ctx.o.memory, n = ctx.n;
    const wasm = n >= WASM_FROM_N, two = n === 2;
    const s = new SmoothState<LbfgsMemory>(ctx, x0, {
      P: wasm || two ? EMPTY : workF64(2 * m * n + 2 * m), ptr: 0, r: wasm ? rt : undefined, w2: undefined, count: 0, head: 0, gamma: 1,
    });
    // Taken once f(x0) has been evaluated (it may throw): release() gives these back.
    if (wasm) s.own.ptr = rt.k.alloc((2 * m * n + 2 * m + n) * 8);
    if (two) s.own.w2 = takeWindow2(m);
    return s;
  },
  release(s) {
    if (s.own.r && s.own.ptr) s.own.r.k.free(s.own.ptr);
    s.own.ptr = 0;
    if (s.own.w2) releaseWindow2(s.own.w2);
    s.own.w2 = undefined;
  },
  step(ctx, s) {
    const m = ctx.o.memory, n = ctx.n;
    for (let attempt = 0; attempt < 2; attempt++) {
      direction(s, m);
      let slope = dot(s.g, s.d);
      if (!(slope < 0)) {
        forget(s);
        direction(s, m);
        slope = dot(s.g, s.d);
      }
      // Without curvature information the first step is scaled to move about one unit.
      const alpha0 = pairs(s) === 0 ? Math.min(1, 1 / normInf(s.g)) : 1;
      if (lineSearchStep(ctx, s, s.d, alpha0, 0.9, slope) > 0) {
        storePair(s, m, n, s.xNew, s.gNew); // accept() swapped the previous point there
        return undefined;
      }
      if (pairs(s) === 0) break;
      forget(s);
    }
    return 'lineSearch';
  },
};
