/** The command line, parsed in-process (cli.test.ts checks the same errors through the real process). */
import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../../src/cli/args.ts';

const run = (...argv: string[]) => {
  const parsed = parseCommandLine(argv);
  if (parsed.kind !== 'run') throw new Error(`expected a run, got ${parsed.kind}`);
  return parsed.options;
};

describe('parseCommandLine', () => {
  it('defaults: the current folder, recommended, stylish, single-threaded', () => {
    expect(run()).toEqual({
      paths: ['.'],
      config: 'recommended',
      rules: [],
      fix: false,
      fixDryRun: false,
      format: 'stylish',
      outputFile: undefined,
      maxWarnings: -1,
      concurrency: 'off',
      quiet: false,
      ignorePatterns: [],
    });
  });

  it('reads every flag', () => {
    expect(
      run(
        '--strict',
        '--rule',
        'transport/a',
        '--rule',
        'b',
        '--fix-dry-run',
        '-f',
        'sarif',
        '-o',
        'out.sarif',
        '--max-warnings',
        '0',
        '--concurrency',
        '4',
        '--quiet',
        '--ignore-pattern',
        'examples/',
        '--ignore-pattern',
        '**/*.spec.ts',
        'src',
        'lib',
      ),
    ).toEqual({
      paths: ['src', 'lib'],
      config: 'strict',
      rules: ['a', 'b'],
      fix: false,
      fixDryRun: true,
      format: 'sarif',
      outputFile: 'out.sarif',
      maxWarnings: 0,
      concurrency: 4,
      quiet: true,
      ignorePatterns: ['examples/', '**/*.spec.ts'],
    });
    expect(run('--strict', '--concurrency', 'auto').concurrency).toBe('auto');
    expect(run('--strict').config).toBe('strict');
  });

  it('help and version win over everything else', () => {
    expect(parseCommandLine(['src', '--help']).kind).toBe('help');
    expect(parseCommandLine(['-v']).kind).toBe('version');
  });

  it.each([
    [['--nope'], "unknown option '--nope' (see --help)"],
    [['-x'], "unknown option '-x' (see --help)"],
    [['--format'], "option '--format' needs a value"],
    [['--fix=yes'], "option '--fix' does not take a value"],
    [['--max-warnings', 'many'], "--max-warnings must be an integer of at least -1, not 'many'"],
    [['--concurrency', '1.5'], "--concurrency must be an integer of at least 1, 'auto' or 'off', not '1.5'"],
    [['--all'], "unknown option '--all' (see --help)"],
    [['-o', ''], '--output-file needs a file name'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(new UsageError(message));
  });
});
