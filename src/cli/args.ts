/**
 * The command line of `transport-lint`: flags, their checks, and the help text. Parsing needs nothing heavy, so bad
 * usage is reported before ESLint or TypeScript is loaded.
 */
import { parseArgs } from 'node:util';

export type ConfigName = 'recommended' | 'strict';
export type Format = 'stylish' | 'json' | 'sarif';
export type Concurrency = number | 'auto' | 'off';

export interface CliOptions {
  paths: string[];
  config: ConfigName;
  /** Rule names without the `transport/` prefix; empty means every rule of the config. */
  rules: string[];
  fix: boolean;
  fixDryRun: boolean;
  format: Format;
  outputFile: string | undefined;
  /** -1: no limit. */
  maxWarnings: number;
  concurrency: Concurrency;
  quiet: boolean;
  /** `--ignore-pattern`s, as ESLint reads them: relative to the working folder. */
  ignorePatterns: string[];
}

export type ParsedArgs = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliOptions };

/** An error the user can act on: printed as one line, exit code 2. */
export class CliError extends Error {}

/** Bad usage: an unknown flag or rule, a path that does not exist. */
export class UsageError extends CliError {}

const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif'];

export const HELP = `Usage: transport-lint [options] [paths...]

Lints JavaScript and TypeScript files with eslint-plugin-transport's rules, with type information, without an
ESLint config (the project's ESLint config and .eslintignore are not read). Paths are files or directories
(default: the current directory). Directories are searched for .ts .tsx .mts .cts .js .jsx .mjs .cjs files.

Ignored by default, in any folder below a path given: dependencies (node_modules, bower_components,
jspm_packages), build output (dist, build), coverage, folders whose name starts with a dot (.git, .next, .nuxt,
...), declaration files (.d.ts), minified files (.min.js, and .js .mjs .cjs files whose lines average more than
110 characters) and generated bundles (.bundle.js). A folder or file named on the command line is always searched.

Type information comes from the tsconfig.json or jsconfig.json that includes each file, found as an editor finds
it. Files that none includes are linted in one extra program (JavaScript allowed, Node's types), and so are the
files of a tsconfig that cannot be read (a warning names it). Where a project has no @types/node, the copy that
comes with eslint-plugin-transport is used. Files in which no rule can report (none of the names the rules look
for occurs in their text) are only checked for syntax errors.

Rules:
  --strict                    the 'strict' config instead of 'recommended'
  --rule NAME                 run only this rule (repeatable), e.g. --rule no-unguarded-socket-options

Fixes:
  --fix                       write the automatic fixes to the files
  --fix-dry-run               compute the fixes without writing them (see them with --format json)

Output:
  -f, --format NAME           stylish (default), json or sarif (SARIF 2.1.0, for GitHub code scanning)
  -o, --output-file FILE      write the report to FILE instead of standard output
  --quiet                     report errors only, and print no progress and no summary
  --max-warnings N            exit with 1 when there are more than N warnings

Files:
  --ignore-pattern PATTERN    leave out the files that match PATTERN (repeatable; ESLint's --ignore-pattern:
                              relative to the current directory, e.g. 'examples/', '**/*.spec.ts')

Other:
  --concurrency N|auto|off    lint in N worker threads (ESLint's option; default off). Every thread builds its
                              own TypeScript programs, so this needs more memory
  -h, --help                  print this help
  -v, --version               print the version

Exit codes: 0 no findings, 1 findings (a file that does not parse is one), 2 bad usage or a fatal error
(a tsconfig that cannot be read is not one).
`;

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        strict: { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        concurrency: { type: 'string' },
        quiet: { type: 'boolean' },
        'ignore-pattern': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');

  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' (expected ${FORMATS.join(', ')})`);
  }

  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = integer(values['max-warnings'], '--max-warnings', -1);
  }

  let concurrency: Concurrency = 'off';
  const c = values.concurrency;
  if (c !== undefined) {
    concurrency = c === 'auto' || c === 'off' ? c : integer(c, '--concurrency', 1, "'auto' or 'off'");
  }

  if (values['ignore-pattern']?.some((p) => p.trim() === '')) throw new UsageError('--ignore-pattern needs a pattern');

  const outputFile = values['output-file'];
  if (outputFile === '') throw new UsageError('--output-file needs a file name');

  return {
    kind: 'run',
    options: {
      paths: positionals.length > 0 ? positionals : ['.'],
      config: values.strict ? 'strict' : 'recommended',
      rules: (values.rule ?? []).map((r) => r.replace(/^transport\//, '')),
      fix: !!values.fix,
      fixDryRun: !!values['fix-dry-run'],
      format: format as Format,
      outputFile,
      maxWarnings,
      concurrency,
      quiet: !!values.quiet,
      ignorePatterns: values['ignore-pattern'] ?? [],
    },
  };
}

function integer(text: string, flag: string, min: number, alternatives?: string): number {
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    const expected = `an integer of at least ${min}${alternatives ? `, ${alternatives}` : ''}`;
    throw new UsageError(`${flag} must be ${expected}, not '${text}'`);
  }
  return value;
}

/** One line for what `util.parseArgs` rejected (its own messages are long and suggest `--` for every case). */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  // 'Option '-f, --format <value>' argument missing': the long name is the last word that starts with a dash
  const option =
    /'([^']+)'/
      .exec(message)?.[1]
      ?.split(/[\s,]+/)
      .filter((w) => w.startsWith('-'))
      .pop() ?? message;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${option}' (see --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message)
        ? `option '${option}' needs a value`
        : `option '${option}' does not take a value`;
    default:
      return message.split('\n')[0] ?? message;
  }
}
