/**
 * `transport-lint`: lints a repository with this plugin's rules and type information, without its ESLint config.
 * Exit codes as ESLint's: 0 no findings, 1 findings, 2 bad usage or a fatal error (one line on stderr says which).
 */
import type { ESLint, Linter, Rule } from 'eslint';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPOSITORY } from '../rule-kit/create-rule.ts';
import { CliError, type CliOptions, HELP, parseCommandLine, UsageError } from './args.ts';
import type { LintPlan } from './eslint-options.ts';
import { commonDirectory, EXTENSIONS, isInside } from './files.ts';
import type { ProgramGroup } from './projects.ts';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

type Plugin = (typeof import('../index.ts'))['default'];

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { name: string; version: string; homepage?: string };

/** Files per `lintFiles` call when the run is single-threaded: the progress line moves between calls. */
const BATCH = 25;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const started = performance.now();
  const debug = !!io.env.TRANSPORT_LINT_DEBUG;
  let tempDir: string | undefined;
  // Ctrl-C skips `finally`: remove the written options module on the way out
  const interrupted = (signal: NodeJS.Signals) => {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.stdout.write(HELP);
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout.write(`${await versionLine()}\n`);
      return 0;
    }
    const options = parsed.options;
    const { findFiles } = await import('./files.ts');
    let files = findFiles(options.paths, io.cwd);
    const { default: plugin } = await import('../index.ts');
    const rules = selectRules(plugin, options);

    const [
      { ESLint },
      projects,
      { eslintOptions, ESLINT_OPTIONS_MODULE, silenceESLintIgnoreWarning },
      report,
      relevance,
      { Programs },
    ] = await Promise.all([
      import('eslint'),
      import('./projects.ts'),
      import('./eslint-options.ts'),
      import('./report.ts'),
      import('./relevance.ts'),
      import('./programs.ts'),
    ]);
    silenceESLintIgnoreWarning();
    if (options.ignorePatterns.length > 0) files = await withoutIgnored(ESLint, files, options.ignorePatterns, io.cwd);
    const typePlan = projects.planPrograms(files, { bundledTypeRoot: projects.bundledTypeRoot(), cwd: io.cwd });
    if (!options.quiet) for (const warning of typePlan.warnings) io.stderr.write(`${warning}\n`);

    // ESLint sees only the files in which a rule may report, and the others that do not parse
    const configured = relevance.configuredRules(
      rules,
      (id) => plugin.rules[id.slice(id.indexOf('/') + 1) as keyof Plugin['rules']] as unknown as Rule.RuleModule,
    );
    const syntaxOnly: string[] = [];
    const skipped: string[] = [];
    // files no rule needs, in a group whose program is built anyway: its parse shows their syntax errors
    const parsedLater = new Map<ProgramGroup, string[]>();
    // the texts read here, for the programs built in this thread: each file is read once
    const texts = new Map<string, string>();
    for (const group of typePlan.groups) {
      const later: string[] = [];
      // a config's program, built in this thread if any of its files is handed to ESLint
      const builtHere = options.concurrency === 'off' && group.kind === 'config';
      for (const file of group.owned) {
        const read = relevance.readSource(file);
        if (read !== undefined && builtHere) texts.set(file, read);
        // '' when it cannot be read
        const text = read ?? '';
        if (relevance.mayReport(file, text, configured)) group.lint.push(file);
        else if (builtHere) later.push(file);
        else if (relevance.hasSyntaxError(file, text)) syntaxOnly.push(file);
        else skipped.push(file);
      }
      if (later.length > 0 && group.lint.length > 0) parsedLater.set(group, later);
      else
        for (const file of later)
          (relevance.hasSyntaxError(file, texts.get(file) ?? '') ? syntaxOnly : skipped).push(file);
      // no program for this group
      if (group.lint.length === 0) for (const file of group.owned) texts.delete(file);
    }
    const plan: LintPlan = {
      // ESLint lints only files inside its cwd
      cwd: commonDirectory([io.cwd, ...files.map((f) => path.dirname(f))]),
      groups: typePlan.groups,
      syntaxOnly,
      rules,
      fix: options.fix || options.fixDryRun,
      quiet: options.quiet,
      concurrency: options.concurrency,
    };

    // typescript-eslint's single-run mode parses a fixed file again without types: not here
    process.env.TSESTREE_SINGLE_RUN = 'false';
    const programs = new Programs(plan.groups, typePlan.configs, texts);
    const linted = plan.groups.reduce((n, g) => n + g.lint.length, syntaxOnly.length);
    // the files ESLint does not need to see are done: they count in the progress line, and in the report
    let results: ESLint.LintResult[] = skipped.map(report.cleanResult);
    if (linted > 0) {
      let eslint: InstanceType<typeof ESLint>;
      if (options.concurrency === 'off') eslint = new ESLint(eslintOptions(plan, programs));
      else {
        tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'transport-lint-'));
        eslint = await ESLint.fromOptionsModule(writeOptionsModule(tempDir, plan, ESLINT_OPTIONS_MODULE));
      }

      const showProgress = io.stderr.isTTY && options.format === 'stylish' && !options.quiet;
      const progress = new report.Progress(showProgress ? io.stderr : undefined, files.length);
      if (options.concurrency === 'off') {
        const labels = new PackageLabels(typePlan.root, io.cwd);
        // one program at a time: each is released when its files are linted
        for (const group of plan.groups) {
          // the rules' names again, where they stand in the program's parse (not in strings), and what the program
          // holds: a file that mentioned them only as text, or that no rule can report on in this program, is done
          // without ESLint's conversion
          const unneeded = new Set(
            group.lint.filter((file) => {
              const program = programs.program(group);
              const source = program.getSourceFile(file);
              return (
                !!source &&
                !programs.hasSyntaxError(group, file) &&
                !relevance.mayReport(file, source.text, configured, source, program)
              );
            }),
          );
          if (unneeded.size > 0) {
            group.lint = group.lint.filter((file) => !unneeded.has(file));
            results.push(...[...unneeded].map(report.cleanResult));
          }
          for (const batch of batches(group.lint, (f) => labels.of(f))) {
            progress.update(results.length, batch.label);
            results.push(...(await eslint.lintFiles(batch.files)));
          }
          for (const file of parsedLater.get(group) ?? []) {
            const error =
              programs.hasSyntaxError(group, file) ?? relevance.hasSyntaxError(file, relevance.readSource(file) ?? '');
            if (error) syntaxOnly.push(file);
            else results.push(report.cleanResult(file));
          }
          programs.release(group, group !== plan.groups.at(-1));
        }
        for (const batch of batches(syntaxOnly, (f) => labels.of(f))) {
          progress.update(results.length, batch.label);
          results.push(...(await eslint.lintFiles(batch.files)));
        }
        progress.update(results.length, '');
      } else {
        progress.status(
          `transport-lint: linting ${linted} files in worker threads (--concurrency ${options.concurrency})`,
        );
        results.push(...(await eslint.lintFiles(plan.groups.flatMap((g) => g.lint).concat(syntaxOnly))));
      }
      progress.clear();
      if (options.fix) await ESLint.outputFixes(results);
    }

    // after the lint: a file whose syntax its group's program checked is in `syntaxOnly` only now
    if (debug)
      io.stderr.write(`transport-lint debug: ${JSON.stringify(describePlan(plan, typePlan.owners, io.cwd))}\n`);

    results = report
      .filterResults(results, options.quiet)
      .sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
    const totals = report.totals(results);
    const maxWarningsExceeded =
      options.maxWarnings >= 0 && totals.warnings > options.maxWarnings
        ? { maxWarnings: options.maxWarnings, foundWarnings: totals.warnings }
        : undefined;

    let output: string;
    if (options.format === 'sarif') {
      const { toSarif } = await import('./sarif.ts');
      const tool = {
        name: 'transport-lint',
        version: pkg.version,
        informationUri: REPOSITORY,
        rules: Object.keys(rules).map((id) => {
          const docs = plugin.rules[id.slice(id.indexOf('/') + 1) as keyof Plugin['rules']]?.meta.docs;
          return { id, description: docs?.description ?? id, ...(docs?.url ? { url: docs.url } : {}) };
        }),
      };
      output = `${JSON.stringify(toSarif(results, tool, io.cwd), null, 2)}\n`;
    } else {
      // a formatter needs an ESLint instance, not the project's files
      const formatter = await new ESLint({ cwd: plan.cwd, overrideConfigFile: true }).loadFormatter(options.format);
      output = await formatter.format(results, {
        ...(options.outputFile ? { color: false } : {}),
        ...(maxWarningsExceeded ? { maxWarningsExceeded } : {}),
      });
      if (options.format === 'json') output += '\n';
    }

    if (options.outputFile) {
      const target = path.resolve(io.cwd, options.outputFile);
      try {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, output);
      } catch (error) {
        throw new CliError(`cannot write ${options.outputFile}: ${(error as Error).message}`);
      }
    } else if (output) {
      io.stdout.write(output);
    }

    if (!options.quiet) {
      const fixMode = options.fix ? 'fix' : options.fixDryRun ? 'dry-run' : undefined;
      io.stderr.write(`${report.summaryLine(totals, performance.now() - started, fixMode)}\n`);
    }
    if (maxWarningsExceeded) {
      io.stderr.write(
        `transport-lint: too many warnings (${totals.warnings}, --max-warnings ${options.maxWarnings})\n`,
      );
    }
    return totals.errors > 0 || maxWarningsExceeded ? 1 : 0;
  } catch (error) {
    io.stderr.write(`transport-lint: ${error instanceof CliError ? error.message : describeInternalError(error)}\n`);
    if (debug && !(error instanceof CliError) && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return 2;
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

async function versionLine(): Promise<string> {
  const [{ ESLint }, { default: ts }] = await Promise.all([import('eslint'), import('../engine/typescript.cts')]);
  return `transport-lint ${pkg.version} (${pkg.name}; ESLint ${ESLint.version}, TypeScript ${ts.version}, Node ${process.versions.node})`;
}

/** The rules to run, by full id, with the entries (and options) of the chosen config. */
function selectRules(plugin: Plugin, options: CliOptions): Record<string, Linter.RuleEntry> {
  const namespace = plugin.meta.namespace;
  const base = (plugin.configs[options.config].rules ?? {}) as Record<string, Linter.RuleEntry>;
  const enabled = (entry: Linter.RuleEntry | undefined) =>
    entry !== undefined &&
    entry !== 'off' &&
    entry !== 0 &&
    !(Array.isArray(entry) && (entry[0] === 'off' || entry[0] === 0));
  if (options.rules.length === 0) return Object.fromEntries(Object.entries(base).filter(([, entry]) => enabled(entry)));
  const known = Object.keys(plugin.rules);
  const chosen: Record<string, Linter.RuleEntry> = {};
  for (const name of options.rules) {
    if (!known.includes(name)) throw new UsageError(`unknown rule '${name}' (the rules are ${known.join(', ')})`);
    const id = `${namespace}/${name}`;
    const entry = base[id];
    chosen[id] = enabled(entry) ? entry! : 'error';
  }
  return chosen;
}

function writeOptionsModule(tempDir: string, plan: LintPlan, moduleUrl: string): URL {
  const file = path.join(tempDir, 'eslint-options.mjs');
  fs.writeFileSync(
    file,
    `import { eslintOptions } from ${JSON.stringify(moduleUrl)};\nexport default eslintOptions(${JSON.stringify(plan)});\n`,
  );
  return pathToFileURL(file);
}

/** Consecutive files of one package, at most BATCH of them. */
function* batches(
  files: readonly string[],
  label: (file: string) => string,
): Generator<{ label: string; files: string[] }> {
  let current: { label: string; files: string[] } | undefined;
  for (const file of files) {
    const l = label(file);
    if (!current || current.label !== l || current.files.length >= BATCH) {
      if (current) yield current;
      current = { label: l, files: [] };
    }
    current.files.push(file);
  }
  if (current) yield current;
}

/** The package a file belongs to, for the progress line: the `name` of the nearest package.json, or its folder. */
class PackageLabels {
  private readonly byDir = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly cwd: string,
  ) {}

  of(file: string): string {
    return this.dir(path.dirname(file));
  }

  private dir(dir: string): string {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    let label = '';
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const name = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
        label = typeof name === 'string' && name ? name : path.relative(this.cwd, dir) || '.';
      } catch {
        label = path.relative(this.cwd, dir) || '.';
      }
    } else if (dir !== this.root && isInside(dir, this.root) && path.dirname(dir) !== dir) {
      label = this.dir(path.dirname(dir));
    }
    this.byDir.set(dir, label);
    return label;
  }
}

