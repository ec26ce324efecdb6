// The three lint set-ups the benchmark compares, all with type information (projectService):
//   none: the parser and the TypeScript program only, no rule;
//   all:  this plugin's `all` config;
//   nfp:  @typescript-eslint/no-floating-promises alone, a reference typed rule;
//   nfp+all: both, the reference rule first: what our rules add once another typed rule has made the type
//         checker resolve the code it looks at (the checker's lazy work is charged to whichever rule asks first);
//   receivers: a second reference, the least a typed rule on our rules' sites asks: TypeScript's type of every
//         receiver of a member our rules look at (`x` of `x.setNoDelay`, `x.address`, …), in the files our
//         prefilter lets through, and whether that type has the member. Our rules answer the same sites mostly from
//         declarations and syntax; this shows what asking TypeScript about each of them would cost.
import tsParser from '@typescript-eslint/parser';
import fs from 'node:fs';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import plugin from 'eslint-plugin-transport';
// not a package export: from the build, as bench/lint-once.js's observer
import { memberPattern, memberSelector, mentions } from '../dist/rule-kit/prefilter.js';

export const MODES = ['none', 'all', 'nfp', 'nfp+all', 'receivers'];

/** The member names our rules select (the Node ones; Deno's and Bun's count only in programs with their types). */
const MEMBER_NAMES = [
  ...['listen', 'connect', 'createConnection', 'address', 'socket', 'connection'],
  ...['remoteAddress', 'remotePort', 'remoteFamily', 'localAddress', 'localPort'],
  ...['getPeerCertificate', 'getCipher', 'getProtocol', 'getSession', 'isSessionReused', 'getFinished'],
  ...['authorized', 'authorizationError', 'alpnProtocol', 'servername', 'encrypted'],
  ...['setNoDelay', 'setKeepAlive', 'setTimeout', 'ref', 'unref', 'pause', 'resume', 'destroy'],
];
const RECEIVERS = {
  plugins: {
    bench: {
      rules: {
        receivers: {
          meta: { type: 'problem', schema: [] },
          create(context) {
            if (!mentions(context.sourceCode, memberPattern(MEMBER_NAMES))) return {};
            const services = context.sourceCode.parserServices;
            const checker = services.program.getTypeChecker();
            return {
              [memberSelector(MEMBER_NAMES)](node) {
                const type = checker.getApparentType(services.getTypeAtLocation(node.object));
                checker.getPropertyOfType(type, node.property.name ?? String(node.property.value));
              },
            };
          },
        },
      },
    },
  },
  rules: { 'bench/receivers': 'error' },
};

const NFP = {
  plugins: { '@typescript-eslint': tseslint.plugin },
  rules: { '@typescript-eslint/no-floating-promises': 'error' },
};

function rulesFor(mode) {
  if (mode === 'all') return [plugin.configs.strict];
  if (mode === 'nfp') return [NFP];
  if (mode === 'nfp+all') return [NFP, plugin.configs.strict];
  if (mode === 'receivers') return [RECEIVERS];
  return [];
}

/**
 * The flat config for a mode, for a project in `dir`: type information from the project service (each file's
 * nearest tsconfig), or from one tsconfig (`project`, typescript-eslint's `parserOptions.project`), as
 * bench/realworld.js uses for a tsconfig it wrote outside the repository.
 */
export function configFor(mode, dir, { project, files = ['**/*.ts'] } = {}) {
  const parserOptions = project ? { project, tsconfigRootDir: dir } : { projectService: true, tsconfigRootDir: dir };
  return [
    { files, languageOptions: { parser: tsParser, parserOptions } },
    ...rulesFor(mode).map((config) => ({ files, ...config })),
  ];
}

/** Writes `eslint.config.<mode>.js` into the project, for runs with ESLint's `concurrency` (workers load a file). */
export function writeConfigFiles(dir) {
  const self = path
    .relative(dir, path.join(import.meta.dirname, 'configs.js'))
    .split(path.sep)
    .join('/');
  for (const mode of MODES) {
    const text = `import { configFor } from '${self.startsWith('.') ? self : `./${self}`}';\n\nexport default configFor('${mode}', import.meta.dirname);\n`;
    fs.writeFileSync(path.join(dir, `eslint.config.${mode}.js`), text);
  }
}
