// Size budgets for size-limit (`npm test` runs them through bench/size-check.mjs, which also says how
// far each is from its target). Which files a page loads comes from the built module graph
// (bench/lib/sizes.mjs); size-limit sums their gzip sizes and checks each against its ceiling.
import { budgets } from './bench/lib/sizes.mjs';

export default budgets().map((b) => ({ name: b.name, path: b.files, gzip: true, limit: `${b.ceiling} B` }));
