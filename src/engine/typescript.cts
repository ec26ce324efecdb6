/**
 * TypeScript for the ESM files of this package. `import ts from 'typescript'` in ESM makes Node scan the whole
 * CommonJS bundle of TypeScript for its export names (docs/performance.md says what it costs); this CommonJS file hands over the
 * copy that `require` (and typescript-eslint) already loaded, and Node only scans these few lines.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the point of this file: CommonJS loading
import ts = require('typescript');

export = ts;
