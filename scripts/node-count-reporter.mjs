// A `node --test` reporter that counts tests ({passed, failed, skipped}), so that `npm test` can add
// them to the other runners'. Use it next to a human-readable reporter:
//   node --test --test-reporter=spec --test-reporter-destination=stdout \
//     --test-reporter=./scripts/node-count-reporter.mjs --test-reporter-destination=counts.json
// With NODE_TEST_COUNT_FILE set, it instead rewrites that file after every test, so the counts so far
// survive a run that has to be killed (a test file that never exits).
// Suites are not counted (their tests are). A test file that fails outside any test (e.g. it does
// not load) arrives as one failed test named after the file, and counts as one failure.
import { writeFileSync } from 'node:fs';

export default async function* countReporter(source) {
  const file = process.env.NODE_TEST_COUNT_FILE;
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const save = () => file && writeFileSync(file, JSON.stringify(totals));
  save();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    if (data.skip || data.todo) totals.skipped++;
    else if (event.type === 'test:pass') totals.passed++;
    else totals.failed++;
    save();
  }
  if (!file) yield `${JSON.stringify(totals)}\n`;
}
