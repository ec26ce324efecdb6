/**
 * The one table of runtime facts the engine and the rules share: which members, events and functions of Node's
 * (and Deno's and Bun's) sockets, servers and emitters mean what. Every member list is spelled here once; the
 * engine and the rules read it (through src/engine/index.ts for the rules). The facts are checked against Node's
 * sources (`lib/net.js`, `lib/_tls_wrap.js`, `lib/internal/http2/core.js` and `compat.js`) and the runtimes' types.
 */

/** EventEmitter methods that register a listener: `emitter.on('event', fn)` and its siblings. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
]);

/** EventEmitter methods that take a listener back: passing a function to them does not call it. */
export const UNREGISTER_METHODS: ReadonlySet<string> = new Set(['off', 'removeListener']);

/** The properties through which requests, responses and HTTP/2 objects hand out their socket. */
export const SOCKET_ACCESSORS: ReadonlySet<string> = new Set(['socket', 'connection']);

/** Socket options: testing one with `in` proves the others (a value with one of them is a net.Socket). */
export const SOCKET_OPTIONS: ReadonlySet<string> = new Set(['setNoDelay', 'setKeepAlive', 'setTypeOfService']);

/** The peer's address on a connected TCP socket: `undefined` on a Unix domain socket or named pipe. */
export const REMOTE_ADDRESS_MEMBERS: ReadonlySet<string> = new Set(['remoteAddress', 'remotePort', 'remoteFamily']);

/** A socket's own address: `undefined` on a Unix domain socket or named pipe, as the peer's is. */
const LOCAL_ADDRESS_MEMBERS = ['localAddress', 'localPort', 'localFamily'];

/** A socket's address properties, the peer's and its own. */
export const ADDRESS_MEMBERS: ReadonlySet<string> = new Set([...REMOTE_ADDRESS_MEMBERS, ...LOCAL_ADDRESS_MEMBERS]);

/** Members that every net.Socket has and a plain Duplex does not: testing one proves the value is a socket. */
export const SOCKET_ONLY_MEMBERS: ReadonlySet<string> = new Set([
  ...SOCKET_OPTIONS,
  'getTypeOfService',
  'setTimeout',
  'ref',
  'unref',
  'address',
  'connect',
  'destroySoon',
  'resetAndDestroy',
  ...REMOTE_ADDRESS_MEMBERS,
  'localAddress',
  'localPort',
  'bytesRead',
  'bytesWritten',
]);

/** `net.isIP` and its siblings: a check of a remote address with one of them proves a TCP socket. */
export const IP_CHECKS: ReadonlySet<string> = new Set(['isIP', 'isIPv4', 'isIPv6']);

/** Stream and socket methods that return `this`, so a chain keeps the same object. */
const TUNING_RETURNING_THIS = [
  'setNoDelay',
  'setKeepAlive',
  'setTimeout',
  'setEncoding',
  'pause',
  'resume',
  'ref',
  'unref',
];

/** Socket methods that return `this`: a chain on a socket keeps the same socket. */
export const SOCKET_CHAIN_METHODS: ReadonlySet<string> = new Set([
  ...TUNING_RETURNING_THIS,
  'setTypeOfService',
  ...LISTENER_METHODS,
  ...UNREGISTER_METHODS,
]);

/** Server and socket methods that return `this`, so a chain keeps the same object. */
export const SERVER_CHAIN_METHODS: ReadonlySet<string> = new Set([
  ...LISTENER_METHODS,
  ...UNREGISTER_METHODS,
  'removeAllListeners',
  'setMaxListeners',
  ...TUNING_RETURNING_THIS,
]);

/** The functions that open a client socket, by qualified name. */
export const CONNECT_FUNCTIONS: ReadonlySet<string> = new Set([
  'net.connect',
  'net.createConnection',
  'tls.connect',
  'net.Socket.connect',
]);

/** The creations of servers whose sockets are TLS sockets, by qualified name. */
export const SECURE_SERVERS: ReadonlySet<string> = new Set([
  'https.createServer',
  'tls.createServer',
  'http2.createSecureServer',
  'https.Server',
  'tls.Server',
]);

/** The creations of servers whose sockets are plain (TCP or pipe) sockets, by qualified name. */
export const PLAIN_SERVERS: ReadonlySet<string> = new Set([
  'net.createServer',
  'http.createServer',
  'http2.createServer',
  'net.Server',
  'http.Server',
]);

/** The agents an HTTP client request uses when it is given none, by qualified name. */
export const DEFAULT_AGENTS: ReadonlySet<string> = new Set(['http.Agent', 'https.Agent']);

/** Node's modules whose sockets, servers and streams the rules judge, with and without `node:`. */
export const TRANSPORT_MODULES: ReadonlySet<string> = new Set(
  ['net', 'tls', 'http', 'https', 'http2', 'stream'].flatMap((m) => [m, `node:${m}`]),
);

