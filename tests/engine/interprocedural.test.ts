/**
 * Following a function to its calls (interprocedural.ts programUses): a parameter is what every call passes when
 * each use of the function is a call, and the type decides when the function escapes (stored, `call`ed, exported
 * from the package's entry point). The probe prints the transports the engine finds possible for the argument of
 * every `probe(x)`; `tcp` alone is what the calls pass (`net.connect(80)`), `pipe tcp` is what the type allows.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { engineProbe, probeResults } from '../helpers/probe.ts';

const possibleRule = engineProbe<TSESTree.CallExpression>('CallExpression[callee.name="probe"]', (_ctx, node, engine) =>
  [...engine.classify(node.arguments[0]!, { at: node, member: 'setNoDelay' }).possible].sort().join(' '),
);

/** What is possible at each `probe(x)` of a snippet (the whole file, an entry point of its package). */
function possible(code: string): string[] {
  return probeResults<string>(possibleRule, code);
}

describe('the function a parameter belongs to, named by', () => {
  it('an object literal method, a class field, an assignment, the constructor of a class expression', () => {
    expect(
      possible(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
const helpers = {
  tune(socket: net.Socket) {
    probe(socket);
  },
};
helpers.tune(net.connect(80));
class Pool {
  tune = (socket: net.Socket) => {
    probe(socket);
  };
  run() {
    this.tune(net.connect(80));
  }
}
new Pool().run();
const api: { tune?: (socket: net.Socket) => void } = {};
api.tune = function (socket) {
  probe(socket);
};
api.tune(net.connect(80));
const Wrapper = class {
  constructor(socket: net.Socket) {
    probe(socket);
  }
};
new Wrapper(net.connect(80));
`),
    ).toEqual(['tcp', 'tcp', 'tcp', 'tcp']);
  });

  it('the same, a method of a class exported from the entry point, or named by a computed key: the type decides', () => {
    expect(
      possible(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
export class Pool {
  tune = (socket: net.Socket) => {
    probe(socket);
  };
  run() {
    this.tune(net.connect(80));
  }
}
const key = 'tune';
const computed = {
  [key](socket: net.Socket) {
    probe(socket);
  },
};
computed.tune(net.connect(80));
`),
    ).toEqual(['pipe tcp', 'pipe tcp']);
  });

  it('a method of an object exported from the entry point: code outside the program may call it', () => {
    expect(
      possible(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
export const helpers = {
  tune(socket: net.Socket) {
    probe(socket);
  },
};
helpers.tune(net.connect(80));
`),
    ).toEqual(['pipe tcp']);
  });
});

describe('the uses of a function', () => {
  it('calls through an assertion, a non-null assertion and new; type positions and instanceof pass nothing', () => {
    expect(
      possible(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
const wrapped = {
  tune(socket: net.Socket) {
    probe(socket);
  },
};
(wrapped.tune as (s: net.Socket) => void)(net.connect(80));
wrapped.tune!(net.connect(80));
export type Tune = typeof wrapped.tune;
class Checked {
  constructor(socket: net.Socket) {
    probe(socket);
  }
}
new Checked(net.connect(80));
declare const value: unknown;
if (value instanceof Checked) console.log(value);
export let last: Checked | undefined;
`),
    ).toEqual(['tcp', 'tcp']);
  });

  it('f.call(…), a function stored in an array, a call that passes a pipe: the type or the pipe decides', () => {
    expect(
      possible(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
const called = {
  tune(socket: net.Socket) {
    probe(socket);
  },
};
called.tune.call(null, net.connect(80));
const stored = {
  tune(socket: net.Socket) {
    probe(socket);
  },
};
stored.tune(net.connect(80));
const list = [stored.tune];
const mixed = {
  tune(socket: net.Socket) {
    probe(socket);
  },
};
mixed.tune(net.connect(80));
mixed.tune(net.connect('/tmp/app.sock'));
console.log(list);
`),
    ).toEqual(['pipe tcp', 'pipe tcp', 'pipe tcp']);
  });
});
