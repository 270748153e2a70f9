// Nelder–Mead simplex search (Nelder & Mead 1965) with the dimension-adaptive coefficients of
// Gao & Han (2012) — α = 1, γ = 1 + 2/n, ρ = 0.75 − 1/(2n), σ = 1 − 1/n, the classic (1, 2, ½, ½)
// for n = 2 — and optional box bounds enforced by clipping every trial point (as scipy does).
// Gradient-free: converged when the simplex spans ≤ stepTolerance·max(1, ‖x‖∞) in x and
// ≤ fTolerance·max(1, |f|) in f.
import type { IterateState, Method } from '../driver.js';

interface NmState extends IterateState {
  g: undefined;
  P: Float64Array[];
  F: Float64Array;
  centroid: Float64Array;
  trial: Float64Array;
  trial2: Float64Array;
}

function clip(x: Float64Array, lower: Float64Array | undefined, upper: Float64Array | undefined): void {
  if (lower) for (let i = 0; i < x.length; i++) if (x[i]! < lower[i]!) x[i] = lower[i]!;
  if (upper) for (let i = 0; i < x.length; i++) if (x[i]! > upper[i]!) x[i] = upper[i]!;
}

function sort(s: NmState): void {
  const idx = Array.from(s.F.keys()).sort((a, b) => {
    const fa = s.F[a]!, fb = s.F[b]!;
    return fa === fb ? 0 : fa < fb || fb !== fb ? -1 : 1; // NaN last
  });
  const P = idx.map((i) => s.P[i]!), F = idx.map((i) => s.F[i]!);
  s.P = P;
  s.F.set(F);
  s.x = s.P[0]!;
  s.fx = s.F[0]!;
}

export const nelderMead: Method<NmState> = {
  name: 'nelder-mead',
  xMayRepeat: true,
  ownsTolerances: true,
  init(ctx, x0) {
    const { n, o, p } = ctx;
    clip(x0, o.lower, o.upper);
    const P: Float64Array[] = [x0];
    for (let i = 0; i < n; i++) {
      const v = x0.slice();
      const delta = x0[i] !== 0 ? 0.05 * x0[i]! : 0.00025;
      v[i] = x0[i]! + delta;
      if (o.upper && v[i]! > o.upper[i]!) v[i] = x0[i]! - delta;
      clip(v, o.lower, o.upper);
      P.push(v);
    }
    const F = Float64Array.from(P, (v) => p.value(v));
    const s: NmState = { x: x0, fx: F[0]!, g: undefined, P, F, centroid: new Float64Array(n), trial: new Float64Array(n), trial2: new Float64Array(n) };
    sort(s);
    return s;
  },
  step(ctx, s) {
    const { n, o, p } = ctx;
    const alpha = 1, gamma = 1 + 2 / n, rho = 0.75 - 1 / (2 * n), sigma = 1 - 1 / n;
    const c = s.centroid, worst = s.P[n]!, fWorst = s.F[n]!;
    c.fill(0);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) c[i]! += s.P[j]![i]! / n;
    const along = (t: number, out: Float64Array) => {
      for (let i = 0; i < n; i++) out[i] = c[i]! + t * (worst[i]! - c[i]!);
      clip(out, o.lower, o.upper);
      const f = p.value(out);
      return f === f ? f : Infinity;
    };
    const replaceWorst = (x: Float64Array, f: number) => {
      s.P[n]!.set(x);
      s.F[n] = f;
    };
    const fr = along(-alpha, s.trial);
    if (fr < s.F[0]!) {
      const fe = along(-gamma, s.trial2);
      if (fe < fr) replaceWorst(s.trial2, fe);
      else replaceWorst(s.trial, fr);
    } else if (fr < s.F[n - 1]!) {
      replaceWorst(s.trial, fr);
    } else {
      // Contract outside if the reflection beat the worst point, else inside.
      const outside = fr < fWorst;
      const fc = along(outside ? -rho : rho, s.trial2);
      if (fc < (outside ? fr : fWorst)) replaceWorst(s.trial2, fc);
      else {
        const best = s.P[0]!;
        for (let j = 1; j <= n; j++) {
          const v = s.P[j]!;
          for (let i = 0; i < n; i++) v[i] = best[i]! + sigma * (v[i]! - best[i]!);
          clip(v, o.lower, o.upper);
          s.F[j] = p.value(v);
        }
      }
    }
    sort(s);
    // Every vertex but the best is NaN or infinite: the simplex cannot move any more.
    if (!Number.isFinite(s.F[1]!)) return 'notFinite';
    let dx = 0, df = 0, xmax = 1;
    for (let j = 1; j <= n; j++) {
      df = Math.max(df, Math.abs(s.F[j]! - s.F[0]!));
      for (let i = 0; i < n; i++) dx = Math.max(dx, Math.abs(s.P[j]![i]! - s.P[0]![i]!));
    }
    for (let i = 0; i < n; i++) xmax = Math.max(xmax, Math.abs(s.x[i]!));
    if (dx <= o.stepTolerance * xmax && df <= o.fTolerance * Math.max(1, Math.abs(s.fx))) return 'simplex';
    return undefined;
  },
};
