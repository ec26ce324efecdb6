/**
 * Following values through the bindings of one file: what was written to a variable or a class field, and where a
 * function was passed or called.
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  boundCall,
  isFunction,
  constructorOf,
  enclosingFunction,
  memberName,
  outermostWrapper,
  plainAssignmentOf,
  propertyKeyName,
  requiredModule,
  socketOwner,
  statementList,
  staticString,
  unwrap,
} from './ast.ts';
import type { FileContext } from './file-context/index.ts';
import { LISTENER_METHODS, SOCKET_ACCESSORS, SOCKET_CONNECTED_EVENTS } from './node-members.ts';

const { DefinitionType } = TSESLint.Scope;

type Node = TSESTree.Node;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** A value written to a binding: an expression, or a property of an expression (destructuring). */
export interface Write {
  value: Node;
  /** For `const { socket } = req`: the property read from `value`. */
  property?: string;
}

/** Every value written to a variable, or undefined when some write cannot be followed (loops, complex patterns). */
export function variableWrites(variable: TSESLint.Scope.Variable): Write[] | undefined {
  const writes: Write[] = [];
  for (const def of variable.defs) {
    if (def.type !== DefinitionType.Variable) return undefined;
    const declarator = def.node;
    if (declarator.id === def.name) {
      if (declarator.init) writes.push({ value: declarator.init });
      else if (
        declarator.parent.parent.type === AST_NODE_TYPES.ForOfStatement ||
        declarator.parent.parent.type === AST_NODE_TYPES.ForInStatement
      )
        return undefined;
    } else {
      const property = destructuredProperty(declarator.id, def.name);
      if (!property || !declarator.init) return undefined;
      writes.push({ value: declarator.init, property });
    }
  }
  for (const ref of variable.references) {
    if (!ref.isWrite() || ref.init) continue;
    const parent = ref.identifier.parent;
    if (
      parent.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.left === ref.identifier &&
      parent.operator === '='
    ) {
      writes.push({ value: parent.right });
    } else return undefined;
  }
  return writes;
}

/** `{ socket }` or `{ socket: s }` directly in the declarator's pattern. */
function destructuredProperty(pattern: Node, name: TSESTree.Identifier): string | undefined {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const prop of pattern.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const value = prop.value.type === AST_NODE_TYPES.AssignmentPattern ? prop.value.left : prop.value;
    if (value === name) return propertyKeyName(prop);
  }
  return undefined;
}

/** The class that declares `this` at a node (arrow functions see through), or undefined. */
export function thisClass(node: Node): TSESTree.ClassBody | undefined {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      const owner = current.parent;
      if (owner?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
    }
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
  }
  return undefined;
}

/**
 * The `this` a reference stands for: `this` itself, or a `const self = this` (the `this` of the function that
 * declares it, also inside callbacks with a `this` of their own). Undefined for anything else.
 */
export function thisOf(ctx: FileContext, node: Node): TSESTree.ThisExpression | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.ThisExpression) return inner;
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ctx.variable(inner);
  const value = variable && isConst(variable) ? singleValue(variable) : undefined;
  const target = value && unwrap(value);
  return target?.type === AST_NODE_TYPES.ThisExpression ? target : undefined;
}

/** Visits every node below `root` (visitor keys of the parser). */
export function walk(ctx: FileContext, root: Node, visit: (node: Node) => void): void {
  const keys = ctx.sourceCode.visitorKeys;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof item === 'object' && 'type' in item) stack.push(item as Node);
      } else if (child && typeof child === 'object' && 'type' in child) stack.push(child as Node);
    }
  }
}

const classMembers = new WeakMap<TSESTree.ClassBody, Map<string, Node[]>>();

/**
 * The class whose field a member expression reads or writes: `this.x`, and `self.x` through `const self = this`
 * (arrow functions see through; a `function` callback keeps the alias's `this`). Undefined for anything else.
 */
