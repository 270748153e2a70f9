/// <reference types="node" />
// optima in a real browser (Debian's Chromium via playwright-core): a plain static page with an
// import map, a Vite production build, an esbuild bundle, and a page whose Content-Security-Policy
// forbids WebAssembly. Each page runs test/browser/probe.js; Node runs the same probe here, and the
// two must agree to the last bit on every backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import * as optima from '../src/index.js';
import { probe } from './browser/probe.js';
import { ARTIFACTS, CHROMIUM, ROOT, chromiumMissing, launchChromium, serveRepo, watchErrors, type StaticServer } from './helpers/browser.js';

type Computed = Record<string, unknown> & { backend: string; solveResidual?: number; error?: string };
type Probed = { initial: Computed; perBackend: Record<string, Computed>; error?: string };

const DIST = join(ROOT, 'dist', 'index.js');
const CSP = "script-src 'self'";
const hasEig = typeof (optima as Record<string, unknown>).eigSym === 'function';
const hasMinimize = typeof (optima as Record<string, unknown>).minimize === 'function';

let browser: Browser | undefined;
let server: StaticServer | undefined;
let node: Probed;

async function buildViteApp(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'error',
    root: join(ROOT, 'test', 'browser', 'vite-app'),
    base: './',
    publicDir: join(ROOT, 'test', 'browser', 'public'),
    // 'optima' is the package root itself, resolved through its package.json "exports" (as a
    // file: dependency would be), not a path into dist/.
    resolve: { alias: { optima: ROOT.replace(/\/$/, '') } },
    build: { outDir: join(ARTIFACTS, 'vite-app'), emptyOutDir: true, target: 'es2022' },
  });
}

async function buildEsbuildBundle(): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'browser', 'esbuild-entry.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    alias: { optima: DIST },
    outfile: join(ARTIFACTS, 'esbuild', 'bundle.js'),
    logLevel: 'error',
  });
}

/** Opens a page, waits for its probe and returns the result; fails on any page error. */
async function run(path: string, allowConsole: RegExp | null = null): Promise<Probed> {
  const page = await browser!.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(server!.origin + path);
    await page.waitForFunction(() => (window as { __result?: unknown }).__result !== undefined, null, { timeout: 15_000 });
    const result = (await page.evaluate(() => (window as { __result?: unknown }).__result)) as Probed;
    expect(result.error, 'the page threw').toBeUndefined();
    expect(errors.filter((e) => !(allowConsole && allowConsole.test(e)))).toEqual([]);
    return result;
  } finally {
    await page.close();
  }
}

/** Whatever the build has, the page's numbers equal Node's bit for bit. */
function expectSameBits(page: Computed, expected: Computed): void {
  expect(Object.keys(page).sort()).toEqual(Object.keys(expected).sort());
  expect(page).toEqual(expected);
}

describe.skipIf(chromiumMissing)(`optima in Chromium${chromiumMissing ? ` (SKIPPED: ${CHROMIUM} is missing)` : ''}`, () => {
  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` first (npm test does it)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    node = (await probe(optima)) as Probed;
    expect(node.initial.backend).toBe('simd');
    for (const name of ['simd', 'scalar', 'js']) expect(node.perBackend[name]?.error).toBeUndefined();
    const launched = launchChromium();
    [server] = await Promise.all([
      serveRepo((path) => (path === '/test/browser/csp.html' ? { 'content-security-policy': CSP } : {})),
      buildViteApp(),
      buildEsbuildBundle(),
    ]);
    browser = await launched;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('plain static page: <script type="module"> + import map, no bundler', () => {
    let page: Probed;
    beforeAll(async () => {
      page = await run('/test/browser/static.html');
    });
    it('chooses the SIMD build', () => {
      expect(page.initial.backend).toBe('simd');
    });
    it('dot, matvec and solve (Cholesky and LU) equal Node to the last bit', () => {
      expectSameBits(page.initial, node.perBackend.simd!);
      expect(page.initial.matvec).toHaveLength(37);
    });
    it('solves correctly: ‖Ax − b‖∞ of the SPD system is at rounding level', () => {
      expect(page.initial.solveResidual).toBeLessThan(1e-12 * 19 * 40);
    });
    it('every backend, switched with setBackend, equals the same backend in Node', () => {
      for (const name of ['simd', 'scalar', 'js']) {
        expect(page.perBackend[name]!.backend).toBe(name);
        expectSameBits(page.perBackend[name]!, node.perBackend[name]!);
      }
    });
    it.skipIf(!hasEig)('eigSym values and vectors equal Node to the last bit', () => {
      expect(page.initial.eigValues).toEqual(node.perBackend.simd!.eigValues);
      expect(page.initial.eigVectors).toEqual(node.perBackend.simd!.eigVectors);
    });
    it.skipIf(!hasMinimize)('a BFGS run on Rosenbrock equals Node to the last bit', () => {
      expect(page.initial.minimize).toEqual(node.perBackend.simd!.minimize);
      expect((page.initial.minimize as { status: string }).status).toBe('converged');
    });
  });

  for (const forced of ['scalar', 'js'] as const) {
    it(`static page with SIMD disabled (OPTIMA_BACKEND='${forced}' before import) uses ${forced} and equals Node`, async () => {
      const page = await run(`/test/browser/static.html?backend=${forced}`);
      expect(page.initial.backend).toBe(forced);
      expectSameBits(page.initial, node.perBackend[forced]!);
    });
  }

  describe('Vite production build of an app that imports optima by name', () => {
    it('chooses SIMD and equals Node to the last bit', async () => {
      const page = await run('/test/artifacts/vite-app/index.html');
      expect(page.initial.backend).toBe('simd');
      expectSameBits(page.initial, node.perBackend.simd!);
      expectSameBits(page.perBackend.js!, node.perBackend.js!);
    });
    it('falls back to the scalar build when forced, and equals Node', async () => {
      const page = await run('/test/artifacts/vite-app/index.html?backend=scalar');
      expect(page.initial.backend).toBe('scalar');
      expectSameBits(page.initial, node.perBackend.scalar!);
    });
  });

  it('esbuild bundle: chooses SIMD and equals Node to the last bit', async () => {
    const page = await run('/test/browser/esbuild.html');
    expect(page.initial.backend).toBe('simd');
    expectSameBits(page.initial, node.perBackend.simd!);
  });

  describe(`page served with Content-Security-Policy: ${CSP} (no 'wasm-unsafe-eval')`, () => {
    let page: Probed;
    beforeAll(async () => {
      // Chromium reports each refused WebAssembly compile on the console; that is the point.
      page = await run('/test/browser/csp.html', /WebAssembly|wasm|Content Security Policy/i);
    });
    it("imports optima and reports backend === 'js'", () => {
      expect(page.initial.backend).toBe('js');
    });
    it('solves correctly, equal to the js backend in Node to the last bit', () => {
      expectSameBits(page.initial, node.perBackend.js!);
      expect(page.initial.solveResidual).toBeLessThan(1e-12 * 19 * 40);
    });
    it('refuses to switch to the WebAssembly builds, with INVALID_OPTION', () => {
      for (const name of ['simd', 'scalar']) expect(page.perBackend[name]!.error).toMatch(/not available|SIMD|WebAssembly/i);
    });
  });
});
