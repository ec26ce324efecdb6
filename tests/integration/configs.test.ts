import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.ts';
import { REPOSITORY } from '../../src/rule-kit/create-rule.ts';

const root = path.join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const ruleNames = Object.keys(plugin.rules);

describe('plugin object', () => {
  it('has meta with the package name, version and namespace', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'transport' });
  });

  it('lists every rule file, sorted', () => {
    const files = fs
      .readdirSync(path.join(root, 'src', 'rules'))
      .filter((f) => f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    expect(ruleNames).toEqual([...files].sort());
  });

  it.each(ruleNames)('%s has a doc page, a docs URL, a description and requires type information', (name) => {
    const rule = plugin.rules[name as keyof typeof plugin.rules];
    expect(fs.existsSync(path.join(root, 'docs', 'rules', `${name}.md`))).toBe(true);
    expect(rule.meta.docs.url).toBe(`${REPOSITORY}/blob/main/docs/rules/${name}.md`);
    expect(rule.meta.docs.description).toMatch(/^(Disallow|Require|Enforce) .*[^.]$/);
    expect(rule.meta.docs.requiresTypeChecking).toBe(true);
  });
});

describe('configs', () => {
  const { recommended, strict } = plugin.configs;
  const disable = plugin.configs['disable-type-checked'];

  it('every config has a name', () => {
    expect(Object.entries(plugin.configs).map(([key, config]) => [key, config.name])).toEqual([
      ['recommended', 'transport/recommended'],
      ['strict', 'transport/strict'],
      ['disable-type-checked', 'transport/disable-type-checked'],
    ]);
  });

  it('recommended has exactly the rules marked recommended, as errors', () => {
    const expected = ruleNames.filter((n) => plugin.rules[n as keyof typeof plugin.rules].meta.docs.recommended);
    expect(Object.keys(recommended.rules ?? {})).toEqual(expected.map((n) => `transport/${n}`));
    expect(Object.values(recommended.rules ?? {}).every((level) => level === 'error')).toBe(true);
  });

  it('strict turns on requireTcp for the main rule', () => {
    expect(strict.rules?.['transport/no-unguarded-socket-options']).toEqual(['error', { requireTcp: true }]);
  });

  it('strict has every rule, there is no `all` (it equalled strict), and disable-type-checked turns every rule off', () => {
    expect(Object.keys(strict.rules ?? {})).toEqual(ruleNames.map((n) => `transport/${n}`));
    expect(Object.keys(plugin.configs)).not.toContain('all');
    expect(disable.rules).toEqual(Object.fromEntries(ruleNames.map((n) => [`transport/${n}`, 'off'])));
  });

  it('configs register the plugin under its namespace', () => {
    for (const config of [recommended, strict]) expect(config.plugins?.transport).toBe(plugin);
  });
});
