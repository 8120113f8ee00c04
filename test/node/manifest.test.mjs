// Checks dist/custom-elements.json (what editors, Storybook autodocs and docs sites read) against the
// source, so the documented API cannot drift from the code. For each element:
//   - every public reactive property, read from the built element's Lit `elementProperties` in Chromium,
//     is a manifest field, with its attribute name (or none when `attribute: false`), and documented;
//   - every `CustomEvent` name the element's code dispatches (directly or through a helper, `emit()` too), and
//     the nested elements' that come out of it, is an event;
//   - every `part` in its templates (and in the src/pieces and src/controllers helpers it renders into its own shadow root,
//     e.g. icon() and renderToolChip()) and every name it re-exports with `exportparts` is a CSS part;
//   - every `--ce-*` custom property its styles read (its own and the shared tokens) is a CSS property.
// And the other way round: nothing is documented that the code does not have (stale docs). A shared
// token counts only where the element's styles use it. CSS properties read by nested elements (e.g.
// `--ce-json-max-height`) inherit through the shadow root, so those may be documented, but are not
// required; their composed events come out of it, and are required (src/pieces/README.md).
//
// Events, parts and CSS properties come from the TypeScript source through the compiler API: the class,
// then every function and constant it uses from src/components, src/controllers and src/pieces, and the
// methods of its base classes it calls (`emit()`), but not other classes: those are nested elements with
// their own shadow roots. Nested elements are the tags in its templates, literal or scoped
// (`<${this.tagFor('ce-markdown')}>`, lit/static-html.js), and its `static dependencies`. A
// `part=${…}`, `exportparts=${…}`, scoped tag or `new CustomEvent(…)` value is followed through
// constants, conditionals and function parameters (to the call sites); a value it cannot follow fails
// the test rather than being skipped.
//
// The contracts beside the manifest: each event's `type` is `CustomEvent<Detail>` as in the element's
// event map (src/components/<tag>/<tag>.events.ts), which lists exactly the documented events, and
// whose detail types the element's package entry exports; every CSS property with a default in the
// source (`var(--ce-x, default)`, the shared tokens' included) has that `default`; the slots are
// those of its templates (none today).
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