/** Events a server emits only while it is listening: its `'listening'` and its connections and requests. */
export const WHILE_LISTENING_EVENTS: ReadonlySet<string> = new Set([
  'listening',
  'connection',
  'secureConnection',
  'request',
  'upgrade',
  'checkContinue',
  'checkExpectation',
  'connect',
  'session',
  'stream',
]);

/** A socket's events after which its addresses are gone. (At 'end' it is not destroyed yet: they are still there.) */
export const SOCKET_CLOSE_EVENTS: ReadonlySet<string> = new Set(['close']);

/** A client socket's events once it is connected: its addresses are set. */
export const SOCKET_CONNECTED_EVENTS: ReadonlySet<string> = new Set(['connect', 'secureConnect', 'ready']);

/** Methods only TLSSocket.prototype has (Node's `lib/_tls_wrap.js`), not net.Socket's: a TypeError on a plain socket. */
export const TLS_METHODS: ReadonlySet<string> = new Set([
  'getPeerCertificate',
  'getCertificate',
  'getPeerX509Certificate',
  'getX509Certificate',
  'getCipher',
  'getProtocol',
  'getSession',
  'setSession',
  'getTLSTicket',
  'isSessionReused',
  'getFinished',
  'getPeerFinished',
  'getSharedSigalgs',
  'getEphemeralKeyInfo',
  'renegotiate',
  'disableRenegotiation',
  'exportKeyingMaterial',
  'setMaxSendFragment',
  'setServername',
  'setKeyCert',
  'enableTrace',
]);

/** Properties only a TLSSocket has: `undefined` on a plain socket. `encrypted` is left out: reading it is the check. */
export const TLS_PROPERTIES: ReadonlySet<string> = new Set([
  'authorized',
  'authorizationError',
  'alpnProtocol',
  'servername',
]);

/**
 * TLS properties whose `undefined` on a plain socket is the right answer when the value is only tested: not
 * authorized, no ALPN protocol, no server name. (`authorizationError` is not one: `undefined` reads as "no error".)
 */
export const TLS_DISCRIMINATORS: ReadonlySet<string> = new Set(['authorized', 'alpnProtocol', 'servername']);

/** The classes that declare the socket options on a socket (a class that declares them itself is another API). */
export const SOCKET_OPTION_OWNERS: ReadonlySet<string> = new Set([
  'net.Socket',
  'tls.TLSSocket',
  'Deno.TcpConn',
  'bun.Socket',
]);

/** The classes that declare Node's TLS members on a socket. */
export const TLS_MEMBER_OWNERS: ReadonlySet<string> = new Set(['tls.TLSSocket', 'net.Socket']);

/**
 * Members the HTTP/2 session proxy (`Http2Session#socket`) throws ERR_HTTP2_NO_SOCKET_MANIPULATION on, for any read:
 * its `get` trap (`proxySocketHandler` in Node's `lib/internal/http2/core.js`). no-http2-socket-manipulation's
 * `destroyThrows` option adds `destroy`.
 */
export const H2_SESSION_PROXY_THROWS: ReadonlySet<string> = new Set([
  'setNoDelay',
  'setKeepAlive',
  'setEncoding',
  'emit',
  'end',
  'pause',
  'read',
  'resume',
  'write',
]);

/**
 * Members of the HTTP/2 session proxy's throw list that `Http2Session` itself lacks: `'m' in proxy` asks the
 * session (the proxy has no `has` trap), so it is false for these and never throws.
 */
export const ABSENT_ON_SESSION: ReadonlySet<string> = new Set([
  'setNoDelay',
  'setKeepAlive',
  'setTypeOfService',
  'setEncoding',
  'end',
  'pause',
  'read',
  'resume',
  'write',
]);

/**
 * Members the compatibility proxy of Http2ServerRequest/Response (`req.socket`) throws on; it forwards the rest to the
 * session's socket (`proxySocketHandler` in Node's `lib/internal/http2/compat.js`).
 */
export const H2_COMPAT_PROXY_THROWS: ReadonlySet<string> = new Set(['write', 'read', 'pause', 'resume']);

/** Members the compatibility proxy forwards to the session's one shared socket. */
export const H2_COMPAT_PROXY_SHARED: ReadonlySet<string> = new Set(['setTimeout', 'setNoDelay', 'setKeepAlive']);

/** Deno properties that hold a local address: `listener.addr`, `server.addr`, `conn.localAddr`. */
export const DENO_LOCAL_ADDRESS: ReadonlySet<string> = new Set(['addr', 'localAddr']);

/** Deno's peer address: `conn.remoteAddr`. */
export const DENO_REMOTE_ADDRESS: ReadonlySet<string> = new Set(['remoteAddr']);

/** A Bun server's address properties: `undefined` when it listens on a Unix domain socket. */
export const BUN_SERVER_ADDRESS: readonly string[] = ['port', 'hostname'];

/** A Bun server's method for a request's peer address: `null` when it listens on a Unix domain socket. */
export const BUN_REQUEST_IP = 'requestIP';
