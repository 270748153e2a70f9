/// <reference types="node" />
// Renders a benchmark run: the text summary printed after each suite, the JSON document, a
// self-contained HTML page (Chart.js inlined, no CDN) and BENCHMARKS.md.
import os from 'node:os';
import type { CaseResult, SuiteResult, WorkloadSummary } from './harness.js';

export interface Environment {
  node: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  arch: string;
  /** The backend optima loaded by default ('simd' where WebAssembly SIMD validates). */
  backend: string;
  simd: boolean;
  date: string;
  quick: boolean;
  reps: number;
  loadavg: { start: number[]; end?: number[] };
  note?: string;
}

export interface Report {
  tool: 'optima bench';
  version: string;
  environment: Environment;
  suites: SuiteResult[];
  /** Requested suites whose module is not present in bench/. */
  missingSuites: string[];
}

export function environment(backend: string, quick: boolean, reps: number, note?: string): Environment {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: os.platform(),
    arch: os.arch(),
    backend,
    simd: backend === 'simd',
    date: new Date().toISOString(),
    quick,
    reps,
    loadavg: { start: os.loadavg().map((x) => +x.toFixed(2)) },
    ...(note ? { note } : {}),
  };
}

/** 1234567 → '1.23M', 0.5 → '0.500'. */
export function fmtOps(x: number): string {
  if (!(x > 0)) return '—';
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)}G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(2)}k`;
  return x >= 10 ? x.toFixed(1) : x.toFixed(3);
}

export function fmtRatio(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  return x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

function fmtBytes(b: number): string {
  return `${(b / 2 ** 20).toFixed(1)} MiB`;
}

function impls(s: SuiteResult): string[] {
  return [...new Set(s.cases.map((c) => c.impl))];
}

/**
 * Consecutive workloads measured by the same implementations share one table; a suite whose
 * workloads have different peers (eigen: 2×2 batches vs eigSym) gets one table per group.
 */
function groups(s: SuiteResult): Array<{ cols: string[]; workloads: WorkloadSummary[] }> {
  const out: Array<{ cols: string[]; workloads: WorkloadSummary[] }> = [];
  for (const w of s.workloads) {
    const cols = [...new Set(s.cases.filter((c) => c.workload === w.workload).map((c) => c.impl))];
    const last = out[out.length - 1];
    if (last && last.cols.join('\u0000') === cols.join('\u0000')) last.workloads.push(w);
    else out.push({ cols, workloads: [w] });
  }
  return out;
}

function cell(s: SuiteResult, workload: string, impl: string): CaseResult | undefined {
  return s.cases.find((c) => c.workload === workload && c.impl === impl);
}

function targetText(w: WorkloadSummary): string {
  if (!w.target) return '';
  const parts: string[] = [];
  if (w.target.vsPeer !== undefined) parts.push(`≥${w.target.vsPeer}× JS`);
  if (w.target.vsNative !== undefined) parts.push(`≥${fmtRatio(w.target.vsNative)} numpy`);
  if (!parts.length) return '';
  return `${parts.join(', ')}: ${w.meetsTarget ? 'met' : 'MISSED'}`;
}

function gbText(s: SuiteResult): string[] {
  return s.cases.filter((c) => c.gbPerSec !== undefined && /n=4096$/.test(c.workload)).map((c) => `${c.workload} · ${c.impl}: ${c.gbPerSec!.toFixed(2)} GB/s`);
}

/** Aligned plain-text table for the terminal. */
function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  return rows.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ')).join('\n');
}

/** The summary printed at the end of each suite: ops/s per implementation and the ratios. */
export function formatSuite(s: SuiteResult): string {
  const lines = [`── ${s.suite} (ops/s; ratios are optima's ops/s over the other's) ──`];
  for (const { cols, workloads } of groups(s)) {
    const rows = [['workload', ...cols, 'vs best JS', 'vs numpy', 'target']];
    for (const w of workloads) {
      rows.push([
        w.workload,
        ...cols.map((i) => {
          const c = cell(s, w.workload, i);
          return c ? (c.error ? 'error' : fmtOps(c.opsPerSec)) : '';
        }),
        w.bestPeer ? `${fmtRatio(w.vsPeer)} (${w.bestPeer.impl})` : '—',
        fmtRatio(w.vsNative),
        targetText(w),
      ]);
    }
    lines.push(textTable(rows));
  }
  for (const g of gbText(s)) lines.push(`  ${g}`);
  for (const c of s.cases.filter((x) => x.error)) lines.push(`  failed: ${c.workload} · ${c.impl}: ${c.error}`);
  if (s.missing.length) lines.push(`  peers not installed: ${s.missing.join(', ')}`);
  if (!s.native.available) lines.push(`  native column: ${s.native.reason}`);
  for (const c of s.checks) lines.push(`  check ${c.ok ? 'ok' : 'FAILED'}: ${c.name} (${c.detail})`);
  lines.push(`  memory: WASM peak ${fmtBytes(s.memory.wasmPeakBytes)}, JS heap peak ${fmtBytes(s.memory.jsHeapPeakBytes)}; ${s.seconds.toFixed(1)} s`);
  return lines.join('\n');
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function htmlTable(s: SuiteResult): string {
  return groups(s).map(({ cols, workloads }) => {
    const head = `<tr><th>workload</th>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}<th>vs best JS</th><th>vs numpy</th><th>target</th></tr>`;
    const body = workloads.map((w) => {
      const cells = cols.map((i) => {
        const c = cell(s, w.workload, i);
        if (!c) return '<td></td>';
        if (c.error) return `<td title="${esc(c.error)}">error</td>`;
        const gb = c.gbPerSec !== undefined ? `<br><small>${c.gbPerSec.toFixed(2)} GB/s</small>` : '';
        return `<td>${fmtOps(c.opsPerSec)}<br><small>±${c.margin.toFixed(1)}% · ${c.samples} samples</small>${gb}</td>`;
      });
      const cls = w.meetsTarget === false ? ' class="miss"' : '';
      return `<tr${cls}><th>${esc(w.workload)}</th>${cells.join('')}<td>${fmtRatio(w.vsPeer)}${w.bestPeer ? ` <small>(${esc(w.bestPeer.impl)})</small>` : ''}</td><td>${fmtRatio(w.vsNative)}</td><td>${esc(targetText(w))}</td></tr>`;
    });
    return `<table>${head}${body.join('')}</table>`;
  }).join('\n');
}

/** Chart data: every implementation's ops/s relative to the best JS peer of the same workload. */
const PALETTE = ['#1f77b4', '#aec7e8', '#17becf', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

function chartData(s: SuiteResult): { labels: string[]; datasets: Array<{ label: string; backgroundColor: string; data: Array<number | null> }> } {
  const labels = s.workloads.map((w) => w.workload);
  const datasets = impls(s).map((impl, k) => ({
    label: impl,
    backgroundColor: PALETTE[k % PALETTE.length]!,
    data: s.workloads.map((w) => {
      const c = cell(s, w.workload, impl);
      const base = w.bestPeer?.opsPerSec;
      return c && !c.error && c.opsPerSec > 0 && base ? +(c.opsPerSec / base).toPrecision(4) : null;
    }),
  }));
  return { labels, datasets };
}

/** A self-contained HTML page: tables, and charts drawn by the inlined Chart.js 3 (if given). */
export function toHtml(r: Report, chartJs: string | undefined): string {
  const e = r.environment;
  const sections = r.suites.map((s, i) => `
