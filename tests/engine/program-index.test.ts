/**
 * The program-wide reference search looks for a name's identifiers only around the name's occurrences in a file's
 * text (identifiersNamed). It must find exactly what a walk of every node finds (identifiersNamedByWalk), in the same
 * order: checked here on tricky texts and on every identifier name of the engine's own sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { identifiersNamed, identifiersNamedByWalk } from '../../src/engine/program-index.ts';

function same(text: string, names: readonly string[], fileName = 'probe.ts'): void {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  for (const name of names) {
    const fast = identifiersNamed(sourceFile, name);
    const walked = identifiersNamedByWalk(sourceFile, name);
    expect(
      fast.map((id) => id.pos),
      name,
    ).toEqual(walked.map((id) => id.pos));
    expect(fast.every((id, i) => id === walked[i])).toBe(true);
  }
}

describe('identifiersNamed', () => {
  it('finds the identifiers a full walk finds, not the name in comments, strings or longer names', () => {
    same(
      [
        '// server is here',
        '/* server */ const server = net.createServer();',
        'const text = "server", tpl = `server ${server} server`;',
        'const servers = [server, serverX, Xserver, $server, server$, _server];',
        'export { server as default, server };',
        'import { server as s } from "./server";',
        'class A { server = 1; #server = 2; get server2() { return this.server; } }',
        'const o = { server, "server": 1, [server]: 2 }; o.server; o?.server; o["server"];',
        'function f(server: Server): server is Server { return !!server; }',
        'label: server; server:',
        '/** @param server the server */ function g(server) { return server; }',
        'const re = /server/g;',
        'let ünserver = 1, serverä = 2;',
      ].join('\n'),
      ['server', 'Server', 's', 'o', 'servers', 'A', 'g', 'default', 'label'],
    );
  });

  it('walks the whole file where an identifier may be spelled with an escape', () => {
    same('const \\u0073erver = 1; server; s\\u0065rver;', ['server']);
  });

  it('finds them in JSX and in JavaScript files', () => {
    same('const App = () => <Server server={server}>{server}</Server>;', ['Server', 'server', 'App'], 'probe.tsx');
    same(
      'module.exports = { server }; exports.server = server; /** @type {server} */ let x;',
      ['server', 'exports'],
      'probe.js',
    );
  });

  it('agrees with the walk on every identifier name of the engine sources', () => {
    const dir = path.join(import.meta.dirname, '../../src/engine');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const names = new Set<string>();
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) names.add(node.text);
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
      same(text, [...names, 'absent'], file);
    }
  });
});
