/** Syntax helpers shared by the engine and the rules. Nothing here asks the type checker. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { SOCKET_ACCESSORS } from './node-members.ts';

type Node = TSESTree.Node;

/** Expressions that do not change the runtime value: `x as T`, `<T>x`, `x!`, `x satisfies T`. */
export function isTransparentWrapper(
  node: Node,
): node is
  TSESTree.TSAsExpression | TSESTree.TSTypeAssertion | TSESTree.TSNonNullExpression | TSESTree.TSSatisfiesExpression {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSTypeAssertion ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression
  );
}

/** The expression with the transparent wrappers around it (`(x as T)!` for `x`): the node that stands for its value. */
export function outermostWrapper(node: Node): Node {
  let current = node;
  while (current.parent && isTransparentWrapper(current.parent) && current.parent.expression === current)
    current = current.parent;
  return current;
}

/** The expression under type assertions, non-null assertions, `satisfies` and optional-chain wrappers. */
export function unwrap(node: Node): Node {
  let current = node;
  while (isTransparentWrapper(current) || current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
  return current;
}

/** The module a `require('x')` call names; undefined for any other node. */
export function requiredModule(node: Node | null | undefined): string | undefined {
  if (
    node?.type !== AST_NODE_TYPES.CallExpression ||
    node.callee.type !== AST_NODE_TYPES.Identifier ||
    node.callee.name !== 'require'
  )
    return undefined;
  const [argument] = node.arguments;
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : undefined;
}

/**
 * The modules a file names at its top level: `import … from 'm'`, `export … from 'm'`, `import x = require('m')`,
 * `const x = require('m')` (also `require('m').member`).
 */
export function topLevelModules(program: TSESTree.Program): string[] {
  const modules: string[] = [];
  for (const statement of program.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
        modules.push(statement.source.value);
        break;
      case AST_NODE_TYPES.ExportAllDeclaration:
      case AST_NODE_TYPES.ExportNamedDeclaration:
        if (statement.source) modules.push(statement.source.value);
        break;
      case AST_NODE_TYPES.TSImportEqualsDeclaration:
        if (statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference)
          modules.push(statement.moduleReference.expression.value);
        break;
      case AST_NODE_TYPES.VariableDeclaration:
        for (const { init } of statement.declarations) {
          const required = requiredModule(init?.type === AST_NODE_TYPES.MemberExpression ? init.object : init);
          if (required !== undefined) modules.push(required);
        }
        break;
      default:
        break;
    }
  }
  return modules;
}

/** The `resolve` parameter of `new Promise((resolve, reject) => …)`; undefined for anything else. */
export function promiseResolveParameter(node: Node): TSESTree.Identifier | undefined {
  if (
    node.type !== AST_NODE_TYPES.NewExpression ||
    node.callee.type !== AST_NODE_TYPES.Identifier ||
    node.callee.name !== 'Promise'
  )
    return undefined;
  const executor = node.arguments[0];
  const resolve = executor && isFunction(executor) ? executor.params[0] : undefined;
  return resolve?.type === AST_NODE_TYPES.Identifier ? resolve : undefined;
}

/** The static string of a literal or a template without substitutions. */
export function staticString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name of a member access: `x.m`, `x['m']`, `` x[`m`] ``, `x.#m`. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed)
    return node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : node.property.name;
  return staticString(node.property);
}