<h2>${esc(s.suite)}</h2>
${chartJs ? `<div class="chart"><canvas id="c${i}"></canvas></div>` : ''}
${htmlTable(s)}
<p><small>WASM peak ${fmtBytes(s.memory.wasmPeakBytes)} · JS heap peak ${fmtBytes(s.memory.jsHeapPeakBytes)} · ${s.seconds.toFixed(1)} s
${s.missing.length ? ` · peers not installed: ${esc(s.missing.join(', '))}` : ''}${s.native.available ? ` · numpy ${esc(s.native.numpy ?? '')}` : ` · native: ${esc(s.native.reason ?? '')}`}</small></p>
${s.checks.map((c) => `<p><small>check ${c.ok ? 'ok' : '<b>FAILED</b>'}: ${esc(c.name)} (${esc(c.detail)})</small></p>`).join('')}`).join('\n');
  const charts = chartJs
    ? `<script>${chartJs.replace(/<\/script/gi, '<\\/script')}</script>
<script>
const DATA = ${JSON.stringify(r.suites.map(chartData)).replace(/</g, '\\u003c')};
DATA.forEach((d, i) => new Chart(document.getElementById('c' + i), {
  type: 'bar', data: d,
  options: { animation: false, responsive: true, maintainAspectRatio: false,
    scales: { y: { type: 'logarithmic', title: { display: true, text: 'ops/s relative to the best JS peer (log)' } } },
    plugins: { title: { display: true, text: 'higher is faster; 1 = best JS peer' } } },
}));
</script>`
    : '<p>Chart.js 3 was not found in node_modules/chart.js: tables only.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>optima bench — ${esc(e.date)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;vertical-align:top}th:first-child{text-align:left}
tr.miss{background:#fee}.chart{height:360px}small{color:#555}</style></head><body>
<h1>optima bench</h1>
<p>${esc(e.date)} · Node ${esc(e.node)} · ${esc(e.cpu)} × ${e.cores} · backend ${esc(e.backend)}${e.quick ? ' · <b>--quick</b> (smoke test, not for comparison)' : ''} · ${e.reps} repetition(s), median</p>
${e.note ? `<p>${esc(e.note)}</p>` : ''}
${r.missingSuites.length ? `<p>Suites not present: ${esc(r.missingSuites.join(', '))}</p>` : ''}
${sections}
${charts}
</body></html>
`;
}

