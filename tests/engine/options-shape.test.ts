/**
 * The shapes an options value may have where it is used (TransportEngine.optionsShapes, options-shape.ts): the keys
 * each path sets, through every form that builds, changes or narrows an options object. A probe prints the shapes of
 * the argument of every `void x`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import type { OptionsShape } from '../../src/engine/options-shape.ts';
import { engineProbe, probeResults } from '../helpers/probe.ts';

/**
 * One shape as `{port=8080@5, path?, ...} literal`: a key set on line 5 to `8080`, a key something unseen may set
 * (`?`), an open shape (`...`: any other key may be there), and whether it is exactly one object literal's keys.
 */
function describeShape(shape: OptionsShape): string {
  const keys = [...shape.keys].map(([key, value]) =>
    value === 'unknown'
      ? `${key}?`
      : `${key}=${value.ctx.sourceCode.getText(value.value)}@${value.node.loc.start.line}`,
  );
  if (shape.open) keys.push('...');
  return `{${keys.join(', ')}}${shape.literal ? ' literal' : ''}`;
}

/** `void x` asks (a call `probe(x)` would be a call the object is passed to, which may change it). */
const shapesRule = engineProbe<TSESTree.UnaryExpression>('UnaryExpression[operator="void"]', (_ctx, node, engine) => {
  const shapes = engine.optionsShapes(node.argument);
  return shapes ? shapes.map(describeShape) : null;
});

/** The shapes at each `void x` of a snippet (the whole file; its line 1 is the blank line after the backtick). */
function shapes(code: string): (string[] | null)[] {
  return probeResults<string[] | null>(shapesRule, code);
}

describe('building', () => {
  it('a computed key may set any key; a computed key with a static name sets that key', () => {
    expect(
      shapes(`
export {};
declare const k: string;
void { port: 1, [k]: '/tmp/app.sock' };
void { port: 1, ['path']: '/tmp/app.sock' };
`),
    ).toEqual([['{port?, ...} literal'], ["{port=1@5, path='/tmp/app.sock'@5} literal"]]);
  });

  it('`a && b` has the shapes of `b`; `a || b` and `a ?? b` those of both', () => {
    expect(
      shapes(`
export {};
declare const c: boolean;
const tcp = { port: 1 };
const pipe = { path: '/tmp/app.sock' };
void (c && tcp);
void (c || pipe);
void (tcp ?? pipe);
`),
    ).toEqual([['{port=1@4} literal'], null, ['{port=1@4} literal', "{path='/tmp/app.sock'@5} literal"]]);
  });

  it('an awaited builder has the shapes it returns; a generator, a value of no shape and a chain past the bound have none', () => {
    expect(
      shapes(`
export {};
async function build() {
  return { port: 1 };
}
function* generate() {
  yield 1;
  return { port: 1 };
}
async function main() {
  void await build();
  void generate();
  void new Map();
}
export { main };
`),
    ).toEqual([['{port=1@4}'], null, null]);
  });

  it('a chain of variables: up to eight steps, then the type decides', () => {
    expect(
      shapes(`
export {};
const a0 = { port: 1 };
const a1 = a0;
const a2 = a1;
const a3 = a2;
const a4 = a3;
const a5 = a4;
const a6 = a5;
const a7 = a6;
const a8 = a7;
const a9 = a8;
void a7;
void a8;
`),
    ).toEqual([['{port=1@3} literal'], null]);
  });

  it('more than eight paths: no shape', () => {
    expect(
      shapes(`
export {};
declare const n: number;
const five = n === 1 ? { a: 1 } : n === 2 ? { b: 1 } : n === 3 ? { c: 1 } : n === 4 ? { d: 1 } : { e: 1 };
const four = n === 1 ? { f: 1 } : n === 2 ? { g: 1 } : n === 3 ? { h: 1 } : { i: 1 };
void (n ? five : four);
void (n ? five : { path: '/tmp/app.sock' });
`),
    ).toEqual([
      null,
      [
        '{a=1@4} literal',
        '{b=1@4} literal',
        '{c=1@4} literal',
        '{d=1@4} literal',
        '{e=1@4} literal',
        "{path='/tmp/app.sock'@7} literal",
      ],
    ]);
  });

  it('a spread of a typed value sets the keys its type requires and leaves the shape open; of an any value, none', () => {
    expect(
      shapes(`
export {};
declare const base: { host: string; port: number; path?: string };
declare const loose: any;
void { ...base, path: '/tmp/app.sock' };
void { ...loose, path: '/tmp/app.sock' };
`),
    ).toEqual([["{host=base@5, port=base@5, path='/tmp/app.sock'@5, ...}"], ["{path='/tmp/app.sock'@6, ...}"]]);
  });
});