export function fieldClass(ctx: FileContext, node: Node): TSESTree.ClassBody | undefined {
  return node.type === AST_NODE_TYPES.MemberExpression ? classOfThis(ctx, node.object) : undefined;
}

/** The class whose `this` a reference stands for: `this`, or a `const self = this` (thisOf). */
export function classOfThis(ctx: FileContext, node: Node): TSESTree.ClassBody | undefined {
  const self = thisOf(ctx, node);
  return self ? thisClass(self) : undefined;
}

/** The name under which thisMemberUses keeps `this[key]` with a key not known from the syntax. */
export const COMPUTED_MEMBER = '\0computed';

/**
 * Every `this.name` (and `self.name`, `const self = this`) expression in a class body, by name (one walk per class);
 * under COMPUTED_MEMBER, those whose name is not known (`this[key]`).
 */
export function thisMemberUses(ctx: FileContext, body: TSESTree.ClassBody, name: string): Node[] {
  let byName = classMembers.get(body);
  if (!byName) {
    const found = new Map<string, Node[]>();
    const add = (node: TSESTree.MemberExpression): void => {
      const key = memberName(node) ?? (node.computed ? COMPUTED_MEMBER : undefined);
      if (key === undefined) return;
      const uses = found.get(key);
      if (uses) uses.push(node);
      else found.set(key, [node]);
    };
    // syntax first: only members of a name some declarator of the class initialises with `this` are asked about
    const aliases = new Set<string>();
    const candidates: TSESTree.MemberExpression[] = [];
    walk(ctx, body, (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        if (node.object.type === AST_NODE_TYPES.ThisExpression) add(node);
        else if (node.object.type === AST_NODE_TYPES.Identifier) candidates.push(node);
      } else if (
        node.type === AST_NODE_TYPES.VariableDeclarator &&
        node.id.type === AST_NODE_TYPES.Identifier &&
        node.init &&
        unwrap(node.init).type === AST_NODE_TYPES.ThisExpression
      )
        aliases.add(node.id.name);
    });
    for (const candidate of candidates) {
      const object = candidate.object as TSESTree.Identifier;
      if (aliases.has(object.name) && fieldClass(ctx, candidate) === body) add(candidate);
    }
    classMembers.set(body, found);
    byName = found;
  }
  return byName.get(name) ?? [];
}

/** Values written to `this.name` inside a class: the field initializer and `this.name = …` assignments. */
export function fieldWrites(ctx: FileContext, body: TSESTree.ClassBody, name: string): Write[] {
  const writes: Write[] = [];
  for (const member of body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && propertyKeyName(member) === name && member.value)
      writes.push({ value: member.value });
    // constructor(private readonly socket: Socket): a parameter property; its value comes from `new`, not visible here
  }
  for (const use of thisMemberUses(ctx, body, name)) {
    const assignment = plainAssignmentOf(use);
    if (assignment) writes.push({ value: assignment.right });
  }
  return writes;
}

/**
 * The writes to `this.name` that a use can still see: the constructor's last top-level assignment `this.name = v`
 * replaces the field's initializer (`server = null`) and the constructor's earlier top-level writes for every use
 * that runs after it (in other methods, in callbacks, later in the constructor).
 */
export function liveFieldWrites(ctx: FileContext, body: TSESTree.ClassBody, name: string, use: Node): Write[] {
  // `this.socket = null` in `close()`, `socket = null` as the field's initializer: which methods run after a reset
  // is not in the code, so a reset is seen only by the function that makes it
  const writes = fieldWrites(ctx, body, name).filter(
    (w) => !isNullishLiteral(w.value) || enclosingFunction(w.value) === enclosingFunction(use),
  );
  const constructor = constructorOf(body);
  const statements = constructor?.value.body?.body ?? [];
  const last = statements.findLast((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    return isThisFieldWrite(unwrap(statement.expression), name);
  });
  if (!last) return writes;
  // a use in the constructor's own straight-line code before the assignment still sees the earlier values
  if (enclosingFunction(use) === constructor!.value && use.range[0] < last.range[1]) return writes;
  return writes.filter((w) => {
    const statement = w.value.parent?.parent;
    const dead =
      w.value.parent?.type === AST_NODE_TYPES.PropertyDefinition ||
      (statement !== last &&
        statements.includes(statement as TSESTree.Statement) &&
        statement!.range[0] < last.range[0]);
    return !dead;
  });
}

