// A minimal event sink on its own origin: answers every POST (after `delayMs`) and records the body.
import { createServer } from 'node:http';

export async function startSink() {
  const received = [];
  let delayMs = 0;
  const server = createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        received.push(JSON.parse(body));
      } catch {
        received.push(null);
      }
      const answer = () => res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"status":"success"}');
      delayMs ? setTimeout(answer, delayMs) : answer();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    received,
    setDelay: (ms) => (delayMs = ms),
    reset: () => (received.length = 0),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