/** BENCHMARKS.md: method, hardware, one table per suite with the ratios. */
export function toMarkdown(r: Report): string {
  const e = r.environment;
  const out: string[] = [
    '# optima benchmarks',
    '',
    `<!-- Generated by \`optima bench --markdown BENCHMARKS.md\` on ${e.date}. Do not edit by hand: re-run it. -->`,
    '',
    '## Method',
    '',
    '- Every case runs as its own [benny](https://github.com/caderek/benny) (benchmark.js) suite, after its own',
    '  setup (operands built outside the timing) and a warm-up of about 150 ms, so the JIT and caches are warm.',
    `- A case's speed in one repetition is 1 / (median seconds per call over benchmark.js's samples). The whole`,
    `  case list is repeated ${e.reps}× with the cases interleaved, and the table shows the **median over repetitions**.`,
    '  ± is benchmark.js\'s relative margin of error of that repetition (for numpy: the max−min spread',
    '  of its repeats, relative to the median). Calls slower than 100 ms take 5 samples instead of 10.',
    '- All ratios come from one run on one machine: optima\'s headline case (SIMD WebAssembly, resident',
    '  `matrix()`/`vector()` operands, resident `out`) over the fastest JavaScript peer of the same workload',
    '  ("vs best JS", > 1 means optima is faster), and over numpy ("vs numpy", < 1 means slower than native).',
    '  "vs best JS" pairs the repetitions: the median of the per-repetition ratios, since a repetition runs a',
    '  workload\'s cases back to back and this VM\'s load changes between repetitions (so it can differ a little',
    '  from the ratio of the two medians in the table); the peer is the one fastest by median.',
    '- Native column: `bench/native.py` with `/usr/bin/python3`, numpy on OpenBLAS with `OPENBLAS_NUM_THREADS=1`',
    '  (one core against one core), timeit-style calibration, median of 7 repeats, run in the same invocation.',
    '  For eigh/eigvalsh it times numpy and LAPACK dsyevd through scipy and keeps the faster (numpy 1.24\'s eigh',
    '  measured 2× slower than dsyevd on the same OpenBLAS), named in the table.',
    '- Peers get their natural input format, prepared outside the timing: numeric.js and mathjs plain Arrays,',
    '  ml-matrix `Matrix` objects, the JS loop Float64Arrays. "optima (copying arrays)" passes plain',
    '  Float64Arrays, which optima copies into WebAssembly memory on every call.',
    '- Memory per suite: peak WebAssembly memory (`memoryBytes()`, sampled after every case; linear memory',
    '  never shrinks, so a later suite\'s peak includes what earlier suites grew it to, e.g. the reusable',
    '  staging area of the copying path) and peak JS heap (`process.memoryUsage().heapUsed`).',
    '- Targets (from the foundation issue) are ratios to the fastest JS peer in the same run; "MISSED"',
    '  is reported as measured, not retried.',
    '',
    '## Machine',
    '',
    `- CPU: ${e.cpu}, ${e.cores} cores; ${e.memoryGiB} GiB RAM; ${e.platform}/${e.arch}`,
    `- Node ${e.node}; optima backend \`${e.backend}\`${e.quick ? '; **--quick run** (smoke test, not for comparison)' : ''}`,
    `- Load average at start ${e.loadavg.start.join(' / ')}${e.loadavg.end ? `, at end ${e.loadavg.end.join(' / ')}` : ''}`,
  ];
  if (e.note) out.push(`- ${e.note}`);
  if (r.missingSuites.length) out.push(`- Suites not present in this run: ${r.missingSuites.join(', ')}`);
  for (const s of r.suites) {
    out.push('', `## ${s.suite}`, '', 'ops/s (higher is faster).');
    for (const { cols, workloads } of groups(s)) {
      out.push('', `| workload | ${cols.join(' | ')} | vs best JS | vs numpy | target |`);
      out.push(`|---|${cols.map(() => '---:').join('|')}|---:|---:|---|`);
      for (const w of workloads) {
        const cells = cols.map((i) => {
          const c = cell(s, w.workload, i);
          if (!c) return '';
          if (c.error) return 'error';
          return `${fmtOps(c.opsPerSec)} ±${c.margin.toFixed(0)}%`;
        });
        const peer = w.bestPeer ? `${fmtRatio(w.vsPeer)} (${w.bestPeer.impl})` : '—';
        out.push(`| ${w.workload} | ${cells.join(' | ')} | ${peer} | ${fmtRatio(w.vsNative)} | ${targetText(w)} |`);
      }
    }
    out.push('');
    for (const g of gbText(s)) out.push(`- ${g}`);
    for (const c of s.cases.filter((x) => x.error)) out.push(`- failed: ${c.workload} · ${c.impl}: ${c.error}`);
    if (s.missing.length) out.push(`- peers not installed: ${s.missing.join(', ')}`);
    out.push(`- native: ${s.native.available ? `python ${s.native.python}, numpy ${s.native.numpy}` : s.native.reason}`);
    for (const c of s.checks) out.push(`- check ${c.ok ? 'passed' : '**failed**'}: ${c.name} (${c.detail})`);
    out.push(`- memory: WASM peak ${fmtBytes(s.memory.wasmPeakBytes)}, JS heap peak ${fmtBytes(s.memory.jsHeapPeakBytes)}; suite took ${s.seconds.toFixed(0)} s`);
  }
  out.push('');
  return out.join('\n');
}
