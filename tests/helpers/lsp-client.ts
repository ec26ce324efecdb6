/**
 * A small Language Server Protocol client for tests: JSON-RPC 2.0 over a child process's stdio with
 * `Content-Length` framing, as editors speak it. It answers the server's requests through handlers, records every
 * message for failure reports, and puts a timeout with a clear message on everything it waits for.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface ResponseError {
  code: number;
  message: string;
  data?: unknown;
}

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: ResponseError;
}

type RequestHandler = (params: unknown) => unknown;
type NotificationHandler = (params: unknown) => void;

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface Waiter {
  description: string;
  match: (message: Message) => boolean;
  resolve: (message: Message) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface StartOptions {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Default timeout of requests and waits, in milliseconds. */
  timeoutMs?: number;
}

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const METHOD_NOT_FOUND = -32601;
const INTERNAL_ERROR = -32603;

/** Appends a `Content-Length` header to a JSON-RPC message; the length counts bytes, not characters. */
export function frame(message: Message): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** Splits a byte stream into JSON-RPC messages; feed it chunks as they arrive, in any size. */
export class MessageReader {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): Message[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const messages: Message[] = [];
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd === -1) return messages;
      const headers = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = /^content-length:\s*(\d+)\s*$/im.exec(headers)?.[1];
      if (length === undefined)
        throw new Error(`LSP message without a Content-Length header: ${JSON.stringify(headers)}`);
      const start = headerEnd + HEADER_END.length;
      const end = start + Number(length);
      if (this.buffer.length < end) return messages;
      messages.push(JSON.parse(this.buffer.subarray(start, end).toString('utf8')) as Message);
      this.buffer = this.buffer.subarray(end);
    }
  }
}

export class LspClient {
  /** Every message in both directions, for failure reports. */
  readonly transcript: string[] = [];
  /** Every message the server sent, in order. */
  readonly received: Message[] = [];
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly reader = new MessageReader();
  private readonly pending = new Map<number, Pending>();
  private readonly waiters = new Set<Waiter>();
  private readonly requestHandlers = new Map<string, RequestHandler>();
  private readonly notificationHandlers = new Map<string, NotificationHandler>();
  private readonly timeoutMs: number;
  private nextId = 1;
  private stderr = '';
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;

  constructor(options: StartOptions) {
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.process = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: 'pipe',
    });
    this.exited = new Promise((resolve) => {
      const end = (exit: { code: number | null; signal: NodeJS.Signals | null }, reason: string) => {
        if (this.exit) return;
        this.exit = exit;
        const error = new Error(`${reason}${this.tail()}`);
        for (const [id, pending] of this.pending) {
          clearTimeout(pending.timer);
          pending.reject(error);
          this.pending.delete(id);
        }
        for (const waiter of this.waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(error);
        }
        this.waiters.clear();
        resolve();
      };
      this.process.once('exit', (code, signal) => {
        end({ code, signal }, `the language server exited (code ${String(code)}, signal ${String(signal)})`);
      });
      // a server that cannot be started at all emits 'error' and no 'exit'
      this.process.on('error', (error) => {
        this.stderr += `\nprocess error: ${error.message}`;
        if (this.process.pid === undefined)
          end({ code: null, signal: null }, `the language server could not be started: ${error.message}`);
      });
    });
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (text: string) => {
      this.stderr += text;
    });
    this.process.stdout.on('data', (chunk: Buffer) => {
      let messages: Message[];
      try {
        messages = this.reader.push(chunk);
      } catch (error) {
        this.stderr += `\nunreadable output: ${(error as Error).message}`;
        return;
      }
      for (const message of messages) this.dispatch(message);
    });
    // a broken pipe to or from a server that already exited must not crash the test process
    for (const [name, stream] of [
      ['stdin', this.process.stdin],
      ['stdout', this.process.stdout],
      ['stderr', this.process.stderr],
    ] as const) {
      stream.on('error', (error: Error) => {
        this.stderr += `\n${name}: ${error.message}`;
      });
    }
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** Answers the server's requests of this method. A handler may return a promise, or throw to answer an error. */
  onRequest(method: string, handler: RequestHandler): void {
    this.requestHandlers.set(method, handler);
  }

  onNotification(method: string, handler: NotificationHandler): void {
    this.notificationHandlers.set(method, handler);
  }

  request<T>(method: string, params: unknown, timeoutMs = this.timeoutMs): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.exit) {
        reject(new Error(`cannot send ${method}: the language server has exited${this.tail()}`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs} ms${this.tail()}`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first message from the server, already received or still to come, that matches. */
  waitFor(description: string, match: (message: Message) => boolean, timeoutMs = this.timeoutMs): Promise<Message> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<Message>((resolve, reject) => {
      if (this.exit) {
        reject(new Error(`waiting for ${description}: the language server has exited${this.tail()}`));
        return;
      }
      const waiter: Waiter = {
        description,
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`no ${description} within ${timeoutMs} ms${this.tail()}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** `shutdown` and `exit` as an editor sends them, then SIGKILL if the server is still running after `graceMs`. */
  async stop(graceMs = 3_000): Promise<void> {
    if (this.exit || this.process.exitCode !== null || this.process.signalCode !== null) return;
    const kill = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    try {
      await this.request('shutdown', null, graceMs).catch(() => undefined);
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the 'exit' event during the await
      if (!this.exit) this.notify('exit', null);
      await this.exited;
    } finally {
      clearTimeout(kill);
      for (const waiter of this.waiters) clearTimeout(waiter.timer);
      this.waiters.clear();
    }
  }

  /** The server's stderr and the last messages, for error messages. */
  tail(messages = 12): string {
    const lines = this.transcript.slice(-messages).map((line) => (line.length > 600 ? `${line.slice(0, 600)}…` : line));
    const stderr = this.stderr.trim();
    return `\n--- last LSP messages ---\n${lines.join('\n')}${stderr ? `\n--- server stderr ---\n${stderr.slice(-3_000)}` : ''}`;
  }

  private send(message: Message): void {
    this.transcript.push(`→ ${JSON.stringify(message)}`);
    if (this.exit) return;
    this.process.stdin.write(frame(message));
  }

  private dispatch(message: Message): void {
    this.transcript.push(`← ${JSON.stringify(message)}`);
    this.received.push(message);
    const isResponse = message.method === undefined && message.id !== undefined && message.id !== null;
    if (isResponse) {
      const pending = this.pending.get(Number(message.id));
      if (pending) {
        this.pending.delete(Number(message.id));
        clearTimeout(pending.timer);
        if (message.error)
          pending.reject(
            new Error(`${pending.method} failed: ${message.error.code} ${message.error.message}${this.tail()}`),
          );
        else pending.resolve(message.result ?? null);
      }
    } else if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      void this.answer(message.id, message.method, message.params);
    } else if (message.method !== undefined) {
      this.notificationHandlers.get(message.method)?.(message.params);
    }
    for (const waiter of this.waiters) {
      if (waiter.match(message)) {
        this.waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(message);
      }
    }
  }

  private async answer(id: number | string, method: string, params: unknown): Promise<void> {
    const handler = this.requestHandlers.get(method);
    if (!handler) {
      this.send({
        jsonrpc: '2.0',
        id,
        error: { code: METHOD_NOT_FOUND, message: `the test client does not handle ${method}` },
      });
      return;
    }
    try {
      const result = await handler(params);
      this.send({ jsonrpc: '2.0', id, result: result ?? null });
    } catch (error) {
      this.send({ jsonrpc: '2.0', id, error: { code: INTERNAL_ERROR, message: (error as Error).message } });
    }
  }
}
