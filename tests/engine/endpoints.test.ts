/**
 * A parameter's listen target is what every call passes (endpoints.ts parameterEndpoints). One unknown argument
 * answers for all, so the arguments the syntax or the declarations decide are read first: an argument that only
 * TypeScript's flow analysis can type (a callback's parameter over an inferred array) is then not asked at all. The
 * endpoints stay in the order of the calls.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { endpointsOfArguments } from '../../src/engine/endpoints.ts';
import type { FileContext } from '../../src/engine/file-context/index.ts';
import { engineProbe, probeResults } from '../helpers/probe.ts';

interface Probe {
  endpoints: string[];
  /** The names of the identifiers the context holds a type for (declared or asked of TypeScript). */
  typed: string[];
}

const typedNames = (ctx: FileContext): string[] =>
  [...ctx.types.keys(), ...ctx.memberTypes.keys()]
    .filter((n): n is TSESTree.Identifier => n.type === AST_NODE_TYPES.Identifier)
    .map((n) => n.name);

const listenRule = engineProbe<TSESTree.CallExpression>('CallExpression[callee.property.name="listen"]', (ctx, at) => {
  const endpoints = endpointsOfArguments(ctx, at.arguments, 'listen', at).map((e) => `${e.kind} ${e.target}`);
  return { endpoints, typed: typedNames(ctx) } satisfies Probe;
});

describe("a parameter's listen target from its calls", () => {
  it('an argument the declarations show unknown is read before one only flow analysis types, which is not asked', () => {
    const [found] = probeResults<Probe>(
      listenRule,
      `
import * as net from 'node:net';
type Address = { port: number; host: string } | { path: string };
const server = net.createServer();
function bind(address: Address) {
  server.listen(address);
}
export function start(list: Address[]) {
  bind({ port: 80, host: 'localhost' });
  const later = list.slice(1).map((a) => ('port' in a ? { host: a.host, port: 81 } : a));
  later.map((late) => bind(late));
  list.map((early) => bind(early));
}
`,
    );
    expect(found!.endpoints).toEqual(['unknown `address`']);
    expect(found!.typed).toContain('early');
    expect(found!.typed).not.toContain('late');
  });

  it('where every call shows its target, the endpoints in the order of the calls', () => {
    const [found] = probeResults<Probe>(
      listenRule,
      `
import * as net from 'node:net';
const server = net.createServer();
function open(target: number | string) {
  server.listen(target);
}
open('/tmp/app.sock');
open(8080);
export {};
`,
    );
    expect(found!.endpoints).toEqual(["pipe the path `'/tmp/app.sock'`", 'tcp port `8080`']);
  });
});
