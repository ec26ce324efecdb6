import { ESLintUtils } from '@typescript-eslint/utils';

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

export const createRule = ESLintUtils.RuleCreator<TransportRuleDocs>((name) => `${REPOSITORY}/blob/main/docs/rules/${name}.md`);

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