/** `null`, `undefined`, `void 0`. */
function isNullishLiteral(node: Node): boolean {
  const inner = unwrap(node);
  return (
    (inner.type === AST_NODE_TYPES.Literal && inner.value === null && !('regex' in inner)) ||
    (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') ||
    (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void')
  );
}

/** Where a function value goes: calls that receive it as an argument, and direct calls of it. */
export interface FunctionUses {
  /** `emitter.on('connection', fn)`, `net.createServer(fn)`: the call and the argument index. */
  passedTo: { call: TSESTree.CallExpression; index: number }[];
  /** `fn(a, b)`: the calls of the function itself. */
  calledAt: (TSESTree.CallExpression | TSESTree.NewExpression)[];
  /** True when the function is also used in a way we cannot follow (stored, returned, reassigned). */
  escapes: boolean;
  /**
   * True when the function is bound beyond this file's scope: exported (ESM or CommonJS), a method, an object
   * property, `exports.f = function …`. Its other uses are in the program (interprocedural.ts programUses).
   */
  exported: boolean;
}

export function functionUses(ctx: FileContext, fn: FunctionNode): FunctionUses {
  const uses: FunctionUses = { passedTo: [], calledAt: [], escapes: false, exported: false };
  const record = (reference: Node): void => {
    // `server.on('connection', onConnection.bind(null))`: the bound function goes where the function would
    const expr = boundCall(reference) ?? reference;
    const parent = expr.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression) {
      if (parent.callee === expr) uses.calledAt.push(parent);
      else
        uses.passedTo.push({ call: parent, index: parent.arguments.indexOf(expr as TSESTree.CallExpressionArgument) });
      return;
    }
    // `new Client(port)` of a constructor function
    if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === expr) {
      uses.calledAt.push(parent);
      return;
    }
    if (parent && isLink(parent, expr)) uses.exported = true;
    else uses.escapes = true;
  };
  let name: TSESTree.Identifier | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) name = fn.id ?? undefined;
  else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier)
    name = fn.parent.id;
  if (!name) {
    if (isSharedFunction(fn)) uses.exported = true;
    else record(fn);
    return uses;
  }
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.parent.type.startsWith('Export')) uses.exported = true;
  if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.parent.parent.type.startsWith('Export'))
    uses.exported = true;
  const variable = ctx.variable(name);
  if (!variable) {
    uses.escapes = true;
    return uses;
  }
  for (const ref of variable.references) {
    if (ref.init || ref.identifier === name) continue;
    if (ref.isWrite()) {
      uses.escapes = true;
      continue;
    }
    record(ref.identifier);
  }
  return uses;
}

/**
 * A function bound by a name that other code reaches through an object: a class method or field, an object literal's
 * property (`module.exports = { f() {…} }`, a handler object), or an assignment `exports.f = function …`.
 */
export function isSharedFunction(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) return parent.value === fn;
  if (parent.type === AST_NODE_TYPES.PropertyDefinition) return parent.value === fn;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression)
    return parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression;
  if (parent.type === AST_NODE_TYPES.Property)
    return parent.value === fn && parent.parent.type === AST_NODE_TYPES.ObjectExpression;
  return false;
}

/** The function a parameter belongs to, and its index, for a simple (non-pattern) parameter. */
export function parameterOf(id: TSESTree.Identifier): { fn: FunctionNode; index: number } | undefined {
  let param: Node = id;
  if (param.parent?.type === AST_NODE_TYPES.AssignmentPattern && param.parent.left === param) param = param.parent;
  if (param.parent?.type === AST_NODE_TYPES.TSParameterProperty) return undefined;
  const fn = param.parent;
  if (!isFunction(fn)) return undefined;
  const index = fn.params.indexOf(param);
  return index >= 0 ? { fn, index } : undefined;
}

