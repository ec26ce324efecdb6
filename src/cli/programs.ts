/**
 * The TypeScript programs of a plan (projects.ts), built when ESLint first parses one of their files and handed to
 * typescript-eslint as `parserOptions.programs` through a parser that picks the file's program.
 *
 * Memory: a run that lints the groups one after the other releases each program after its group (main.ts), so one
 * program is alive at a time. Declaration files (TypeScript's lib files, @types/node, the .d.ts files of packages)
 * are parsed once and shared by every program that reads them with the same settings, as TypeScript's language
 * service shares them between projects.
 *
 * `--fix`: ESLint parses a fixed file again; its program is then rebuilt from the previous one with the new text
 * (TypeScript reuses every other file), so the fixed text is linted with types, as the first pass was.
 */
import tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import ts from '../engine/typescript.cts';
import { ConfigCache, type ProgramGroup } from './projects.ts';

export class Programs {
  private readonly groupOf = new Map<string, ProgramGroup>();
  private readonly built = new Map<ProgramGroup, ts.Program>();
  /** Fixed text of files, by path, until their group's program is released. */
  private readonly fixed = new Map<string, string>();
  private readonly declarations = new Map<string, ts.SourceFile>();

  /**
   * `configs`: the configs the plan read (a worker thread, which gets the plan as JSON, reads them again). `texts`: the
   * texts of files already read (readSource), each used by the program of the group that owns the file.
   */
  constructor(
    groups: readonly ProgramGroup[],
    private readonly configs = new ConfigCache(),
    private readonly texts = new Map<string, string>(),
  ) {
    for (const group of groups) for (const file of group.lint) this.groupOf.set(file, group);
  }

  /** The program to parse the file with, up to date with `code`; undefined for a file linted without types. */
  forFile(file: string, code: string): ts.Program | undefined {
    const group = this.groupOf.get(file);
    if (!group) return undefined;
    let program = this.program(group);
    if (program.getSourceFile(file)?.text !== code) {
      this.fixed.set(file, code);
      this.built.set(group, (program = this.build(group, program)));
    }
    return program;
  }

  /** The group's program, built now if it is not yet. */
  program(group: ProgramGroup): ts.Program {
    let program = this.built.get(group);
    if (!program) this.built.set(group, (program = this.build(group)));
    return program;
  }

  /**
   * Whether the group's program found a syntax error in the file, from the parse it made anyway; undefined when the
   * program is not built or does not hold the file.
   */
  hasSyntaxError(group: ProgramGroup, file: string): boolean | undefined {
    const source = this.built.get(group)?.getSourceFile(file);
    if (!source) return undefined;
    return (source as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics.length > 0;
  }

  /**
   * Drops the group's program: its files have been linted. With `another`, another program is built next: a full
   * garbage collection now frees the dropped one's memory for it. V8 would otherwise grow the heap first (the dropped
   * program is old-generation garbage, which it collects late): on mongodb/node-mongodb-native, six programs one
   * after another peaked at 1.38 GiB of RSS, and at 0.73 GiB with a collection between them.
   */
  release(group: ProgramGroup, another = false): void {
    this.built.delete(group);
    for (const file of group.lint) this.fixed.delete(file);
    if (another) collectGarbage();
  }

  private build(group: ProgramGroup, old?: ts.Program): ts.Program {
    let options: ts.CompilerOptions;
    let projectReferences: readonly ts.ProjectReference[] | undefined;
    if (group.kind === 'config') {
      const parsed = this.configs.read(group.config!);
      options = { ...parsed.options, ...(group.compilerOptions as ts.CompilerOptions | undefined) };
      projectReferences = parsed.projectReferences;
    } else {
      options = ts.convertCompilerOptionsFromJson(group.compilerOptions, path.dirname(group.owned[0]!)).options;
    }
    options = { ...options, noEmit: true };
    const host = ts.createCompilerHost(options);
    // JSDoc only where it gives types: all of it in JavaScript files (`@param {import('net').Socket}`, `@type`),
    // none in TypeScript files, where the checker does not read types from it (and neither do the rules); as
    // TypeScript's own tsserver parses
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, settings, onError, shouldCreateNewSourceFile) => {
      const absolute = path.resolve(fileName);
      const text = this.fixed.get(absolute) ?? this.texts.get(absolute);
      if (text !== undefined) return ts.createSourceFile(fileName, text, settings);
      const previous = old?.getSourceFile(fileName);
      if (previous) return previous;
      if (!isDeclarationFile(fileName)) return read(fileName, settings, onError, shouldCreateNewSourceFile);
      const key =
        typeof settings === 'object'
          ? `${absolute}|${settings.languageVersion}|${settings.impliedNodeFormat}|${settings.jsDocParsingMode}`
          : `${absolute}|${settings}`;
      let file = this.declarations.get(key);
      if (!file) {
        file = read(fileName, settings, onError, shouldCreateNewSourceFile);
        if (file) this.declarations.set(key, file);
      }
      return file;
    };
    // as the language server (and the project service) does: a referenced project's sources, not its build output,
    // which a fresh clone does not have
    (host as { useSourceOfProjectReferenceRedirect?: () => boolean }).useSourceOfProjectReferenceRedirect = () => true;
    const rootNames = group.kind === 'config' ? group.files : group.lint;
    const program = ts.createProgram({ rootNames, options, host, projectReferences, oldProgram: old });
    // the program holds them now
    for (const file of group.owned) this.texts.delete(file);
    return program;
  }
}

let gc: (() => void) | undefined;
/** A full garbage collection, without `--expose-gc` on the command line (the flag exposes `gc` to new contexts). */
function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
    // the function stays; the flag goes, as V8 compares the flags when it reads a code cache (compile-cache.ts)
    v8.setFlagsFromString('--no-expose-gc');
  }
  gc();
}

function isDeclarationFile(fileName: string): boolean {
  return /\.d\.[cm]?ts$|\.d\.[^/.]+\.ts$/.test(fileName);
}

/**
 * typescript-eslint's parser with the file's program from `programs`: full type information for the files of the
 * plan, and a plain parse (which reports syntax errors the same way) for a file linted without types.
 */
export function parserWith(programs: Programs): Linter.Parser {
  return {
    meta: { name: 'transport-lint/typescript-eslint-parser' },
    parseForESLint(code: string, options?: Record<string, unknown>) {
      const file = typeof options?.filePath === 'string' ? path.resolve(options.filePath) : undefined;
      const program = file ? programs.forFile(file, code) : undefined;
      return tsParser.parseForESLint(code, program ? { ...options, programs: [program] } : options);
    },
  } as Linter.Parser;
}
