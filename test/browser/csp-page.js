// The CSP page's module: no import map is allowed (it would be an inline script), so import by path.
import * as optima from '/dist/index.js';
import { probe } from './probe.js';

try {
  window.__result = await probe(optima);
} catch (e) {
  window.__result = { error: String(e && e.stack ? e.stack : e) };
}
document.getElementById('status').textContent = window.__result.error ? 'error' : `done: ${optima.backend}`;
