// The playground is a consumer of the package: 'optima' resolves to the package's built entry
// (dist/index.js, made by `npm run build`), exactly what `import … from 'optima'` gives a user.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: { optima: `${root}dist/index.js` } },
  server: { host: '127.0.0.1', fs: { allow: [root] } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
