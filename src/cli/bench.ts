// `optima bench [suite…] [--json file] [--html file] [--markdown file] [--quick]`: runs the
// benchmark suites in bench/ (see bench/README.md for the suite interface), prints a summary per
// suite and writes JSON and a self-contained HTML report (bench/results/latest.* by default).
// Suites are TypeScript compiled with esbuild at run time into bench/results/.build, with every
// import of the package mapped to this package's dist/index.js, so suites and runner share one
// instance of the kernels.
/// <reference types="node" />
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

/** The suites `optima bench` knows, in run order. Absent ones are reported, not fatal. */
export const SUITES = ['linalg', 'eigen', 'solvers', 'constrained', 'plot'] as const;
const SOURCE_EXTENSIONS = ['.ts', '.mts', '.mjs', '.js'];

const root = fileURLToPath(new URL('../../', import.meta.url));
const benchDir = join(root, 'bench');
// per process, so concurrent runs (a test and a manual run) never share compiled files
const buildDir = join(benchDir, 'results', '.build', String(process.pid));

// The parts of bench/harness.ts and bench/report.ts the runner uses (they live outside src/).
interface SuiteResult { suite: string }
interface Progress { suite: string; index: number; total: number; rep: number; reps: number; workload: string; impl: string }
interface CaseResult { workload: string; impl: string; opsPerSec: number; margin: number; samples: number; error?: string }
interface Harness {
  createContext(o: {
    quick: boolean; reps: number; python?: string; nativeScript: string; only?: string;
    onCase?: (p: Progress) => void; onResult?: (suite: string, r: CaseResult) => void; log?: (l: string) => void;
  }): unknown;
}
interface Report { environment: { loadavg: { end?: number[] } }; suites: SuiteResult[]; missingSuites: string[] }
interface Reporter {
  environment(backend: string, quick: boolean, reps: number, note?: string): Report['environment'];
  formatSuite(s: SuiteResult): string;
  fmtOps(x: number): string;
  toHtml(r: Report, chartJs: string | undefined): string;
  toMarkdown(r: Report): string;
}

export interface BenchOptions {
  suites: string[];
  json?: string;
  html?: string;
  markdown?: string;
  quick: boolean;
  reps?: number;
  python?: string;
  note?: string;
  /** Re-render --html/--markdown from a saved JSON report instead of measuring. */
  from?: string;
  /** Measure only the workloads whose name contains this text (and the checks that name it). */
  only?: string;
}

const USAGE = `usage: optima bench [suite…] [--quick] [--json file] [--html file] [--markdown file]
                    [--reps n] [--python path | --no-native] [--note text] [--from results.json]
                    [--only text]  (only the workloads whose name contains text)
suites: ${SUITES.join(', ')} (default: all present)`;

export function parseArgs(args: string[]): BenchOptions | string {
  const o: BenchOptions = { suites: [], quick: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--quick') o.quick = true;
      else if (a === '--json') o.json = value();
      else if (a === '--html') o.html = value();
      else if (a === '--markdown') o.markdown = value();
      else if (a === '--python') o.python = value();
      else if (a === '--no-native') o.python = '';
      else if (a === '--note') o.note = value();
      else if (a === '--from') o.from = value();
      else if (a === '--only') o.only = value();
      else if (a === '--reps') {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 50) return `--reps must be an integer in 1..50`;
        o.reps = n;
      } else if (a === '--help' || a === '-h') return USAGE;
      else if (a.startsWith('-')) return `unknown option ${a}\n${USAGE}`;
      else o.suites.push(a);
    } catch (e) {
      return `${(e as Error).message}\n${USAGE}`;
    }
  }
  return o;
}

function sourceOf(name: string): string | undefined {
  for (const ext of SOURCE_EXTENSIONS) {
    const p = join(benchDir, name + ext);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Compiles harness, report and the TypeScript suites; returns each module's file URL. */
async function compile(files: string[]): Promise<Map<string, string>> {
  const ts = files.filter((f) => f.endsWith('.ts') || f.endsWith('.mts'));
  const urls = new Map<string, string>();
  for (const f of files) if (!ts.includes(f)) urls.set(f, pathToFileURL(f).href);
  if (!ts.length) return urls;
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('the suites in bench/ are TypeScript and need esbuild (npm install -D esbuild) to run');
  }
  const pkg = pathToFileURL(join(root, 'dist', 'index.js')).href;
  const result = await esbuild.build({
    entryPoints: ts,
    outdir: buildDir,
    outbase: benchDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
    write: true,
    metafile: true,
    plugins: [{
      // 'optima', '../dist/index.js' or '../src/index.js': all are this package's one instance
      name: 'optima-self',
      setup(b) {
        b.onResolve({ filter: /^optima$|(^|\/)(dist|src)\/index(\.js|\.ts)?$/ }, () => ({ path: pkg, external: true }));
      },
    }],
  });
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint) urls.set(resolve(root, meta.entryPoint), pathToFileURL(resolve(out)).href);
  }
  return urls;
}

function chartJsSource(): string | undefined {
  try {
    const require = createRequire(join(root, 'package.json'));
    return readFileSync(require.resolve('chart.js/dist/chart.min.js'), 'utf8');
  } catch {
    return undefined;
  }
}

