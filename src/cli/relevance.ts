/**
 * Which files ESLint needs to see. A rule can report on a file only if its `create` returns listeners for it; every
 * rule of this plugin first looks for its names in the file's text and returns none when they are absent
 * (src/rule-kit/prefilter.ts). Asking the rules themselves, with their configured options, before any parse, keeps
 * this exact: `create` runs with a context that holds only the file's text and the options, and a rule that reaches
 * for anything else (the AST, types, the file name, `report`) counts as one that may report. Most files of a project
 * mention none of the names; handing them to ESLint would cost a parse and an AST conversion each, for nothing.
 *
 * A file that is left out is still parsed by TypeScript alone, so that a file that does not parse is reported as it
 * would be by ESLint (typescript-eslint reports TypeScript's first parse error).
 */
import type { Linter, Rule } from 'eslint';
import path from 'node:path';
import ts from '../engine/typescript.cts';
import { type NamePositions, Position } from '../rule-kit/prefilter.ts';

export interface ConfiguredRule {
  rule: Rule.RuleModule;
  /** The rule's options, without the severity. */
  options: unknown[];
}

export function configuredRules(
  entries: Record<string, Linter.RuleEntry>,
  ruleOf: (id: string) => Rule.RuleModule | undefined,
): ConfiguredRule[] {
  return Object.entries(entries).map(([id, entry]) => {
    const rule = ruleOf(id);
    if (!rule) throw new Error(`no rule ${id}`);
    return { rule, options: Array.isArray(entry) ? entry.slice(1) : [] };
  });
}

/**
 * A file's text as TypeScript reads it (a byte order mark dropped, UTF-16 decoded), or undefined when it cannot be
 * read: the text a program built from the file would hold.
 */
export function readSource(file: string): string | undefined {
  return ts.sys.readFile(file);
}

/** Thrown by the context when a rule wants more than the text and the options. */
const WANTS_MORE = Symbol('wants more than the text');

/**
 * Whether any of the rules returns listeners for a file with this text. The rules may ask for the file's comments
 * (a name found only on comment-like lines); those come from TypeScript's parse of the file, made only then. With
 * the file's parse in its program (`source`), the rules' names count only where they stand in the syntax
 * (namePositions), not in strings: `'connect'` in a type or `"server.address"` in a table no longer makes a file
 * worth a conversion to ESLint's tree. With the program (`program`), the rules may also ask what it holds
 * (programMayHold: a rule about HTTP/2 has nothing to say in a program that never names `http2`).
 */
export function mayReport(
  file: string,
  text: string,
  rules: readonly ConfiguredRule[],
  source?: ts.SourceFile,
  program?: ts.Program,
): boolean {
  const only = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key) {
        if (Object.hasOwn(object, key)) return (object as Record<PropertyKey, unknown>)[key];
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel caught by mayReport, never escapes
        throw WANTS_MORE;
      },
    });
  const sourceCode = source
    ? only({
        text,
        namePositions: (names: ReadonlySet<string>) => namePositions(source, names),
        ...(program ? { parserServices: only({ program }) } : {}),
      })
    : only({ text, getAllComments: () => commentRanges(parse(file, text)) });
  for (const { rule, options } of rules) {
    try {
      const listeners = rule.create(only({ sourceCode, options }) as unknown as Rule.RuleContext);
      if (Object.keys(listeners).length > 0) return true;
    } catch (error) {
      if (error === WANTS_MORE) return true;
      throw error;
    }
  }
  return false;
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

/** The last file parsed: a file that mayReport parsed for its comments is often parsed again by hasSyntaxError. */
let lastParse: { file: string; text: string; source: ts.SourceFile } | undefined;

function parse(file: string, text: string): ts.SourceFile {
  if (lastParse?.file !== file || lastParse.text !== text) {
    const source = ts.createSourceFile(
      file,
      text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      false,
      SCRIPT_KINDS[path.extname(file)] ?? ts.ScriptKind.TS,
    );
    lastParse = { file, text, source };
  }
  return lastParse.source;
}

/** Whether TypeScript's parser finds an error in the file (the errors typescript-eslint reports as parse errors). */
export function hasSyntaxError(file: string, text: string): boolean {
  const source = parse(file, text);
  return (source as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics.length > 0;
}

const LITERALS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.JsxText,
]);

