// Inside the repository the example needs no `npm install` of its own: `coordinator-elements` is
// aliased to the library's TypeScript sources, and react, react-dom and @vitejs/plugin-react are
// found in the repository's node_modules (Node and Vite look in parent folders). Copied elsewhere,
// run `npm install` and delete `resolve.alias`: the dependencies in package.json then apply.
//
//   npx vite --config examples/react-dashboard/vite.config.ts                     (dev server)
//   npx vite build --config examples/react-dashboard/vite.config.ts               (to ./dist)
//   VITE_COORDINATOR_URL=http://127.0.0.1:8765 npx vite --config …                (or ?coordinator=…)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));
const source = (file: string) => fileURLToPath(new URL(`../../src/${file}`, import.meta.url));
const inRepository = existsSync(source('index.ts'));

export default defineConfig({
  root: here,
  // Relative asset URLs: the build works from any path (a sub-folder, a file server).
  base: './',
  plugins: [react()],
  resolve: {
    alias: inRepository
      ? [
          { find: /^coordinator-elements\/react$/, replacement: source('react.ts') },
          { find: /^coordinator-elements$/, replacement: source('index.ts') },
        ]
      : [],
    // One copy of each, whoever imports it (the app, or the library's React entry).
    dedupe: ['react', 'react-dom', 'lit'],
  },
  // The dev server may read the library sources and the repository's node_modules.
  server: inRepository ? { fs: { allow: [repo] } } : {},
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
