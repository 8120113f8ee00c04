/**
 * Serves the Custom Elements Manifest to the preview as `virtual:custom-elements-manifest`.
 *
 * `npm run build` writes dist/custom-elements.json; Storybook (dev, static build and the
 * vitest story tests) must also work before that build has run (fresh clone, or a component
 * edited since), so a missing or stale dist manifest is regenerated with the analyzer into a
 * cache folder instead of failing the preview import.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:custom-elements-manifest';
const RESOLVED_ID = '\0' + VIRTUAL_ID;
const COMPONENT_SUFFIX = '.component.ts';
const EMPTY_MANIFEST = { schemaVersion: '1.0.0', readme: '', modules: [] };

/** Component class files (the ones carrying the JSDoc the manifest is made from). */
function componentFiles(componentsDir: string): string[] {
  if (!existsSync(componentsDir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(componentsDir, { withFileTypes: true })) {
    const path = join(componentsDir, entry.name);
    if (entry.isDirectory()) found.push(...componentFiles(path));
    else if (entry.name.endsWith(COMPONENT_SUFFIX)) found.push(path);
  }
  return found;
}

function runAnalyzer(root: string, outDir: string): void {
  const require = createRequire(join(root, 'package.json'));
  const pkgPath = require.resolve('@custom-elements-manifest/analyzer/package.json');
  const bin = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: Record<string, string> }).bin.cem;
  mkdirSync(outDir, { recursive: true });
  const result = spawnSync(
    process.execPath,
    [
      resolve(pkgPath, '..', bin),
      'analyze',
      '--litelement',
      '--globs',
      'src/components/**/*.component.ts',
      '--outdir',
      relative(root, outDir),
    ],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(`custom-elements-manifest analyze failed (${result.status}): ${result.stderr || result.error}`);
  }
}

export interface ManifestPluginOptions {
  /** Project root (where package.json and src/ are). */
  root: string;
}

/** Inputs of the analyzer: component sources and the analyzer config, with their modification times. */
function analyzerInputs(root: string): { files: string[]; key: string; newest: number } {
  const files = componentFiles(join(root, 'src', 'components')).sort();
  const config = join(root, 'custom-elements-manifest.config.mjs');
  const inputs = existsSync(config) ? [...files, config] : files;
  const stamps = inputs.map((f) => [relative(root, f), statSync(f).mtimeMs] as const);
  return { files, key: JSON.stringify(stamps), newest: Math.max(0, ...stamps.map(([, t]) => t)) };
}

/**
 * Returns the manifest JSON text: dist's when it is at least as new as every input, else one
 * generated into node_modules/.cache (regenerated whenever the inputs' list or times change).
 */
export function loadManifest({ root }: ManifestPluginOptions): { json: string; source: string } {
  const { files, key, newest } = analyzerInputs(root);
  if (files.length === 0) return { json: JSON.stringify(EMPTY_MANIFEST), source: 'none (no components yet)' };
  const distManifest = join(root, 'dist', 'custom-elements.json');
  if (existsSync(distManifest) && statSync(distManifest).mtimeMs >= newest) {
    return { json: readFileSync(distManifest, 'utf8'), source: distManifest };
  }
  const cacheDir = join(root, 'node_modules', '.cache', 'storybook-cem');
  const cached = join(cacheDir, 'custom-elements.json');
  const keyFile = join(cacheDir, 'inputs.json');
  const upToDate = existsSync(cached) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key;
  if (!upToDate) {
    runAnalyzer(root, cacheDir);
    writeFileSync(keyFile, key);
  }
  return { json: readFileSync(cached, 'utf8'), source: cached };
}

export function customElementsManifestPlugin(options: ManifestPluginOptions): Plugin {
  return {
    name: 'coordinator-elements:custom-elements-manifest',
    // Hook filters keep the bundler from calling into JS for every other module.
    resolveId: {
      filter: { id: /^virtual:custom-elements-manifest$/ },
      handler(id) {
        return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
      },
    },
    load: {
      filter: { id: /^\0virtual:custom-elements-manifest$/ },
      handler(id) {
        if (id !== RESOLVED_ID) return undefined;
        const { json } = loadManifest(options);
        return `export default ${json};`;
      },
    },
    handleHotUpdate({ file, server }) {
      // JSDoc edits change the docs pages and controls: rebuild the manifest module.
      if (!file.endsWith(COMPONENT_SUFFIX)) return;
      const mod = server.moduleGraph.getModuleById(RESOLVED_ID);
      if (mod) server.moduleGraph.invalidateModule(mod);
    },
  };
}
