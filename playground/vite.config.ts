// The playground is a consumer of the package: 'optima' resolves to the package root, whose
// package.json "exports" point at the built entry (dist/index.js, made by `npm run build`) —
// exactly what `import … from 'optima'` gives a user with a file: dependency.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: { optima: root } },
  server: { host: '127.0.0.1', fs: { allow: [root] } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
