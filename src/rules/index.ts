import noAmbiguousListenOptions from './no-ambiguous-listen-options.ts';
import noHttp2SocketManipulation from './no-http2-socket-manipulation.ts';
import noUncheckedBoundAddress from './no-unchecked-bound-address.ts';
import noUncheckedPeerAddress from './no-unchecked-peer-address.ts';
import noUnguardedSocketOptions from './no-unguarded-socket-options.ts';
import noUnguardedTlsApi from './no-unguarded-tls-api.ts';

/** Every rule, by name, sorted. */
export const rules = {
  'no-ambiguous-listen-options': noAmbiguousListenOptions,
  'no-http2-socket-manipulation': noHttp2SocketManipulation,
  'no-unchecked-bound-address': noUncheckedBoundAddress,
  'no-unchecked-peer-address': noUncheckedPeerAddress,
  'no-unguarded-socket-options': noUnguardedSocketOptions,
  'no-unguarded-tls-api': noUnguardedTlsApi,
};
