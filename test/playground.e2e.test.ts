/// <reference types="node" />
// End to end: build the playground with Vite (production), open it in Chromium, and check what it
// drew and reported against independent truth computed here. Screenshots go to test/artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as optima from '../src/index.js';
import { findFunction } from '../playground/src/functions.js';
import { ARTIFACTS, CHROMIUM, ROOT, chromiumMissing, launchChromium, serveRepo, watchErrors, type StaticServer } from './helpers/browser.js';

const lib = optima as unknown as Record<string, (...a: unknown[]) => unknown>;
const hasMinimize = typeof lib.minimize === 'function' && typeof lib.objective === 'function';
const hasPenalty = hasMinimize && typeof lib.problem === 'function' && typeof lib.penalized === 'function';

let browser: Browser | undefined;
let server: StaticServer | undefined;
const PAGE = '/test/artifacts/playground/index.html';
const SHOWCASE = '#view=descent&fn=rosenbrock&x0=-1.2,1&solvers=gd,momentum,nesterov,adam,bfgs,newton&alpha=0.001&iters=500&inspect=1,1';

type Published = {
  backend: string;
  timing: { evaluate: number; paint: number; solveMs: number; where: string };
  runs: { method: string; error?: string; status?: string; iterations?: number; x: number[] | null; fx?: number }[];
  penalty: { r: number; x: [number, number]; c: number }[];
  reference?: { x: [number, number]; multiplier: number; status: string; violation: number };
  point: { kind: string; values: [number, number]; grad: [number, number] } | null;
  convexVerdict: { convex: boolean; counterexample?: { x: Record<string, number>; y: Record<string, number>; lambda: number; gap: number } } | null;
  tanh?: { status?: string; iterations?: number; w?: number; error?: string };
  state: { x0: [number, number] };
};

async function open(hash: string): Promise<{ page: Page; pub: Published; errors: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(server!.origin + PAGE + hash);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  await page.waitForFunction(() => document.body.dataset.animating !== 'true', null, { timeout: 15_000 });
  const pub = (await page.evaluate(() => (window as unknown as { __playground: unknown }).__playground)) as Published;
  return { page, pub, errors };
}

/** Distinct colours and the share of non-white pixels in a canvas region: a blank canvas has 1 and 0. */
async function inkOf(page: Page, id: string, region?: [number, number, number, number]) {
  return page.evaluate(([id, region]) => {
    const c = document.getElementById(id as string) as HTMLCanvasElement;
    const [x, y, w, h] = (region as number[] | undefined) ?? [0, 0, c.width, c.height];
    const d = c.getContext('2d')!.getImageData(x!, y!, w!, h!).data;
    const colours = new Set<number>();
    let ink = 0;
    for (let k = 0; k < d.length; k += 4) {
      colours.add((d[k]! << 16) | (d[k + 1]! << 8) | d[k + 2]!);
      if (d[k + 3]! > 0 && (d[k]! < 250 || d[k + 1]! < 250 || d[k + 2]! < 250)) ink++;
    }
    return { colours: colours.size, inkShare: ink / (d.length / 4) };
  }, [id, region] as const);
}

