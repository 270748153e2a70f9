// The whole playground state lives in the URL hash (like TensorFlow Playground), so every set-up
// is a shareable, reproducible link. Parsing is forgiving: anything missing or malformed falls
// back to its default, and numbers are clamped to their control's range.
import type { Method } from './api.js';

export const METHODS: Method[] = ['gd', 'momentum', 'nesterov', 'adam', 'cg', 'bfgs', 'lbfgs', 'newton'];
export type View = 'descent' | 'constrained' | 'tanh';

export interface State {
  view: View;
  fn: string; // a FUNCTIONS id, or 'custom'
  expr: string; // f(x, y) when fn = 'custom'
  x0: [number, number];
  solvers: Method[];
  alpha: number; // step size of gd / momentum / nesterov / adam
  beta: number; // momentum β of momentum / nesterov
  iters: number;
  inspect: [number, number] | null;
  convexity: boolean; // shade where f is not convex
  constraint: 'disc' | 'halfplane';
  radius: number; // disc radius, or the offset s of x + y ≤ s
  rmax: number; // penalty weights r = 10^0 … 10^rmax
  w0: number; // tanh view: start
  target: number; // tanh view: target output
  talpha: number; // tanh view: step size
}

export const DEFAULTS: State = {
  view: 'descent', fn: 'rosenbrock', expr: 'x^2 + 3*y^2 + sin(3*x)', x0: [-1.2, 1],
  solvers: ['gd', 'momentum', 'bfgs'], alpha: 1e-3, beta: 0.9, iters: 500, inspect: null, convexity: false,
  constraint: 'disc', radius: 1, rmax: 5, w0: 3, target: 0.5, talpha: 0.5,
};

function num(v: string | null, lo: number, hi: number, dflt: number): number {
  const x = v === null || v === '' ? NaN : Number(v);
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : dflt;
}

function pair(v: string | null): [number, number] | null {
  const parts = (v ?? '').split(',').map(Number);
  return parts.length === 2 && parts.every(Number.isFinite) ? [parts[0]!, parts[1]!] : null;
}

export function parseHash(hash: string, fnIds: string[]): State {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const view = p.get('view');
  const fn = p.get('fn');
  const solvers = p.get('solvers');
  const s: State = {
    ...DEFAULTS,
    view: view === 'constrained' || view === 'tanh' ? view : 'descent',
    fn: fn && (fnIds.includes(fn) || fn === 'custom') ? fn : DEFAULTS.fn,
    expr: (p.get('expr') ?? DEFAULTS.expr).slice(0, 500),
    x0: pair(p.get('x0')) ?? DEFAULTS.x0,
    solvers: solvers === null ? DEFAULTS.solvers : (solvers.split(',').filter((m) => (METHODS as string[]).includes(m)) as Method[]),
    alpha: num(p.get('alpha'), 1e-6, 10, DEFAULTS.alpha),
    beta: num(p.get('beta'), 0, 0.999, DEFAULTS.beta),
    iters: Math.round(num(p.get('iters'), 1, 20000, DEFAULTS.iters)),
    inspect: pair(p.get('inspect')),
    convexity: p.get('convex') === '1',
    constraint: p.get('constraint') === 'halfplane' ? 'halfplane' : 'disc',
    radius: num(p.get('radius'), 0.1, 5, DEFAULTS.radius),
    rmax: Math.round(num(p.get('rmax'), 0, 8, DEFAULTS.rmax)),
    w0: num(p.get('w0'), -6, 6, DEFAULTS.w0),
    target: num(p.get('target'), -0.99, 0.99, DEFAULTS.target),
    talpha: num(p.get('talpha'), 1e-3, 10, DEFAULTS.talpha),
  };
  return s;
}

/** Shortest round-trip text for a double (so a shared link reproduces the exact same run). */
const n = (v: number): string => String(v);

export function toHash(s: State): string {
  const p = new URLSearchParams();
  p.set('view', s.view);
  p.set('fn', s.fn);
  if (s.fn === 'custom') p.set('expr', s.expr);
  p.set('x0', `${n(s.x0[0])},${n(s.x0[1])}`);
  p.set('solvers', s.solvers.join(','));
  p.set('alpha', n(s.alpha));
  p.set('beta', n(s.beta));
  p.set('iters', n(s.iters));
  if (s.convexity) p.set('convex', '1');
  if (s.inspect) p.set('inspect', `${n(s.inspect[0])},${n(s.inspect[1])}`);
  if (s.view === 'constrained') {
    p.set('constraint', s.constraint);
    p.set('radius', n(s.radius));
    p.set('rmax', n(s.rmax));
  }
  if (s.view === 'tanh') {
    p.set('w0', n(s.w0));
    p.set('target', n(s.target));
    p.set('talpha', n(s.talpha));
  }
  return '#' + p.toString();
}