function write(file: string, text: string): string {
  const p = resolve(file);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

/** Progress: a rewritten status line on a TTY, nothing per case otherwise (results are printed). */
function progressDisplay(tty: boolean, reporter: Reporter): { onCase: (p: Progress) => void; onResult: (s: string, r: CaseResult) => void; clear: () => void } {
  const out = process.stderr;
  let shown = false;
  return {
    onCase(p) {
      if (!tty) return;
      const left = p.total - p.index;
      const rep = p.reps > 1 ? ` rep ${p.rep}/${p.reps}` : '';
      const line = `[${p.suite}] ${p.index}/${p.total}${rep} · ${p.workload} · ${p.impl} (${left} left)`;
      out.write(`\r\x1b[2K${line.slice(0, (out.columns || 100) - 1)}`);
      shown = true;
    },
    onResult(suite, r) {
      if (tty) return;
      const what = r.error ? `error: ${r.error}` : `${reporter.fmtOps(r.opsPerSec)} ops/s ±${r.margin.toFixed(1)}% (${r.samples} samples)`;
      console.log(`${suite}\t${r.workload}\t${r.impl}\t${what}`);
    },
    clear() {
      if (shown) out.write('\r\x1b[2K');
      shown = false;
    },
  };
}

export async function runBench(args: string[]): Promise<void> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    console.error(parsed);
    process.exitCode = parsed === USAGE ? 0 : 2;
    return;
  }
  const o = parsed;
  const unknown = o.suites.filter((s) => !(SUITES as readonly string[]).includes(s));
  if (unknown.length) {
    console.error(`unknown suite${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const requested = o.suites.length ? o.suites : [...SUITES];
  const present = requested.filter((s) => sourceOf(s));
  const missingSuites = requested.filter((s) => !sourceOf(s));
  for (const s of missingSuites) console.log(`suite ${s} not present (no bench/${s}.ts): skipped`);

  let urls: Map<string, string>;
  const modules = new Map<string, unknown>();
  try {
    urls = await compile([join(benchDir, 'harness.ts'), join(benchDir, 'report.ts'), ...present.map((s) => sourceOf(s)!)]);
    for (const [file, url] of urls) modules.set(file, await import(url));
  } catch (e) {
    console.error(`optima bench: could not load the suites: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
    return;
  } finally {
    rmSync(buildDir, { recursive: true, force: true }); // loaded modules no longer need their files
  }
  const harness = modules.get(join(benchDir, 'harness.ts')) as Harness;
  const reporter = modules.get(join(benchDir, 'report.ts')) as Reporter;

  let report: Report;
  if (o.from) {
    report = JSON.parse(readFileSync(resolve(o.from), 'utf8')) as Report;
  } else {
    const { backend } = (await import('../index.js')) as { backend: string };
    const reps = o.reps ?? (o.quick ? 1 : 3);
    const tty = Boolean(process.stderr.isTTY);
    const progress = progressDisplay(tty, reporter);
    const ctx = harness.createContext({
      quick: o.quick, reps, python: o.python, nativeScript: join(benchDir, 'native.py'), only: o.only,
      onCase: progress.onCase, onResult: progress.onResult,
      log: (l) => { progress.clear(); console.log(l); },
    });
    report = { tool: 'optima bench', version: pkgVersion(), environment: reporter.environment(backend, o.quick, reps, o.note), suites: [], missingSuites } as Report;
    for (const name of present) {
      const mod = modules.get(sourceOf(name)!) as { run?: (ctx: unknown) => Promise<SuiteResult> };
      if (typeof mod.run !== 'function') {
        console.log(`suite ${name} does not export run(ctx): skipped`);
        report.missingSuites.push(name);
        continue;
      }
      try {
        const result = await mod.run(ctx);
        progress.clear();
        if (!isSuiteResult(result)) {
          console.log(`suite ${name} returned no SuiteResult (see bench/README.md for the interface): not reported`);
          process.exitCode = 1;
          continue;
        }
        report.suites.push(result);
        console.log(reporter.formatSuite(result));
      } catch (e) {
        progress.clear();
        console.log(`suite ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        process.exitCode = 1;
      }
    }
    const os = await import('node:os');
    report.environment.loadavg.end = os.loadavg().map((x) => +x.toFixed(2));
  }

  const jsonPath = o.json ?? (o.from ? undefined : join(benchDir, 'results', 'latest.json'));
  const htmlPath = o.html ?? (o.from || o.json ? undefined : join(benchDir, 'results', 'latest.html'));
  if (jsonPath) console.log(`json: ${write(jsonPath, JSON.stringify(report, null, 2) + '\n')}`);
  if (htmlPath) console.log(`html: ${write(htmlPath, reporter.toHtml(report, chartJsSource()))}`);
  if (o.markdown) console.log(`markdown: ${write(o.markdown, reporter.toMarkdown(report))}`);
}

function isSuiteResult(r: unknown): r is SuiteResult {
  const s = r as { suite?: unknown; cases?: unknown; workloads?: unknown } | undefined;
  return typeof s === 'object' && s !== null && typeof s.suite === 'string' && Array.isArray(s.cases) && Array.isArray(s.workloads);
}

function pkgVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
