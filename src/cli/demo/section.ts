// A walkthrough section and the small printing helpers every section shares.
/// <reference types="node" />

export interface DemoSection {
  title: string;
  run(): void | Promise<void>;
}

export const say = (line = ''): void => console.log(line);

/** Fixed-width table: right-aligned numbers, left-aligned text. */
export function table(headers: string[], rows: Array<Array<string | number>>): void {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const width = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '  ' + r.map((c, i) => (rows[0] && typeof rows[0][i] === 'number' ? c.padStart(width[i]!) : c.padEnd(width[i]!))).join('  ');
  say(line(headers));
  say('  ' + width.map((w) => '─'.repeat(w)).join('  '));
  for (const r of cells) say(line(r));
}

export function fmt(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e6 ? v.toFixed(8).replace(/0+$/, '').replace(/\.$/, '') : v.toExponential(3);
}

export const vec = (x: ArrayLike<number>, digits = 6): string => `(${Array.from(x, (v) => v.toFixed(digits)).join(', ')})`;
