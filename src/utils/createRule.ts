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

export const REPOSITORY = 'https://github.com/eslint-plugin-transport/eslint-plugin-transport';

const ruleCreator = ESLintUtils.RuleCreator<TransportRuleDocs>((name) => `${REPOSITORY}/blob/main/docs/rules/${name}.md`);

/**
 * `ESLintUtils.RuleCreator`, but the options are merged with the defaults once per distinct configuration, not once
 * per file: its `create` deep-clones the defaults (`structuredClone`) for every rule on every file, a large part of
 * what our rules cost on a file without candidates (docs/performance.md). The merged options are frozen (rules never
 * change them) and shared by the files that have the same configuration.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, TransportRuleDocs>>,
): TSESLint.RuleModule<MessageIds, Options, TransportRuleDocs> {
  const created = ruleCreator(rule);
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  const merge = (user: Options): Options => deepFreeze(structuredClone(ESLintUtils.applyDefault<Options, Options>(defaults, user)));
  // For a rule turned on with a severity alone, ESLint passes a new array per file that holds the very objects of
  // `meta.defaultOptions` (its deepMergeArrays of the defaults and no user options), or `[]`; for `[severity,
  // options]`, a new equal array of new objects per file: those are looked up by value.
  let withoutUserOptions: Options | undefined;
  let withDefaults: Options | undefined;
  const byValue = new Map<string, Options>();
  return {
    ...created,
    create(context) {
      const user = context.options;
      let options: Options | undefined;
      if (user.length === 0) options = withoutUserOptions ??= merge(user);
      else if (user.length === defaults.length && user.every((value, i) => value === defaults[i])) options = withDefaults ??= merge(user);
      else {
        const key = JSON.stringify(user);
        options = byValue.get(key);
        if (!options) byValue.set(key, (options = merge(user)));
      }
      return rule.create(context, options);
    },
  };
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
          { if: { patternProperties: { [`^${name}$`]: { not: schema } } }, then: { propertyNames: { not: { const: name } } } } as unknown as JSONSchema,
        ]),
      ),
    },
  ];
}
