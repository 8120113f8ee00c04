import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig } from 'vite';
import { simulatedCoordinatorVitePlugin } from '../server/vite-plugin.mjs';
import { customElementsManifestPlugin } from './custom-elements-manifest.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bare imports of the library and the stories (`lit`, `lit/directives/x.js`, `marked`, ...).
 * Pre-bundling all of them in one pass keeps a single copy of lit-html on the page: a lit subpath
 * left out is served raw and brings its own lit-html ("Multiple versions of Lit loaded"), and one
 * discovered late makes Vite re-optimize and reload the page in the middle of a story test.
 */
function bareImports(dirs: string[]): string[] {
  const found = new Set<string>(['lit', 'lit/directive-helpers.js']);
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(
          /^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"./][^'"]*)['"]/gm,
        )) {
          const id = m[1];
          if (
            !id.startsWith('node:') &&
            !id.startsWith('virtual:') &&
            !id.startsWith('storybook') &&
            !id.startsWith('@storybook/')
          )
            found.add(id);
        }
      }
    }
  };
  dirs.forEach(visit);
  return [...found].sort();
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Documentation for people using the elements: no "get started with Storybook" checklist or guide.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  async viteFinal(viteConfig) {
    return mergeConfig(viteConfig, {
      // The live stories talk to the simulated coordinator of server/ (stories/support/live.ts).
      plugins: [customElementsManifestPlugin({ root }), simulatedCoordinatorVitePlugin()],
      optimizeDeps: { include: bareImports([join(root, 'src'), join(root, 'stories'), join(root, 'test/support')]) },
      // A checkout whose node_modules is a link (a git worktree sharing one install) has its
      // packages outside the root, where Vite serves no files unless allowed.
      server: { fs: { allow: [root, realpathSync(join(root, 'node_modules'))] } },
      // Lit's decorators are TypeScript "experimental" (legacy) decorators with
      // useDefineForClassFields off. Vite 8's oxc transform derives both from the tsconfig.json
      // that includes a file, which misses files outside its include list (.storybook/); set
      // them explicitly so every .ts file compiles the same way. Oxc's helper imports
      // (@oxc-project/runtime) are served by Vite itself.
      oxc: {
        decorator: { legacy: true },
        typescript: { removeClassFieldsWithoutInitializer: true },
        assumptions: { setPublicClassFields: true },
      },
    });
  },
};

export default config;
