/**
 * A function's parameter is what its calls pass only where every use of the function is seen: a second name for it
 * (`const alias = tune`) has calls of its own, so what the named calls pass is one path among others.
 */
import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-socket-options (functions with a second name)', rule, {
  assertionOptions,
  valid: [],
  invalid: [
    {
      name: 'a helper called with a Unix socket only',
      code: `
import * as net from 'node:net';
function tune(socket: net.Socket) {
  socket.setNoDelay(true);
}
tune(net.connect('/tmp/app.sock'));
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/app.sock'`",
            line: '6',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
function tune(socket: net.Socket) {
}
tune(net.connect('/tmp/app.sock'));
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'the same helper also called by a second name with a TCP socket: a pipe on some paths only',
      code: `
import * as net from 'node:net';
function tune(socket: net.Socket) {
  socket.setNoDelay(true);
}
tune(net.connect('/tmp/app.sock'));
const alias = tune;
alias(net.connect(80));
      `,
      output: null,
      errors: [
        {
          messageId: 'pipeOnSomePaths',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/app.sock'`",
            line: '6',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 20,
          suggestions: [],
        },
      ],
    },
  ],
});
