// The API's network, switchable: a TCP relay in front of the emulator. Down, it stops listening and
// cuts every open connection, so the browser gets "connection refused" as with no network at all;
// up, it listens on the same port again. Works in every engine, unlike a driver's offline switch.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface NetworkSwitch {
  /** The API's URL through the relay: same host, the relay's port. */
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });

export async function startNetworkSwitch(target: string): Promise<NetworkSwitch> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  const keep = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    const upstream = createConnection(Number(targetPort), hostname);
    keep(client);
    keep(upstream);
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  const port = await listen(server, 0);
  let listening = true;
  const down = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    url: `http://${hostname}:${port}`,
    down,
    async up() {
      if (listening) return;
      await listen(server, port);
      listening = true;
    },
    close: down,
  };
}
