// Custom Elements Manifest (dist/custom-elements.json) for editors, Storybook autodocs and docs sites.
// Fed by the JSDoc on each element class (@summary @slot @csspart @cssprop @fires) and Lit's decorators.
import { readFileSync } from 'node:fs';

const COMPONENT = /^src\/components\/([a-z0-9-]+)\/\1\.component\.ts$/;

/**
 * Our classes never register themselves (`<name>.ts` does, through `defineElement`), so the analyzer
 * cannot see tag names. This reads them from the registering file and points each module at the
 * package entry a user imports (`dist/<name>.js` exports the class and defines the tag), instead of
 * at a TypeScript source the package does not ship. Private members and non-element exports are left out.
 */
function packageEntries() {
  return {
    name: 'coordinator-elements:package-entries',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const match = COMPONENT.exec(mod.path.replace(/^\.?\//, ''));
        if (!match) continue;
        const folder = match[1];
        const registering = readFileSync(`src/components/${folder}/${folder}.ts`, 'utf8');
        const path = `dist/${folder}.js`;
        mod.path = path;
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class') continue;
          decl.members = (decl.members ?? []).filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
          const defined = new RegExp(`defineElement\\(\\s*['"]([a-z][a-z0-9]*-[a-z0-9-]*)['"]\\s*,\\s*${decl.name}\\b`);
          const tagName = defined.exec(registering)?.[1];
          if (!tagName) continue;
          decl.customElement = true;
          decl.tagName = tagName;
          mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition' || e.name !== tagName);
          mod.exports.push({
            kind: 'custom-element-definition',
            name: tagName,
            declaration: { name: decl.name, module: path },
          });
        }
        // The entry re-exports only the element class: other exports of the class file (helpers) are not public.
        mod.declarations = (mod.declarations ?? []).filter((d) => d.kind === 'class' && d.tagName);
        const kept = new Set(mod.declarations.map((d) => d.name));
        mod.exports = (mod.exports ?? []).filter((e) => kept.has(e.declaration?.name));
        for (const e of mod.exports) e.declaration.module = path;
      }
    },
  };
}

export default {
  globs: ['src/components/**/*.component.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json already names dist/custom-elements.json; the analyzer must not rewrite the file.
  packagejson: false,
  plugins: [packageEntries()],
};
