// Checks dist/custom-elements.json (what editors, Storybook autodocs and docs sites read) against the
// source, so the documented API cannot drift from the code. For each element:
//   - every public reactive property, read from the built element's Lit `elementProperties` in Chromium,
//     is a manifest field, with its attribute name (or none when `attribute: false`), and documented;
//   - every `CustomEvent` name the element's code dispatches (directly or through a helper) is an event;
//   - every `part` in its templates (and in the src/pieces and src/controllers helpers it renders into its own shadow root,
//     e.g. icon() and renderToolChip()) and every name it re-exports with `exportparts` is a CSS part;
//   - every `--ce-*` custom property its styles read (its own and the shared tokens) is a CSS property.
// And the other way round: nothing is documented that the code does not have (stale docs). A shared
// token counts only where the element's styles use it. CSS properties read by nested elements (e.g.
// `--ce-json-max-height`) inherit through the shadow root, and their composed events come out of it, so
// those may be documented, but are not required.
//
// Events, parts and CSS properties come from the TypeScript source through the compiler API: the class,
// then every function and constant it uses from src/components, src/controllers and src/pieces (not other classes:
// those are nested elements with their own shadow roots). A `part=${…}`, `exportparts=${…}`
// or `new CustomEvent(…)` value is followed through constants, conditionals and function parameters
// (to the call sites); a value it cannot follow fails the test rather than being skipped.
//
// Run after the build: `npm test` does; alone: `npm run build && node --test test/node/manifest.test.mjs`.
/* global customElements -- page.evaluate callbacks run in the browser */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { chromium } from 'playwright';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome-path.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');
const MANIFEST = join(ROOT, 'dist', 'custom-elements.json');
const BUNDLE = 'coordinator-elements.bundle.min.js';
const ELEMENTS = ['event-timeline', 'event-card', 'chat-panel'];

const SKIP = existsSync(MANIFEST)
  ? false
  : 'dist/custom-elements.json is missing: run `npm run build` first (`npm test` builds before the node tests)';
if (SKIP) console.log(`# manifest.test.mjs skipped: ${SKIP}`);

// ------------------------------------------------------------------------------ source analysis

const isTestFile = (file) => /\.(test|stories)\.ts$|test-kit\.ts$|test-helpers\.ts$/.test(file);

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') && !isTestFile(path) ? [path] : [];
  });
}

/** Code an element renders into its own shadow root can live in these files. */
function mayRender(file) {
  const rel = relative(SRC, file);
  return ['pieces', 'controllers', 'components'].some((dir) => rel.startsWith(`${dir}${sep}`)) && !isTestFile(file);
}

const where = (node) => {
  const sf = node.getSourceFile();
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
  return `${relative(ROOT, sf.fileName)}:${line + 1}`;
};

class Unresolved extends Error {}

