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
