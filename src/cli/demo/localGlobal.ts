import { maximize, minimize, testFunctions } from '../../index.js';
import { type DemoSection, fmt, say, table, vec } from './section.js';

export const localVsGlobal: DemoSection = {
  title: 'Local vs global minima',
  run() {
    say('A descent method finds the minimum of the basin it starts in. Himmelblau (x² + y − 11)² + (x + y² − 7)²');
    say('has four global minima (f = 0) and a local maximum near (−0.270845, −0.923039):\n');
    const h = testFunctions.himmelblau();
    const starts = [[0, 0], [-1, 2], [-2, -2], [2, -1], [-0.3, -0.9]];
    table(['start', 'L-BFGS ends at', 'f', 'status'], starts.map((s) => {
      const r = minimize(h, s);
      return [vec(s, 1), vec(r.x, 6), fmt(r.fx), r.status];
    }));
    const m = maximize(h, [-0.3, -0.9]);
    say(`\n  maximize from (−0.3, −0.9) instead climbs to the local maximum ${vec(m.x, 6)}, f = ${fmt(m.fx)} (${m.status})`);
    say('\nRastrigin 10n + Σ xᵢ² − 10cos(2πxᵢ) has a local minimum near every integer point; only the origin is global:\n');
    const ra = testFunctions.rastrigin(2);
    table(['start', 'L-BFGS ends at', 'f', 'global?'], [[0.4, -0.3], [1.2, 0.8], [2.6, -3.1], [4.4, 4.4]].map((s) => {
      const r = minimize(ra, s);
      return [vec(s, 1), vec(r.x, 4), fmt(r.fx), r.fx < 1e-10 ? 'yes' : 'local only'];
    }));
    say('\nA convex f has no such traps: every local minimum is global.');
  },
};
