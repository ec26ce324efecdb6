/**
 * File-level syntactic pre-filters. A rule whose names occur nowhere in a file's text returns no listeners for it, so
 * ESLint never calls the rule on that file's nodes and the engine is never built: on a typical project most files
 * cost each rule one scan of the text and nothing else. A pattern may match more than the rule
 * cares about (a comment, a string); it must never miss a file the rule could report on.
 */

const cache = new Map<string, RegExp>();
/**
 * Where a name must stand for a pattern to count it: anywhere (wordPattern), where a member name can stand
 * (memberPattern), or only where a member is read (accessPattern).
 */
const Position = { Word: 0, Member: 1, Access: 2 } as const;
type Position = (typeof Position)[keyof typeof Position];
/** The names of each pattern, and where they must stand. */
const namesOf = new WeakMap<RegExp, { names: readonly string[]; position: Position }>();
/** Every name of every pattern made so far, and one pattern for all of them (rebuilt when a name is added). */
const allNames = new Set<string>();
let anyName: RegExp | undefined;
/**
 * The last file scanned for all names: ESLint creates every rule for one file before the next file, so one entry
 * serves them all (a WeakMap entry per file cost more than the lookups it saved). `found` maps each name that occurs
 * to the strictest position it occurs in.
 */
let lastScan: { sourceCode: object; pattern: RegExp; found: ReadonlyMap<string, Position> } | undefined;

function compile(source: string, names: readonly string[], position: Position): RegExp {
  let pattern = cache.get(source);
  if (!pattern) {
    cache.set(source, (pattern = new RegExp(source)));
    namesOf.set(pattern, { names, position });
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
export function mentions(sourceCode: Readonly<{ text: string }>, pattern: RegExp): boolean {
  anyName ??= new RegExp(`\\b(?:${alternatives(allNames)})\\b`, 'g');
  if (lastScan?.sourceCode !== sourceCode || lastScan.pattern !== anyName) {
    lastScan = { sourceCode, pattern: anyName, found: scan(sourceCode.text, anyName) };
  }
  const { found } = lastScan;
  if (found.size === 0) return false;
  const own = namesOf.get(pattern);
  if (!own) return pattern.test(sourceCode.text);
  return own.names.some((name) => {
    const position = found.get(name);
    return position !== undefined && position >= own.position;
  });
}

/** The names the pattern finds in the text, each with the strictest position it occurs in. */
function scan(text: string, pattern: RegExp): Map<string, Position> {
  const found = new Map<string, Position>();
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const before = found.get(match[0]);
    if (before !== Position.Access)
      found.set(match[0], Math.max(before ?? Position.Word, positionOf(text, match.index)) as Position);
  }
  return found;
}

/**
 * Where the name at `index` stands, by what comes before it (after any whitespace): `.`, a quote or the end of a
 * comment where a member is read (what accessPattern requires); `{` or `,` where a destructured member can stand
 * (memberPattern also takes those); anything else, a word.
 */
function positionOf(text: string, index: number): Position {
  let i = index - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  const c = text[i];
  if (c === '.' || c === "'" || c === '"' || c === '`' || (c === '/' && text[i - 1] === '*')) return Position.Access;
  return c === '{' || c === ',' ? Position.Member : Position.Word;
}

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
  return compile(`(?:[.'"\`]|\\*/)\\s*(?:${alternatives(list)})(?![\\w$])`, list, Position.Access);
}

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
