// The layering of src/ (docs/architecture.md) is enforced by the lint: these tests show that the rule
// fires on a violation (so a broken configuration cannot pass silently), and check that src/ has no
// import cycle, counting type-only imports too (ESLint's no-cycle leaves those out).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { layering } from '../../eslint.config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

const eslint = new ESLint({ cwd: ROOT });

/** The rule ids ESLint reports for `code` placed at `file` (relative to the repo). */
async function ruleIds(file, code) {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layering lint', () => {
  const cases = [
    [
      'src/model/probe.ts',
      "import { CoordinatorClient } from '../client/client.js';\nexport const x = CoordinatorClient;\n",
    ],
    ['src/client/probe.ts', "import { icon } from '../pieces/icons.js';\nexport const x = icon;\n"],
    [
      'src/pieces/probe.ts',
      "import { EventCard } from '../components/event-card/event-card.component.js';\nexport const x = EventCard;\n",
    ],
    ['src/controllers/probe.ts', "import { icon } from '../pieces/icons.js';\nexport const x = icon;\n"],
    [
      'src/i18n/probe.ts',
      "import { normalizeEvent } from '../model/normalize.js';\nexport const x = normalizeEvent;\n",
    ],
    ['src/components/probe.ts', "import { EventTimeline } from '../index.js';\nexport const x = EventTimeline;\n"],
    ['src/client/probe.ts', "import { createSim } from '../../test/support/sim.js';\nexport const x = createSim;\n"],
  ];
  for (const [file, code] of cases) {
    test(`${file}: ${code.split('\n')[0]} is a violation`, async () => {
      assert.ok((await ruleIds(file, code)).includes('import-x/no-restricted-paths'));
    });
  }

  test('imports down the layers are allowed', async () => {
    const code = [
      "import { icon } from '../pieces/icons.js';",
      "import { LocalizeController } from '../controllers/localize.js';",
      "import { CoordinatorClient } from '../client/client.js';",
      "import { normalizeEvent } from '../model/normalize.js';",
      'export const x = [icon, LocalizeController, CoordinatorClient, normalizeEvent];',
      '',
    ].join('\n');
    assert.deepEqual(await ruleIds('src/components/probe.ts', code), []);
  });

  test('an import cycle is a violation', async () => {
    // The rule reads the imported files from disk: two files that import each other, in a scratch
    // project linted with this repo's configuration.
    const dir = mkdtempSync(join(tmpdir(), 'layering-'));
    try {
      mkdirSync(join(dir, 'src', 'model'), { recursive: true });
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { moduleResolution: 'Bundler', module: 'ESNext' } }),
      );
      writeFileSync(join(dir, 'src/model/a.ts'), "import { b } from './b.js';\nexport const a = () => b;\n");
      writeFileSync(join(dir, 'src/model/b.ts'), "import { a } from './a.js';\nexport const b = () => a;\n");
      const scratch = new ESLint({
        cwd: dir,
        overrideConfigFile: true,
        overrideConfig: [...tseslint.configs.recommended, layering],
      });
      const [result] = await scratch.lintFiles([join(dir, 'src/model/a.ts')]);
      assert.ok(
        result.messages.some((m) => m.ruleId === 'import-x/no-cycle'),
        JSON.stringify(result.messages),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !name.includes('.test.') ? [path] : [];
  });
}

/** The src/ files each file imports (static, dynamic and type-only imports and re-exports). */
function importGraph() {
  const graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((f) => f.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name).replace(/\.js$/, '.ts'))
      .filter((target) => target.startsWith(SRC));
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan). */
function cycles(graph) {
  let index = 0;
  const stack = [];
  const state = new Map();
  const found = [];
  const visit = (v) => {
    const s = { index, low: index, onStack: true };
    index++;
    state.set(v, s);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      const t = state.get(w);
      if (!t) {
        visit(w);
        s.low = Math.min(s.low, state.get(w).low);
      } else if (t.onStack) s.low = Math.min(s.low, t.index);
    }
    if (s.low === s.index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        state.get(w).onStack = false;
        component.push(relative(ROOT, w));
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!state.has(v)) visit(v);
  return found;
}

describe('import graph of src/', () => {
  test('has no cycle, type-only imports included', () => {
    const graph = importGraph();
    assert.ok(graph.size > 40, `read ${graph.size} files`);
    assert.deepEqual(cycles(graph), []);
  });

  test('the cycle check finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    assert.deepEqual(cycles(graph), [['a', 'b', 'c']]);
  });
});
