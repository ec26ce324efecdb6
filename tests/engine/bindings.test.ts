/**
 * Bindings (bindings.ts): the values written to a variable, destructured sockets, and the uses of a function by name.
 * The probe prints the transports the engine finds possible for the argument of every `probe(x)`: `tcp` or `pipe`
 * alone is what the code shows, `pipe tcp` is what the type allows.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { engineProbe, probeResults } from '../helpers/probe.ts';

const possibleRule = engineProbe<TSESTree.CallExpression>('CallExpression[callee.name="probe"]', (_ctx, node, engine) =>
  [...engine.classify(node.arguments[0]!, { at: node, member: 'setNoDelay' }).possible].sort().join(' '),
);

/** What is possible at each `probe(x)` of a snippet (the whole file). */
function possible(code: string): string[] {
  return probeResults<string>(possibleRule, code);
}

describe('destructured sockets', () => {
  it("a request's socket destructured, renamed or with a default is the socket of the server's listen target", () => {
    expect(
      possible(`
import * as http from 'node:http';
declare function probe(x: unknown): void;
http
  .createServer((req) => {
    const { socket } = req;
    const { socket: renamed } = req;
    const { socket: defaulted = undefined } = req;
    const { headers } = req;
    probe(socket);
    probe(renamed);
    probe(defaulted);
    probe(headers);
  })
  .listen(8080);
http
  .createServer((req) => {
    const { socket } = req;
    probe(socket);
  })
  .listen('/tmp/app.sock');
`),
    ).toEqual(['tcp', 'tcp', 'nullish tcp', 'unknown', 'pipe']);
  });
});

describe('writes', () => {
  it('a compound assignment is a write the engine does not follow: the type decides', () => {
    expect(
      possible(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
let counted: net.Socket | undefined = net.connect(80);
counted ??= net.connect(81);
probe(counted);
let plain: net.Socket | undefined = net.connect(80);
plain = net.connect(81);
probe(plain);
`),
    ).toEqual(['pipe tcp', 'tcp']);
  });
});

describe('the uses of a function by name', () => {
  it('a parameter with a default is what the calls pass; a second name for the function hides calls: the type decides', () => {
    expect(
      possible(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
function handler(socket: net.Socket = net.connect(80)) {
  probe(socket);
}
handler(net.connect(81));
function tuned(socket: net.Socket) {
  probe(socket);
}
tuned(net.connect(83));
const alias = tuned;
alias(net.connect('/tmp/app.sock'));
`),
    ).toEqual(['tcp', 'pipe tcp']);
  });

  it('a function reassigned, or a parameter property: the type decides', () => {
    expect(
      possible(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
let swapped = function (socket: net.Socket) {
  probe(socket);
};
swapped(net.connect(85));
swapped = () => {};
class Holder {
  constructor(private readonly sock: net.Socket) {
    probe(sock);
  }
}
new Holder(net.connect(82));
`),
    ).toEqual(['pipe tcp', 'pipe tcp']);
  });
});
