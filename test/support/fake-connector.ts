import { createServer, type Server } from 'node:http';

/**
 * A stand-in for Teams' Bot Connector (the one part that cannot run here), on loopback. Each POST of
 * a new activity gets the next scripted answer (e.g. 429 with Retry-After, 500, then 201); every
 * request is recorded, so a test can count the cards that really went out.
 */
export interface FakeConnector {
  readonly url: string;
  /** Successful posts of new activities (cards that a channel would show). */
  readonly posted: { conversationId: string; activity: Record<string, unknown> }[];
  /** Every POST of a new activity, with the status it got and when. */
  readonly attempts: number[];
  readonly attemptTimes: number[];
  script(...answers: ({ status: number; retryAfter?: number } | 'ok')[]): void;
  close(): Promise<void>;
}

export async function startFakeConnector(port = 0): Promise<FakeConnector> {
  let queue: ({ status: number; retryAfter?: number } | 'ok')[] = [];
  const posted: FakeConnector['posted'] = [];
  const attempts: number[] = [];
  const attemptTimes: number[] = [];
  let counter = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const m = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (!m) {
        res.writeHead(404).end();
        return;
      }
      if (req.method === 'PUT') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: m[2] }));
        return;
      }
      const answer = queue.shift() ?? 'ok';
      attemptTimes.push(Date.now());
      if (answer !== 'ok') {
        attempts.push(answer.status);
        res.writeHead(answer.status, answer.retryAfter !== undefined ? { 'retry-after': String(answer.retryAfter) } : {}).end();
        return;
      }
      attempts.push(201);
      const id = `fake-${++counter}`;
      posted.push({ conversationId: decodeURIComponent(m[1]!), activity: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/`,
    posted,
    attempts,
    attemptTimes,
    script: (...answers) => {
      queue = answers;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
