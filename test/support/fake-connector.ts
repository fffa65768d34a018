import { createServer, type Server } from 'node:http';

/** What the stand-in answers to one POST of a new activity. */
export type ConnectorAnswer = { status: number; retryAfter?: number } | 'ok';

export interface PostedActivity {
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
  at: number;
}

/**
 * A stand-in for Teams' Bot Connector (the one part that cannot run here), on loopback. Each POST of
 * a new activity gets the next scripted answer, else what `respond` says (by default 201); every
 * request is recorded, so a test counts the cards that really went out, and card updates (PUT).
 */
export interface FakeConnector {
  readonly url: string;
  /** Successful posts of new activities (cards that a channel would show). */
  readonly posted: PostedActivity[];
  /** Updates of posted activities (PUT), in order. */
  readonly updated: PostedActivity[];
  /** Every POST of a new activity, with the status it got and when. */
  readonly attempts: number[];
  readonly attemptTimes: number[];
  script(...answers: ConnectorAnswer[]): void;
  /** The answer when the script is used up (by conversation and time). */
  respond(answer: (conversationId: string, now: number) => ConnectorAnswer): void;
  /** Called as a card is accepted, before the answer is sent (e.g. to kill the bot at that moment). */
  onAccepted(hook: ((p: PostedActivity) => void) | undefined): void;
  close(): Promise<void>;
}

export async function startFakeConnector(port = 0): Promise<FakeConnector> {
  let queue: ConnectorAnswer[] = [];
  let respond: (conversationId: string, now: number) => ConnectorAnswer = () => 'ok';
  let accepted: ((p: PostedActivity) => void) | undefined;
  const posted: PostedActivity[] = [];
  const updated: PostedActivity[] = [];
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
      const conversationId = decodeURIComponent(m[1]!);
      if (req.method === 'PUT') {
        updated.push({ conversationId, activityId: decodeURIComponent(m[2]!), activity: JSON.parse(body) as Record<string, unknown>, at: Date.now() });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: m[2] }));
        return;
      }
      const now = Date.now();
      const answer = queue.shift() ?? respond(conversationId, now);
      attemptTimes.push(now);
      if (answer !== 'ok') {
        attempts.push(answer.status);
        res.writeHead(answer.status, answer.retryAfter !== undefined ? { 'retry-after': String(answer.retryAfter) } : {}).end();
        return;
      }
      attempts.push(201);
      const activityId = `fake-${++counter}`;
      const p = { conversationId, activityId, activity: JSON.parse(body) as Record<string, unknown>, at: now };
      posted.push(p);
      accepted?.(p);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: activityId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/`,
    posted,
    updated,
    attempts,
    attemptTimes,
    script: (...answers) => {
      queue = answers;
    },
    respond: (fn) => {
      respond = fn;
    },
    onAccepted: (hook) => {
      accepted = hook;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