/**
 * The index of the parameter of `fn` that an identifier reads, where that parameter is a plain name or a rest
 * parameter's name (no default, no pattern) and is never assigned; -1 otherwise.
 */
export function parameterIndexOf(ctx: FileContext, fn: FunctionNode, node: Node): number {
  const variable = node.type === AST_NODE_TYPES.Identifier ? ctx.variable(node) : null;
  const name = variable?.defs.length === 1 ? variable.defs[0]!.name : undefined;
  const index = name
    ? fn.params.findIndex((p) => p === name || (p.type === AST_NODE_TYPES.RestElement && p.argument === name))
    : -1;
  return index >= 0 && !variable!.references.some((r) => r.isWrite()) ? index : -1;
}

/** The one value written to a variable (its initializer or its only assignment, not a destructured part), if that is all. */
export function singleValue(variable: TSESLint.Scope.Variable | null | undefined): Node | undefined {
  const writes = variable ? variableWrites(variable) : undefined;
  return writes?.length === 1 && !writes[0]!.property ? writes[0]!.value : undefined;
}

/** The object expression behind a value: an object literal directly, or through a `const` initializer. */
export function objectLiteralOf(ctx: FileContext, node: Node): TSESTree.ObjectExpression | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = ctx.variable(inner);
    const value = variable && isConst(variable) ? singleValue(variable) : undefined;
    const written = value && unwrap(value);
    if (written?.type === AST_NODE_TYPES.ObjectExpression) return written;
  }
  return undefined;
}

/**
 * The calls of a promisified method (ast.ts promisifiedMethod): the call made on the spot, `promisify(…)(0)`, or the
 * calls of the `const` it is stored in, `const listen = promisify(…);` then `await listen(0)`.
 */
export function promisifiedCalls(ctx: FileContext, promisify: TSESTree.CallExpression): TSESTree.CallExpression[] {
  const value = outermostWrapper(promisify);
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === value) return [parent];
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== value) return [];
  const variable = parent.id.type === AST_NODE_TYPES.Identifier ? ctx.variable(parent.id) : null;
  if (!variable || !isConst(variable)) return [];
  return variable.references.flatMap(({ identifier }) => {
    const call = identifier.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === identifier ? [call] : [];
  });
}

export function isConst(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs[0];
  return def?.type === DefinitionType.Variable && def.parent.kind === 'const';
}

/**
 * Syntax only: whether an expression reads `.socket` / `.connection` of something, directly or through a variable
 * or class field written from such a read (`const s = session.socket`, `const { socket } = req`). Rules about the
 * HTTP/2 proxies use it to skip every other `x.write` before asking for types.
 */
export function isSocketAccess(ctx: FileContext, node: Node, depth = 0): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(inner);
    if (name !== undefined && SOCKET_ACCESSORS.has(name)) return true;
    const body = depth < 3 ? fieldClass(ctx, inner) : undefined;
    return (
      !!body && name !== undefined && fieldWrites(ctx, body, name).some((w) => isSocketAccess(ctx, w.value, depth + 1))
    );
  }
  if (inner.type !== AST_NODE_TYPES.Identifier || depth >= 3) return false;
  const variable = ctx.variable(inner);
  const writes = variable ? variableWrites(variable) : undefined;
  return !!writes?.some((w) =>
    w.property ? SOCKET_ACCESSORS.has(w.property) : isSocketAccess(ctx, w.value, depth + 1),
  );
}

/**
 * Imports, exports and `module.exports` forms: they pass the name on, and the program-wide search already follows
 * the names they bind. The declaration's own name is no use either.
 */
