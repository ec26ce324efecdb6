import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

/** The extra `meta.docs` keys every rule declares; configs and the docs are generated from them. */
export interface TransportRuleDocs {
  description: string;
  /** In the `recommended` config. */
  recommended?: boolean;
  /** In the `strict` config (every recommended rule is too, some with stricter options). */
  strict?: boolean;
  requiresTypeChecking: true;
}

/** A rule made by createRule: its `meta.docs` is always there. */
export type TransportRule<MessageIds extends string, Options extends readonly unknown[]> = TSESLint.RuleModule<
  MessageIds,
  Options,
  TransportRuleDocs
> & { meta: { docs: TransportRuleDocs } };

export const REPOSITORY = 'https://github.com/eslint-plugin-transport/eslint-plugin-transport';

const ruleCreator = ESLintUtils.RuleCreator<TransportRuleDocs>(
  (name) => `${REPOSITORY}/blob/main/docs/rules/${name}.md`,
);

/**
 * `ESLintUtils.RuleCreator`, but the options are merged with the defaults once per distinct configuration, not once
 * per file: its `create` deep-clones the defaults (`structuredClone`) for every rule on every file, a large part of
 * what our rules cost on a file without candidates (docs/performance.md). The merged options are frozen (rules never
 * change them) and shared by the files that have the same configuration.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, TransportRuleDocs>>,
): TransportRule<MessageIds, Options> {
  // RuleCreator always sets `meta.docs` (the rule's own, with the URL)
  const created = ruleCreator(rule) as TransportRule<MessageIds, Options>;
  const defaults = (rule.meta.defaultOptions ?? []) as Options;
  const merge = (user: Options): Options =>
    deepFreeze(structuredClone(ESLintUtils.applyDefault<Options, Options>(defaults, user)));
  // For a rule turned on with a severity alone, ESLint passes a new array per file that holds the very objects of
  // `meta.defaultOptions` (its deepMergeArrays of the defaults and no user options), or `[]`; for `[severity,
  // options]`, a new array of new objects per file, whose values are the very values of the defaults and of the
  // configured options: those are compared value by value, where `===` settles almost every comparison (cheaper
  // than a `JSON.stringify` key per rule and file).
  const seen: { user: Options; options: Options }[] = [];
  return {
    ...created,
    create(context) {
      const user = context.options;
      let entry = seen.find((e) => sameValue(e.user, user));
      if (!entry) seen.push((entry = { user, options: merge(user) }));
      return rule.create(context, entry.options);
    },
  };
}

/** Deep equality of option values (JSON data: arrays, plain objects, primitives). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((value, i) => sameValue(value, (b as unknown[])[i]));
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (key) =>
      Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

type JSONSchema = import('@typescript-eslint/utils').JSONSchema.JSONSchema4;

/**
 * The schema of a rule's options object. ESLint's validation messages name the bad value but not the option
 * ("Value "yes" should be boolean."), so each option also gets a check whose failure message names it
 * ("property name 'requireTcp' is invalid").
 */
export function optionsSchema(properties: Record<string, JSONSchema>): JSONSchema[] {
  return [
    {
      type: 'object',
      additionalProperties: false,
      properties,
      // `dependencies` is checked before `properties`, so its message comes first; `patternProperties` keeps the
      // check out of the options list that eslint-doc-generator reads from `properties`
      dependencies: Object.fromEntries(
        Object.entries(properties).map(([name, schema]) => [
          name,
          {
            if: { patternProperties: { [`^${name}$`]: { not: schema } } },
            then: { propertyNames: { not: { const: name } } },
          } as unknown as JSONSchema,
        ]),
      ),
    },
  ];
}
