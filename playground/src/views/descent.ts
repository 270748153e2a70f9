// The descent view's side panel: the results table and the f / ‖∇f‖ per-iteration charts.
import { COLOURS, type Run } from '../runs.js';
import { lineChart } from '../plot.js';
import { formatNumber } from '../contour.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export function resultsTable(runs: Run[]): void {
  const body = $('results').querySelector('tbody')!;
  body.innerHTML = '';
  for (const r of runs) {
    const tr = body.insertRow();
    tr.dataset.solver = r.method;
    const cell = (text: string, cls = ''): void => {
      const td = tr.insertCell();
      td.textContent = text;
      if (cls) td.className = cls;
    };
    cell(r.method);
    tr.cells[0]!.style.color = COLOURS[r.method];
    if (r.error || !r.result) {
      cell(r.error ?? 'no result', 'status-bad');
      continue;
    }
    const res = r.result;
    cell(res.status, res.converged ? 'status-converged' : 'status-bad');
    cell(String(res.iterations));
    cell(`(${formatNumber(res.x[0]!)}, ${formatNumber(res.x[1]!)})`);
    cell(formatNumber(res.fx));
    cell(formatNumber(res.gradientNorm));
  }
}

export function charts(runs: Run[]): void {
  const withHistory = runs.filter((r) => r.fx.length > 0);
  const allPositive = withHistory.every((r) => r.fx.every((v) => v > 0));
  lineChart($('chart-f'), withHistory.map((r) => ({ label: r.method, colour: COLOURS[r.method], values: r.fx })),
    { title: allPositive ? 'f(xₖ) (log scale)' : 'f(xₖ)', logY: allPositive });
  lineChart($('chart-g'), withHistory.map((r) => ({ label: r.method, colour: COLOURS[r.method], values: r.gradientNorm })),
    { title: '‖∇f(xₖ)‖ (log scale)', logY: true });
}