export function isLink(holder: Node, expr: Node): boolean {
  switch (holder.type) {
    case AST_NODE_TYPES.ImportSpecifier:
    case AST_NODE_TYPES.ImportDefaultSpecifier:
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
    case AST_NODE_TYPES.ExportSpecifier:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.FunctionDeclaration:
      return true;
    case AST_NODE_TYPES.VariableDeclarator:
      // `const f = require('./x').f`, `const { f } = …` (the pattern); not `const g = f`, a second name whose uses
      // are not followed
      return holder.id === expr || (holder.init === expr && isRequireMember(expr));
    case AST_NODE_TYPES.Property:
      // `const { f } = require(…)`, `module.exports = { f }`, `{ f: g }` as a pattern
      return holder.parent.type === AST_NODE_TYPES.ObjectPattern || isModuleExports(holder.parent.parent);
    case AST_NODE_TYPES.AssignmentExpression:
      // `module.exports.f = f`, `exports.f = f`, `module.exports = f`, and the `exports.f` being defined
      return holder.left === expr || isModuleExportsTarget(holder.left);
    default:
      return false;
  }
}

/** `require('./x').f`. */
function isRequireMember(node: Node): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.MemberExpression && requiredModule(unwrap(inner.object)) !== undefined;
}

/** `module.exports = …` (the assignment whose right side holds the node). */
function isModuleExports(node: Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.AssignmentExpression && isModuleExportsTarget(node.left);
}

/** `module.exports`, `module.exports.x`, `exports.x`. */
function isModuleExportsTarget(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrap(inner.object);
  if (object.type === AST_NODE_TYPES.Identifier) {
    return (object.name === 'module' && memberName(inner) === 'exports') || object.name === 'exports';
  }
  return isModuleExportsTarget(object);
}

/**
 * The owner whose socket an expression is: `session` of `session.socket`, and of `s` after `const s = session.socket
 * as TLSSocket` (through `const` bindings). Guards on the owner (`session.encrypted`, `req.httpVersionMajor === 1`)
 * hold for its socket.
 */
export function socketOwnerThrough(ctx: FileContext, node: Node, depth = 0): Node | undefined {
  const direct = socketOwner(node);
  if (direct || depth >= 3) return direct;
  const inner = unwrap(node);
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ctx.variable(inner);
  const value = variable && isConst(variable) ? singleValue(variable) : undefined;
  return value ? socketOwnerThrough(ctx, value, depth + 1) : undefined;
}

/**
 * A stable key for a reference: `name#declaration` for variables, `this` for `this` and its `const self = this`
 * aliases, then `.member` for static member chains.
 */
export function referenceKey(ctx: FileContext, node: Node): string | undefined {
  const inner = unwrap(node);
  if (thisOf(ctx, inner)) return 'this';
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = ctx.variable(inner);
    const def = variable?.defs[0];
    return def ? `${inner.name}#${def.name.range[0]}` : `${inner.name}#global`;
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(inner);
    const object = referenceKey(ctx, inner.object);
    return name !== undefined && object ? `${object}.${name}` : undefined;
  }
  return undefined;
}

/**
 * The value that the last plain assignment before `point` wrote to a reference (a variable or `this.x`), where that
 * assignment is a statement of the same function that runs before the point on every path to it:
 * `if (opts.stream) this.stream = opts.stream; else { this.stream = net.connect(port); this.stream.setNoDelay(true) }`
 * reads the socket `net.connect` made. Undefined where no such statement is found, or where a statement in between
 * writes the reference in a branch or a loop (then every value written to it counts).
 */
