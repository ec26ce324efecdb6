/**
 * The `notTcp` report (`requireTcp`) of a call of `method` on `subject` at `line`:`column`: the error object the rule
 * tester expects, with its data (the guard it names) and no suggestion.
 */
export function notTcp(subject: string, line: number, column: number, method = 'setNoDelay') {
  return {
    messageId: 'notTcp' as const,
    data: { subject, method, guard: `'${method}' in ${subject}` },
    line,
    column,
    endLine: line,
    endColumn: column + method.length,
    suggestions: null,
  };
}
