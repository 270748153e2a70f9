// Standalone runner for bench/solvers.ts: bundles it with esbuild ('optima' resolves to this
// package's dist/ by self-reference) and runs it. `npm run build` first. Usage: node bench/solvers.run.mjs [--quick]
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

const bench = dirname(fileURLToPath(import.meta.url));
const out = join(bench, 'results', '.build', 'solvers.mjs');
mkdirSync(dirname(out), { recursive: true });
await build({
  entryPoints: [join(bench, 'solvers.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm',
  external: ['optima', 'benny', 'fmin', 'numeric', 'optimization-js', 'ml-matrix'], logLevel: 'warning',
});
process.env.OPTIMA_BENCH_STANDALONE = 'solvers';
await import(out);
