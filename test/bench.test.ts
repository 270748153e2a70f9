/// <reference types="node" />
// Smoke test of `optima bench`: the built CLI runs the linalg suite with --quick and writes a
// well-formed JSON report and a self-contained HTML page. Speed itself is not asserted here
// (that is what BENCHMARKS.md is for); only that every case was measured.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli', 'index.js');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Case { workload: string; impl: string; role: string; opsPerSec: number; margin: number; samples: number; error?: string }

describe('optima bench', () => {
  it('linalg --quick writes a JSON report with every case measured, and an HTML report', async () => {
    expect(existsSync(cli), 'run npm run build first').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'optima-bench-'));
    try {
      const json = join(dir, 'r.json'), html = join(dir, 'r.html'), md = join(dir, 'r.md');
      const { code, stdout, stderr } = await run(['bench', 'linalg', '--quick', '--json', json, '--html', html, '--markdown', md]);
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/── linalg/);
      const report = JSON.parse(readFileSync(json, 'utf8'));
      const env = report.environment;
      expect(env.node).toBe(process.version);
      expect(typeof env.cpu).toBe('string');
      expect(env.cores).toBeGreaterThan(0);
      expect(['simd', 'scalar', 'js']).toContain(env.backend);
      expect(env.quick).toBe(true);
      expect(Number.isNaN(Date.parse(env.date))).toBe(false);
      expect(report.suites).toHaveLength(1);
      const suite = report.suites[0];
      expect(suite.suite).toBe('linalg');
      const cases: Case[] = suite.cases;
      const workloads = ['dot n=1000', 'dot n=100000', 'dot n=1000000', 'matvec n=16', 'matvec n=64', 'matvec n=256', 'matvec n=1024', 'matvec n=4096', 'solve SPD n=256'];
      expect(suite.workloads.map((w: { workload: string }) => w.workload)).toEqual(workloads);
      for (const w of workloads) {
        for (const impl of ['optima simd', 'optima scalar', 'optima (copying arrays)', 'js Float64Array loop', 'numeric.js', 'ml-matrix', 'mathjs']) {
          const c = cases.find((x) => x.workload === w && x.impl === impl);
          expect(c, `${w} · ${impl}`).toBeDefined();
          expect(c!.error, `${w} · ${impl}`).toBeUndefined();
          expect(c!.opsPerSec, `${w} · ${impl}`).toBeGreaterThan(0);
          expect(Number.isFinite(c!.margin)).toBe(true);
          expect(c!.samples).toBeGreaterThanOrEqual(2);
        }
      }
      for (const w of suite.workloads) {
        expect(w.vsPeer).toBeGreaterThan(0);
        expect(w.optima.impl).toBe('optima simd');
      }
      // the native column is present exactly when python/numpy are, and its absence is explained
      if (suite.native.available) expect(cases.filter((c) => c.role === 'native')).toHaveLength(workloads.length);
      else expect(suite.native.reason).toMatch(/\w/);
      expect(suite.memory.wasmPeakBytes).toBeGreaterThan(0);
      expect(suite.memory.jsHeapPeakBytes).toBeGreaterThan(0);
      expect(suite.checks.find((c: { name: string }) => /2048/.test(c.name))?.ok).toBe(true);
      const page = readFileSync(html, 'utf8');
      expect(page).toMatch(/<canvas id="c0">/);
      expect(page).not.toMatch(/<script[^>]+src=/); // Chart.js inlined, no CDN
      expect(page.length).toBeGreaterThan(150_000); // chart.min.js is ~200 kB
      expect(readFileSync(md, 'utf8')).toMatch(/\| matvec n=4096 \|/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('--only measures just the workloads whose name contains the text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'optima-bench-'));
    try {
      const json = join(dir, 'r.json');
      const { code, stderr } = await run(['bench', 'linalg', '--quick', '--no-native', '--only', 'MATVEC n=16', '--json', json]);
      expect(code, stderr).toBe(0);
      const suite = JSON.parse(readFileSync(json, 'utf8')).suites[0];
      expect(suite.workloads.map((w: { workload: string }) => w.workload)).toEqual(['matvec n=16']);
      expect(new Set(suite.cases.map((c: Case) => c.workload))).toEqual(new Set(['matvec n=16']));
      expect(suite.checks).toEqual([]); // the suite's checks name other workloads
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('reports unknown suites and bad options without running anything', async () => {
    const r = await run(['bench', 'nosuch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown suite nosuch/);
    const r2 = await run(['bench', '--reps', '0']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--reps/);
  });
});

describe('bench ratios', () => {
  it('vsPeer pairs repetitions: the median of per-repetition ratios, not the ratio of medians', async () => {
    const { pairedRatio, summarize } = await import('../bench/harness.js');
    const c = (impl: string, role: 'optima' | 'peer', reps: number[]) =>
      ({ workload: 'w', impl, role, opsPerSec: [...reps].sort((x, y) => x - y)[reps.length >> 1]!, margin: 0, samples: 1, reps });
    // load changed between repetitions: each repetition says 2×, the medians say 0.5×
    const a = c('optima', 'optima', [10, 20, 100]), b = c('js', 'peer', [5, 40, 50]);
    expect(pairedRatio(a, b)).toBe(2);
    expect(summarize([a, b], { w: { vsPeer: 1.5 } })[0]!.vsPeer).toBe(2);
    // unpaired (different repetition counts): the ratio of medians
    expect(pairedRatio(c('optima', 'optima', [10, 20, 100]), c('js', 'peer', [5, 40]))).toBe(20 / 40);
  });
});