function createAnalyzer() {
  const configPath = join(ROOT, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, ROOT);
  const program = ts.createProgram(sourceFiles(SRC), { ...config.options, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const projectFiles = program.getSourceFiles().filter((sf) => sf.fileName.startsWith(SRC.split(sep).join('/')));

  function declarationOf(node) {
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  }

  /** Tag name → class declaration, from `defineElement('tag', Class)` calls. */
  const classesByTag = new Map();
  for (const sf of projectFiles) {
    const visit = (node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'defineElement' &&
        ts.isStringLiteral(node.arguments[0]) &&
        node.arguments[1] &&
        ts.isIdentifier(node.arguments[1])
      ) {
        const decl = declarationOf(node.arguments[1]);
        if (decl && ts.isClassDeclaration(decl)) classesByTag.set(node.arguments[0].text, decl);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  const isInside = (node, roots) => {
    for (let n = node; n; n = n.parent) if (roots.has(n)) return true;
    return false;
  };
  const insideClass = (node) => {
    for (let n = node.parent; n; n = n.parent) if (ts.isClassLike(n)) return true;
    return false;
  };
  /** The function a call resolves to (methods, functions, and arrow functions held by fields/consts). */
  const functionOf = (decl) => {
    if (!decl) return undefined;
    if (ts.isFunctionLike(decl)) return decl;
    if ((ts.isPropertyDeclaration(decl) || ts.isVariableDeclaration(decl)) && decl.initializer) {
      const init = decl.initializer;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
    return undefined;
  };

  const cache = new Map();

  /**
   * Everything one element's code reaches: its class, and the functions and constants (in src/components,
   * src/controllers and src/pieces) that it uses, transitively. Other classes are not entered: they are nested elements.
   */
  function reach(classDecl) {
    const roots = new Set([classDecl]);
    const queue = [classDecl];
    const calls = [];
    while (queue.length) {
      const root = queue.shift();
      const visit = (node) => {
        if (ts.isCallExpression(node)) {
          const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
          const fn = functionOf(declarationOf(callee));
          if (fn) calls.push({ fn, args: node.arguments });
        }
        if (ts.isIdentifier(node)) {
          const decl = declarationOf(node);
          if (
            decl &&
            (ts.isFunctionDeclaration(decl) || ts.isVariableDeclaration(decl)) &&
            mayRender(decl.getSourceFile().fileName) &&
            !insideClass(decl) &&
            !isInside(decl, roots)
          ) {
            roots.add(decl);
            queue.push(decl);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(root);
    }
    return { roots: [...roots], calls };
  }

  /** The strings an expression can evaluate to (an empty list: no value, e.g. `nothing`). */
  function evaluate(expr, scope, seen = new Set()) {
    const fail = () => {
      throw new Unresolved(`cannot follow the value \`${expr.getText()}\` at ${where(expr)}`);
    };
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
    if (
      ts.isParenthesizedExpression(expr) ||
      ts.isAsExpression(expr) ||
      ts.isNonNullExpression(expr) ||
      ts.isSatisfiesExpression(expr)
    )
      return evaluate(expr.expression, scope, seen);
    if (ts.isConditionalExpression(expr))
      return [...evaluate(expr.whenTrue, scope, seen), ...evaluate(expr.whenFalse, scope, seen)];
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
        return [...evaluate(expr.left, scope, seen), ...evaluate(expr.right, scope, seen)];
      if (op === ts.SyntaxKind.PlusToken)
        return product([evaluate(expr.left, scope, seen), evaluate(expr.right, scope, seen)]);
      fail();
    }
    if (ts.isTemplateExpression(expr)) {
      const pieces = [[expr.head.text]];
      for (const span of expr.templateSpans) pieces.push(evaluate(span.expression, scope, seen), [span.literal.text]);
      return product(pieces);
    }
    // `[...].join(', ')`
    if (
      ts.isCallExpression(expr) &&
      ts.isPropertyAccessExpression(expr.expression) &&
      expr.expression.name.text === 'join' &&
      expr.arguments.length === 1
    ) {
      const list = ts.isIdentifier(expr.expression.expression)
        ? declarationOf(expr.expression.expression)?.initializer
        : expr.expression.expression;
      if (!list || !ts.isArrayLiteralExpression(list)) fail();
      const [separator] = evaluate(expr.arguments[0], scope, seen);
      const items = list.elements.map((e) => evaluate(e, scope, seen));
      if (items.some((values) => values.length !== 1)) fail();
      return [items.map(([v]) => v).join(separator)];
    }
    if (ts.isIdentifier(expr)) {
      if (expr.text === 'undefined') return [];
      const decl = declarationOf(expr);
      if (!decl) fail();
      if (seen.has(decl)) return [];
      seen = new Set(seen).add(decl);
      // lit's `nothing` removes the attribute.
      if (expr.text === 'nothing' && decl.getSourceFile().fileName.includes('/node_modules/')) return [];
      if (ts.isVariableDeclaration(decl) && decl.initializer && ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)
        return evaluate(decl.initializer, scope, seen);
      if (ts.isParameter(decl)) {
        const fn = decl.parent;
        const index = fn.parameters.indexOf(decl);
        const calls = scope.calls.filter((call) => call.fn === fn);
        // Passed around as a callback, for example: its arguments cannot be known here.
        if (!calls.length) fail();
        return calls.flatMap((call) => {
          const arg = call.args[index] ?? decl.initializer;
          return arg ? evaluate(arg, scope, seen) : [];
        });
      }
    }
    return fail();
  }

  function product(lists) {
    let out = [''];
    for (const list of lists) out = out.flatMap((prefix) => list.map((v) => prefix + v));
    return out;
  }

  const words = (values) => values.flatMap((v) => v.split(/\s+/)).filter(Boolean);

  /** Parts, exportparts, nested tags and `--ce-*` reads of an element class. */
  function analyzeClass(classDecl) {
    if (cache.has(classDecl)) return cache.get(classDecl);
    const scope = reach(classDecl);
    const result = {
      parts: new Set(),
      exports: [], // { tag, inner, outer, at }
      tags: new Set(),
      events: new Set(),
      cssRead: new Set(),
      problems: [],
    };
    cache.set(classDecl, result);
    const guard = (fn) => {
      try {
        fn();
      } catch (err) {
        if (err instanceof Unresolved) result.problems.push(err.message);
        else throw err;
      }
    };
    const texts = [];

    const scanTemplate = (node) => {
      const tpl = node.template;
      const chunks = ts.isNoSubstitutionTemplateLiteral(tpl)
        ? [tpl.text]
        : [tpl.head.text, ...tpl.templateSpans.map((s) => s.literal.text)];
      const exprs = ts.isNoSubstitutionTemplateLiteral(tpl) ? [] : tpl.templateSpans.map((s) => s.expression);
      const text = chunks.reduce((all, chunk, i) => `${all}\uE000${i - 1}\uE000${chunk}`);
      for (const m of text.matchAll(/<([a-z][a-z0-9]*-[a-z0-9-]*)[\s>/]/g)) result.tags.add(m[1]);
      const attr = /(?<![\w-])(part|exportparts)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\uE000\d+\uE000))/g;
      for (const m of text.matchAll(attr)) {
        guard(() => {
          const raw = m[2] ?? m[3] ?? m[4];
          const pieces = raw
            .split(/\uE000(\d+)\uE000/)
            .map((piece, i) => (i % 2 ? evaluate(exprs[Number(piece)], scope) : [piece]));
          const values = product(pieces);
          if (m[1] === 'part') {
            for (const name of words(values)) result.parts.add(name);
            return;
          }
          const tag = /<([a-zA-Z][\w-]*)[^<]*$/.exec(text.slice(0, m.index))?.[1];
          for (const value of values) {
            for (const entry of value
              .split(',')
              .map((e) => e.trim())
              .filter(Boolean)) {
              const [inner, outer = inner] = entry.split(':').map((s) => s.trim());
              result.exports.push({ tag, inner, outer, at: where(node) });
              result.parts.add(outer);
            }
          }
        });
      }
    };

    for (const root of scope.roots) {
      const visit = (node) => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
          if (node.tag.text === 'html' || node.tag.text === 'svg') scanTemplate(node);
        }
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node))
          texts.push(node.text);
        if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'CustomEvent') {
          guard(() => {
            if (!node.arguments?.length) throw new Unresolved(`CustomEvent without a name at ${where(node)}`);
            for (const name of evaluate(node.arguments[0], scope)) result.events.add(name);
          });
        }
        // Elements created imperatively: `document.createElement('ce-copy-button')`.
        if (
          ts.isCallExpression(node) &&
          ts.isPropertyAccessExpression(node.expression) &&
          node.expression.name.text === 'createElement' &&
          node.arguments[0] &&
          ts.isStringLiteral(node.arguments[0]) &&
          node.arguments[0].text.includes('-')
        )
          result.tags.add(node.arguments[0].text);
        // Imperative parts: `el.setAttribute('part', …)`.
        if (
          ts.isCallExpression(node) &&
          ts.isPropertyAccessExpression(node.expression) &&
          node.expression.name.text === 'setAttribute' &&
          node.arguments.length === 2 &&
          ts.isStringLiteral(node.arguments[0]) &&
          node.arguments[0].text === 'part'
        ) {
          guard(() => {
            for (const name of words(evaluate(node.arguments[1], scope))) result.parts.add(name);
          });
        }
        ts.forEachChild(node, visit);
      };
      visit(root);
    }
    for (const name of cssReads(texts.join('\n'))) result.cssRead.add(name);
    return result;
  }

  /**
   * The `--ce-*` properties some style actually uses. The shared tokens resolve each public property into
   * a private one (`--_bg: var(--ce-color-bg, …)`): such a property counts only when its private one is
   * used (`var(--_bg)`), so a token an element never uses is not part of its API.
   */
  function cssReads(text) {
    const reads = new Set();
    const viaPrivate = new Map();
    const definitions = /(--_[\w-]+)\s*:\s*var\(\s*(--ce-[\w-]+)/g;
    const defined = new Map();
    for (const [, priv, pub] of text.matchAll(definitions)) {
      viaPrivate.set(pub, [...(viaPrivate.get(pub) ?? []), priv]);
      defined.set(pub, (defined.get(pub) ?? 0) + 1);
    }
    const uses = new Map();
    for (const [, name] of text.matchAll(/var\(\s*(--[\w-]+)/g)) uses.set(name, (uses.get(name) ?? 0) + 1);
    for (const [name, count] of uses) {
      if (!name.startsWith('--ce-')) continue;
      const direct = count > (defined.get(name) ?? 0);
      if (direct || (viaPrivate.get(name) ?? []).some((priv) => uses.has(priv))) reads.add(name);
    }
    return reads;
  }

  /**
   * `key` (cssRead, events) of the element and of every element nested in it: custom properties inherit
   * into nested shadow roots, and their composed events come out of the element's.
   */
  function withNested(classDecl, key, seen = new Set()) {
    const own = analyzeClass(classDecl);
    const all = new Set(own[key]);
    seen.add(classDecl);
    for (const tag of own.tags) {
      const nested = classesByTag.get(tag);
      if (nested && !seen.has(nested)) for (const name of withNested(nested, key, seen)) all.add(name);
    }
    return all;
  }

  function element(tag) {
    const file = join(SRC, 'components', tag, `${tag}.component.ts`);
    const classDecl = classesByTag.get(tag);
    assert.ok(classDecl, `no defineElement('${tag}', …) found under src/`);
    assert.equal(
      classDecl.getSourceFile().fileName,
      file.split(sep).join('/'),
      `<${tag}>'s class should live in ${relative(ROOT, file)}`,
    );
    const own = analyzeClass(classDecl);
    const problems = [...own.problems];
    // Re-exported parts must exist in the nested element, or the documented name matches nothing.
    for (const e of own.exports) {
      const nested = classesByTag.get(e.tag);
      if (!nested) {
        problems.push(`exportparts on <${e.tag}> (${e.at}): not an element of this library`);
        continue;
      }
      const inner = analyzeClass(nested);
      problems.push(...inner.problems);
      if (!inner.parts.has(e.inner))
        problems.push(`exportparts on <${e.tag}> (${e.at}) names "${e.inner}", which <${e.tag}> does not have`);
    }
    return {
      ...own,
      problems,
      cssInherited: withNested(classDecl, 'cssRead'),
      eventsInherited: withNested(classDecl, 'events'),
    };
  }

  return { element };
}

// ------------------------------------------------------------------------------ the checks

/** Lit's reactive properties of each element, from the built bundle in Chromium. */
async function runtimeProperties() {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/${BUNDLE}"></script>`,
      );
    } else if (path === `/${BUNDLE}`) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(join(ROOT, 'dist', BUNDLE)));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const executablePath = findChrome();
  let browser;
  try {
    assert.ok(executablePath, 'no Chromium found (see scripts/chrome-path.mjs)');
    browser = await chromium.launch({ executablePath, args: CHROME_ARGS, headless: true });
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const props = await page.evaluate(async (tags) => {
      const out = {};
      for (const tag of tags) {
        await customElements.whenDefined(tag);
        out[tag] = [...customElements.get(tag).elementProperties].map(([key, options]) => {
          const name = String(key);
          return {
            name,
            state: Boolean(options.state),
            // Lit's rule: `attribute: false` none, a string that name, otherwise the lowercased property.
            attribute:
              options.attribute === false
                ? null
                : typeof options.attribute === 'string'
                  ? options.attribute
                  : name.toLowerCase(),
          };
        });
      }
      return out;
    }, ELEMENTS);
    assert.deepEqual(errors, [], 'the bundle threw on the page');
    return props;
  } finally {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

const names = (list) => new Set((list ?? []).map((x) => x.name));
const undocumented = (list) => (list ?? []).filter((x) => !x.description?.trim()).map((x) => x.name);
const missingFrom = (wanted, have) => [...wanted].filter((n) => !have.has(n)).sort();
/** Fails with one readable line per list (assert.deepEqual would print every name twice). */
function expectNone(list, message) {
  if (list.length) assert.fail(`${message}:\n  ${list.join('\n  ')}`);
}

describe('custom-elements.json matches the source', { skip: SKIP }, () => {
  let analyzer;
  let runtime;
  let declarations;

  before(async () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    declarations = new Map(
      manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName, d])),
    );
    analyzer = createAnalyzer();
    runtime = await runtimeProperties();
  });

  for (const tag of ELEMENTS) {
    describe(`<${tag}>`, () => {
      const decl = () => {
        const d = declarations.get(tag);
        assert.ok(d, `the manifest has no declaration with tagName "${tag}"`);
        return d;
      };
      const source = (() => {
        let result;
        return () => (result ??= analyzer.element(tag));
      })();

      test('every public reactive property is a documented field, with its attribute', () => {
        const d = decl();
        const publicProps = runtime[tag].filter((p) => !p.state);
        assert.ok(publicProps.length > 0, `<${tag}> has no public reactive properties at runtime`);
        const fields = new Map((d.members ?? []).filter((m) => m.kind === 'field').map((m) => [m.name, m]));
        const attributes = d.attributes ?? [];
        const problems = [];
        for (const p of publicProps) {
          const field = fields.get(p.name);
          if (!field || field.privacy === 'private' || field.privacy === 'protected') {
            problems.push(`property ${p.name}: not a public field in the manifest`);
            continue;
          }
          if (!field.description?.trim()) problems.push(`property ${p.name}: no description`);
          const attrs = attributes.filter((a) => a.fieldName === p.name).map((a) => a.name);
          if (p.attribute === null) {
            if (attrs.length) problems.push(`property ${p.name} has no attribute, but the manifest lists ${attrs}`);
          } else {
            if (!attrs.includes(p.attribute))
              problems.push(
                `property ${p.name}: attribute "${p.attribute}" missing (manifest: ${attrs.join(', ') || 'none'})`,
              );
            if (field.attribute !== p.attribute)
              problems.push(`field ${p.name}: "attribute" is ${field.attribute}, expected ${p.attribute}`);
          }
        }
        // The other way: an attribute tied to a field must be that reactive property's attribute.
        const byName = new Map(runtime[tag].map((p) => [p.name, p]));
        for (const a of attributes) {
          if (!a.fieldName) continue;
          const p = byName.get(a.fieldName);
          if (!p || p.state || p.attribute !== a.name)
            problems.push(`attribute ${a.name} → ${a.fieldName}: no such reactive property/attribute in the element`);
        }
        for (const a of attributes) if (!a.description?.trim()) problems.push(`attribute ${a.name}: no description`);
        expectNone(problems, `<${tag}>'s manifest entry disagrees with its reactive properties`);
      });

      test('every dispatched CustomEvent is a documented event', () => {
        const { events, eventsInherited, problems } = source();
        expectNone(problems, 'the source analysis could not follow some values');
        assert.ok(events.size > 0, `found no CustomEvent in <${tag}>'s source`);
        const declared = names(decl().events);
        expectNone(missingFrom(events, declared), `events dispatched by <${tag}> but missing from the manifest`);
        expectNone(
          missingFrom(declared, eventsInherited),
          `events in the manifest that neither <${tag}> nor its nested elements dispatch`,
        );
        expectNone(undocumented(decl().events), 'events without a description');
      });

      test('every part in its shadow root is a documented CSS part', () => {
        const { parts, problems } = source();
        expectNone(problems, 'the source analysis found problems');
        assert.ok(parts.size > 0, `found no part="…" in <${tag}>'s templates`);
        const declared = names(decl().cssParts);
        expectNone(missingFrom(parts, declared), `parts of <${tag}> missing from the manifest`);
        expectNone(missingFrom(declared, parts), `parts in the manifest that <${tag}> does not have`);
        expectNone(undocumented(decl().cssParts), 'parts without a description');
      });

      test('every --ce-* custom property its styles read is a documented CSS property', () => {
        const { cssRead, cssInherited } = source();
        assert.ok(cssRead.size > 0, `found no var(--ce-…) in <${tag}>'s styles`);
        const declared = names(decl().cssProperties);
        expectNone(missingFrom(cssRead, declared), `custom properties <${tag}> reads but the manifest lacks`);
        expectNone(
          missingFrom(declared, cssInherited),
          `custom properties in the manifest that neither <${tag}> nor its nested elements read`,
        );
        expectNone(undocumented(decl().cssProperties), 'custom properties without a description');
      });
    });
  }
});
