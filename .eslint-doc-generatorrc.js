/**
 * eslint-doc-generator 3.7 configuration. `npm run docs` builds, then writes the README rules table and the header
 * and options list of every `docs/rules/<rule>.md`; `npm run lint:docs` (`--check`) fails when they drift from `dist`.
 * The generator loads the built plugin (`dist/index.js`), so build first. The rule prefix, `transport`, comes from the
 * package name `eslint-plugin-transport`; the options lists come from each rule's `meta.schema` descriptions and
 * `meta.defaultOptions`.
 */
import Module, { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * The generator first tries `require(<package root>)`. On Node 20.19+ that loads our ESM entry and returns its module
 * namespace, and eslint-doc-generator 3.7 unwraps `default` only when it is the sole export. `src/index.ts` also
 * exports `rules`, so the generator would see `{ default, rules }`: the rules but no configs. Hand it the default export
 * through the require cache. Harmless once the entry point has only a default export.
 */
const require = createRequire(import.meta.url);
let entry;
try {
  entry = require.resolve('./');
} catch {
  // not built yet: let the generator report the missing entry point itself
}
if (entry) {
  const { default: plugin } = await import(pathToFileURL(entry).href);
  const cached = new Module(entry);
  cached.filename = entry;
  cached.exports = plugin;
  cached.loaded = true;
  require.cache[entry] = cached;
}

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
    ['all', '🌐'],
  ],
  // turns every rule off for files without type information: listing it next to each rule would only confuse
  ignoreConfig: ['disable-type-checked'],
  ruleDocSectionInclude: ['Examples', 'When Not To Use It'],
  ruleDocTitleFormat: 'prefix-name',
};

export default config;
