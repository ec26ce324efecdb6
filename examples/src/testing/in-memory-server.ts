import net from 'node:net';
import { duplexPair, type Duplex } from 'node:stream';

export type CommandHandler = (command: string, args: string[]) => string;

/**
 * The admin line protocol (`COMMAND arg…\n` in, one reply line out), served from memory so
 * tests can talk to it without binding a port.
 */
export function createAdminServer(handle: CommandHandler) {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.setEncoding('utf8');

    let buffered = '';
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const [command = '', ...args] = buffered.slice(0, newline).trim().split(/\s+/);
        buffered = buffered.slice(newline + 1);
        socket.write(`${handle(command.toUpperCase(), args)}\n`);
      }
    });
  });

  /** Opens a client connection to the server, without a socket. */
  function connect(): Duplex {
    const [client, serverSide] = duplexPair();
    server.emit('connection', serverSide);
    return client;
  }

  /** Sends one command and resolves with the reply line. */
  async function send(line: string): Promise<string> {
    const client = connect();
    client.setEncoding('utf8');
    client.write(`${line}\n`);
    let reply = '';
    for await (const chunk of client) {
      reply += chunk;
      if (reply.includes('\n')) break;
    }
    client.destroy();
    return reply.trimEnd();
  }

  return { server, connect, send };
}
