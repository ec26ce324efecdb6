/**
 * File-level syntactic pre-filters. A rule whose names occur nowhere in a file's text returns no listeners for it, so
 * ESLint never calls the rule on that file's nodes and the engine is never built: on a typical project most files
 * cost each rule one scan of the text and nothing else. A pattern may match more than the rule
 * cares about (a string, a name in a comment on a code line); it must never miss a file the rule could report on.
 * A name found only on lines that look like comments (`// …`, `/* …`, ` * …` in a doc comment) is checked against
 * the file's comments where the source code has them (ESLint's `getAllComments`): a generated file whose doc
 * comments mention `address` costs no parse of its code by the rules.
 */

import type ts from '../engine/typescript.cts';

const cache = new Map<string, RegExp>();
/**
 * Where a name must stand for a pattern to count it: anywhere (wordPattern), where a member name can stand
 * (memberPattern), only where a member is read (accessPattern), or where a member read is asserted
 * (assertedPattern). Each position is a special case of the ones before it.
 */
export const Position = { Word: 0, Member: 1, Access: 2, Asserted: 3 } as const;
export type Position = (typeof Position)[keyof typeof Position];
/**
 * How a pattern's names must be used where the source tells (namePositions): `called`, as the callee of a call with
 * arguments; `invoked`, as the callee of any call, or before `.call`, `.apply` or `.bind`.
 */
type Use = 'called' | 'invoked';
/** The names of each pattern, where they must stand, and how they must be used. */
const namesOf = new WeakMap<RegExp, { names: readonly string[]; position: Position; use?: Use }>();
/** Every name of every pattern made so far, and one pattern for all of them (rebuilt when a name is added). */
const allNames = new Set<string>();
let anyName: RegExp | undefined;
/**
 * The same names as a list, each with its private name (`#name`, as TypeScript's table of a file's names holds it),
 * made with anyName: a `#${name}` made for each lookup costs a new string and its hash on every file.
 */
let lookups: readonly (readonly [name: string, privateName: string])[] = [];
/**
 * The last file scanned for all names: ESLint creates every rule for one file before the next file, so one entry
 * serves them all (a WeakMap entry per file cost more than the lookups it saved). `found` maps each name that occurs
 * to the strictest position it occurs in.
 */
let lastScan:
  { sourceCode: object; pattern: RegExp; scanned: Scanned; inComments?: (index: number) => boolean } | undefined;

/** A name found on a line that looks like a comment, where it stands (checked against the comments when asked). */
interface Doubtful {
  name: string;
  index: number;
  position: Position;
}
interface Scanned {
  /** Each name found on a code line, with the strictest position it occurs in there. */
  found: ReadonlyMap<string, Position>;
  doubtful: readonly Doubtful[];
  /**
   * The names found as the callee of a call with arguments (`f(x)`, `s.f(x)`, `(s.f as F)(x)`), and those invoked
   * (the callee of any call, `s.f.call(s)`), where the source tells (namePositions); undefined from a text scan,
   * which cannot, so that every name found may be either.
   */
  called?: ReadonlySet<string>;
  invoked?: ReadonlySet<string>;
}

/** The text and, where the parser gave them, the comments (ESLint's SourceCode; the CLI supplies its own). */
export interface PrefilterSource {
  readonly text: string;
  getAllComments?(): readonly { readonly range?: readonly [number, number] }[];
  /**
   * Where each of the names stands in the file's syntax tree, with the strictest position of each, which are called
   * with arguments and which are invoked (the CLI's, from the TypeScript program it builds anyway): names in strings and comments
   * do not count. When given, it replaces the scan of the text; it must count every place where the text scan would
   * count a name that a listener selects.
   */
  namePositions?(names: ReadonlySet<string>): NamePositions;
  /** The file's TypeScript program, where the parser has one (typescript-eslint's; transport-lint supplies its own). */
  readonly parserServices?: { readonly program?: ts.Program | null };
}