/** `CeElement`'s methods that give the tag a dependency renders under (src/pieces/base-element.ts). */
const SCOPED_TAG_METHODS = ['tagFor', 'tagNameFor'];
/** Tagged templates that hold markup: Lit's, layout-html's, and lit/static-html.js's (imported as `staticHtml`). */
const TEMPLATE_TAGS = ['html', 'svg', 'staticHtml'];

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

  /** The `static dependencies = { 'tag': Class }` entries of a class (not inherited): [tag, class declaration]. */
  function dependenciesOf(classDecl) {
    const member = classDecl.members.find(
      (m) =>
        ts.isPropertyDeclaration(m) &&
        m.name.getText() === 'dependencies' &&
        m.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.StaticKeyword),
    );
    if (!member?.initializer || !ts.isObjectLiteralExpression(member.initializer)) return [];
    return member.initializer.properties.map((p) => {
      const decl = ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer) ? declarationOf(p.initializer) : null;
      assert.ok(
        decl && ts.isClassDeclaration(decl) && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)),
        `${where(p)}: a dependency should be \`'tag-name': Class\``,
      );
      return [p.name.text, decl];
    });
  }

  /** The base classes of a class declared in src/ (`emit()` and friends run in the element). */
  function baseClassesOf(classDecl) {
    const bases = new Set();
    for (let c = classDecl; c;) {
      const heritage = c.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      const base = heritage && declarationOf(heritage.expression);
      c = base && ts.isClassDeclaration(base) && mayRender(base.getSourceFile().fileName) ? base : null;
      if (c) bases.add(c);
    }
    return bases;
  }

  /** Tag name → class declaration, from `defineElement('tag', Class)` calls and `static dependencies`. */
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
      if (ts.isClassDeclaration(node))
        for (const [tag, decl] of dependenciesOf(node)) if (!classesByTag.has(tag)) classesByTag.set(tag, decl);
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
    const bases = baseClassesOf(classDecl);
    while (queue.length) {
      const root = queue.shift();
      const visit = (node) => {
        if (ts.isCallExpression(node)) {
          const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
          const fn = functionOf(declarationOf(callee));
          if (fn) calls.push({ fn, args: node.arguments });
          // A base class's method runs in this element: `this.emit('ce-toggle', …)`.
          if (fn && ts.isClassLike(fn.parent) && bases.has(fn.parent) && !roots.has(fn)) {
            roots.add(fn);
            queue.push(fn);
          }
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
    // A scoped tag (`this.tagFor('ce-markdown')`): its default name, which names its class here.
    if (
      ts.isCallExpression(expr) &&
      ts.isPropertyAccessExpression(expr.expression) &&
      SCOPED_TAG_METHODS.includes(expr.expression.name.text) &&
      expr.arguments.length === 1
    )
      return evaluate(expr.arguments[0], scope, seen);
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

  /** Parts, exportparts, nested tags, slots and `--ce-*` reads of an element class. */
  function analyzeClass(classDecl) {
    if (cache.has(classDecl)) return cache.get(classDecl);
    const scope = reach(classDecl);
    const result = {
      parts: new Set(),
      exports: [], // { tag, inner, outer, at }
      tags: new Set(),
      slots: new Set(),
      events: new Set(),
      cssRead: new Set(),
      problems: [],
    };
    // Its dependencies (its own, else its base classes') are the elements it may render under scoped names.
    const dependencies = new Map(
      [classDecl, ...baseClassesOf(classDecl)].map(dependenciesOf).find((list) => list.length) ?? [],
    );
    for (const tag of dependencies.keys()) result.tags.add(tag);
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
      /** The tag name(s) of a scoped tag: `<${markdown}` with `const markdown = this.tagFor('ce-markdown')`. */
      const scopedTag = (index) => evaluate(exprs[Number(index)], scope);
      for (const m of text.matchAll(/<\uE000(\d+)\uE000/g))
        guard(() => scopedTag(m[1]).forEach((t) => result.tags.add(t)));
      for (const m of text.matchAll(/<slot\b([^>]*)>/g)) {
        const name = /(?<![\w-])name\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/.exec(m[1]);
        result.slots.add(name ? (name[1] ?? name[2] ?? name[3]) : '');
      }
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
          const open = /<([a-zA-Z][\w-]*|\uE000\d+\uE000)[^<]*$/.exec(text.slice(0, m.index))?.[1];
          const scoped = open?.startsWith('\uE000') ? scopedTag(open.slice(1, -1)) : null;
          if (scoped && scoped.length !== 1)
            throw new Unresolved(`exportparts on a tag of several names at ${where(node)}`);
          const tag = scoped ? scoped[0] : open;
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
          if (TEMPLATE_TAGS.includes(node.tag.text)) scanTemplate(node);
        }
        // `this.tagFor('x')` throws at runtime unless `x` is one of the class's dependencies.
        if (
          ts.isCallExpression(node) &&
          ts.isPropertyAccessExpression(node.expression) &&
          SCOPED_TAG_METHODS.includes(node.expression.name.text)
        ) {
          guard(() => {
            // `this.tagFor(…)`: the element's dependencies; `Holder.tagFor(…)` (a class that holds the
            // dependencies of templates loaded later, e.g. a card's details): that class's.
            const receiver = node.expression.expression;
            const holder = receiver.kind === ts.SyntaxKind.ThisKeyword ? null : declarationOf(receiver);
            const [owner, allowed] =
              holder && ts.isClassDeclaration(holder)
                ? [holder, new Map(dependenciesOf(holder))]
                : [classDecl, dependencies];
            for (const tag of evaluate(node.arguments[0], scope))
              if (!allowed.has(tag))
                result.problems.push(
                  `${where(node)}: <${tag}> is not in the static dependencies of ${owner.name.text}`,
                );
          });
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
      problems: [...new Set(problems)],
      cssInherited: withNested(classDecl, 'cssRead'),
      eventsInherited: withNested(classDecl, 'events'),
    };
  }

  /** `{ name → type text }` of `<tag>`'s event map (`EventCardEventMap` in src/components/event-card/event-card.events.ts). */
  function eventMap(tag) {
    const file = join(SRC, 'components', tag, `${tag}.events.ts`).split(sep).join('/');
    const sf = program.getSourceFile(file);
    assert.ok(sf, `<${tag}> has no events module ${relative(ROOT, file)}`);
    const name = `${tag.replace(/(^|-)([a-z])/g, (_m, _d, c) => c.toUpperCase())}EventMap`;
    const map = sf.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
    assert.ok(map, `${relative(ROOT, file)} declares no interface ${name}`);
    return new Map(map.members.map((m) => [m.name.text, m.type.getText().replace(/\s+/g, '')]));
  }

  /** The names a module exports (types included). */
  function exportsOf(file) {
    const sf = program.getSourceFile(file.split(sep).join('/'));
    assert.ok(sf, `${relative(ROOT, file)} is not in the program`);
    return new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(sf)).map((s) => s.name));
  }

  /**
   * The default of every `--ce-*` property the source reads with a fallback (`var(--ce-x, fallback)`,
   * parentheses balanced), in one spelling (single spaces, none inside parentheses). A private token
   * in a fallback stands for the public property it resolves from (`var(--_focus)` → `var(--ce-color-focus)`).
   */
  function cssDefaults() {
    const texts = [];
    for (const sf of projectFiles) {
      if (isTestFile(sf.fileName)) continue;
      const visit = (node) => {
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node))
          texts.push(node.text);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    const text = texts.join('\n');
    const publicOf = new Map([...text.matchAll(/(--_[\w-]+)\s*:\s*var\(\s*(--ce-[\w-]+)/g)].map((m) => [m[1], m[2]]));
    const defaults = new Map();
    for (const m of text.matchAll(/var\(\s*(--ce-[\w-]+)\s*,/g)) {
      let end = m.index + m[0].length;
      for (let depth = 1; depth; end++) depth += text[end] === '(' ? 1 : text[end] === ')' ? -1 : 0;
      const value = text
        .slice(m.index + m[0].length, end - 1)
        .replace(/\s+/g, ' ')
        .replace(/\(\s/g, '(')
        .replace(/\s\)/g, ')')
        .trim()
        .replace(/var\((--_[\w-]+)\)/g, (all, priv) => (publicOf.has(priv) ? `var(${publicOf.get(priv)})` : all));
      defaults.set(m[1], [...(defaults.get(m[1]) ?? []), value]);
    }
    return defaults;
  }

  return { element, eventMap, exportsOf, cssDefaults };
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
        // The events of its inner pieces bubble out of it, composed: documented too (src/pieces/README.md).
        expectNone(
          missingFrom(eventsInherited, declared),
          `events of elements nested in <${tag}> that come out of it but are missing from the manifest`,
        );
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

      test('every event has the detail type of the event map, and the entry exports it', () => {
        const map = analyzer.eventMap(tag);
        const events = decl().events ?? [];
        const declared = names(events);
        expectNone(missingFrom(map.keys(), declared), `events in <${tag}>'s event map but not in the manifest`);
        expectNone(
          missingFrom(declared, new Set(map.keys())),
          `events in the manifest but not in <${tag}>'s event map`,
        );
        const problems = [];
        const entry = analyzer.exportsOf(join(SRC, `${tag}.ts`));
        const index = analyzer.exportsOf(join(SRC, 'index.ts'));
        for (const e of events) {
          const type = e.type?.text?.replace(/\s+/g, '');
          if (!type) {
            problems.push(`${e.name}: no type (JSDoc: \`@fires {CustomEvent<Detail>} ${e.name} - …\`, type first)`);
            continue;
          }
          if (map.has(e.name) && type !== map.get(e.name))
            problems.push(`${e.name}: the manifest says ${type}, the event map ${map.get(e.name)}`);
          const detail = /^CustomEvent<(\w+)>$/.exec(type)?.[1];
          if (!detail) problems.push(`${e.name}: ${type} is not CustomEvent<DetailType>`);
          else {
            if (!entry.has(detail)) problems.push(`${e.name}: src/${tag}.ts does not export ${detail}`);
            if (!index.has(detail)) problems.push(`${e.name}: src/index.ts does not export ${detail}`);
          }
        }
        expectNone(problems, `<${tag}>'s event types`);
      });

      test('every CSS property with a default in the source has it in the manifest', () => {
        const defaults = analyzer.cssDefaults();
        const problems = [];
        for (const p of decl().cssProperties ?? []) {
          const found = [...new Set(defaults.get(p.name) ?? [])];
          if (found.length > 1) problems.push(`${p.name}: the source has several defaults: ${found.join(' | ')}`);
          else if (found.length === 1 && p.default !== found[0])
            problems.push(
              `${p.name}: default ${JSON.stringify(p.default)}, the source's is ${JSON.stringify(found[0])}`,
            );
          // Words that name a default must name this one.
          const said = /\(default ([^):]+)\)/.exec(p.description ?? '')?.[1];
          if (said && p.default !== undefined && said !== p.default)
            problems.push(`${p.name}: the description says "default ${said}", the default is ${p.default}`);
        }
        const withDefault = (decl().cssProperties ?? []).filter((p) => p.default !== undefined);
        assert.ok(withDefault.length > 0, `no CSS property of <${tag}> has a default`);
        expectNone(problems, `<${tag}>'s CSS property defaults`);
      });

      test('the slots in its templates are the documented ones', () => {
        const { slots } = source();
        const declared = names(decl().slots);
        expectNone(missingFrom(slots, declared), `slots of <${tag}> missing from the manifest (\`@slot name - …\`)`);
        expectNone(missingFrom(declared, slots), `slots in the manifest that <${tag}> does not render`);
        expectNone(undocumented(decl().slots), 'slots without a description');
      });
    });
  }
});

