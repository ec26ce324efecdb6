import noUnguardedSocketOptions from './no-unguarded-socket-options.ts';

/** Every rule, by name, sorted. */
export const rules = {
  'no-unguarded-socket-options': noUnguardedSocketOptions,
};
