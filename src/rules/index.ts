import noHttp2SocketManipulation from './no-http2-socket-manipulation.ts';
import noUnguardedSocketOptions from './no-unguarded-socket-options.ts';

/** Every rule, by name, sorted. */
export const rules = {
  'no-http2-socket-manipulation': noHttp2SocketManipulation,
  'no-unguarded-socket-options': noUnguardedSocketOptions,
};