describe('Object.assign and builders', () => {
  it('Object.assign({}, a, b) has the keys of each source; with a spread argument or an unknown target, no shape', () => {
    expect(
      shapes(`
export {};
declare const parts: [object, object];
declare const target: object;
void Object.assign({}, { port: 1 }, { path: '/tmp/app.sock' });
void Object.assign(...parts);
void Object.assign({}, ...parts);
void Object.assign(target, { port: 1 });
`),
    ).toEqual([["{port=1@5, path='/tmp/app.sock'@5}"], null, null, null]);
  });

  it('a builder: every value it returns, nested returns too, not those of functions inside it', () => {
    expect(
      shapes(`
export {};
function build(socket: boolean) {
  const fallback = () => {
    return { host: 'localhost' };
  };
  fallback();
  if (socket) {
    return { path: '/tmp/app.sock' };
  }
  for (const port of [80, 443]) {
    if (port > 100) return { port };
  }
  return { port: 8080 };
}
function opaque() {
  return JSON.parse('{}') as object;
}
void build(true);
void opaque();
`),
    ).toEqual([["{path='/tmp/app.sock'@9}", '{port=port@12}', '{port=8080@14}'], null]);
  });
});

describe('members', () => {
  it('`config.net` is the shape of the key it reads, on every path of `config`; a key not known to be set gives none', () => {
    expect(
      shapes(`
export {};
declare const c: boolean;
declare const k: string;
declare const loose: any;
const config = { net: { port: 1 }, web: { ...loose } };
const either = c ? { net: { port: 2 } } : { net: { path: '/tmp/app.sock' } };
void config.net;
void config['net'];
void either.net;
void (config as Record<string, unknown>)[k];
void (config as Record<string, unknown>).other;
void config.web.net;
void loose.net;
void process;
`),
    ).toEqual([
      ['{port=1@6} literal'],
      ['{port=1@6} literal'],
      ['{port=2@7} literal', "{path='/tmp/app.sock'@7} literal"],
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('`this.options`: the one value a class writes to its field; two writes, or no class, give none', () => {
    expect(
      shapes(`
export {};
class Fixed {
  options = { port: 1 };
  start() {
    void this.options;
  }
}
class Chosen {
  options: object = { port: 1 };
  constructor(socket: boolean) {
    if (socket) this.options = { path: '/tmp/app.sock' };
  }
  start() {
    void this.options;
  }
}
function loose(this: { options: object }) {
  void this.options;
}
export { Fixed, Chosen, loose };
`),
    ).toEqual([['{port=1@4} literal'], null, null]);
  });
});

describe('parameters', () => {
  it('a parameter has the shapes of what every call passes', () => {
    expect(
      shapes(`
export {};
function start(options: object) {
  void options;
}
start({ port: 1 });
start({ path: '/tmp/app.sock' });
`),
    ).toEqual([['{port=1@6} literal', "{path='/tmp/app.sock'@7} literal"]]);
  });

  it('none where a call passes a value of no shape, where the parameter is written, or where nothing calls it', () => {
    expect(
      shapes(`
export {};
declare const some: object;
function start(options: object) {
  void options;
}
start({ port: 1 });
start(some);
function defaulted(options?: object) {
  if (!options) options = { path: '/tmp/app.sock' };
  void options;
}
defaulted({ port: 1 });
function unused(options: object) {
  void options;
}
export { unused };
`),
    ).toEqual([null, null, null]);
  });
});

describe('changes before the use', () => {
  it('a computed write or delete may set or drop any key; Object.assign(opts, …) adds keys; a call it is passed to may change it', () => {
    expect(
      shapes(`
export {};
declare function tweak(x: object): void;
declare const k: string;
declare const more: object[];
const written: Record<string, unknown> = { port: 1 };
written[k] = '/tmp/app.sock';
void written;
const deleted: Record<string, unknown> = { port: 1 };
delete deleted[k];
void deleted;
const assigned = { port: 1 };
Object.assign(assigned, { path: '/tmp/app.sock' });
void assigned;
const spread = { port: 1 };
Object.assign(spread, ...more);
void spread;
const passed = { port: 1 };
tweak(passed);
void passed;
const after = { port: 1 };
void after;
Object.assign(after, { path: '/tmp/app.sock' });
`),
    ).toEqual([
      ['{port?, ...}'],
      ['{port?, ...}'],
      ["{port=1@12, path='/tmp/app.sock'@13}"],
      ['{port?, ...}'],
      ['{port?, ...}'],
      ['{port=1@21} literal'],
    ]);
  });

  it('a change that always runs first (in a block, in a test) replaces the shape; one behind a branch, loop, catch or callback adds a shape', () => {
    expect(
      shapes(`
export {};
declare const c: boolean;
declare function later(f: () => void): void;
const always: { port?: number; path?: string } = { port: 1 };
{
  always.path = 'a';
}
if ((always.port = 2)) void always;
const branch: { port?: number; path?: string } = { port: 1 };
if (c) delete branch.port;
c && (branch.path = 'b');
void branch;
const looped: { port?: number; path?: string } = { port: 1 };
for (let i = 0; i < 1; i++) looped.path = 'c';
void looped;
const caught: { port?: number; path?: string } = { port: 1 };
try {
  caught.path = 'd';
} catch {
  caught.port = 3;
}
void caught;
const called: { port?: number; path?: string } = { port: 1 };
later(() => {
  called.path = 'e';
});
void called;
const tested: { port?: number; path?: string; host?: string } = { port: 1 };
if ((tested.path = 'f')) {
}
(tested.host = 'g') && c;
void tested;
`),
    ).toEqual([
      ["{port=2@9, path='a'@7}"],
      ["{path='b'@12}", '{}', "{port=1@10, path='b'@12}", '{port=1@10} literal'],
      ["{port=1@14, path='c'@15}", '{port=1@14} literal'],
      ["{port=3@21, path='d'@19}", "{port=1@17, path='d'@19}"],
      ["{port=1@24, path='e'@26}", '{port=1@24} literal'],
      ["{port=1@29, path='f'@30, host='g'@32}"],
    ]);
  });

  it('changes in while, do-while, for-in, for-of and switch may not have run; more than eight paths give no shape', () => {
    expect(
      shapes(`
export {};
declare const n: number;
const o: { a?: number; b?: number; c?: number; d?: number; e?: number } = {};
while (n > 1) o.a = 1;
do o.b = 1;
while (n > 2);
for (const key in o) o.c = key.length;
for (const x of [1]) o.d = x;
switch (n) {
  case 1:
    o.e = 1;
}
void o;
const p: { a?: number; b?: number } = {};
while (n > 1) p.a = 1;
switch (n) {
  default:
    p.b = 1;
}
void p;
`),
    ).toEqual([null, ['{a=1@16, b=1@19}', '{a=1@16}', '{b=1@19}', '{} literal']]);
  });
});

describe('tests that dominate the use', () => {
  it("`'path' in opts` keeps the shapes with the key where true, those without it where false", () => {
    expect(
      shapes(`
export {};
declare const c: boolean;
const opts: { port?: number; path?: string } = c ? { port: 1, path: '/tmp/app.sock' } : { port: 1 };
if ('path' in opts) void opts;
else void opts;
if (!('path' in opts)) void opts;
if (c && 'path' in opts) void opts;
if (!(c && 'path' in opts)) void opts;
'path' in opts && void opts;
`),
    ).toEqual([
      ["{port=1@4, path='/tmp/app.sock'@4} literal"],
      ['{port=1@4} literal'],
      ['{port=1@4} literal'],
      ["{port=1@4, path='/tmp/app.sock'@4} literal"],
      ["{port=1@4, path='/tmp/app.sock'@4} literal", '{port=1@4} literal'],
      ["{port=1@4, path='/tmp/app.sock'@4} literal"],
    ]);
  });

  it('`opts.path !== undefined`, `opts.path != null` and `opts.path` true keep the shapes with the key; `=== undefined` keeps all', () => {
    expect(
      shapes(`
export {};
declare const c: boolean;
const opts: { port?: number; path?: string } = c ? { port: 1, path: '/tmp/app.sock' } : { port: 1 };
if (opts.path !== undefined) void opts;
if (undefined !== opts.path) void opts;
if (opts.path == null) void opts;
else void opts;
if (opts.path === null) void opts;
else void opts;
opts.path ? void opts : void opts;
if (opts.port === 1) void opts;
`),
    ).toEqual([
      ["{port=1@4, path='/tmp/app.sock'@4} literal"],
      ["{port=1@4, path='/tmp/app.sock'@4} literal"],
      ["{port=1@4, path='/tmp/app.sock'@4} literal", '{port=1@4} literal'],
      ["{port=1@4, path='/tmp/app.sock'@4} literal"],
      ["{port=1@4, path='/tmp/app.sock'@4} literal", '{port=1@4} literal'],
      ["{port=1@4, path='/tmp/app.sock'@4} literal", '{port=1@4} literal'],
      ["{port=1@4, path='/tmp/app.sock'@4} literal"],
      ["{port=1@4, path='/tmp/app.sock'@4} literal", '{port=1@4} literal'],
      ["{port=1@4, path='/tmp/app.sock'@4} literal", '{port=1@4} literal'],
    ]);
  });

  it('tests of another value, of a computed key, across a function, or that no shape passes, keep every shape', () => {
    expect(
      shapes(`
export {};
declare const c: boolean;
declare const k: string;
declare const loose: any;
const opts: { port?: number; path?: string } = c ? { port: 1, path: '/tmp/app.sock' } : { port: 1 };
const other: { path?: string } = {};
if (other.path) void opts;
if ((opts as Record<string, unknown>)[k] !== undefined) void opts;
if ('path' in opts) {
  const later = () => void opts;
  later();
}
const tcp = { port: 1 };
if ('path' in tcp) void tcp;
const open = { ...loose };
if (!('path' in open)) void open;
if ('path' in open) void open;
`),
    ).toEqual([
      ["{port=1@6, path='/tmp/app.sock'@6} literal", '{port=1@6} literal'],
      ["{port=1@6, path='/tmp/app.sock'@6} literal", '{port=1@6} literal'],
      ["{port=1@6, path='/tmp/app.sock'@6} literal", '{port=1@6} literal'],
      ['{port=1@14} literal'],
      ['{...}'],
      ['{...}'],
    ]);
  });
});