/** Where names stand in a file's syntax tree (PrefilterSource.namePositions). */
export interface NamePositions {
  found: ReadonlyMap<string, Position>;
  called: ReadonlySet<string>;
  invoked: ReadonlySet<string>;
}

function compile(source: string, names: readonly string[], position: Position, use?: Use): RegExp {
  // a calledPattern and a wordPattern of the same names have the same source, not the same entry
  const key = use ? `${use}:${source}` : source;
  let pattern = cache.get(key);
  if (!pattern) {
    cache.set(key, (pattern = new RegExp(source)));
    namesOf.set(pattern, use ? { names, position, use } : { names, position });
    const before = allNames.size;
    for (const name of names) allNames.add(name);
    if (allNames.size !== before) anyName = undefined;
  }
  return pattern;
}

/**
 * Whether the file's text matches the pattern (made by wordPattern or memberPattern). One scan for the names of all
 * rules runs once per file and notes where each name found stands; each rule then looks its names up (one scan
 * instead of one per rule; on most files none occurs).
 */
export function mentions(sourceCode: PrefilterSource, pattern: RegExp): boolean {
  if (!anyName) {
    anyName = new RegExp(`\\b(?:${alternatives(allNames)})\\b`, 'g');
    lookups = [...allNames].map((name) => [name, `#${name}`] as const);
  }
  if (lastScan?.sourceCode !== sourceCode || lastScan.pattern !== anyName) {
    let scanned: Scanned;
    if ('namePositions' in sourceCode && sourceCode.namePositions)
      scanned = { ...sourceCode.namePositions(allNames), doubtful: [] };
    else {
      const parsed = parsedNames(sourceCode);
      scanned = parsed?.size === 0 ? NOTHING : scan(sourceCode.text, anyName, parsed);
    }
    lastScan = { sourceCode, pattern: anyName, scanned };
  }
  const current = lastScan;
  const { found, doubtful } = current.scanned;
  if (found.size === 0 && doubtful.length === 0) return false;
  const own = namesOf.get(pattern);
  if (!own) return pattern.test(sourceCode.text);
  // the names used so, where the source tells
  const used = own.use ? current.scanned[own.use] : undefined;
  const counts = (name: string, position: Position | undefined): boolean =>
    position !== undefined && position >= own.position && own.names.includes(name) && (!used || used.has(name));
  if (own.names.some((name) => counts(name, found.get(name)))) return true;
  const candidates = doubtful.filter((d) => counts(d.name, d.position));
  if (candidates.length === 0) return false;
  current.inComments ??= commentTest(sourceCode);
  return candidates.some((d) => !current.inComments!(d.index));
}

/**
 * Whether an index of the text lies inside a comment, from the source code's comments (sorted by position, as
 * ESLint gives them); without them, nothing counts as a comment.
 */
function commentTest(sourceCode: PrefilterSource): (index: number) => boolean {
  if (typeof sourceCode.getAllComments !== 'function') return () => false;
  const ranges = sourceCode.getAllComments().flatMap((c) => (c.range ? [c.range] : []));
  return (index) => {
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const [start, end] = ranges[mid]!;
      if (index < start) high = mid - 1;
      else if (index >= end) low = mid + 1;
      else return true;
    }
    return false;
  };
}

const NOTHING: Scanned = { found: new Map(), doubtful: [], called: new Set(), invoked: new Set() };