/**
 * The comments of a parsed file, in order, as ESLint's `getAllComments` gives their ranges. Outside string,
 * template, regular expression and JSX text literals (taken from the parse), `//` and `/*` can only begin a comment,
 * so one pass over the text between the literals finds them all.
 */
export function commentRanges(source: ts.SourceFile): { range: [number, number] }[] {
  const literals: [number, number][] = [];
  const visit = (node: ts.Node): void => {
    if (LITERALS.has(node.kind)) literals.push([node.getStart(source), node.end]);
    else ts.forEachChild(node, visit);
  };
  visit(source);
  literals.sort((a, b) => a[0] - b[0]);
  const text = source.text;
  const comments: { range: [number, number] }[] = [];
  let next = 0; // the next literal
  let i = 0;
  if (text.startsWith('#!')) {
    // ESLint counts the shebang line as a comment too
    i = text.includes('\n') ? text.indexOf('\n') : text.length;
    comments.push({ range: [0, i] });
  }
  while (i < text.length - 1) {
    while (next < literals.length && literals[next]![1] <= i) next++;
    const literal = literals[next];
    if (literal && literal[0] <= i) {
      i = literal[1];
      continue;
    }
    if (text[i] === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      comments.push({ range: [i, stop] });
      i = stop;
    } else if (text[i] === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      comments.push({ range: [i, stop] });
      i = stop;
    } else i++;
  }
  return comments;
}

/**
 * Where each of the names stands in a parsed file, as the prefilter's positions (src/rule-kit/prefilter.ts) name
 * them, from the syntax tree rather than the text: a member read (`x.name`, `x['name']`, asserted when `!` or `as`
 * follows, through parentheses), a property name in a destructuring or an object literal, or any other identifier (a
 * word: `connect(…)` imported by name, a method `connect() {…}`, `#name`), which names are the callee of a call
 * with arguments (calledPattern), and which are invoked: the callee of any call, or before `.call`, `.apply` or
 * `.bind` (invokedPattern). A string counts only as the member it names (`x['name']`, `{ 'name': f } = x`);
 * comments never. The rules select member reads, calls of a name and destructured properties, each of which stands
 * here in the position the text scan gives it, or a stricter one.
 */
export function namePositions(source: ts.SourceFile, names: ReadonlySet<string>): NamePositions {
  const found = new Map<string, Position>();
  const called = new Set<string>();
  const invoked = new Set<string>();
  const note = (name: string, position: Position | undefined): void => {
    if (position === undefined || !names.has(name)) return;
    const before = found.get(name);
    if (before === undefined || position > before) found.set(name, position);
  };
  // the ancestors of the node visited: a program's files get parent pointers only when they are bound
  const ancestors: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      note(node.text, positionOf(node, ancestors) ?? Position.Word);
      // held under another name, which its calls use: counted as called, for the rule that selects calls by the
      // callee's name (renamedCallees); not as invoked, which the rules on members select only as members (a copy
      // `const address = node.address` is a field's value far more often than a method's)
      if (names.has(node.text) && renamed(node, ancestors)) called.add(node.text);
    } else if (ts.isPrivateIdentifier(node)) note(node.text.slice(1), Position.Word);
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (names.has(node.text)) note(node.text, positionOf(node, ancestors));
    } else {
      if (ts.isCallExpression(node)) {
        const name = calleeName(node.expression);
        if (name !== undefined && names.has(name)) {
          invoked.add(name);
          if (node.arguments.length > 0) called.add(name);
        }
      } else if (
        (ts.isPropertyAccessExpression(node) && FUNCTION_METHODS.has(node.name.text)) ||
        (ts.isElementAccessExpression(node) &&
          ts.isStringLiteralLike(node.argumentExpression) &&
          FUNCTION_METHODS.has(node.argumentExpression.text))
      ) {
        // `s.address.call(s)`, `s.setTimeout.bind(s)`, `s.unref['call'](s)`
        const name = calleeName(node.expression);
        if (name !== undefined && names.has(name)) invoked.add(name);
      }
      ancestors.push(node);
      ts.forEachChild(node, visit);
      ancestors.pop();
    }
  };
  visit(source);
  return { found, called, invoked };
}

