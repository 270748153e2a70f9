/// <reference types="node" />
// The suite interface of `optima bench` (see bench/README.md) and the measuring loop: every case
// runs as its own benny suite (suite/add/cycle/complete) after its own setup and a warm-up, the
// whole list is repeated `reps` times with the cases interleaved, and each case reports the
// median over repetitions of its per-run median ops/s.
import benny from 'benny';
import { spawn } from 'node:child_process';
import { memoryBytes } from 'optima';

/** Who a case speaks for: the headline optima path, another optima path, a JS library, numpy. */
export type Role = 'optima' | 'optima-variant' | 'peer' | 'native';

/** What setup returns: the function to time, or it with a teardown that frees what setup made. */
export type CaseBody = (() => unknown) | { run: () => unknown; teardown?: () => void };

export interface CaseSpec {
  /** The row of the tables, e.g. 'matvec n=256'. */
  workload: string;
  /** The column, e.g. 'optima simd', 'numeric.js'. */
  impl: string;
  role: Role;
  /** Builds operands (outside the timing) and returns the body. A throw marks the case failed. */
  setup: () => CaseBody | Promise<CaseBody>;
  /** Bytes one call must stream from memory, for GB/s (matvec: 8·n² + 16·n). */
  bytesPerOp?: number;
}

/** Targets: optima's ops/s ≥ vsPeer × the best JS peer's, and ≥ vsNative × numpy's. */
export interface Target {
  vsPeer?: number;
  vsNative?: number;
}

export interface SuiteDefinition {
  suite: string;
  cases: CaseSpec[];
  /** workload → native.py spec (e.g. 'matvec n=256' → 'matvec:256'). */
  native?: Record<string, string>;
  targets?: Record<string, Target>;
  /** Extra checks run once after the measurements (e.g. "no allocation per call once warm"). */
  checks?: Array<{ name: string; run: () => { ok: boolean; detail: string } }>;
}

export interface CaseResult {
  workload: string;
  impl: string;
  role: Role;
  /** Median over repetitions of 1 / (median seconds per call in that repetition). */
  opsPerSec: number;
  /** benny's relative margin of error (±%) of the median repetition (native: max−min spread). */
  margin: number;
  /** Timed samples, summed over repetitions. */
  samples: number;
  /** ops/s of each repetition. */
  reps: number[];
  gbPerSec?: number;
  error?: string;
}

export interface WorkloadSummary {
  workload: string;
  optima?: { impl: string; opsPerSec: number };
  bestPeer?: { impl: string; opsPerSec: number };
  native?: { impl: string; opsPerSec: number };
  /** optima ops/s ÷ best JS peer ops/s (> 1: optima faster). */
  vsPeer?: number;
  /** optima ops/s ÷ numpy ops/s (< 1: slower than native). */
  vsNative?: number;
  target?: Target;
  meetsTarget?: boolean;
}

export interface NativeInfo {
  available: boolean;
  reason?: string;
  python?: string;
  numpy?: string;
  errors?: Record<string, string>;
}

export interface SuiteResult {
  suite: string;
  cases: CaseResult[];
  workloads: WorkloadSummary[];
  native: NativeInfo;
  /** Peers (modules) that could not be loaded: their cases are absent, not failed. */
  missing: string[];
  memory: { wasmPeakBytes: number; jsHeapPeakBytes: number };
  checks: Array<{ name: string; ok: boolean; detail: string }>;
  seconds: number;
}

export interface Progress {
  suite: string;
  index: number;
  total: number;
  rep: number;
  reps: number;
  workload: string;
  impl: string;
}

export interface RunOptions {
  quick: boolean;
  /** Repetitions of the whole case list (median taken): 3 by default, 1 with --quick. */
  reps: number;
  /** Called before each case is measured (progress display). */
  onCase?: (p: Progress) => void;
  /** Called with each finished case of the last repetition (line-oriented output). */
  onResult?: (suite: string, r: CaseResult) => void;
  /** Lines a suite wants shown (missing peers, native status). */
  log?: (line: string) => void;
  /** Path of the python interpreter for the native column ('' disables it). */
  python?: string;
  /** Path of bench/native.py. */
  nativeScript: string;
  /** Only the workloads whose name contains this text, and the checks whose name contains it. */
  only?: string;
}