/** Where a computed key or an element access may hold a string: `{ ['name']: f }`, `x["name"]`. */
const STRING_IN_BRACKETS = /\[\s*['"`]/;

/**
 * The names that stand in the file's syntax as the parse the file came with shows them: TypeScript's parser keeps the
 * text of every identifier, private name (`#name`), string property name and string element-access key of a file in
 * one table (the SourceFile's `identifiers`, internal to TypeScript, read only where it is there). A name missing
 * from the table stands nowhere that namePositions would count (only in strings and comments), so the scan of the
 * text counts the names in the table alone, and there is no scan where it holds none. Only a string in a computed key
 * (`{ ['name']: f } = s`) is not in the table: for a file with a string after `[`, undefined (scan for every name),
 * as also where there is no such parse. The parse is typescript-eslint's (the Program node's SourceFile), with or
 * without type information.
 */
function parsedNames(sourceCode: PrefilterSource): ReadonlySet<string> | undefined {
  // not on the CLI's stand-in for a source code, which has neither (relevance.ts)
  if (!('ast' in sourceCode) || !('parserServices' in sourceCode)) return undefined;
  const { ast, parserServices } = sourceCode as {
    ast?: object;
    parserServices?: { esTreeNodeToTSNodeMap?: { get(node: object): unknown } };
  };
  const parsed = ast && parserServices?.esTreeNodeToTSNodeMap?.get(ast);
  const table = (parsed as { identifiers?: unknown } | undefined)?.identifiers;
  if (!(table instanceof Map) || STRING_IN_BRACKETS.test(sourceCode.text)) return undefined;
  const names = new Set<string>();
  for (const [name, privateName] of lookups) if (table.has(name) || table.has(privateName)) names.add(name);
  return names;
}

/**
 * The names the pattern finds in the text (of them, those in `only` where given): on code lines, each with the
 * strictest position it occurs in; on lines that look like comments, each occurrence. One pattern for all names,
 * even where only some count: a pattern per set of names would be compiled for most files.
 */
function scan(text: string, pattern: RegExp, only?: ReadonlySet<string>): Scanned {
  const found = new Map<string, Position>();
  const doubtful: Doubtful[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const name = match[0];
    if (only && !only.has(name)) continue;
    const before = found.get(name);
    if (before === Position.Asserted) continue;
    const position = positionOf(text, match.index, match.index + name.length);
    if (onCommentLikeLine(text, match.index)) doubtful.push({ name, index: match.index, position });
    else found.set(name, Math.max(before ?? Position.Word, position) as Position);
  }
  return { found, doubtful };
}

/**
 * Whether the line up to `index` starts (after whitespace) with `//`, `/*` or `*`: a comment line, or a code line
 * that only looks like one (a continued `* b`), which the comments then tell apart.
 */
function onCommentLikeLine(text: string, index: number): boolean {
  let i = text.lastIndexOf('\n', index - 1) + 1;
  while (i < index && (text[i] === ' ' || text[i] === '\t')) i++;
  const c = text[i];
  return c === '*' || (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'));
}

/**
 * Where the name at `index` (ending at `end`) stands, by what comes before it (after any whitespace): `.`, a quote or
 * the end of a comment where a member is read (what accessPattern requires), and asserted when `!` or `as` follows
 * (ASSERTED_AFTER); `{` or `,` where a destructured member can stand (memberPattern also takes those); anything
 * else, a word.
 */
function positionOf(text: string, index: number, end: number): Position {
  let i = index - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  const c = text[i];
  if (c === '.' || c === "'" || c === '"' || c === '`' || (c === '/' && text[i - 1] === '*')) {
    ASSERTED_AFTER.lastIndex = end;
    return ASSERTED_AFTER.test(text) ? Position.Asserted : Position.Access;
  }
  return c === '{' || c === ',' ? Position.Member : Position.Word;
}

/**
 * What follows a member read that is asserted: `!` (not `!=`) or `as`, after closing quotes, brackets and
 * parentheses, spaces and comments on the same line (TypeScript takes neither `!` nor `as` after a line break).
 */
const ASSERTED_SUFFIX = `(?:[ \\t)'"\`\\]]|/\\*.*?\\*/)*(?:!(?!=)|as\\b)`;
const ASSERTED_AFTER = new RegExp(ASSERTED_SUFFIX, 'y');

function alternatives(names: Iterable<string>): string {
  return [...names].map((name) => name.replace(/[$]/g, '\\$&')).join('|');
}

/**
 * Matches any of the names as a whole word, wherever it stands (`connect(…)` imported by name, `addr as …`). `\\b`
 * rather than a lookbehind for `$` (twice as fast in V8): `$address` also matches, which only costs a scan.
 */
export function wordPattern(names: Iterable<string>): RegExp {
  const list = [...names];
  return compile(`\\b(?:${alternatives(list)})\\b`, list, Position.Word);
}

/**
 * Matches any of the names as a whole word, as wordPattern does in a text; where the source code tells where names
 * stand (transport-lint's namePositions), only as the callee of a call with arguments: `listen(x)`, `s.listen(x)`,
 * `s['listen'](x)`, `(f as F)(x)`. For rules whose every listener needs such a call (`s.connect()` and a method
 * declared `connect() {…}` then cost nothing).
 */
export function calledPattern(names: Iterable<string>): RegExp {
  const list = [...names];
  return compile(`\\b(?:${alternatives(list)})\\b`, list, Position.Word, 'called');
}

/**
 * Matches any of the names where a member name can stand: after `.` or `?.` (`s.setNoDelay`, `s?.unref`), after `{`
 * or `,` in a destructuring (`const { setNoDelay } = s`), inside quotes (`s['setNoDelay']`) or after a comment
 * (`s./* … *\/setNoDelay`), with any whitespace between. A global `setTimeout(…)` does not match.
 */
export function memberPattern(names: Iterable<string>): RegExp {
  const list = [...names];
  return compile(`(?:[.{,'"\`]|\\*/)\\s*(?:${alternatives(list)})(?![\\w$])`, list, Position.Member);
}

/**
 * Matches any of the names where a member is read: after `.` or `?.` (`server.port!`), inside quotes
 * (`server['port']`) or after a comment, with any whitespace between; not in a destructuring or a parameter list
 * (`{ port }`, `(host, port)`). For rules that select member expressions alone, on names too common for memberPattern.
 */
export function accessPattern(names: Iterable<string>): RegExp {
  const list = [...names];
  return compile(readOf(list), list, Position.Access);
}

/** A member read of one of the names: after `.`, inside quotes or after a comment, with any whitespace between. */
function readOf(names: readonly string[]): string {
  return `(?:[.'"\`]|\\*/)\\s*(?:${alternatives(names)})(?![\\w$])`;
}

/**
 * Matches any of the names where a member is read, as accessPattern does in a text; where the source code tells
 * where names stand (transport-lint's namePositions), only where the member is invoked: the callee of a call, with or
 * without arguments (`s.unref()`, `(s.address as F)()`), or before `.call`, `.apply` or `.bind`
 * (`s.setTimeout.call(s, 5)`). For rules whose listeners on these names need such a use (`node.address` read as a
 * field then costs nothing).
 */
export function invokedPattern(names: Iterable<string>): RegExp {
  const list = [...names];
  return compile(readOf(list), list, Position.Access, 'invoked');
}

/**
 * Matches any of the names where a member read is asserted: `server.port!`, `server.hostname as string`,
 * `(server['port'])!`. For rules that select only `x.name!` and `x.name as T`, on names too common even for
 * accessPattern.
 */
export function assertedPattern(names: Iterable<string>): RegExp {
  const list = [...names];
  return compile(`${readOf(list)}${ASSERTED_SUFFIX}`, list, Position.Asserted);
}

/**
 * The local names under which a file may hold one of the functions `names` names, read from its text: an import or
 * a destructuring that renames it (`import { connect as tlsConnect }`, `const { connect: dial } = tls`) and a
 * variable or field given the member itself (`const dial = net.connect`, `dial = net.connect.bind(net)`), not its
 * call. For rules that select calls by the callee's name: a call of such a name is one of the calls to check (the
 * listener still asks what the callee is). A text scan, so it may find more than there is (`x.connect as any`,
 * `{ listen: port }` in an options object: names no call uses, or whose callee is something else); never less than
 * the renames and member copies that are written out.
 */
export function renamedCallees(text: string, names: Iterable<string>): ReadonlySet<string> {
  const list = [...names];
  const key = alternatives(list);
  let pattern = namePatterns.get(key);
  if (!pattern) namePatterns.set(key, (pattern = new RegExp(`\\b(?:${key})\\b`, 'g')));
  const found = new Set<string>();
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const end = match.index + match[0].length;
    // `name as x`, `name: x`
    RENAMED_AS.lastIndex = end;
    const local = RENAMED_AS.exec(text)?.[1];
    if (local) {
      found.add(local);
      continue;
    }
    // `x = a.b.name`, not `x = a.name(…)`
    NOT_CALLED.lastIndex = end;
    if (!NOT_CALLED.test(text)) continue;
    let i = match.index - 1;
    while (i >= 0 && /\s/.test(text[i]!)) i--;
    if (text[i] !== '.') continue;
    while (i >= 0 && /[\w$.\s]/.test(text[i]!)) i--;
    if (text[i] !== '=' || /[=!<>+\-*/%&|^?]/.test(text[i - 1] ?? '')) continue;
    i--;
    while (i >= 0 && /\s/.test(text[i]!)) i--;
    const idEnd = i + 1;
    while (i >= 0 && /[\w$]/.test(text[i]!)) i--;
    if (idEnd > i + 1 && !/\d/.test(text[i + 1]!)) found.add(text.slice(i + 1, idEnd));
  }
  return found;
}
const namePatterns = new Map<string, RegExp>();
const RENAMED_AS = /\s*(?:as\s+|:\s*)([A-Za-z_$][\w$]*)/y;
/** After a member name: not a call (`a.name(…)`), not a longer name; `.bind(…)` and the end of the statement are. */
const NOT_CALLED = /(?![\w$])(?!\s*\()/y;

/**
 * An ESLint selector for the member accesses with one of the names: `x.name`, `x['name']`, and every `` x[`…`] ``
 * (rare; the listener checks the name). ESLint then calls the listener on those nodes alone, not on every member
 * access of a file that passed the pre-filter. `path` reaches the member access from the selected node: '' for the
 * node itself, 'callee.' for a call's callee.
 */
export function memberSelector(names: Iterable<string>, node = 'MemberExpression', path = ''): string {
  const list = alternatives([...names]);
  return [
    `${node}[${path}computed=false][${path}property.name=/^(?:${list})$/]`,
    `${node}[${path}computed=true][${path}property.value=/^(?:${list})$/]`,
    `${node}[${path}computed=true][${path}property.type="TemplateLiteral"]`,
  ].join(', ');
}

/**
 * A function of a rule's options object, computed once per options object: createRule shares one frozen options
 * object between all files with the same configuration, so Sets and patterns built from options are built once.
 */
export function perOptions<O extends object, T>(build: (options: O) => T): (options: O) => T {
  const built = new WeakMap<O, T>();
  return (options) => {
    let value = built.get(options);
    if (value === undefined) built.set(options, (value = build(options)));
    return value;
  };
}

/** A file of Node's own declarations: `…/@types/node/…`, or transport-lint's bundled `…/node-types/node/…`. */
const NODE_TYPES = /[\\/](?:@types|node-types)[\\/]node[\\/]/;

/**
 * Something a program may hold, told by a test of each of its files (their text and syntax; no type checker): the
 * program may hold it when some file passes. A false answer must be certain: rules return no listeners on it. Node's
 * own declarations and TypeScript's default libraries are never tested (programMayHold): they hold none of it.
 */
export interface ProgramContent {
  readonly name: string;
  holds(file: ts.SourceFile): boolean;
}

/**
 * Values of `node:http2`'s types. A value gets them only from code or declarations that name the module in a string:
 * an import or `require` of `'http2'` or `'node:http2'`, `import('http2')` in a type,
 * `process.getBuiltinModule('http2')`, `declare module 'http2'`, a library's declarations that import it (a
 * framework's request types). So: a file with the module's name in quotes, leaving out Node's own declarations
 * (@types/node, or the copy transport-lint bundles: they name every module) and TypeScript's default libraries. Not
 * `http2` as a word (Deno's `http2?: boolean` client option, a comment).
 */
const HTTP2_SPECIFIER = /(["'`])(?:node:)?http2\1/;
export const HTTP2_MODULE: ProgramContent = {
  name: 'http2',
  holds: (file) => file.text.includes('http2') && HTTP2_SPECIFIER.test(file.text),
};

/** Deno's types: its declarations (`lib.deno.ns.d.ts`, @types/deno) declare the global `namespace Deno`. */
export const DENO_TYPES: ProgramContent = {
  name: 'Deno',
  holds: (file) => file.text.includes('Deno') && /\b(?:namespace|module)\s+Deno\b/.test(file.text),
};

/** Bun's types: bun-types (and @types/bun, which loads it) `declare module "bun"`, where its servers come from. */
export const BUN_TYPES: ProgramContent = {
  name: 'bun',
  holds: (file) => file.text.includes('bun') && /\bmodule\s+(["'])bun\1/.test(file.text),
};

/**
 * Whether the file mentions a rule's names for Node (anywhere) or for Deno or Bun (only in a program with that
 * runtime's types): the prefilter of the rules that check all three runtimes.
 */
export function mentionsByRuntime(
  sourceCode: PrefilterSource,
  patterns: { node: RegExp; deno: RegExp; bun: RegExp },
): boolean {
  return (
    mentions(sourceCode, patterns.node) ||
    (mentions(sourceCode, patterns.deno) && programMayHold(sourceCode, DENO_TYPES)) ||
    (mentions(sourceCode, patterns.bun) && programMayHold(sourceCode, BUN_TYPES))
  );
}

/** Per program, per content: whether the program may hold it (programMayHold). */
const holdings = new WeakMap<ts.Program, Map<string, boolean>>();
/**
 * Per content, per file: its test. An editor's program is new after each change, and keeps the files that did not
 * change: those are not searched again.
 */
const fileHoldings = new Map<string, WeakMap<ts.SourceFile, boolean>>();

/**
 * Whether the file's program may hold the content (a module's values, a runtime's types): false only where no file
 * of the program shows it. True without a program (no type information: nothing to go by). Computed once per
 * program and content, and each file's test once; a text search, a few milliseconds on a large program.
 */
export function programMayHold(sourceCode: PrefilterSource, content: ProgramContent): boolean {
  const program = sourceCode.parserServices?.program;
  if (!program) return true;
  let known = holdings.get(program);
  if (!known) holdings.set(program, (known = new Map<string, boolean>()));
  let answer = known.get(content.name);
  if (answer === undefined) {
    let tested = fileHoldings.get(content.name);
    if (!tested) fileHoldings.set(content.name, (tested = new WeakMap()));
    const files = tested;
    answer = program.getSourceFiles().some((file) => {
      let holds = files.get(file);
      if (holds === undefined) files.set(file, (holds = searched(file, program) && content.holds(file)));
      return holds;
    });
    known.set(content.name, answer);
  }
  return answer;
}

/**
 * Whether programMayHold tests a file: not Node's declarations (@types/node, or the copy transport-lint bundles: they
 * name every module, `http2` included) nor TypeScript's default libraries, most of a program's text (on node-redis,
 * searching their text took 10 ms of a run). Told by the file's name and the program, before any text is read.
 */
function searched(file: ts.SourceFile, program: ts.Program): boolean {
  return !NODE_TYPES.test(file.fileName) && !program.isSourceFileDefaultLibrary(file);
}
