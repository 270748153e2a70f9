// `optima bench`: runs the suites in bench/ (see bench/README in the repository).
/// <reference types="node" />
export async function runBench(_args: string[]): Promise<void> {
  console.error('optima bench: the benchmark runner is not built yet');
  process.exitCode = 1;
}
