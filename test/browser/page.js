// Module entry of the static pages: import optima (by name through the import map, or by path on
// the CSP page, which may not have an inline import map), run the probe, publish the result.
import * as optima from 'optima';
import { probe } from './probe.js';

try {
  window.__result = await probe(optima);
} catch (e) {
  window.__result = { error: String(e && e.stack ? e.stack : e) };
}
document.getElementById('status').textContent = window.__result.error ? 'error' : `done: ${optima.backend}`;
