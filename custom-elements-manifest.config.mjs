// Custom Elements Manifest (dist/custom-elements.json) for editors, Storybook autodocs and docs sites.
// Fed by the JSDoc on each element class (@summary @slot @csspart @cssprop @fires) and Lit's decorators;
// `@fires {CustomEvent<Detail>} name - …` gives an event its type (the type goes before the name), and
// the CSS properties' defaults come from the styles (cssPropertyDefaults).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

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

/** The library's source files (not tests or stories), for the defaults below. */
function sourceFiles(dir = 'src') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /(?<!\.test|\.d)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** `var(--ce-x, fallback)` → [name, fallback] for every read with a fallback (parentheses balanced). */
export function* fallbacks(text) {
  for (const m of text.matchAll(/var\(\s*(--ce-[\w-]+)\s*,/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < text.length && depth; i++) depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
    yield [m[1], text.slice(start, i - 1)];
  }
}

/** One spelling of a CSS value: single spaces, none inside parentheses. */
export const normalizeCss = (value) => value.replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').trim();

/**
 * The default of each `--ce-*` property: the fallback its styles give it (`--_space-1: var(--ce-space-1,
 * 2px)` in tokens.styles.ts, `max-height: var(--ce-json-max-height, 32em)`). A private token in a
 * fallback is named by the public property it resolves from (`var(--_focus)` → `var(--ce-color-focus)`).
 * A property with two different fallbacks has none it could document: that fails the build.
 */
export function cssDefaults(files = sourceFiles()) {
  const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  const publicOf = new Map([...text.matchAll(/(--_[\w-]+)\s*:\s*var\(\s*(--ce-[\w-]+)/g)].map((m) => [m[1], m[2]]));
  const defaults = new Map();
  for (const [name, fallback] of fallbacks(text)) {
    const value = normalizeCss(fallback).replace(/var\((--_[\w-]+)\)/g, (m, priv) =>
      publicOf.has(priv) ? `var(${publicOf.get(priv)})` : m,
    );
    if (defaults.has(name) && defaults.get(name) !== value)
      throw new Error(`${name} has two defaults in src/: ${defaults.get(name)} and ${value}`);
    defaults.set(name, value);
  }
  return defaults;
}

/** Fills in `cssProperties[].default` from the styles, where the JSDoc (`@cssprop [--ce-x=default]`) has none. */
function cssPropertyDefaults() {
  return {
    name: 'coordinator-elements:css-property-defaults',
    packageLinkPhase({ customElementsManifest }) {
      const defaults = cssDefaults();
      for (const mod of customElementsManifest.modules)
        for (const decl of mod.declarations ?? [])
          for (const prop of decl.cssProperties ?? [])
            if (prop.default === undefined && defaults.has(prop.name)) prop.default = defaults.get(prop.name);
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
  plugins: [packageEntries(), cssPropertyDefaults()],
};
