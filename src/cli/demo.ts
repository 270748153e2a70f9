// The walkthrough (`npm start`): the worked examples of the two lecture decks, in order.
/// <reference types="node" />
import { matrix, matvec, backend } from '../index.js';

export async function runDemo(_args: string[]): Promise<void> {
  console.log(`optima walkthrough (backend: ${backend})\n`);
  console.log('Gradient descent on (x1−3)² + (x2−3)² = ½xᵀHx + gᵀx + 18, H = [[2,0],[0,2]], g = [−6,−6]');
  console.log('x ← x − α(Hx + g), α = 0.2, x0 = 0, 25 steps\n');
  const H = matrix([[2, 0], [0, 2]]);
  const g = [-6, -6];
  const x = new Float64Array(2);
  const hx = new Float64Array(2);
  for (let i = 1; i <= 25; i++) {
    matvec(H, x, hx);
    for (let j = 0; j < 2; j++) x[j]! -= 0.2 * (hx[j]! + g[j]!);
    console.log(`${String(i).padStart(3)}  x = [${x[0]!.toFixed(8)}, ${x[1]!.toFixed(8)}]`);
  }
  console.log(`\nfinal x ≈ [${x[0]!.toFixed(8)}, ${x[1]!.toFixed(8)}]  (exact: 3·(1 − 0.6²⁵) = ${(3 * (1 - 0.6 ** 25)).toFixed(8)})`);
  H.dispose();
}
