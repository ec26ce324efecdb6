import http from 'node:http';

export interface ClientOptions {
  baseUrl: string;
  /** Lets callers share connections, or route requests through a proxy or an in-process transport. */
  agent?: http.Agent;
  timeoutMs?: number;
}

export interface JsonResponse<T> {
  status: number;
  body: T;
}

export function createClient({ baseUrl, agent, timeoutMs = 5_000 }: ClientOptions) {
  function send<T>(method: string, path: string, payload?: unknown): Promise<JsonResponse<T>> {
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    return new Promise((resolve, reject) => {
      const req = http.request(new URL(path, baseUrl), {
        method,
        agent,
        timeout: timeoutMs,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
        },
      });
      req.on('socket', (socket) => {
        // requests are small; do not wait for Nagle to batch them
        socket.setNoDelay(true);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
          } catch (err) {
            reject(err);
          }
        });
      });
      req.end(body);
    });
  }

  return {
    get: <T>(path: string) => send<T>('GET', path),
    post: <T>(path: string, payload: unknown) => send<T>('POST', path, payload),
  };
}
