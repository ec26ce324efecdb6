// A listener of the connection of the value a field or variable holds (`this.stream.on('connect', () => …)`) reads
// that value, as the creation call's own callback does: the writes in the other branches cannot reach it
// (realworld/FINDINGS.md, assignment-per-branch: sidorares/node-mysql2's `this.stream = Net.connect(port, host)`,
// then `this.stream.on('connect', () => this.stream.setKeepAlive(true))`, with `this.stream = opts.stream` in the
// `else`). Each valid case fails without it (the caller's stream of the other branch was a doubt); each invalid twin
// changes one thing the conclusion rests on.
import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

/** The connection class in the shape of the driver's: its own TCP socket, or the caller's stream. */
function connection(registration: string, elseBranch = 'this.stream = opts.stream;'): string {
  return `
const Net = require('net');
class Connection {
  constructor(opts) {
    if (!opts.stream) {
      this.stream = Net.connect(opts.port, opts.host);
      ${registration}
    } else {
      ${elseBranch}
    }
  }
}
module.exports = Connection;
`;
}

const GUARD = "this.stream != null && 'setKeepAlive' in this.stream";

/** The class with `registration`, and what the fix makes of it: the call wrapped in the capability guard. */
function reported(registration: string): { code: string; output: string } {
  return {
    code: connection(registration),
    output: connection(registration.replace('{ this.stream.setKeepAlive', `{ if (${GUARD}) this.stream.setKeepAlive`)),
  };
}

/** The `unknown` report on `this.stream.setKeepAlive` at `line`, from the caller's stream written on `written`. */
function callersStream(line: number, column: number, written = 9) {
  return {
    messageId: 'unknown' as const,
    data: {
      subject: 'this.stream',
      method: 'setKeepAlive',
      guard: GUARD,
      evidence: '`opts.stream` comes from the caller and may be any stream',
      line: written,
    },
    line,
    column,
    endLine: line,
    endColumn: column + 'setKeepAlive'.length,
  };
}

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    {
      name: "a listener on the field's socket, registered right after the write",
      filename: 'plain.js',
      code: connection(`this.stream.on('connect', () => { this.stream.setKeepAlive(true); });`),
    },
    {
      name: 'with `once`, through a function expression that keeps `this` of a `self` alias',
      filename: 'plain.js',
      code: connection(`const self = this;
      self.stream.once('connect', function () { self.stream.setKeepAlive(true); });`),
    },
    {
      name: 'a variable written in two branches, the listener registered in one',
      filename: 'plain.js',
      code: `
const net = require('net');
module.exports = function open(opts) {
  let sock;
  if (opts.stream) {
    sock = opts.stream;
  } else {
    sock = net.connect(opts.port, opts.host);
    sock.on('connect', () => sock.setKeepAlive(true));
  }
  return sock;
};
`,
    },
  ],
  invalid: [
    {
      name: 'registered after a statement that may write the field again',
      filename: 'plain.js',
      ...reported(`if (opts.wrap) this.stream = opts.stream;
      this.stream.on('connect', () => { this.stream.setKeepAlive(true); });`),
      errors: [{ ...callersStream(8, 53, 10), suggestions: null }],
    },
    {
      name: "a listener of a later event ('data'): another method may have replaced the value by then",
      filename: 'plain.js',
      ...reported(`this.stream.on('data', () => { this.stream.setKeepAlive(true); });`),
      errors: [{ ...callersStream(7, 50), suggestions: null }],
    },
    {
      name: 'registered on another object: the listener reads whichever value the field has then',
      filename: 'plain.js',
      ...reported(`opts.emitter.on('ready', () => { this.stream.setKeepAlive(true); });`),
      errors: [{ ...callersStream(7, 52), suggestions: null }],
    },
    {
      name: 'a listener that is not registered but called: `removeListener` takes it back',
      filename: 'plain.js',
      ...reported(`this.stream.removeListener('connect', () => { this.stream.setKeepAlive(true); });`),
      errors: [{ ...callersStream(7, 65), suggestions: null }],
    },
  ],
});