/** The name of an object-pattern or object-literal key. */
export function propertyKeyName(
  node:
    | TSESTree.Property
    | TSESTree.PropertyDefinition
    | TSESTree.MethodDefinition
    | TSESTree.AccessorProperty
    | TSESTree.TSAbstractPropertyDefinition
    | TSESTree.TSAbstractMethodDefinition,
): string | undefined {
  if (!node.computed && node.key.type === AST_NODE_TYPES.Identifier) return node.key.name;
  if (node.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.key.name}`;
  if (node.key.type === AST_NODE_TYPES.Literal) return String(node.key.value);
  return staticString(node.key);
}

/** A class's methods, fields and accessors with this key name (propertyKeyName: `#x` for a private name). */
export function classMembersNamed(
  body: TSESTree.ClassBody,
  name: string | undefined,
): (TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty)[] {
  return body.body.filter(
    (m) =>
      (m.type === AST_NODE_TYPES.MethodDefinition ||
        m.type === AST_NODE_TYPES.PropertyDefinition ||
        m.type === AST_NODE_TYPES.AccessorProperty) &&
      propertyKeyName(m) === name,
  ) as (TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty)[];
}

/** The property of an object literal with this name (the last one wins, as at runtime); `spread` when a spread follows. */
export function findProperty(
  object: TSESTree.ObjectExpression,
  name: string,
): TSESTree.Property | 'spread' | undefined {
  let found: TSESTree.Property | 'spread' | undefined;
  for (const prop of object.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement)
      found = 'spread'; // may override what came before
    else if (propertyKeyName(prop) === name) found = prop;
  }
  return found;
}

/**
 * The one property of an object literal with this name, where the literal has no spread and no other property of that
 * name: the literal's type then has that property's value type for the name.
 */
export function soleProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  if (object.properties.some((prop) => prop.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const named = object.properties.filter(
    (prop): prop is TSESTree.Property => prop.type === AST_NODE_TYPES.Property && propertyKeyName(prop) === name,
  );
  return named.length === 1 ? named[0] : undefined;
}

/** Whether evaluating the expression twice is harmless: identifiers, `this`, and static member chains of them. */
export function isSideEffectFreeReference(node: Node): boolean {
  const inner = unwrapAssertions(node);
  if (inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.ThisExpression) return true;
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    // `a?.b` may be undefined where the guard is written: not a plain reference
    if (inner.optional || (inner.computed && staticString(inner.property) === undefined)) return false;
    return isSideEffectFreeReference(inner.object);
  }
  return false;
}

/** The expression under assertions only (optional chains kept). */
export function unwrapAssertions(node: Node): Node {
  let current = node;
  while (isTransparentWrapper(current)) current = current.expression;
  return current;
}

/** Function-like nodes. */
export function isFunction(
  node: Node | null | undefined,
): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration {
  return (
    !!node &&
    (node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      node.type === AST_NODE_TYPES.FunctionExpression ||
      node.type === AST_NODE_TYPES.FunctionDeclaration)
  );
}

/** The innermost function (arrow functions too) whose body holds the node. */
export function enclosingFunction(node: Node): Node | undefined {
  let current: Node | undefined = node.parent;
  while (current && !isFunction(current)) current = current.parent;
  return current;
}

/** The `target = value` (a plain `=`: no compound or logical assignment) whose target is the node, if any. */
export function plainAssignmentOf(node: Node): TSESTree.AssignmentExpression | undefined {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.left === node
    ? parent
    : undefined;
}

/** The member of the class body (method, field, accessor, static block) that holds the node, if any. */
export function classMemberOf(node: Node, body: TSESTree.ClassBody): Node | undefined {
  let current: Node | undefined = node;
  while (current && current.parent !== body) current = current.parent;
  return current;
}

/** A class's constructor, if it declares one. */
export function constructorOf(body: TSESTree.ClassBody): TSESTree.MethodDefinition | undefined {
  return body.body.find(
    (m): m is TSESTree.MethodDefinition => m.type === AST_NODE_TYPES.MethodDefinition && m.kind === 'constructor',
  );
}

/**
 * The callee of a call as `object.name`, e.g. `net.connect` → { object, name: 'connect' }, or a bare `connect` (by the name
 * it was imported as: `tlsConnect` of `import { connect as tlsConnect }` gives `connect`).
 */
export function calleeParts(call: TSESTree.CallExpression | TSESTree.NewExpression): { object?: Node; name?: string } {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return { name: importedName(callee) };
  if (callee.type === AST_NODE_TYPES.MemberExpression) return { object: callee.object, name: memberName(callee) };
  return {};
}

