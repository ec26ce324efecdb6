/**
 * The file-level pre-filters: a rule returns no listeners for a file whose text lacks its names, so a pattern that
 * misses a shape the rule reports on would hide findings. Each shape the rules handle must match.
 */
import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import { memberPattern, memberSelector, mentions, perOptions, wordPattern } from '../src/utils/prefilter.ts';

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

describe('mentions', () => {
  it('answers per pattern after the scan for all names, and sees names of patterns made later', () => {
    const file = { text: 'const a = s.setNoDelay(true); server.listen(80);' };
    const member = memberPattern(['setNoDelay']);
    expect(mentions(file, member)).toBe(true);
    expect(mentions(file, memberPattern(['unref']))).toBe(false);
    expect(mentions({ text: 'const b = 1;' }, member)).toBe(false);
    // a file scanned before a pattern with a new name existed is scanned again
    const plain = { text: 'conn.zzzPrefilterOnly();' };
    expect(mentions(plain, member)).toBe(false);
    expect(mentions(plain, wordPattern(['zzzPrefilterOnly']))).toBe(true);
  });
});

describe('memberSelector', () => {
  /** The source text of the nodes the selector selects in the code. */
  function selected(code: string, selector: string): string[] {
    const found: string[] = [];
    const rule = { create: (context: { sourceCode: { getText(n: unknown): string } }) => ({ [selector]: (node: unknown) => void found.push(context.sourceCode.getText(node)) }) };
    new Linter({ configType: 'flat' }).verify(code, [{ plugins: { t: { rules: { r: rule as never } } }, rules: { 't/r': 'error' } }]);
    return found;
  }

  it('selects x.name, x?.name, x["name"] and template keys, not other members or computed names', () => {
    const code = 's.setNoDelay(); s?.setNoDelay(); s["setNoDelay"](); s[`setNoDelay`](); s.write(); s[name](); setNoDelay();';
    expect(selected(code, memberSelector(['setNoDelay']))).toEqual(['s.setNoDelay', 's?.setNoDelay', 's["setNoDelay"]', 's[`setNoDelay`]']);
  });

  it('selects calls through their callee', () => {
    const code = 'server.listen(1); server["listen"](2); server.close(); listen(3);';
    expect(selected(code, memberSelector(['listen'], 'CallExpression', 'callee.'))).toEqual(['server.listen(1)', 'server["listen"](2)']);
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
