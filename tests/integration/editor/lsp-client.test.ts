/**
 * The test client itself: framing, and clear, fast failures when the server cannot start, dies or never answers.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { LspClient, MessageReader, frame, type Message } from '../../helpers/lsp-client.ts';

const cwd = os.tmpdir();

describe('LSP client', () => {
  it('reads messages split anywhere, counting Content-Length in bytes', () => {
    const reader = new MessageReader();
    const sent: Message[] = [
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'é € 😀' } },
      { jsonrpc: '2.0', id: 1, result: null },
    ];
    const bytes = Buffer.concat(sent.map(frame));
    const received: Message[] = [];
    for (let i = 0; i < bytes.length; i += 3) received.push(...reader.push(bytes.subarray(i, i + 3)));
    expect(received).toEqual(sent);
  });

  it('fails a request at once when the server cannot be started', async () => {
    const client = new LspClient({ command: '/nonexistent/language-server', args: [], cwd, timeoutMs: 10_000 });
    await expect(client.request('initialize', {})).rejects.toThrow(/could not be started|has exited/);
    await client.stop();
  });

  it('fails a request with the exit code and stderr when the server exits', async () => {
    const client = new LspClient({
      command: process.execPath,
      args: ['-e', 'console.error("cannot find eslint"); process.exit(3)'],
      cwd,
      timeoutMs: 10_000,
    });
    await expect(client.request('initialize', {})).rejects.toThrow(/exited \(code 3[\s\S]*cannot find eslint/);
  });

  it('times out a request the server never answers, and kills the server', async () => {
    const client = new LspClient({
      command: process.execPath,
      args: ['-e', 'setInterval(() => {}, 1000)'],
      cwd,
      timeoutMs: 300,
    });
    await expect(client.request('initialize', {})).rejects.toThrow(/no answer to initialize within 300 ms/);
    const started = Date.now();
    await client.stop(500);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(client.request('shutdown', null)).rejects.toThrow(/has exited/);
  });
});
