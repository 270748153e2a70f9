#!/usr/bin/env node
/// <reference types="node" />
// The `optima` command: `optima demo` (the walkthrough, `npm start`) and `optima bench`.
const [command = 'demo', ...rest] = process.argv.slice(2);

if (command === 'demo') {
  const { runDemo } = await import('./demo.js');
  await runDemo(rest);
} else if (command === 'bench') {
  const { runBench } = await import('./bench.js');
  await runBench(rest);
} else {
  console.error(`usage: optima demo | optima bench [suite…] [--json file] [--html file] [--quick]`);
  process.exitCode = 2;
}
export {};
