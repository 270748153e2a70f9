// L-BFGS in two dimensions without the two-loop recursion. The inverse-Hessian approximation is
// H = T_newest(…T_oldest(γI)) with T_j(H) = V_jᵀ H V_j + ρ_j s_j s_jᵀ, V_j = I − ρ_j y_j s_jᵀ
// (Nocedal & Wright eq. 7.19). Every composition of such maps is again H ↦ WᵀHW + C, seven
// numbers in 2-D, so the window of the last m maps is kept as a sliding-window aggregate with two
// stacks (Tangwongsan et al. 2017): O(1) compositions per iteration, amortized, instead of the
// recursion's 2m dependent multiply–add steps, which were a third of a 2-D solve's time.
// Same H in exact arithmetic; measured agreement with the two-loop to a few ε (tests).

/**
 * The maps live in a plain array of doubles, not a Float64Array: once any ArrayBuffer in the
 * process has been detached (a growing WebAssembly memory detaches its old buffer), V8 checks
 * every typed-array access for detachment, and these ~75 accesses per iteration are the 2-D
 * solve's largest share (measured: 2-D Rosenbrock 3–4% faster after a detach).
 */
function doubles(n: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(0.5); // double elements from the start, so never a transition
  a.fill(0);
  return a;
}

/** A map H ↦ WᵀHW + C at offset o: W row-major in o..o+3, symmetric C as (c₀₀, c₀₁, c₁₁) in o+4..o+6. */
const SIZE = 7;

/** Q[out] = "a, then b": (W_a W_b, W_bᵀ C_a W_b + C_b). out may be a or b. */
function compose(Q: number[], a: number, b: number, out: number): void {
  const a0 = Q[a]!, a1 = Q[a + 1]!, a2 = Q[a + 2]!, a3 = Q[a + 3]!, ca0 = Q[a + 4]!, ca1 = Q[a + 5]!, ca2 = Q[a + 6]!;
  const b0 = Q[b]!, b1 = Q[b + 1]!, b2 = Q[b + 2]!, b3 = Q[b + 3]!;
  const x0 = ca0 * b0 + ca1 * b2, x1 = ca0 * b1 + ca1 * b3, x2 = ca1 * b0 + ca2 * b2, x3 = ca1 * b1 + ca2 * b3;
  const c0 = b0 * x0 + b2 * x2 + Q[b + 4]!, c1 = b0 * x1 + b2 * x3 + Q[b + 5]!, c2 = b1 * x1 + b3 * x3 + Q[b + 6]!;
  Q[out] = a0 * b0 + a1 * b2; Q[out + 1] = a0 * b1 + a1 * b3;
  Q[out + 2] = a2 * b0 + a3 * b2; Q[out + 3] = a2 * b1 + a3 * b3;
  Q[out + 4] = c0; Q[out + 5] = c1; Q[out + 6] = c2;
}

function copyMap(Q: number[], from: number, to: number): void {
  for (let t = 0; t < SIZE; t++) Q[to + t] = Q[from + t]!;
}

/**
 * The last m update maps, oldest first: a front segment whose suffix aggregates are stored (the
 * oldest's covers the whole segment) and a back segment with one running aggregate. Dropping the
 * oldest pops the front; when the front is empty the back is turned into suffix aggregates.
 */
export class Window2 {
  readonly m: number;
  /** Slot j's map at SIZE·j, its front suffix aggregate at SIZE·(m + j), then the back aggregate and a temporary. */
  private readonly Q: number[];
  private readonly back: number;
  private readonly tmp: number;
  private head = 0;
  private front = 0;
  private backCount = 0;

  constructor(m: number) {
    this.m = m;
    this.Q = doubles(SIZE * (2 * m + 2));
    this.back = SIZE * 2 * m;
    this.tmp = this.back + SIZE;
  }

  get count(): number {
    return this.front + this.backCount;
  }

  clear(): void {
    this.front = 0;
    this.backCount = 0;
  }

  /** Adds the pair (s, y) with ρ = 1/sᵀy, dropping the oldest when m are held. */
  push(s0: number, s1: number, y0: number, y1: number, rho: number): void {
    const m = this.m, Q = this.Q;
    if (this.front + this.backCount === m) this.dropOldest();
    const j = this.head, e = SIZE * j;
    const ry0 = rho * y0, ry1 = rho * y1, rs0 = rho * s0;
    Q[e] = 1 - ry0 * s0; Q[e + 1] = -ry0 * s1;
    Q[e + 2] = -ry1 * s0; Q[e + 3] = 1 - ry1 * s1;
    Q[e + 4] = rs0 * s0; Q[e + 5] = rs0 * s1; Q[e + 6] = rho * s1 * s1;
    if (this.backCount === 0) copyMap(Q, e, this.back);
    else compose(Q, this.back, e, this.back);
    this.backCount++;
    this.head = j + 1 === m ? 0 : j + 1;
  }

  private dropOldest(): void {
    if (this.front === 0) {
      const m = this.m, Q = this.Q;
      let j = this.head === 0 ? m - 1 : this.head - 1;
      copyMap(Q, SIZE * j, SIZE * (m + j));
      for (let k = 1; k < this.backCount; k++) {
        const newer = j;
        j = j === 0 ? m - 1 : j - 1;
        compose(Q, SIZE * j, SIZE * (m + newer), SIZE * (m + j));
      }
      this.front = this.backCount;
      this.backCount = 0;
    }
    this.front--;
  }

  /** d = −H g for H = the window applied to γI (γI itself when the window is empty). */
  direction(g: Float64Array, gamma: number, d: Float64Array): void {
    const m = this.m, Q = this.Q, g0 = g[0]!, g1 = g[1]!;
    let a: number;
    if (this.front > 0) {
      let oldest = this.head - this.front - this.backCount;
      if (oldest < 0) oldest += m;
      a = SIZE * (m + oldest);
      if (this.backCount > 0) { compose(Q, a, this.back, this.tmp); a = this.tmp; }
    } else if (this.backCount > 0) {
      a = this.back;
    } else {
      d[0] = -gamma * g0; d[1] = -gamma * g1;
      return;
    }
    const w0 = Q[a]!, w1 = Q[a + 1]!, w2 = Q[a + 2]!, w3 = Q[a + 3]!;
    const h0 = gamma * (w0 * w0 + w2 * w2) + Q[a + 4]!;
    const h1 = gamma * (w0 * w1 + w2 * w3) + Q[a + 5]!;
    const h2 = gamma * (w1 * w1 + w3 * w3) + Q[a + 6]!;
    d[0] = -(h0 * g0 + h1 * g1);
    d[1] = -(h1 * g0 + h2 * g1);
  }
}

/**
 * Windows of finished solves, for the next 2-D solve to reuse: a new one costs ~260 ns, mostly its
 * 1.2 KB of zeroed memory, a twentieth of a whole 2-D Rosenbrock solve. A window never leaves
 * its solve (the driver releases it when the run ends, however it ends), so reuse aliases nothing;
 * a solve nested in another's objective finds the outer one's window still taken.
 */
const spare: Window2[] = [];
const SPARE_MAX = 4;

export function takeWindow2(m: number): Window2 {
  for (let i = spare.length - 1; i >= 0; i--) {
    const w = spare[i]!;
    if (w.m === m) {
      spare[i] = spare[spare.length - 1]!;
      spare.pop();
      w.clear();
      return w;
    }
  }
  return new Window2(m);
}

export function releaseWindow2(w: Window2): void {
  if (spare.length < SPARE_MAX) spare.push(w);
}

