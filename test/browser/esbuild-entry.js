// esbuild bundles this (with 'optima' resolved to the package) into one file the test runs in a page.
import * as optima from 'optima';
import { probe } from './probe.js';

window.__result = await probe(optima);
document.getElementById('status').textContent = `done: ${optima.backend}`;
