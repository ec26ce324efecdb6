/**
 * The content test behind the default ignore of minified JavaScript (src/cli/files.ts): a file whose lines average
 * more than 110 characters is minified or generated; code written by hand, even with a long line of data, is not.
 */
import { describe, expect, it } from 'vitest';
import { looksMinified } from '../../../src/cli/files.ts';

const HAND_WRITTEN = [
  "'use strict';",
  "const net = require('node:net');",
  '',
  'function connect(path) {',
  '  const socket = net.connect(path);',
  '  socket.setNoDelay(true);',
  '  return socket;',
  '}',
  'module.exports = { connect };',
].join('\n');

describe('looksMinified', () => {
  it('takes a bundle on one line, or on a few very long lines, for minified', () => {
    expect(looksMinified(`(()=>{${'var a=1;'.repeat(40)}})();\n`)).toBe(true);
    expect(looksMinified(`${'x'.repeat(400)}\n${'y'.repeat(400)}\n//# sourceMappingURL=main.js.map\n`)).toBe(true);
    expect(looksMinified(`window.searchData = JSON.parse("${'{\\"k\\":1}'.repeat(100)}");`)).toBe(true);
  });

  it('does not take code written by hand for minified, even with a long line of data', () => {
    expect(looksMinified(HAND_WRITTEN)).toBe(false);
    const table = `const TABLE = [${Array.from({ length: 60 }, (_, i) => i).join(', ')}];\n`;
    expect(table.length).toBeGreaterThan(200);
    expect(looksMinified(`${HAND_WRITTEN}\n${table}`)).toBe(false);
    // a short file on one line: too short to tell, so linted
    expect(looksMinified("module.exports = require('./lib/server');")).toBe(false);
    expect(looksMinified('')).toBe(false);
  });

  it('counts a trailing line break as the end of the last line, not a line of its own', () => {
    const line = 'a'.repeat(111);
    expect(looksMinified(line)).toBe(true);
    expect(looksMinified(`${line}\n`)).toBe(true);
    expect(looksMinified(`${line}\n\n`)).toBe(false);
  });
});