/** Per file (its Program node): the names its top-level imports bind under another name (importAliases). */
const aliasesOf = new WeakMap<Node, ReadonlyMap<string, string>>();

/**
 * The name a function was imported as, for an identifier that names an import under another name (`connect` for
 * `tlsConnect` of `import { connect as tlsConnect } from 'node:tls'` or `const { connect: tlsConnect } =
 * require('tls')`), so that a call is known by the module's name for it; else the identifier's own name. By name,
 * like every callee name: a local binding of the same name in an inner scope reads the same (what TypeScript
 * resolves the call to decides where that matters).
 */
function importedName(id: TSESTree.Identifier): string {
  let root: Node = id;
  while (root.parent) root = root.parent;
  let aliases = aliasesOf.get(root);
  if (!aliases) aliasesOf.set(root, (aliases = importAliases(root)));
  return aliases.get(id.name) ?? id.name;
}

/** Local name to imported name, for the renaming imports and `require` destructurings at a file's top level. */
function importAliases(root: Node): ReadonlyMap<string, string> {
  const aliases = new Map<string, string>();
  if (root.type !== AST_NODE_TYPES.Program) return aliases;
  for (const statement of root.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const specifier of statement.specifiers)
        if (
          specifier.type === AST_NODE_TYPES.ImportSpecifier &&
          specifier.imported.type === AST_NODE_TYPES.Identifier &&
          specifier.imported.name !== specifier.local.name
        )
          aliases.set(specifier.local.name, specifier.imported.name);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || requiredModule(declarator.init) === undefined)
          continue;
        for (const property of declarator.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
          const local = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
          if (
            property.key.type === AST_NODE_TYPES.Identifier &&
            local.type === AST_NODE_TYPES.Identifier &&
            local.name !== property.key.name
          )
            aliases.set(local.name, property.key.name);
        }
      }
    }
  }
  return aliases;
}

/**
 * A promisified method of `object`: `promisify(object.method.bind(object))` (`util.promisify`, or any `promisify` that
 * appends a callback and returns a promise; the bound method may be cast, `as (callback: …) => void`). A call of it
 * calls the method with its arguments and a callback, and its promise settles when the method calls back.
 */
export function promisifiedMethod(object: Node, method: string): TSESTree.CallExpression | undefined {
  const member = object.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== object || memberName(member) !== method)
    return undefined;
  const bindMember = member.parent;
  if (bindMember?.type !== AST_NODE_TYPES.MemberExpression || memberName(bindMember) !== 'bind') return undefined;
  const bind = bindMember.parent;
  if (bind?.type !== AST_NODE_TYPES.CallExpression || bind.callee !== bindMember) return undefined;
  const bound = bind.arguments[0];
  if (bound?.type !== object.type || !sameReference(bound, object)) return undefined;
  const argument = outermostWrapper(bind);
  const promisify = argument.parent;
  return promisify?.type === AST_NODE_TYPES.CallExpression &&
    promisify.arguments[0] === argument &&
    calleeParts(promisify).name === 'promisify'
    ? promisify
    : undefined;
}

/** `a` and `b` name the same thing: the same identifier, `this`, or the same member path of those. */
function sameReference(a: Node, b: Node): boolean {
  if (a.type === AST_NODE_TYPES.Identifier && b.type === AST_NODE_TYPES.Identifier) return a.name === b.name;
  if (a.type === AST_NODE_TYPES.ThisExpression && b.type === AST_NODE_TYPES.ThisExpression) return true;
  if (a.type === AST_NODE_TYPES.MemberExpression && b.type === AST_NODE_TYPES.MemberExpression)
    return memberName(a) !== undefined && memberName(a) === memberName(b) && sameReference(a.object, b.object);
  return false;
}

/**
 * Whether the statement always leaves its block: return, throw, break, continue, or a block ending in one (with
 * `fromFunction`, only return and throw: it always ends the function).
 */