/** For TRANSPORT_LINT_DEBUG: which program gives types to which file, and which files ESLint sees. */
function describePlan(plan: LintPlan, owners: ReadonlyMap<string, string | undefined>, cwd: string) {
  const rel = (f: string) => path.relative(cwd, f) || '.';
  const syntaxOnly = new Set(plan.syntaxOnly);
  return {
    cwd: rel(plan.cwd),
    groups: plan.groups.map((g) => {
      const linted = new Set(g.lint);
      return {
        kind: g.kind,
        ...(g.configs ? { configs: g.configs.map(rel) } : {}),
        ...(g.compilerOptions ? { compilerOptions: g.compilerOptions } : {}),
        files: g.owned.map((f) => ({
          file: rel(f),
          ...(owners.get(f) ? { owner: rel(owners.get(f)!) } : {}),
          lint: linted.has(f) ? 'types' : syntaxOnly.has(f) ? 'syntax' : 'skipped',
        })),
      };
    }),
  };
}

/** The files that no `--ignore-pattern` matches, as ESLint matches them (relative to the working folder). */
async function withoutIgnored(
  ESLint: typeof import('eslint').ESLint,
  files: readonly string[],
  patterns: readonly string[],
  cwd: string,
): Promise<string[]> {
  // a file that no config object matches counts as ignored: this one matches every file
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: { files: [`**/*{${[...EXTENSIONS].join(',')}}`] },
    ignorePatterns: [...patterns],
  });
  const kept: string[] = [];
  for (const file of files) if (!isInside(file, cwd) || !(await eslint.isPathIgnored(file))) kept.push(file);
  if (kept.length === 0) throw new UsageError(`every file is ignored (--ignore-pattern ${patterns.join(', ')})`);
  return kept;
}

/** One line for an unexpected error, such as a rule that threw: what, and where ESLint says it happened. */
function describeInternalError(error: unknown): string {
  if (!(error instanceof Error)) return `internal error: ${String(error)}`;
  const lines = error.message.split('\n').map((l) => l.trim());
  const where = lines.find((l) => l.startsWith('Occurred while linting'));
  const rule = lines.find((l) => l.startsWith('Rule:'));
  const context = [where?.replace(/^Occurred while linting /, 'while linting '), rule?.replace(/^Rule: /, 'rule ')]
    .filter(Boolean)
    .join(', ');
  return `internal error: ${lines[0] ?? error.name}${context ? ` (${context})` : ''}; set TRANSPORT_LINT_DEBUG=1 for the stack`;
}
