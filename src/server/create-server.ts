import restify, { type Request, type Response, type Server } from 'restify';
import { errorFields, type Logger } from '../log';
import { KeyedQueue } from './keyed-queue';

/** What the server reads of a turn (the bot adapter's context): its conversation, to queue its turns one at a time. */
export interface QueuedTurn {
  readonly activity: { readonly conversation?: { readonly id?: string } };
}

/** What the HTTP edge needs: something that processes a Bot Framework request, and a readiness probe. */
export interface ServerDeps<C extends QueuedTurn = QueuedTurn> {
  readonly logger: Logger;
  readonly maxRequestBytes: number;
  /** `adapter.process(req, res, logic)` of the Bot Framework adapter. */
  readonly processActivity: (req: Request, res: Response, logic: (context: C) => Promise<void>) => Promise<void>;
  /** The bot's turn logic (`app.run`). */
  readonly runTurn: (context: C) => Promise<unknown>;
  /** True when every dependency the bot needs to take a turn (storage) is reachable. */
  readonly isReady: () => Promise<boolean>;
  /** Short-lived downloads (a statistics CSV) behind `GET /downloads/<token>`; without it the path is 404. */
  readonly downloads?: {
    get(token: string): Promise<{ readonly filename: string; readonly contentType: string; readonly body: string } | undefined>;
    /** The text an unknown or expired link gets, and the one for storage that cannot be reached. */
    readonly goneText: string;
    readonly unavailableText: string;
  };
}

export interface SamverkaServer {
  readonly server: Server;
  /** Turns being processed right now. */
  inFlight(): number;
  /** Turns started since the server did (to tell an idle process from a busy one). */
  started(): number;
  /** Stop accepting connections and wait for in-flight turns, at most `timeoutMs`. Resolves false on timeout. */
  close(timeoutMs: number): Promise<boolean>;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * How long an idle connection stays open. Node's 5 s default is shorter than the idle timeout of the
 * front ends that reuse connections (Azure's load balancers: 4 minutes), and a connection the server
 * closes just as a client reuses it fails that request with a reset; so the client closes first.
 */
const KEEP_ALIVE_MS = 300_000;

/**
 * restify with the bot endpoint and health probes.
 * @remarks Bad requests end here with 4xx and a small JSON body: 415 for a non-JSON content type,
 * 413 above the size limit, 400 for invalid JSON or a body that is not an activity. Only a
 * well-formed activity reaches the adapter.
 */
export function createServer<C extends QueuedTurn>(deps: ServerDeps<C>): SamverkaServer {
  const server = restify.createServer({ name: 'samverka', handleUncaughtExceptions: false });
  server.server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Once closing, every response ends its connection: a kept-alive one must not bring new turns in while the server drains.
  let closing = false;
  server.pre((_req, res, next) => {
    if (closing) res.setHeader('Connection', 'close');
    return next();
  });
  const queue = new KeyedQueue();
  let active = 0;
  let started = 0;
  let drained: (() => void) | undefined;
  const log = deps.logger.child({ component: 'http' });

  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post(
    '/api/messages',
    (req, res, next) => {
      if (!JSON_TYPE.test(req.header('content-type') ?? '')) {
        res.send(415, { error: 'unsupported_media_type', message: 'Content-Type must be application/json' });
        return next(false);
      }
      return next();
    },
    restify.plugins.bodyParser({ maxBodySize: deps.maxRequestBytes, mapParams: false, rejectUnknown: true, requestBodyOnGet: false }),
    async (req: Request, res: Response) => {
      const body: unknown = req.body;
      if (!isActivityShape(body)) {
        res.send(400, { error: 'bad_request', message: 'Body must be a Bot Framework activity (type, channelId, serviceUrl, conversation.id, from.id, recipient.id)' });
        return;
      }
      active++;
      started++;
      try {
        // Queue inside the turn, i.e. after the adapter has authenticated the request: a forged
        // request must not hold up a real conversation's turns.
        await deps.processActivity(req, res, (context) =>
          queue.run(context.activity.conversation?.id ?? body.conversation.id, () => deps.runTurn(context).then(() => undefined)),
        );
      } catch (err) {
        log.error('request failed', errorFields(err));
        if (!res.headersSent) res.send(500, { error: 'internal' });
      } finally {
        active--;
        if (active === 0) drained?.();
      }
    },
  );

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  // No authentication but the token: 256 random bits, valid for minutes, given only in a coordinator's
  // personal chat; the file holds counts only. Never cached, never indexed, no referrer onwards.
  server.get('/downloads/:token', async (req: Request, res: Response) => {
    const raw = (req.params as Record<string, unknown>).token;
    const token = typeof raw === 'string' ? raw : '';
    const found = await deps.downloads?.get(token).catch((err: unknown) => {
      log.error('download failed', errorFields(err));
      return null;
    });
    const common = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' };
    if (!found) {
      log.info('download refused', { reason: found === null ? 'unavailable' : 'unknownOrExpired' });
      res.writeHead(found === null ? 503 : 404, { ...common, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(found === null ? deps.downloads?.unavailableText : (deps.downloads?.goneText ?? 'Not found'));
      return;
    }
    const ascii = found.filename.replace(/[^A-Za-z0-9._-]/g, '_');
    res.writeHead(200, {
      ...common,
      'Content-Type': found.contentType,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(found.filename)}`,
    });
    res.end(found.body);
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const ready = await deps.isReady();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', storage: ready ? 'up' : 'down' });
  });

  // restify's own errors (bad JSON → 400, too large → 413): log the status, never the body.
  server.on('restifyError', (req: Request, res: Response, err: { statusCode?: number; name?: string }, cb: () => void) => {
    log.warn('request rejected', { statusCode: err.statusCode, errName: err.name, path: req.getPath() });
    return cb();
  });

  return {
    server,
    inFlight: () => active,
    started: () => started,
    close: (timeoutMs) =>
      new Promise<boolean>((resolve) => {
        closing = true;
        server.close(); // also closes the idle kept-alive connections (Node 19 and later)
        if (active === 0) return resolve(true);
        const timer = setTimeout(() => resolve(false), timeoutMs);
        drained = () => {
          clearTimeout(timer);
          resolve(true);
        };
      }),
  };
}

/**
 * The minimum every activity needs before the adapter may touch it: without these fields the bot
 * cannot even reply, and botbuilder would fail deep inside with a TypeError.
 */
function isActivityShape(body: unknown): body is { type: string; conversation: { id: string } } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const a = body as Record<string, unknown>;
  const idOf = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined);
  const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;
  return (
    nonEmpty(a.type) &&
    nonEmpty(a.channelId) &&
    nonEmpty(a.serviceUrl) &&
    nonEmpty(idOf(a.conversation)) &&
    nonEmpty(idOf(a.from)) &&
    nonEmpty(idOf(a.recipient))
  );
}
