/**
 * no-unchecked-peer-address, with values followed across functions and files: a multi-file program in
 * tests/fixtures/program (TypeScript and JavaScript, ESM and CommonJS). The linted file is the virtual file.ts,
 * file.cjs or file.mjs of that program; the other files are on disk and call, import or listen on what it defines.
 */
import path from 'node:path';
import noUncheckedPeerAddress from '../../../src/rules/no-unchecked-peer-address.ts';
import { assertionOptions, fixtures, typedRuleTester } from '../../helpers/rule-tester.ts';

const program = typedRuleTester(path.join(fixtures, 'program'));

program.run('no-unchecked-peer-address (across files)', noUncheckedPeerAddress, {
  assertionOptions,
  valid: [
    {
      name: 'JavaScript: a peer address dereferenced in a helper that only TCP servers call',
      filename: 'file.cjs',
      code: `
function logTcpPeer(socket) {
  console.log(socket.remoteAddress.split(':'));
}
module.exports = { logTcpPeer };
      `,
    },
    {
      name: 'JavaScript: a peer address dereferenced in a helper that nothing in the program calls',
      filename: 'file.cjs',
      code: `
function logAnyPeer(socket) {
  console.log(socket.remoteAddress.split(':'));
}
module.exports = { logAnyPeer };
      `,
    },

    {
      name: 'JavaScript: a destructured request socket of a handler mounted in another module on a TCP server',
      filename: 'file.mjs',
      code: `
export function handleTcp(req, res) {
  const { socket } = req;
  res.end(socket.remoteAddress.replace('::ffff:', ''));
}
export function handle(req, res) {
  res.end('ok');
}
      `,
    },
    {
      name: 'JavaScript: a helper called with the request of a server on process.env.PORT || 3000',
      filename: 'file.mjs',
      code: `
import http from 'node:http';
function log(req) {
  console.log(req.socket.remoteAddress.toLowerCase());
}
http
  .createServer((req, res) => {
    log(req);
    res.end();
  })
  .listen(process.env.PORT || 3000);
      `,
    },
    {
      name: 'JavaScript: a peer address dereferenced where it was tested first, on a Unix-socket server',
      filename: 'file.mjs',
      code: `
import http from 'node:http';
function log(req) {
  if (req.socket.remoteAddress) console.log(req.socket.remoteAddress.toLowerCase());
}
http
  .createServer((req, res) => {
    log(req);
    res.end();
  })
  .listen(process.env.SOCKET_PATH ?? '/run/web.sock');
      `,
    },
  ],
  invalid: [
    {
      name: 'JavaScript: a peer address dereferenced in a helper that a Unix-socket server in another module calls',
      filename: 'file.cjs',
      code: `
function logPeer(socket) {
  console.log(socket.remoteAddress.split(':'));
}
module.exports = { logPeer };
      `,
      errors: [
        {
          messageId: 'dereferenced',
          data: {
            subject: 'socket',
            member: 'remoteAddress',
            next: 'split',
            fallback: "''",
            evidence: ": its server listens on the path `'/tmp/peer.sock'` (line 7 of callers.cjs)",
          },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `
function logPeer(socket) {
  console.log((socket.remoteAddress ?? '').split(':'));
}
module.exports = { logPeer };
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'JavaScript: a destructured request socket of a handler mounted in another module on a Unix-socket server',
      filename: 'file.mjs',
      code: `
export function handle(req, res) {
  const { socket } = req;
  res.end(socket.remoteAddress.replace('::ffff:', ''));
}
export function handleTcp(req, res) {
  res.end('ok');
}
      `,
      output: null,
      errors: [
        {
          messageId: 'dereferenced',
          data: {
            subject: 'socket',
            member: 'remoteAddress',
            next: 'replace',
            fallback: "''",
            evidence: ": its server listens on the path `'/run/app.sock'` (line 5 of routes.mjs)",
          },
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `
export function handle(req, res) {
  const { socket } = req;
  res.end((socket.remoteAddress ?? '').replace('::ffff:', ''));
}
export function handleTcp(req, res) {
  res.end('ok');
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: "JavaScript: a helper called with the request of a server on process.env.SOCKET_PATH ?? '/run/web.sock'",
      filename: 'file.mjs',
      code: `
import http from 'node:http';
function log(req) {
  console.log(req.socket.remoteAddress.toLowerCase());
}
http
  .createServer((req, res) => {
    log(req);
    res.end();
  })
  .listen(process.env.SOCKET_PATH ?? '/run/web.sock');
      `,
      output: null,
      errors: [
        {
          messageId: 'dereferenced',
          data: {
            subject: 'req.socket',
            member: 'remoteAddress',
            next: 'toLowerCase',
            fallback: "''",
            evidence: ': its server listens on the path `process.env.SOCKET_PATH` (line 11)',
          },
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `
import http from 'node:http';
function log(req) {
  console.log((req.socket.remoteAddress ?? '').toLowerCase());
}
http
  .createServer((req, res) => {
    log(req);
    res.end();
  })
  .listen(process.env.SOCKET_PATH ?? '/run/web.sock');
      `,
            },
          ],
        },
      ],
    },
  ],
});