/** What `run(ctx)` receives. */
export interface SuiteContext {
  readonly quick: boolean;
  /** A seeded uniform(-1, 1) generator, so every impl sees the same operands. */
  rng(seed: number): () => number;
  /**
   * Imports a peer library's namespace (a CommonJS module's exports are on `.default`);
   * undefined, recorded as missing and reported, if it is not installed.
   */
  peer<T = unknown>(specifier: string): Promise<T | undefined>;
  /** Measures the cases, the native column and the checks; returns the suite's result. */
  measure(def: SuiteDefinition): Promise<SuiteResult>;
}

/** A suite module: `export async function run(ctx: SuiteContext): Promise<SuiteResult>`. */
export interface SuiteModule {
  run(ctx: SuiteContext): Promise<SuiteResult>;
}

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

/** Per-case benchmark.js options: --quick trades precision for a sub-minute full run. */
function caseOptions(quick: boolean): { minSamples: number; maxTime: number; minTime: number; delay: number } {
  return quick ? { minSamples: 3, maxTime: 0.03, minTime: 0.004, delay: 0 } : { minSamples: 10, maxTime: 0.7, minTime: 0.05, delay: 0.002 };
}

let sink: unknown;

/** Seconds one call of `run` takes (the first call: also the first step of warming up). */
function timeOnce(run: () => unknown): number {
  const t0 = performance.now();
  sink = run();
  return (performance.now() - t0) / 1000;
}

/** Runs `run` for about `ms` (at least once more) so the JIT and caches are warm before timing. */
function warmUp(run: () => unknown, ms: number): void {
  const end = performance.now() + ms;
  let calls = 0;
  while (calls < 1 || (performance.now() < end && calls < 1e7)) {
    sink = run();
    calls++;
  }
}

/**
 * --quick only: a call slower than this is timed directly (mean of 2 calls after one) instead of through
 * benchmark.js, whose calibration would spend seconds on it.
 */
const QUICK_SLOW_CALL = 0.05;

function timeDirectly(run: () => unknown, calls: number): OneRun {
  const t: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    sink = run();
    t.push((performance.now() - t0) / 1000);
  }
  const m = median(t);
  return { opsPerSec: 1 / m, margin: (100 * (Math.max(...t) - Math.min(...t))) / m, samples: calls };
}

interface OneRun {
  opsPerSec: number;
  margin: number;
  samples: number;
}

/** One benny suite around one case; benny's console output is kept off the screen. */
async function timeWithBenny(name: string, run: () => unknown, quick: boolean, slow: boolean): Promise<OneRun> {
  const fn = (): void => {
    sink = run();
  };
  let one: OneRun | undefined;
  const log = console.log;
  console.log = () => {};
  try {
    await benny.suite(
      name,
      benny.add(name, fn, { ...caseOptions(quick), ...(slow ? { minSamples: 5 } : {}) }),
      benny.cycle(() => undefined),
      benny.complete((summary: { results: Array<{ ops: number; margin: number; samples: number; details: { median: number } }> }) => {
        const r = summary.results[0]!;
        const perCall = r.details.median;
        one = { opsPerSec: perCall > 0 ? 1 / perCall : r.ops, margin: r.margin, samples: r.samples };
      }),
    );
  } finally {
    console.log = log;
  }
  if (!one) throw new Error('benny reported no result');
  return one;
}

