// Wiring: the state (from and to the URL hash), the controls, and one render() that recomputes
// everything on every input — the Distill "Why Momentum Really Works" way: drag x0 or slide α
// and the paths are recomputed at once; links reproduce the exact set-up.
import { api, makeObjective, missing, type Method, type Objective } from './api.js';
import { FUNCTIONS, findFunction, type Fn2 } from './functions.js';
import { METHODS, parseHash, toHash, type State } from './state.js';
import { GRID, Surface, customFunction } from './surface.js';
import { COLOURS, runSolvers, type Run } from './runs.js';
import { describe, drawInspect, inspectPoint, type PointInfo } from './inspect.js';
import { constraintOf, drawFeasible, drawPenalty, penaltyChart, penaltyPath, penaltyTable } from './views/constrained.js';
import { charts, resultsTable } from './views/descent.js';
import { checkBoxConvexity, drawChord, type Verdict } from './convexity.js';
import { describeTanh, drawTanh, runTanh } from './views/tanh.js';
import type { Frame } from './plot.js';
import { formatNumber } from './contour.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const fnIds = FUNCTIONS.map((f) => f.id);
let state: State = parseHash(location.hash, fnIds);
const surface = new Surface($<HTMLCanvasElement>('contour'));

// ---- controls --------------------------------------------------------------------------------
const fnSelect = $<HTMLSelectElement>('fn');
for (const f of FUNCTIONS) fnSelect.add(new Option(f.name, f.id));
fnSelect.add(new Option('Type an expression…', 'custom'));
const solversBox = $('solvers');
for (const m of METHODS) {
  const label = document.createElement('label');
  label.innerHTML = `<input type="checkbox" value="${m}"> <span class="swatch" style="background:${COLOURS[m]}"></span> ${m}`;
  solversBox.append(label);
}
const slider = {
  alpha: $<HTMLInputElement>('alpha'), beta: $<HTMLInputElement>('beta'), iters: $<HTMLInputElement>('iters'), radius: $<HTMLInputElement>('radius'),
  rmax: $<HTMLInputElement>('rmax'), w0: $<HTMLInputElement>('w0'), target: $<HTMLInputElement>('target'), talpha: $<HTMLInputElement>('talpha'),
};

function syncControls(): void {
  fnSelect.value = state.fn;
  $<HTMLInputElement>('expr').value = state.expr;
  $('expr-row').hidden = state.fn !== 'custom';
  for (const box of solversBox.querySelectorAll('input')) box.checked = state.solvers.includes(box.value as Method);
  slider.alpha.value = String(Math.log10(state.alpha));
  slider.beta.value = String(state.beta);
  slider.iters.value = String(Math.log10(state.iters));
  slider.radius.value = String(state.radius);
  slider.rmax.value = String(state.rmax);
  slider.w0.value = String(state.w0);
  slider.target.value = String(state.target);
  slider.talpha.value = String(Math.log10(state.talpha));
  $<HTMLInputElement>('convexity').checked = state.convexity;
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=constraint]')) r.checked = r.value === state.constraint;
  for (const b of document.querySelectorAll<HTMLButtonElement>('nav button')) b.classList.toggle('active', b.dataset.view === state.view);
}

// ---- model -----------------------------------------------------------------------------------
let fn: Fn2 = findFunction('rosenbrock');
function currentFunction(): Fn2 {
  $('expr-error').textContent = '';
  if (state.fn !== 'custom') return findFunction(state.fn);
  try {
    return customFunction(state.expr);
  } catch (e) {
    $('expr-error').textContent = e instanceof Error ? e.message : String(e);
    return fn; // keep showing the last good function
  }
}

function objectiveOf(f: Fn2): Objective {
  return makeObjective(
    2,
    (x) => f.f(x[0]!, x[1]!),
    (x, out) => {
      const g = f.grad(x[0]!, x[1]!);
      out[0] = g[0];
      out[1] = g[1];
    },
    (x) => f.hess(x[0]!, x[1]!),
  );
}

let runs: Run[] = [];
let penalty: ReturnType<typeof penaltyPath> = { rows: [] };
let point: PointInfo | null = null;
let solveMs = 0;

// ---- drawing ---------------------------------------------------------------------------------
const anim = { shown: 0, total: 0, raf: 0 };

function drawSurface(): void {
  surface.drawBase();
  if (state.convexity) {
    if (!surface.drawConvexity()) $('convexity-note').textContent = '(needs optima.eigSym2x2Batch)';
    drawChord(surface, convexVerdict);
  }
  if (state.view === 'constrained') {
    drawFeasible(surface, state.constraint, state.radius);
    drawPenalty(surface, penalty.rows, anim.shown, state.x0, constraintOf(state.constraint, state.radius), penalty.reference);
  } else {
    for (const r of runs) surface.path(r.path, anim.shown, COLOURS[r.method]);
  }
  surface.startMarker(state.x0[0], state.x0[1]);
  if (point) drawInspect(surface, point);
}

