// A local HTTP server whose every answer a test writes, counting the sockets it holds and the requests in flight;
// and the cart event the server tests send (FP, CART) with the exact wire body it makes (CART_BODY).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LocalServer {
  url: string;
  /** The JSON bodies received, in order. */
  bodies: unknown[];
  /** Sockets open now. */
  openSockets: () => number;
  /**
   * Sockets open now that carried a request. (After a body read is cancelled, Node's fetch opens a spare
   * connection that carries nothing and closes it itself about 3 s later.)
   */
  openRequestSockets: () => number;
  /** The most requests it had at once (received, not yet answered or closed). */
  peakInFlight: () => number;
  close: () => Promise<void>;
}

/** Starts a server on a free port; `answer` writes each response (it may never end it). */
export async function startLocalServer(answer: (response: ServerResponse, count: number) => void): Promise<LocalServer> {
  const bodies: unknown[] = [];
  const sockets = new Set<Socket>();
  const requestSockets = new Set<Socket>();
  let inFlight = 0;
  let peak = 0;
  const server = createServer((request: IncomingMessage, response) => {
    if (!request.socket.destroyed) requestSockets.add(request.socket);
    inFlight++;
    peak = Math.max(peak, inFlight);
    response.on('close', () => inFlight--);
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => {
      bodies.push(JSON.parse(text));
      answer(response, bodies.length);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      requestSockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    openSockets: () => sockets.size,
    openRequestSockets: () => requestSockets.size,
    peakInFlight: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers 200 (or `status`) at once, then one body byte every 200 ms, forever: a stalled answer. */
export function trickle(response: ServerResponse, status = 200) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.write('{');
  const timer = setInterval(() => response.write(' '), 200);
  response.on('close', () => clearInterval(timer));
}

/** Answers the API's success after `ms`. */
export function answerAfter(ms: number) {
  return (response: ServerResponse) => {
    const timer = setTimeout(
      () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","event_type":"CART_EVENT_RECORDED"}'),
      ms,
    );
    response.on('close', () => clearTimeout(timer));
  };
}

/** The visitor's fingerprints the server tests pass. */
export const FP = { user: '550e8400-e29b-41d4-a716-446655440000', faq: '660e8400-e29b-41d4-a716-446655441111' };
/** The cart event the server tests send. */
export const CART = { type: 'ITEM_ADDED', productId: 'SKU-1', productName: 'Shoe', value: 79.99, currency: 'USD', quantity: 1 } as const;
/** The exact wire body of CART with FP, for a client of company `acme`. */
export const CART_BODY = {
  company_key: 'acme',
  user_fingerprint: FP.user,
  user_faq_fingerprint: FP.faq,
  type: 'ITEM_ADDED',
  product_id: 'SKU-1',
  product_name: 'Shoe',
  value: 79.99,
  currency: 'USD',
  quantity: 1,
  source: 'CUSTOM',
};
