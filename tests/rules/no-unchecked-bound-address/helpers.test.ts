/**
 * `server.address()` in a function of the file that reads the server from its parameter and is only ever called where
 * the server it is given listens on TCP (a `listen` callback, a `'connection'` listener): it runs only then. Each
 * valid case has an invalid twin: a call before the listen, a call with another server, a function that is exported
 * (callable from anywhere).
 */
import rule from '../../../src/rules/no-unchecked-bound-address.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();
const requireProof = [{ requireProof: true }] as const;

const HELPER = `
import * as net from 'node:net';
const getAddress = (server: net.Server) => {
  return (server.address() as net.AddressInfo).port;
};
`;

const unproven = {
  messageId: 'serverAddress' as const,
  data: { call: 'server.address()', evidence: '' },
  line: 4,
  column: 11,
  endLine: 4,
  endColumn: 46,
};

ruleTester.run('no-unchecked-bound-address (a helper called where the server listens)', rule, {
  assertionOptions,
  valid: [
    {
      name: "called only in the listen callback and in the server's 'connection' listener",
      options: requireProof,
      code: `${HELPER}
export function start() {
  const server = net.createServer();
  server.on('connection', () => console.log(getAddress(server)));
  server.listen(0, () => console.log(getAddress(server)));
}
      `,
    },
  ],
  invalid: [
    {
      name: 'also called before the server listens',
      options: requireProof,
      code: `${HELPER}
export function start() {
  const server = net.createServer();
  console.log(getAddress(server));
  server.listen(0, () => console.log(getAddress(server)));
}
      `,
      output: null,
      errors: [unproven],
    },
    {
      name: 'called in the listen callback of another server',
      options: requireProof,
      code: `${HELPER}
export function start(other: net.Server) {
  const server = net.createServer();
  server.listen(0, () => console.log(getAddress(other)));
}
      `,
      output: null,
      errors: [unproven],
    },
    {
      name: 'exported: callable from anywhere',
      options: requireProof,
      code: `${HELPER.replace('const getAddress', 'export const getAddress')}
export function start() {
  const server = net.createServer();
  server.listen(0, () => console.log(getAddress(server)));
}
      `,
      output: null,
      errors: [unproven],
    },
  ],
});