export function alwaysExits(node: Node, fromFunction = false): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return !fromFunction;
    case AST_NODE_TYPES.BlockStatement: {
      const last = node.body.at(-1);
      return !!last && alwaysExits(last, fromFunction);
    }
    case AST_NODE_TYPES.IfStatement:
      return (
        !!node.alternate && alwaysExits(node.consequent, fromFunction) && alwaysExits(node.alternate, fromFunction)
      );
    default:
      return false;
  }
}

/**
 * Whether control never gets from `from` to `to` (a later node of the same function): on the way up from `from`
 * to the closest node around both, a statement after it always ends the function (`r.path = p; return r;`), or
 * the two sit in different branches of one `if` or `?:` with no loop around it in the function (through a loop's
 * back edge one branch reaches the other). False where a function lies between them or nothing shows it.
 */
export function cannotReach(from: Node, to: Node): boolean {
  for (let child = from, parent = from.parent; parent; child = parent, parent = parent.parent) {
    if (isFunction(child)) return false;
    if (contains(parent, to)) {
      if (parent.type !== AST_NODE_TYPES.IfStatement && parent.type !== AST_NODE_TYPES.ConditionalExpression)
        return false;
      const branches: Node[] = [parent.consequent, ...(parent.alternate ? [parent.alternate] : [])];
      const inBranch = (node: Node): Node | undefined => branches.find((b) => contains(b, node));
      const a = inBranch(from);
      const b = inBranch(to);
      return !!a && !!b && a !== b && !outermostLoop(parent);
    }
    const list = statementList(parent);
    const index = list ? list.indexOf(child as TSESTree.Statement) : -1;
    if (list && index >= 0 && list.slice(index + 1).some((statement) => alwaysExits(statement, true))) return true;
  }
  return false;
}

/** The range of the outermost loop statement around a node, within its function. */
export function outermostLoop(node: Node): TSESTree.Range | undefined {
  let loop: TSESTree.Range | undefined;
  for (let current = node.parent; current && !isFunction(current); current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        loop = current.range;
    }
  }
  return loop;
}

/** The class whose instance `this` is at a node: through arrow functions, up to a non-static member of the class. */
export function instanceClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const member = current.parent;
      if (
        member.type !== AST_NODE_TYPES.MethodDefinition ||
        member.static ||
        current.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === 'this')
      )
        return undefined;
      return member.parent.parent;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition && current.value && contains(current.value, node))
      return current.static ? undefined : current.parent.parent;
    if (isFunction(current) || current.type === AST_NODE_TYPES.ClassBody || current.type === AST_NODE_TYPES.StaticBlock)
      return undefined;
  }
  return undefined;
}

/** Whether `inner` lies within `outer` (or is it). */
export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Statement lists that a statement can sit in directly. */
export function statementList(node: Node): readonly TSESTree.Statement[] | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
      return node.body;
    case AST_NODE_TYPES.Program:
      return node.body;
    case AST_NODE_TYPES.SwitchCase:
      return node.consequent;
    default:
      return undefined;
  }
}

/** `req` of `req.socket`, `res` of `res.connection`: the owner whose socket an expression reads, if it reads one. */
export function socketOwner(node: Node): Node | undefined {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.MemberExpression && SOCKET_ACCESSORS.has(memberName(inner) ?? '')
    ? inner.object
    : undefined;
}

/**
 * `f.bind(thisArg)` (or `f.bind()`) around `expr`: the bound function, which takes the same parameters. Undefined
 * for anything else, and for a `bind` that also fixes arguments (the parameters shift).
 */
export function boundCall(expr: Node): TSESTree.CallExpression | undefined {
  const member = expr.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== expr || memberName(member) !== 'bind')
    return undefined;
  const call = member.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && call.arguments.length <= 1
    ? call
    : undefined;
}

/** Whether a value is only tested for truth where it stands: an `if`/loop/`?:` test, `!x`, or a `&&`/`||` operand in such a place. */
export function isTestPosition(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.ForStatement:
      return parent.test === node;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!';
    case AST_NODE_TYPES.LogicalExpression:
      return parent.operator !== '??' && isTestPosition(parent);
    default:
      return false;
  }
}