function animate(restart: boolean): void {
  cancelAnimationFrame(anim.raf);
  anim.total = state.view === 'constrained' ? penalty.rows.length : Math.max(0, ...runs.map((r) => r.path.length));
  if (!restart) {
    anim.shown = anim.total;
    drawSurface();
    return;
  }
  anim.shown = 0;
  // About two seconds whatever the path length: the same iteration index for every solver, so
  // their speeds compare side by side.
  const perFrame = Math.max(1, Math.ceil(anim.total / 120));
  const step = (): void => {
    anim.shown = Math.min(anim.total, anim.shown + (state.view === 'constrained' ? 0.05 : perFrame));
    drawSurface();
    if (anim.shown < anim.total) anim.raf = requestAnimationFrame(step);
    else document.body.dataset.animating = 'false';
  };
  document.body.dataset.animating = 'true';
  step();
}


let convexVerdict: Verdict | null = null;
let tanhFrame: Frame | undefined;
let hashTimer = 0;

/** Recomputes everything from `state`. `restart` replays the path animation. */
function render(restart = true): void {
  clearTimeout(hashTimer);
  hashTimer = window.setTimeout(() => history.replaceState(null, '', toHash(state)), 150);
  const tanhView = state.view === 'tanh';
  $('surface-view').hidden = tanhView;
  $('tanh-view').hidden = !tanhView;
  $('descent-controls').hidden = $('descent-side').hidden = state.view !== 'descent';
  $('constrained-controls').hidden = $('constrained-side').hidden = state.view !== 'constrained';
  const notes = missing('minimize', 'eigSym', 'classifyCriticalPoint', 'problem', 'penalized');
  $('notice').hidden = notes.length === 0;
  $('notice').textContent = `This build of optima lacks ${notes.map((n) => `optima.${n}`).join(', ')}; the parts of the page that need them say so.`;
  $('backend').textContent = `optima backend: ${api.backend()}`;

  if (tanhView) {
    const run = runTanh(state.w0, state.target, state.talpha);
    tanhFrame = drawTanh($('tanh'), $('tanh-chart'), run, state.target);
    const fromZero = runTanh(0, state.target, state.talpha).result;
    $('tanh-result').textContent = describeTanh(run, state.w0, state.target) +
      (fromZero ? ` For comparison, from w₀ = 0 (not saturated): ${fromZero.status} after ${fromZero.iterations} iterations.` : '');
    $('w0-out').textContent = String(state.w0);
    $('target-out').textContent = String(state.target);
    $('talpha-out').textContent = formatNumber(state.talpha);
    publish({ tanh: run.result ? { status: run.result.status, iterations: run.result.iterations, w: run.result.x[0] } : { error: run.error } });
    return;
  }

  fn = currentFunction();
  surface.setFunction(fn);
  $('formula').textContent = `f(x, y) = ${fn.formula}`;
  const obj = objectiveOf(fn);
  const t0 = performance.now();
  if (state.view === 'descent') runs = runSolvers(obj, state.x0, state.solvers, state.alpha, state.beta, state.iters);
  else penalty = penaltyPath(obj, fn.f, constraintOf(state.constraint, state.radius), state.rmax, state.x0);
  solveMs = performance.now() - t0;
  convexVerdict = checkBoxConvexity(obj, fn, state.convexity, $('convexity-note'));
  let inspectText = 'Shift-click (or choose "inspect" and click) a point to see ∇f, the Hessian, its eigenvalues and what kind of point it is.';
  try {
    point = state.inspect ? inspectPoint(fn, obj, state.inspect) : null;
    if (point) inspectText = describe(point);
  } catch (e) {
    // e.g. a typed expression whose Hessian is NaN there: optima refuses it with a message
    point = null;
    inspectText = `Cannot analyse (${state.inspect!.join(', ')}): ${e instanceof Error ? e.message : String(e)}`;
  }
  $('inspect').textContent = inspectText;
  $('x0-out').textContent = `(${formatNumber(state.x0[0])}, ${formatNumber(state.x0[1])})`;
  $('alpha-out').textContent = formatNumber(state.alpha);
  $('beta-out').textContent = String(state.beta);
  $('iters-out').textContent = String(state.iters);
  $('radius-out').textContent = String(state.radius);
  $('rmax-out').textContent = String(state.rmax);
  if (state.view === 'descent') {
    resultsTable(runs);
    charts(runs);
  } else {
    penaltyTable(penalty.rows);
    penaltyChart(penalty.rows);
    const ref = penalty.reference;
    $('al-result').textContent = ref
      ? `minimize(problem, x0) (augmented Lagrangian, red ring): x = (${formatNumber(ref.x[0])}, ${formatNumber(ref.x[1])}), ` +
        `multiplier α = ${formatNumber(ref.multiplier)}, violation ${formatNumber(ref.violation)}, ${ref.status}.`
      : '';
    if (penalty.error) $('inspect').textContent = `Penalty method: ${penalty.error}\n\n` + $('inspect').textContent;
  }
  const { evaluate, paint, where } = surface.timing;
  animate(restart);
  $('timing').textContent = `contours: ${GRID}×${GRID} grid evaluated in ${where} in ${evaluate.toFixed(1)} ms, painted in ${paint.toFixed(1)} ms · solvers: ${solveMs.toFixed(1)} ms` +
    (state.convexity ? ` · convexity (200×200 Hessians, eigSym2x2Batch): ${surface.convexityMs.toFixed(1)} ms` : '');
  publish({});
}

