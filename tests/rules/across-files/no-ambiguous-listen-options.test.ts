/**
 * no-ambiguous-listen-options, with values followed across functions and files: a multi-file program in
 * tests/fixtures/program (TypeScript and JavaScript, ESM and CommonJS). The linted file is the virtual file.ts,
 * file.cjs or file.mjs of that program; the other files are on disk and call, import or listen on what it defines.
 */
import path from 'node:path';
import noAmbiguousListenOptions from '../../../src/rules/no-ambiguous-listen-options.ts';
import { assertionOptions, fixtures, typedRuleTester } from '../../helpers/rule-tester.ts';

const program = typedRuleTester(path.join(fixtures, 'program'));

program.run('no-ambiguous-listen-options (across files)', noAmbiguousListenOptions, {
  assertionOptions,
  valid: [
    {
      name: 'defaults from another module with their port deleted before a path is set',
      code: `
import * as net from 'node:net';
import { defaults } from './options.js';
const opts: { host?: string; port?: number; path?: string } = { ...defaults };
delete opts.port;
opts.path = '/tmp/app.sock';
net.createServer().listen(opts);
      `,
    },
  ],
  invalid: [
    {
      name: 'defaults from another module with a port, spread next to a path',
      code: `
import * as net from 'node:net';
import { defaults } from './options.js';
const opts = { ...defaults, path: '/tmp/app.sock' };
net.createServer().listen(opts);
      `,
      errors: [
        {
          messageId: 'listen',
          data: { call: 'net.createServer().listen()' },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
  ],
});
