/** Runtime configuration, read once from the environment. */

export type ListenTarget =
  | { kind: 'tcp'; host: string | undefined; port: number }
  | { kind: 'unix'; path: string };

export interface Config {
  listen: ListenTarget;
  /** Keep-alive probe delay for idle client connections, in ms. */
  keepAliveMs: number;
  cache: { host: string; port: number };
  allowedTunnelHosts: Set<string>;
}

/**
 * `LISTEN` is a port (`8080`), a host and port (`127.0.0.1:8080`), or the path of a Unix
 * socket (`/run/app/http.sock`, or `unix:/run/app/http.sock`) when we run behind nginx.
 */
export function parseListen(value: string | undefined): ListenTarget {
  if (!value) return { kind: 'tcp', host: undefined, port: 8080 };
  if (value.startsWith('unix:')) return { kind: 'unix', path: value.slice('unix:'.length) };
  if (value.startsWith('/') || value.startsWith('.')) return { kind: 'unix', path: value };

  const colon = value.lastIndexOf(':');
  const host = colon === -1 ? undefined : value.slice(0, colon);
  const port = Number(colon === -1 ? value : value.slice(colon + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`LISTEN must be a port, host:port or a socket path, got ${JSON.stringify(value)}`);
  }
  return { kind: 'tcp', host, port };
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number.parseInt(raw, 10);
  if (Number.isNaN(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    listen: parseListen(env.LISTEN),
    keepAliveMs: intFromEnv(env, 'KEEPALIVE_MS', 60_000),
    cache: { host: env.CACHE_HOST ?? '127.0.0.1', port: intFromEnv(env, 'CACHE_PORT', 6379) },
    allowedTunnelHosts: new Set((env.TUNNEL_HOSTS ?? '').split(',').filter(Boolean)),
  };
}