/** What the end-to-end test reads (and a handy console handle). */
function publish(extra: object): void {
  (window as unknown as { __playground: unknown }).__playground = {
    state, backend: api.backend(), timing: { ...surface.timing, solveMs, convexityMs: surface.convexityMs },
    runs: runs.map((r) => ({ method: r.method, error: r.error, status: r.result?.status, iterations: r.result?.iterations, x: r.result ? Array.from(r.result.x) : null, fx: r.result?.fx })),
    penalty: penalty.rows, reference: penalty.reference, point, convexVerdict, ...extra,
  };
  document.body.dataset.ready = 'true';
}

// ---- events ----------------------------------------------------------------------------------
function update(patch: Partial<State>, restart = true): void {
  state = { ...state, ...patch };
  syncControls();
  render(restart);
}

fnSelect.addEventListener('change', () => {
  const f = fnSelect.value === 'custom' ? null : findFunction(fnSelect.value);
  update({ fn: fnSelect.value, x0: f ? f.x0 : [-2, 2], inspect: null });
});
$<HTMLInputElement>('expr').addEventListener('input', (e) => update({ expr: (e.target as HTMLInputElement).value }, false));
solversBox.addEventListener('change', () => {
  update({ solvers: [...solversBox.querySelectorAll('input')].filter((b) => b.checked).map((b) => b.value as Method) });
});
slider.alpha.addEventListener('input', () => update({ alpha: Number((10 ** Number(slider.alpha.value)).toPrecision(3)) }, false));
slider.beta.addEventListener('input', () => update({ beta: Number(slider.beta.value) }, false));
slider.iters.addEventListener('input', () => update({ iters: Math.round(10 ** Number(slider.iters.value)) }, false));
slider.radius.addEventListener('input', () => update({ radius: Number(slider.radius.value) }, false));
slider.rmax.addEventListener('input', () => update({ rmax: Number(slider.rmax.value) }));
slider.w0.addEventListener('input', () => update({ w0: Number(slider.w0.value) }));
slider.target.addEventListener('input', () => update({ target: Number(slider.target.value) }));
slider.talpha.addEventListener('input', () => update({ talpha: Number((10 ** Number(slider.talpha.value)).toPrecision(3)) }));
for (const r of document.querySelectorAll<HTMLInputElement>('input[name=constraint]')) {
  r.addEventListener('change', () => update({ constraint: r.value as State['constraint'] }));
}
for (const b of document.querySelectorAll<HTMLButtonElement>('nav button')) {
  b.addEventListener('click', () => update({ view: b.dataset.view as State['view'] }));
}
$<HTMLInputElement>('convexity').addEventListener('change', (e) => update({ convexity: (e.target as HTMLInputElement).checked }, false));
$('replay').addEventListener('click', () => animate(true));
$('share').addEventListener('click', async () => {
  history.replaceState(null, '', toHash(state));
  try {
    await navigator.clipboard.writeText(location.href);
    $('share').textContent = 'Link copied';
  } catch {
    prompt('Copy this link:', location.href);
  }
});

const round = (v: number): number => Number(v.toPrecision(4));
let dragging = false;
surface.canvas.addEventListener('pointerdown', (ev) => {
  const w = surface.worldAt(ev);
  if (!w) return;
  const inspect = ev.shiftKey || document.querySelector<HTMLInputElement>('input[name=mode]:checked')?.value === 'inspect';
  if (inspect) return update({ inspect: [round(w[0]), round(w[1])] }, false);
  dragging = true;
  surface.canvas.setPointerCapture(ev.pointerId);
  update({ x0: [round(w[0]), round(w[1])] }, false);
});
surface.canvas.addEventListener('pointermove', (ev) => {
  if (!dragging) return;
  const w = surface.worldAt(ev);
  if (w) update({ x0: [round(w[0]), round(w[1])] }, false);
});
surface.canvas.addEventListener('pointerup', () => {
  if (dragging) (dragging = false), animate(true);
});
$('tanh').addEventListener('pointerdown', (ev) => {
  const c = ev.currentTarget as HTMLCanvasElement, r = c.getBoundingClientRect();
  const px = ((ev.clientX - r.left) * c.width) / r.width;
  if (tanhFrame) update({ w0: Math.max(-6, Math.min(6, round(tanhFrame.wx(px)))) });
});
window.addEventListener('hashchange', () => {
  if (location.hash === toHash(state)) return;
  state = parseHash(location.hash, fnIds);
  syncControls();
  render();
});

syncControls();
render();
