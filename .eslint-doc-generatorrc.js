/**
 * eslint-doc-generator 3.7 configuration. `npm run docs` builds, then writes the README rules table and the header
 * and options list of every `docs/rules/<rule>.md`; `npm run lint:docs` (`--check`) fails when they drift from `dist`.
 * The generator loads the built plugin (`dist/index.js`), so build first. The rule prefix, `transport`, comes from the
 * package name `eslint-plugin-transport`; the options lists come from each rule's `meta.schema` descriptions and
 * `meta.defaultOptions`.
 */
/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  // turns every rule off for files without type information: listing it next to each rule would only confuse
  ignoreConfig: ['disable-type-checked'],
  // the default columns, plus which rules take options
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'configsOff',
    'fixable',
    'hasSuggestions',
    'requiresTypeChecking',
    'options',
    'deprecated',
  ],
  ruleDocSectionInclude: ['Examples', 'When Not To Use It'],
  ruleDocTitleFormat: 'prefix-name',
};

export default config;
