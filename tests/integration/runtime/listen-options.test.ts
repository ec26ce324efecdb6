/**
 * What Node itself does with options that carry both `port` and `path`, on real sockets: TCP on loopback and Unix
 * sockets in a temporary directory. `no-ambiguous-listen-options` and the engine's endpoint rules rest on this.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transport-listen-'));
let counter = 0;
const socketPath = (): string => path.join(dir, `s${counter++}.sock`);

/** Listens with the options and reports what `server.address()` says: an object for TCP, a string for a pipe. */
function listen(options: net.ListenOptions): Promise<net.AddressInfo | string | null> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(options, () => {
      const address = server.address();
      server.close(() => {
        resolve(address);
      });
    });
  });
}

let tcp: net.Server;
let unix: net.Server;
let unixPath: string;

/** Connects with the options and returns what the server on the other end said: 'tcp' or 'unix'. */
function connect(options: net.NetConnectOpts): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(options);
    let data = '';
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString();
    });
    socket.on('end', () => {
      resolve(data);
    });
    socket.on('error', reject);
  });
}

describe('Node 20: port and path together', () => {
  beforeAll(async () => {
    // a client that goes away first resets the server's side: that is expected here, not an error of the test
    tcp = net.createServer((s) => s.on('error', () => {}).end('tcp')).listen(0, '127.0.0.1');
    unixPath = socketPath();
    unix = net.createServer((s) => s.on('error', () => {}).end('unix')).listen(unixPath);
    await Promise.all([new Promise((r) => tcp.on('listening', r)), new Promise((r) => unix.on('listening', r))]);
  });
  afterAll(async () => {
    await Promise.all([new Promise((r) => tcp.close(r)), new Promise((r) => unix.close(r))]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listen({ port, path }) binds TCP and ignores the path', async () => {
    const address = await listen({ port: 0, path: socketPath(), host: '127.0.0.1' });
    expect(typeof address).toBe('object');
    expect((address as net.AddressInfo).port).toBeGreaterThan(0);
  });

  it('listen({ port: undefined, path }) binds TCP on a random port: a present key counts', async () => {
    const address = await listen({ port: undefined, path: socketPath(), host: '127.0.0.1' });
    expect(typeof address).toBe('object');
    expect((address as net.AddressInfo).port).toBeGreaterThan(0);
  });

  it('listen({ path }) alone binds the Unix socket', async () => {
    const where = socketPath();
    expect(await listen({ path: where })).toBe(where);
  });

  it('connect({ port, path }) connects to the path', async () => {
    expect(
      await connect({
        port: (tcp.address() as net.AddressInfo).port,
        host: '127.0.0.1',
        path: unixPath,
      }),
    ).toBe('unix');
  });

  it('connect({ port, path: undefined }) and connect({ port, path: "" }) connect to the port', async () => {
    const port = (tcp.address() as net.AddressInfo).port;
    expect(await connect({ port, host: '127.0.0.1', path: undefined })).toBe('tcp');
    expect(await connect({ port, host: '127.0.0.1', path: '' })).toBe('tcp');
  });

  it('a numeric string is a port, not a path', async () => {
    const port = (tcp.address() as net.AddressInfo).port;
    expect(await connect({ port: String(port) as unknown as number, host: '127.0.0.1' })).toBe('tcp');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(String(0), resolve));
    expect(typeof server.address()).toBe('object');
    await new Promise((r) => server.close(r));
  });

  it('setNoDelay and setKeepAlive do nothing and do not throw on a Unix socket; its addresses are empty', async () => {
    const socket = net.connect(unixPath);
    await new Promise((r) => socket.on('connect', r));
    expect(socket.setNoDelay(true)).toBe(socket);
    expect(socket.setKeepAlive(true)).toBe(socket);
    expect(socket.remoteAddress).toBeUndefined();
    expect(socket.remotePort).toBeUndefined();
    expect(socket.address()).toEqual({});
    socket.destroy();
  });
});
