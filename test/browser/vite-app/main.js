// A Vite app that depends on optima by name; the test's build resolves 'optima' to the package.
import * as optima from 'optima';
import { probe } from '../probe.js';

try {
  window.__result = await probe(optima);
} catch (e) {
  window.__result = { error: String(e && e.stack ? e.stack : e) };
}
document.getElementById('status').textContent = window.__result.error ? 'error' : `done: ${optima.backend}`;
