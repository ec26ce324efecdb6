/**
 * File-level syntactic pre-filters. A rule whose names occur nowhere in a file's text returns no listeners for it, so
 * ESLint never calls the rule on that file's nodes and the engine is never built: on a typical project most files
 * cost each rule one scan of the text (a few microseconds) and nothing else. A pattern may match more than the rule
 * cares about (a comment, a string); it must never miss a file the rule could report on.
 */

const cache = new Map<string, RegExp>();

function compile(source: string): RegExp {
  let pattern = cache.get(source);
  if (!pattern) cache.set(source, (pattern = new RegExp(source)));
  return pattern;
}

function alternatives(names: Iterable<string>): string {
  return [...names].map((name) => name.replace(/[$]/g, '\\$&')).join('|');
}

/**
 * Matches any of the names as a whole word, wherever it stands (`connect(…)` imported by name, `addr as …`). `\\b`
 * rather than a lookbehind for `$` (twice as fast in V8): `$address` also matches, which only costs a scan.
 */
export function wordPattern(names: Iterable<string>): RegExp {
  return compile(`\\b(?:${alternatives(names)})\\b`);
}

/**
 * Matches any of the names where a member name can stand: after `.` or `?.` (`s.setNoDelay`, `s?.unref`), after `{`
 * or `,` in a destructuring (`const { setNoDelay } = s`), inside quotes (`s['setNoDelay']`) or after a comment
 * (`s./* … *\/setNoDelay`), with any whitespace between. A global `setTimeout(…)` does not match.
 */
export function memberPattern(names: Iterable<string>): RegExp {
  return compile(`(?:[.{,'"\`]|\\*/)\\s*(?:${alternatives(names)})(?![\\w$])`);
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
