import { minimize, quadratic, solve } from '../../index.js';
import { type DemoSection, say, vec } from './section.js';

export const directSolution: DemoSection = {
  title: 'Direct solution: f(x) = 2x1² + x2² + x1x2 − 6x1 − 5x2',
  run() {
    say('∇f = (4x1 + x2 − 6, 2x2 + x1 − 5) = 0 is a linear system: f = ½xᵀHx + gᵀx with');
    say('H = [[4, 1], [1, 2]] (positive definite: a unique minimum), g = (−6, −5), so x* solves Hx = −g.\n');
    const f = quadratic({ H: [[4, 1], [1, 2]], g: [-6, -5] });
    const r = minimize(f, [0, 0], { method: 'direct' });
    say(`  minimize(f, x0, { method: 'direct' }) → x* = ${vec(r.x, 12)}, f(x*) = ${r.fx}`);
    say(`  status: ${r.status} — ${r.message}`);
    say(`  solve(H, −g) (Cholesky) gives the same: ${vec(solve([[4, 1], [1, 2]], [6, 5]), 12)}`);
    f.dispose();
  },
};
