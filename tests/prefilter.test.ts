/**
 * The file-level pre-filters: a rule returns no listeners for a file whose text lacks its names, so a pattern that
 * misses a shape the rule reports on would hide findings. Each shape the rules handle must match.
 */
import { describe, expect, it } from 'vitest';
import { memberPattern, perOptions, wordPattern } from '../src/utils/prefilter.ts';

describe('memberPattern', () => {
  const pattern = memberPattern(['setNoDelay', 'setTimeout']);
  it.each([
    's.setNoDelay(true)',
    's?.setNoDelay()',
    's!.setNoDelay()',
    's\n  .setNoDelay()',
    's.\n  setNoDelay()',
    "s['setNoDelay']()",
    's["setNoDelay"]()',
    's[`setNoDelay`]()',
    'const { setNoDelay } = s',
    'const { a, setNoDelay: f } = s',
    'const {\n  setNoDelay,\n} = s',
    's./* why */setNoDelay()',
    'req.socket.setTimeout(5000)',
  ])('matches %j', (text) => {
    expect(pattern.test(text)).toBe(true);
  });
  it.each(['setTimeout(() => {}, 10)', 'const t = setTimeout(f)', 's.setNoDelayed()', 'mySetNoDelay()'])('does not match %j', (text) => {
    expect(pattern.test(text)).toBe(false);
  });
});

describe('wordPattern', () => {
  const pattern = wordPattern(['connect', 'addr']);
  it.each(["import { connect } from 'node:net';\nconnect({ port, path })", 'listener.addr as Deno.NetAddr', 'x.connect(1)'])('matches %j', (text) => {
    expect(pattern.test(text)).toBe(true);
  });
  it.each(['reconnect()', 'connection', 'address'])('does not match %j', (text) => {
    expect(pattern.test(text)).toBe(false);
  });
});

describe('perOptions', () => {
  it('builds once per options object', () => {
    let built = 0;
    const prepare = perOptions((o: { n: number }) => ({ twice: o.n * 2, id: ++built }));
    const a = { n: 1 };
    expect(prepare(a)).toBe(prepare(a));
    expect(prepare({ n: 1 }).id).toBe(2);
    expect(built).toBe(2);
  });
});