/** Runs bench/native.py for the given workload specs with single-threaded OpenBLAS. */
export function runNative(python: string, script: string, specs: string[], quick: boolean): Promise<{
  info: NativeInfo;
  results: Record<string, { opsPerSec: number; spread: number; repeats: number; impl?: string }>;
}> {
  const env: Record<string, string | undefined> = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return new Promise((resolve) => {
    const fail = (reason: string): void => resolve({ info: { available: false, reason }, results: {} });
    let out = '';
    let err = '';
    let child;
    try {
      child = spawn(python, [script, ...(quick ? ['--quick'] : []), ...specs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      fail(`${python} could not be started: ${String(e)}`);
      return;
    }
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', (e: Error) => fail(`${python} could not be started: ${e.message}`));
    child.on('close', (code: number | null) => {
      try {
        const j = JSON.parse(out) as { python: string; numpy?: string; error?: string; errors: Record<string, string>; results: Record<string, { opsPerSec: number; spread: number; repeats: number; impl?: string }> };
        if (j.error) return fail(j.error);
        resolve({ info: { available: true, python: j.python, numpy: j.numpy, errors: j.errors }, results: j.results });
      } catch {
        fail(`native.py exited ${code}: ${err.trim().split('\n').slice(-1)[0] ?? 'no output'}`);
      }
    });
  });
}

/**
 * optima ÷ peer from the same repetitions: the median of the per-repetition ratios. A
 * repetition measures a workload's cases back to back, so a change in machine load between
 * repetitions (this VM's two vCPUs were seen to change speed by 1.8× for minutes) cancels in
 * each ratio instead of landing on one side of a ratio of medians. Unpaired data (different
 * repetition counts, or one) falls back to the ratio of the medians.
 */
export function pairedRatio(a: CaseResult, b: CaseResult): number {
  const n = a.reps.length;
  if (n < 2 || b.reps.length !== n) return a.opsPerSec / b.opsPerSec;
  return median(a.reps.map((x, i) => x / b.reps[i]!));
}

/** Per workload: optima's headline case against the fastest peer and numpy. */
export function summarize(cases: CaseResult[], targets: Record<string, Target> = {}): WorkloadSummary[] {
  const order = [...new Set(cases.map((c) => c.workload))];
  return order.map((workload) => {
    const here = cases.filter((c) => c.workload === workload && !c.error && c.opsPerSec > 0);
    const top = (role: Role): CaseResult | undefined => here.filter((x) => x.role === role).sort((a, b) => b.opsPerSec - a.opsPerSec)[0];
    const brief = (c: CaseResult | undefined) => c && { impl: c.impl, opsPerSec: c.opsPerSec };
    const o = top('optima'), p = top('peer');
    const s: WorkloadSummary = { workload, optima: brief(o), bestPeer: brief(p), native: brief(top('native')) };
    if (o && p) s.vsPeer = pairedRatio(o, p);
    if (s.optima && s.native) s.vsNative = s.optima.opsPerSec / s.native.opsPerSec;
    const t = targets[workload];
    if (t) {
      s.target = t;
      const okPeer = t.vsPeer === undefined || (s.vsPeer !== undefined && s.vsPeer >= t.vsPeer);
      const okNative = t.vsNative === undefined || s.vsNative === undefined || s.vsNative >= t.vsNative;
      s.meetsTarget = okPeer && okNative;
    }
    return s;
  });
}

/** The part of a suite that names `text` (--only): its cases, native workloads and checks. */
function only(def: SuiteDefinition, text: string): SuiteDefinition {
  const has = (name: string) => name.toLowerCase().includes(text.toLowerCase());
  return {
    ...def,
    cases: def.cases.filter((c) => has(c.workload)),
    native: def.native && Object.fromEntries(Object.entries(def.native).filter(([w]) => has(w))),
    checks: def.checks?.filter((c) => has(c.name)),
  };
}

/** Builds the context a suite's run() receives. */
export function createContext(options: RunOptions): SuiteContext {
  const missing = new Set<string>();
  const log = options.log ?? (() => {});
  return {
    quick: options.quick,
    rng: mulberry32,
    async peer<T>(specifier: string): Promise<T | undefined> {
      try {
        return (await import(specifier)) as T;
      } catch {
        if (!missing.has(specifier)) log(`peer ${specifier} is not installed: its cases are skipped`);
        missing.add(specifier);
        return undefined;
      }
    },
    async measure(full: SuiteDefinition): Promise<SuiteResult> {
      const t0 = performance.now();
      const def = options.only === undefined ? full : only(full, options.only);
      const reps = Math.max(1, options.reps);
      const perCase = def.cases.map(() => [] as OneRun[]);
      const errors: Array<string | undefined> = def.cases.map(() => undefined);
      let wasmPeak = memoryBytes();
      let heapPeak = process.memoryUsage().heapUsed;
      const total = def.cases.length * reps;
      for (let rep = 0; rep < reps; rep++) {
        for (let i = 0; i < def.cases.length; i++) {
          const spec = def.cases[i]!;
          if (errors[i]) continue;
          options.onCase?.({ suite: def.suite, index: rep * def.cases.length + i + 1, total, rep: rep + 1, reps, workload: spec.workload, impl: spec.impl });
          let teardown: (() => void) | undefined;
          try {
            const body = await spec.setup();
            const run = typeof body === 'function' ? body : body.run;
            teardown = typeof body === 'function' ? undefined : body.teardown;
            const first = timeOnce(run);
            if (options.quick && first > QUICK_SLOW_CALL) {
              perCase[i]!.push(timeDirectly(run, 2));
            } else {
              warmUp(run, options.quick ? 10 : 150);
              perCase[i]!.push(await timeWithBenny(`${def.suite}: ${spec.workload} · ${spec.impl}`, run, options.quick, first > 0.1));
            }
            wasmPeak = Math.max(wasmPeak, memoryBytes());
            heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
          } catch (e) {
            errors[i] = e instanceof Error ? e.message : String(e);
          } finally {
            try {
              teardown?.();
            } catch {
              // a failing teardown must not take the other cases down
            }
          }
          if (rep === reps - 1 || errors[i]) options.onResult?.(def.suite, toResult(spec, perCase[i]!, errors[i]));
        }
      }
      const cases = def.cases.map((spec, i) => toResult(spec, perCase[i]!, errors[i]));
      let native: NativeInfo = { available: false, reason: 'no native workloads in this suite' };
      const nativeSpecs = Object.entries(def.native ?? {});
      if (nativeSpecs.length && options.python !== '') {
        const python = options.python ?? '/usr/bin/python3';
        const got = await runNative(python, options.nativeScript, nativeSpecs.map(([, s]) => s), options.quick);
        native = got.info;
        if (!native.available) log(`native column skipped: ${native.reason}`);
        for (const [workload, s] of nativeSpecs) {
          const r = got.results[s];
          if (r) cases.push({ workload, impl: r.impl ?? `numpy ${native.numpy ?? ''}`.trim(), role: 'native', opsPerSec: r.opsPerSec, margin: r.spread, samples: r.repeats, reps: [r.opsPerSec] });
        }
      } else if (options.python === '') {
        native = { available: false, reason: 'disabled (--no-native)' };
      }
      const checks = (def.checks ?? []).map((c) => {
        try {
          return { name: c.name, ...c.run() };
        } catch (e) {
          return { name: c.name, ok: false, detail: e instanceof Error ? e.message : String(e) };
        }
      });
      wasmPeak = Math.max(wasmPeak, memoryBytes());
      return {
        suite: def.suite,
        cases,
        workloads: summarize(cases, def.targets),
        native,
        missing: [...missing],
        memory: { wasmPeakBytes: wasmPeak, jsHeapPeakBytes: heapPeak },
        checks,
        seconds: (performance.now() - t0) / 1000,
      };
    },
  };
}

function toResult(spec: CaseSpec, runs: OneRun[], error: string | undefined): CaseResult {
  const ops = runs.map((r) => r.opsPerSec);
  const med = median(ops);
  // the repetition closest to the median supplies the margin
  const mid = runs.reduce<OneRun | undefined>((b, r) => (!b || Math.abs(r.opsPerSec - med) < Math.abs(b.opsPerSec - med) ? r : b), undefined);
  const r: CaseResult = {
    workload: spec.workload,
    impl: spec.impl,
    role: spec.role,
    opsPerSec: runs.length ? med : 0,
    margin: mid?.margin ?? 0,
    samples: runs.reduce((s, x) => s + x.samples, 0),
    reps: ops,
  };
  if (spec.bytesPerOp && runs.length) r.gbPerSec = (spec.bytesPerOp * med) / 1e9;
  if (error) r.error = error;
  return r;
}

/** Keeps a result alive so no engine can drop a benchmarked call as dead code. */
export function consume(): unknown {
  return sink;
}