/**
 * Whether the identifier names a function that the file holds under another name: the imported name of a renaming
 * import (`import { connect as tlsConnect }`), the property of a renaming destructuring (`const { connect: dial } =
 * tls`), or a member copied, not called (`const dial = net.connect`, `dial = net.connect.bind(net)`). The calls then
 * use the other name; the rules' selectors find them by the text (src/rule-kit/prefilter.ts renamedCallees).
 */
function renamed(node: ts.Identifier, ancestors: readonly ts.Node[]): boolean {
  const parent = ancestors.at(-1);
  if (!parent) return false;
  if (ts.isImportSpecifier(parent) || ts.isBindingElement(parent)) return parent.propertyName === node;
  if (!ts.isPropertyAccessExpression(parent) || parent.name !== node) return false;
  // through `.bind(…)`: `net.connect.bind(net)`
  let up = ancestors.length - 1;
  let value: ts.Node = parent;
  const bind = ancestors[up - 1];
  const call = ancestors[up - 2];
  if (
    bind &&
    ts.isPropertyAccessExpression(bind) &&
    bind.expression === parent &&
    bind.name.text === 'bind' &&
    call &&
    ts.isCallExpression(call) &&
    call.expression === bind
  ) {
    value = call;
    up -= 2;
  }
  const holder = ancestors[up - 1];
  return (
    !!holder &&
    ((ts.isVariableDeclaration(holder) && holder.initializer === value) ||
      (ts.isPropertyDeclaration(holder) && holder.initializer === value) ||
      (ts.isBinaryExpression(holder) &&
        holder.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        holder.right === value))
  );
}

/** Function.prototype's methods that call or extract a function: `s.f.call(s)`, `s.f.apply(s, a)`, `s.f.bind(s)`. */
const FUNCTION_METHODS = new Set(['call', 'apply', 'bind']);

/**
 * The name a call's callee ends in, through parentheses and type assertions: `f`, `s.f`, `s.#f`, `s['f']`,
 * `(s.f as F)`, `s.f!`.
 */
function calleeName(callee: ts.Expression): string | undefined {
  let node = callee;
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isTypeAssertionExpression(node)
  )
    node = node.expression;
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node))
    return ts.isPrivateIdentifier(node.name) ? node.name.text.slice(1) : node.name.text;
  if (ts.isElementAccessExpression(node)) {
    const key = node.argumentExpression;
    if (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) return key.text;
  }
  return undefined;
}

/** Where a name stands as a member (read, destructured, an object literal's key); undefined elsewhere. */
function positionOf(node: ts.Node, ancestors: readonly ts.Node[]): Position | undefined {
  let up = ancestors.length - 1;
  const parent = ancestors[up];
  if (!parent) return undefined;
  if (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) ||
    (ts.isQualifiedName(parent) && parent.right === node)
  ) {
    // `x.name!`, `(x['name']) as T`
    let outer: ts.Node = parent;
    while (up > 0 && ts.isParenthesizedExpression(ancestors[up - 1]!)) outer = ancestors[--up]!;
    const wrapper = ancestors[up - 1];
    const asserted =
      !!wrapper && (ts.isNonNullExpression(wrapper) || ts.isAsExpression(wrapper)) && wrapper.expression === outer;
    return asserted ? Position.Asserted : Position.Access;
  }
  // `{ name }`, `{ name: x }`, `{ 'name': x }`, `{ ['name']: x }`: in a destructuring, or an object literal (which an
  // assignment may destructure)
  let named = node;
  let owner = parent;
  let outer = ancestors[up - 1];
  if (ts.isComputedPropertyName(parent)) {
    named = parent;
    owner = outer!;
    outer = ancestors[up - 2];
  }
  const isName = ts.isBindingElement(owner)
    ? !!outer && ts.isObjectBindingPattern(outer) && (owner.propertyName ?? owner.name) === named
    : (ts.isPropertyAssignment(owner) ||
        ts.isShorthandPropertyAssignment(owner) ||
        ts.isMethodDeclaration(owner) ||
        ts.isAccessor(owner)) &&
      owner.name === named &&
      !!outer &&
      ts.isObjectLiteralExpression(outer);
  return isName ? Position.Member : undefined;
}