export function reachingWrite(ctx: FileContext, reference: Node, point: Node): Node | undefined {
  const key = referenceKey(ctx, reference);
  if (key === undefined) return undefined;
  const writesKey = (node: Node): boolean =>
    node.type === AST_NODE_TYPES.AssignmentExpression && referenceKey(ctx, node.left) === key;
  let child: Node = point;
  for (let parent = point.parent; parent; child = parent, parent = parent.parent) {
    if (isFunction(child)) {
      if (
        parent.type !== AST_NODE_TYPES.CallExpression ||
        !parent.arguments.includes(child as TSESTree.CallExpressionArgument)
      )
        return undefined;
      // `this.socket = net.connect(opts, () => { this.socket.setNoDelay(true) })`: the callback of the call whose
      // value the reference holds
      const assignment = parent.parent;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression)
        return assignment.operator === '=' && assignment.right === parent && writesKey(assignment) ? parent : undefined;
      // `this.socket.on('connect', () => { this.socket.setKeepAlive(true) })`: a listener of the connection of the value
      // the reference holds at the registration, which it reads as the creation call's callback does (a later event,
      // 'data' or 'close', may come after another method replaced the value)
      const callee = unwrap(parent.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression &&
        LISTENER_METHODS.has(memberName(callee) ?? '') &&
        SOCKET_CONNECTED_EVENTS.has(staticString(parent.arguments[0]) ?? '') &&
        referenceKey(ctx, callee.object) === key
        ? reachingWrite(ctx, reference, parent)
        : undefined;
    }
    const list = statementList(parent);
    if (!list) continue;
    for (let i = list.indexOf(child as TSESTree.Statement) - 1; i >= 0; i--) {
      const statement = list[i]!;
      const expression =
        statement.type === AST_NODE_TYPES.ExpressionStatement ? unwrap(statement.expression) : undefined;
      if (
        expression?.type === AST_NODE_TYPES.AssignmentExpression &&
        expression.operator === '=' &&
        writesKey(expression)
      )
        return expression.right;
      if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        const declared = statement.declarations.find(
          (d) => d.id.type === AST_NODE_TYPES.Identifier && referenceKey(ctx, d.id) === key,
        );
        if (declared) return declared.init ?? undefined;
      }
      let written = false;
      walk(ctx, statement, (node) => {
        written ||= writesKey(node);
      });
      if (written) return undefined;
    }
  }
  return undefined;
}

/** `this.name = value`: a plain assignment to a field of `this`. */
export function isThisFieldWrite(node: Node, name: string): node is TSESTree.AssignmentExpression {
  return (
    node.type === AST_NODE_TYPES.AssignmentExpression &&
    node.operator === '=' &&
    node.left.type === AST_NODE_TYPES.MemberExpression &&
    node.left.object.type === AST_NODE_TYPES.ThisExpression &&
    memberName(node.left) === name
  );
}

/**
 * Whether two expressions read the same value: the same variable, never assigned after its declaration; `this` of
 * the same function; the same property of such (`this.server`, `wrapper.server`). With `adjacent` (two reads with
 * no code between them, as in consecutive statements), the same variable however often it is assigned.
 */
export function sameReference(ctx: FileContext, a: Node, b: Node, adjacent = false): boolean {
  const x = unwrap(a);
  const y = unwrap(b);
  if (x.type === AST_NODE_TYPES.Identifier && y.type === AST_NODE_TYPES.Identifier) {
    const variable = ctx.variable(x);
    return (
      variable !== null &&
      variable === ctx.variable(y) &&
      (adjacent || variable.references.every((r) => !r.isWrite() || r.init === true))
    );
  }
  if (x.type === AST_NODE_TYPES.ThisExpression && y.type === AST_NODE_TYPES.ThisExpression)
    return thisScope(x) === thisScope(y);
  if (x.type === AST_NODE_TYPES.MemberExpression && y.type === AST_NODE_TYPES.MemberExpression) {
    const name = x.computed ? undefined : memberName(x);
    return (
      name !== undefined && !y.computed && memberName(y) === name && sameReference(ctx, x.object, y.object, adjacent)
    );
  }
  return false;
}

/** The function whose `this` a `this` reads: the nearest one around that is not an arrow function. */
function thisScope(node: Node): Node | undefined {
  let fn = enclosingFunction(node);
  while (fn?.type === AST_NODE_TYPES.ArrowFunctionExpression) fn = enclosingFunction(fn);
  return fn;
}