describe('the analyzer with this config', () => {
  test('documents slots from `@slot` and event types from `@fires {Type} name`', async () => {
    const { create, ts: cemTs } = await import('@custom-elements-manifest/analyzer');
    const { default: config } = await import('../../custom-elements-manifest.config.mjs');
    const code = `
      /**
       * @slot - The content.
       * @slot footer - Below the content.
       * @fires {CustomEvent<PingDetail>} x-ping - Pinged.
       * @cssprop [--x-gap=4px] - Gap.
       */
      export class XProbe extends LitElement {}
      customElements.define('x-probe', XProbe);`;
    const modules = [cemTs.createSourceFile('src/x-probe.ts', code, cemTs.ScriptTarget.ES2022, true)];
    const manifest = create({ modules, plugins: config.plugins, context: { dev: false } });
    const decl = manifest.modules[0].declarations[0];
    assert.deepEqual(
      decl.slots.map((s) => [s.name, s.description]),
      [
        ['', 'The content.'],
        ['footer', 'Below the content.'],
      ],
    );
    assert.deepEqual(decl.events, [
      { name: 'x-ping', type: { text: 'CustomEvent<PingDetail>' }, description: 'Pinged.' },
    ]);
    assert.equal(decl.cssProperties[0].default, '4px');
  });
});
