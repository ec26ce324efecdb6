import net from 'node:net';

/** A small pool of TCP connections to the cache server. */
export class CachePool {
  private readonly idle: net.Socket[] = [];
  private open = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly maxConnections = 8,
  ) {}

  acquire(): Promise<net.Socket> {
    const reused = this.idle.pop();
    if (reused) return Promise.resolve(reused);
    if (this.open >= this.maxConnections) return Promise.reject(new Error('cache pool exhausted'));

    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 15_000);
      this.open++;
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
      socket.once('close', () => {
        this.open--;
        const index = this.idle.indexOf(socket);
        if (index !== -1) this.idle.splice(index, 1);
      });
    });
  }

  release(socket: net.Socket): void {
    if (socket.destroyed || this.idle.length >= this.maxConnections) socket.destroy();
    else this.idle.push(socket);
  }

  close(): void {
    for (const socket of this.idle.splice(0)) socket.end();
  }
}

/** Sends newline-delimited JSON jobs to the local job runner over its control socket. */
export function connectJobRunner(onReply: (reply: unknown) => void): (job: object) => void {
  const socket = net.connect('/run/app.sock');
  socket.setKeepAlive(true, 10_000);
  socket.setEncoding('utf8');

  let buffered = '';
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) !== -1) {
      onReply(JSON.parse(buffered.slice(0, newline)));
      buffered = buffered.slice(newline + 1);
    }
  });
  socket.on('error', (err) => console.error('job runner connection failed:', err.message));

  return (job) => socket.write(`${JSON.stringify(job)}\n`);
}
