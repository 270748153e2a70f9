// bench/plot: the contour grid behind the playground (issue: optima in the browser). gridValues
// evaluates a known 2-D function over a 400×400 grid in one WebAssembly call; the peer is the
// playground's JavaScript path (one closure call per point). The last workload adds the
// playground's painting (bands, iso-lines) so the whole redraw is timed: the issue asks for
// "well under 100 ms", i.e. ≥ 10 redraws per second.
import { backend, gridValues, setBackend, type GridFunctionName } from 'optima';
import type { CaseSpec, SuiteContext, SuiteResult } from './harness.js';
import { FUNCTIONS } from '../playground/src/functions.js';
import { Scale, evaluateGrid, gridFrom, paint } from '../playground/src/contour.js';

const N = 400;

export async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const initial = backend;
  const cases: CaseSpec[] = [];
  for (const id of ['rosenbrock', 'beale']) {
    const fn = FUNCTIONS.find((f) => f.id === id)!;
    const w = `contour grid ${N}² ${id}`;
    for (const b of ['simd', 'scalar'] as const) {
      cases.push({
        workload: w, impl: `optima ${b} gridValues`, role: b === 'simd' ? 'optima' : 'optima-variant', bytesPerOp: 8 * N * N,
        setup: async () => {
          await setBackend(b);
          const out = new Float64Array(N * N);
          return () => gridValues(fn.grid as GridFunctionName, fn.box, N, N, out);
        },
      });
    }
    cases.push({
      workload: w, impl: 'js closure per point', role: 'peer',
      setup: () => {
        const out = new Float64Array(N * N);
        return () => evaluateGrid(fn.f, fn.box, N, N, out);
      },
    });
  }
  {
    const fn = FUNCTIONS.find((f) => f.id === 'rosenbrock')!;
    const w = `contour redraw ${N}² (grid + log-banded paint)`;
    // ImageData is a DOM type; paint only writes its .data, so a plain buffer stands in for it.
    const image = { width: N, height: N, data: new Uint8ClampedArray(4 * N * N) } as unknown as ImageData;
    const bands = new Uint16Array(N * N);
    cases.push({
      workload: w, impl: 'optima simd gridValues + paint', role: 'optima',
      setup: async () => {
        await setBackend('simd');
        const out = new Float64Array(N * N);
        return () => {
          const g = gridFrom(gridValues('rosenbrock', fn.box, N, N, out), fn.box, N, N);
          return paint(g, new Scale(g.min, g.max, true, 20), image, bands);
        };
      },
    });
    cases.push({
      workload: w, impl: 'js closure per point + paint', role: 'peer',
      setup: () => {
        const out = new Float64Array(N * N);
        return () => {
          const g = evaluateGrid(fn.f, fn.box, N, N, out);
          return paint(g, new Scale(g.min, g.max, true, 20), image, bands);
        };
      },
    });
  }
  try {
    return await ctx.measure({ suite: 'plot', cases });
  } finally {
    await setBackend(initial);
  }
}