describe.skipIf(chromiumMissing)(`the built playground in Chromium${chromiumMissing ? ` (SKIPPED: ${CHROMIUM} is missing)` : ''}`, () => {
  beforeAll(async () => {
    const { build } = await import('vite');
    const launched = launchChromium();
    await build({
      configFile: join(ROOT, 'playground', 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: join(ARTIFACTS, 'playground'), emptyOutDir: true },
    });
    server = await serveRepo();
    browser = await launched;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws Rosenbrock contours, inspects (1, 1) as a minimum with the right eigenvalues, and runs BFGS and gd', async () => {
    const { page, pub, errors } = await open(SHOWCASE);
    // Contour timing once the page is warm: switch functions and keep the best of a few redraws.
    const times: string[] = [];
    for (const id of ['himmelblau', 'beale', 'rosenbrock', 'himmelblau', 'beale']) {
      await page.selectOption('#fn', id);
      const t = (await page.evaluate(() => (window as unknown as { __playground: Published }).__playground.timing)) as Published['timing'];
      times.push(`${t.evaluate.toFixed(1)} + ${t.paint.toFixed(1)}`);
    }
    console.info(`playground: 400×400 contours (evaluate + paint), first ${pub.timing.evaluate.toFixed(1)} + ${pub.timing.paint.toFixed(1)} ms, ` +
      `then ${times.join(' / ')} ms (Chromium, this machine)`);
    // Back to the showcase through the hash alone (no reload): the page follows the URL.
    await page.evaluate((h) => (location.hash = h), SHOWCASE);
    await page.waitForFunction(() => (window as unknown as { __playground: { state: { inspect: unknown } } }).__playground.state.inspect !== null);
    await page.waitForFunction(() => document.body.dataset.animating !== 'true');
    expect(await page.inputValue('#fn')).toBe('rosenbrock');
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png') });
    expect(errors).toEqual([]);
    expect(pub.backend).toBe('simd');
    expect(pub.timing.where).toMatch(/WebAssembly/);

    // Not blank: the plot area holds the 20 contour bands and more (lines, paths, markers).
    const plot = await inkOf(page, 'contour', [60, 16, 400, 400]);
    expect(plot.colours).toBeGreaterThanOrEqual(20);
    expect(plot.inkShare).toBeGreaterThan(0.9);

    // Hessian of Rosenbrock at (1, 1) is [[802, −400], [−400, 200]]: λ = 501 ∓ √(301² + 400²).
    const r = Math.sqrt(301 * 301 + 400 * 400);
    expect(pub.point!.kind).toBe('minimum');
    expect(Math.max(...pub.point!.grad.map(Math.abs))).toBe(0);
    expect(Math.abs(pub.point!.values[0] - (501 - r))).toBeLessThan(1e-12 * 1002);
    expect(Math.abs(pub.point!.values[1] - (501 + r))).toBeLessThan(1e-12 * 1002);
    expect(await page.textContent('#inspect')).toContain('local minimum');

    if (!hasMinimize) {
      console.warn('playground e2e: optima.minimize is not in this build: solver checks skipped (the page must say so)');
      expect(pub.runs.map((x) => x.error)).toEqual(Array(6).fill('optima.minimize is not in this build'));
      expect(await page.isVisible('#notice')).toBe(true);
      return;
    }
    // Node runs the same solve; the page must report exactly the same point and iteration count.
    const fn = findFunction('rosenbrock');
    const obj = lib.objective!({
      dim: 2,
      f: (x: Float64Array) => fn.f(x[0]!, x[1]!),
      gradient: (x: Float64Array, out: Float64Array) => void out.set(fn.grad(x[0]!, x[1]!)),
      hessian: (x: Float64Array) => fn.hess(x[0]!, x[1]!),
    });
    const node = lib.minimize!(obj, [-1.2, 1], { method: 'bfgs', maxIterations: 500, history: true }) as { x: Float64Array; iterations: number; status: string };
    const bfgs = pub.runs.find((x) => x.method === 'bfgs')!;
    expect(bfgs.status).toBe('converged');
    expect(bfgs.iterations).toBe(node.iterations);
    expect(bfgs.x).toEqual(Array.from(node.x));
    expect(Math.abs(bfgs.x![0]! - 1)).toBeLessThan(1e-6);
    expect(Math.abs(bfgs.x![1]! - 1)).toBeLessThan(1e-6);
    expect(await page.textContent('#results tr[data-solver="bfgs"] td:nth-child(3)')).toBe(String(node.iterations));
    // gd with α = 1e-3 cannot finish Rosenbrock in 500 steps: the page must not claim it did.
    expect(pub.runs.find((x) => x.method === 'gd')!.status).toBe('max-iterations');
    const chart = await inkOf(page, 'chart-g');
    expect(chart.colours).toBeGreaterThan(3);
    await page.close();
  });

  it('the Vite dev server (npm run playground) serves a working page', async () => {
    const { createServer } = await import('vite');
    const dev = await createServer({ configFile: join(ROOT, 'playground', 'vite.config.ts'), logLevel: 'error', server: { port: 0, strictPort: false } });
    await dev.listen();
    try {
      const url = dev.resolvedUrls!.local[0]!;
      const page = await browser!.newPage();
      const errors = watchErrors(page);
      await page.goto(url + '#fn=himmelblau&solvers=lbfgs');
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      const pub = (await page.evaluate(() => (window as unknown as { __playground: unknown }).__playground)) as Published;
      expect(pub.backend).toBe('simd');
      expect(errors).toEqual([]);
      if (hasMinimize) expect(pub.runs[0]!.status).toBe('converged');
      await page.close();
    } finally {
      await dev.close();
    }
  });

  it('keeps the whole state in the URL: a click moves x0, the hash follows, and the link reproduces it', async () => {
    const { page, errors } = await open('#view=descent&fn=himmelblau&x0=0,0&solvers=bfgs&iters=100');
    const box = (await page.locator('#contour').boundingBox())!;
    // Pixel (60 + 300, 16 + 100) of the 400×400 frame over [-5, 5]² is (2.5, 2.5) at pixel centres ± 1 px.
    await page.mouse.click(box.x + 1 + 360, box.y + 1 + 116);
    await page.waitForFunction(() => !location.hash.includes('x0=0%2C0'), null, { timeout: 5000 });
    const x0 = (await page.evaluate(() => (window as unknown as { __playground: Published }).__playground.state.x0)) as [number, number];
    expect(Math.abs(x0[0] - 2.5)).toBeLessThan(0.03);
    expect(Math.abs(x0[1] - 2.5)).toBeLessThan(0.03);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('fn=himmelblau');
    expect(decodeURIComponent(hash)).toContain(`x0=${x0[0]},${x0[1]}`);
    // Drag x0 across the plot: every move recomputes the paths (Distill-style), no errors.
    await page.mouse.move(box.x + 1 + 360, box.y + 1 + 116);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + 1 + 360 - 20 * k, box.y + 1 + 116 + 20 * k);
    await page.mouse.up();
    const dragged = (await page.evaluate(() => (window as unknown as { __playground: Published }).__playground.state.x0)) as [number, number];
    expect(Math.abs(dragged[0] - (2.5 - 5))).toBeLessThan(0.03); // 200 px left = −5 in x
    expect(Math.abs(dragged[1] - (2.5 - 5))).toBeLessThan(0.03);
    const again = await open(hash);
    expect(again.pub.state.x0).toEqual(x0);
    expect(await again.page.inputValue('#fn')).toBe('himmelblau');
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
    await page.close();
    await again.page.close();
  });

  it('convexity shading (eigSym2x2Batch over the grid): tints Himmelblau\'s local maximum, not its minimum', async () => {
    const hash = '#view=descent&fn=himmelblau&x0=0,0&solvers=';
    const plain = await open(hash);
    const shaded = await open(hash + '&convex=1');
    expect(plain.errors).toEqual([]);
    expect(shaded.errors).toEqual([]);
    await shaded.page.screenshot({ path: join(ARTIFACTS, 'playground-convexity.png') });
    const rgb = (page: Page, x: number, y: number) =>
      page.evaluate(([x, y]) => Array.from((document.getElementById('contour') as HTMLCanvasElement).getContext('2d')!.getImageData(x!, y!, 1, 1).data), [x, y]);
    // Frame: left 60, top 16, 40 px per unit over [-5, 5]². Local maximum ≈ (−0.2708, −0.9230): H negative definite.
    const at = (x: number, y: number): [number, number] => [Math.round(60 + (x + 5) * 40), Math.round(16 + (5 - y) * 40)];
    const [mx, my] = at(-0.2708, -0.923), [cx, cy] = at(3.5, 2.5);
    if (!lib.eigSym2x2Batch) {
      expect(await shaded.page.textContent('#convexity-note')).toMatch(/eigSym2x2Batch/);
    } else {
      const before = await rgb(plain.page, mx, my), after = await rgb(shaded.page, mx, my);
      expect(after[0]! - after[2]!).toBeGreaterThan(before[0]! - before[2]! + 40); // much redder
      // near the minimum (3, 2) f is convex: untouched
      expect(await rgb(shaded.page, cx, cy)).toEqual(await rgb(plain.page, cx, cy));
    }
    if (lib.checkConvexity) {
      // The page's counterexample chord must really lie below Himmelblau: recompute the gap here.
      const v = shaded.pub.convexVerdict!;
      expect(v.convex).toBe(false);
      const { x, y, lambda, gap } = v.counterexample!;
      const f = findFunction('himmelblau').f;
      const mid = f(lambda * x[0]! + (1 - lambda) * y[0]!, lambda * x[1]! + (1 - lambda) * y[1]!);
      const chord = lambda * f(x[0]!, x[1]!) + (1 - lambda) * f(y[0]!, y[1]!);
      expect(mid - chord).toBeGreaterThan(0);
      expect(Math.abs(mid - chord - gap)).toBeLessThan(1e-9 * Math.max(1, Math.abs(chord)));
      expect(await shaded.page.textContent('#convexity-note')).toMatch(/not convex/);
      const para = await open('#view=descent&fn=paraboloid&x0=0,0&solvers=&convex=1');
      expect(para.pub.convexVerdict!.convex).toBe(true);
      expect(await para.page.textContent('#convexity-note')).toMatch(/no counterexample/);
      await para.page.close();
    }
    await plain.page.close();
    await shaded.page.close();
  });

  it('a typed expression: contours in JavaScript, and BFGS (finite-difference gradients) finds its minimum', async () => {
    const expr = encodeURIComponent('(x - 1)^2 + 3*(y + 2)^2 + 0.5');
    const { page, pub, errors } = await open(`#view=descent&fn=custom&expr=${expr}&x0=0,0&solvers=bfgs&iters=200`);
    expect(errors).toEqual([]);
    expect(pub.timing.where).toBe('JavaScript');
    expect(await page.isVisible('#expr')).toBe(true);
    expect((await inkOf(page, 'contour', [60, 16, 400, 400])).colours).toBeGreaterThanOrEqual(20);
    if (hasMinimize) {
      const run = pub.runs[0]!;
      expect(run.status).toBe('converged');
      expect(Math.abs(run.x![0]! - 1)).toBeLessThan(1e-5);
      expect(Math.abs(run.x![1]! + 2)).toBeLessThan(1e-5);
      expect(Math.abs(run.fx! - 0.5)).toBeLessThan(1e-9);
    }
    // Inspecting where the expression is not defined reports it instead of breaking the page.
    const sqrt = await open(`#view=descent&fn=custom&expr=${encodeURIComponent('sqrt(x) + y^2')}&x0=1,1&solvers=bfgs&inspect=-1,0&convex=1`);
    expect(sqrt.errors).toEqual([]);
    expect(await sqrt.page.textContent('#inspect')).toMatch(/^Cannot analyse \(-1, 0\): .*NaN/);
    await sqrt.page.close();
    // A bad expression is reported, and the last good plot stays.
    await page.fill('#expr', '(x - 1)^2 +');
    expect(await page.textContent('#expr-error')).toMatch(/end of expression/);
    await page.close();
  });

  it('constrained view: shades the infeasible set; penalty iterates approach the disc as r grows', async () => {
    const { page, pub, errors } = await open('#view=constrained&fn=rosenbrock&x0=-1.2,1&constraint=disc&radius=1&rmax=6');
    await page.screenshot({ path: join(ARTIFACTS, 'playground-constrained.png') });
    expect(errors).toEqual([]);
    // Outside the unit disc (corner (-2, 3), pixel (62, 18)) is greyed: darker than inside at the same f band is hard to
    // compare, so compare with the unshaded descent view at the same pixel.
    const shaded = await inkOf(page, 'contour', [62, 18, 1, 1]);
    expect(shaded.inkShare).toBe(1);
    if (!hasPenalty) {
      console.warn('playground e2e: optima.problem / penalized / minimize missing: penalty checks skipped');
      expect(pub.penalty).toEqual([]);
      expect(await page.textContent('#inspect')).toContain('Penalty method: needs optima.');
      return;
    }
    const rows = pub.penalty;
    expect(rows).toHaveLength(7);
    for (let k = 1; k < rows.length; k++) expect(rows[k]!.c).toBeLessThanOrEqual(rows[k - 1]!.c + 1e-12);
    // The constrained minimizer of Rosenbrock on the unit disc is ≈ (0.7864, 0.6177) (Nocedal & Wright);
    // quadratic penalty with r = 1e6 leaves a violation of order 1/r.
    const last = rows[rows.length - 1]!;
    expect(Math.abs(last.x[0] - 0.7864)).toBeLessThan(2e-3);
    expect(Math.abs(last.x[1] - 0.6177)).toBeLessThan(2e-3);
    expect(last.c).toBeLessThan(1e-4);
    // minimize(problem) (augmented Lagrangian) lands on the same point, on the boundary, with α > 0:
    // at the optimum ∇f = −α∇c, so α = |∇f| / |∇c| — recompute it from the playground's Rosenbrock.
    const ref = pub.reference!;
    expect(ref.status).toBe('converged');
    expect(Math.abs(ref.x[0] - 0.7864)).toBeLessThan(1e-3);
    expect(Math.abs(ref.x[0] ** 2 + ref.x[1] ** 2 - 1)).toBeLessThan(1e-6);
    const g = findFunction('rosenbrock').grad(ref.x[0], ref.x[1]);
    expect(Math.abs(ref.multiplier - Math.hypot(g[0], g[1]) / Math.hypot(2 * ref.x[0], 2 * ref.x[1]))).toBeLessThan(1e-4 * ref.multiplier);
    expect(await page.textContent('#al-result')).toMatch(/augmented Lagrangian/);
    await page.close();
  });

  it('tanh view: plots the curves and, with minimize, shows gd crawling from the saturated tail', async () => {
    const { page, pub, errors } = await open('#view=tanh&w0=4&target=0.5&talpha=0.5');
    await page.screenshot({ path: join(ARTIFACTS, 'playground-tanh.png') });
    expect(errors).toEqual([]);
    const ink = await inkOf(page, 'tanh');
    expect(ink.colours).toBeGreaterThan(10);
    if (!hasMinimize) {
      expect(pub.tanh!.error).toMatch(/minimize/);
      return;
    }
    // From w0 = 4, |f'(w0)| ≈ 0.5·4e−8·… is tiny: gd needs far more steps than from w0 = 0.
    const fromZero = await open('#view=tanh&w0=0&target=0.5&talpha=0.5');
    expect(pub.tanh!.iterations!).toBeGreaterThan(10 * fromZero.pub.tanh!.iterations!);
    await fromZero.page.close();
    await page.close();
  });
});
