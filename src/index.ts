/**
 * Composition root: the only place that reads configuration, builds the object graph and starts
 * the server. Everything else receives its dependencies as parameters.
 */
import path from 'node:path';
import { loadConfig, type AppConfig } from './config';
import { AppError } from './errors';
import { systemClock, type Clock } from './clock';
import { createI18n, readLocaleResources } from './i18n/create-i18n';
import { hasLocaleKey, INCIDENT_NOTE_FORM_PATH, labelsFromResources, loadFormDefinition } from './intake';
import { placeholderValues } from './i18n/placeholder-values';
import { loadKnowledgeBase, loadLocalValues } from './knowledge/file-knowledge-base';
import { KnowledgeBaseHolder } from './knowledge/knowledge-base-holder';
import { KnowledgeRefresher } from './jobs/knowledge-refresh';
import { BlobKnowledgeVersionStore } from './storage/blob-knowledge-version-store';
import { createLogger, errorFields, type Logger } from './log';
import { LOCALES_DIR, PROJECT_ROOT } from './paths';
import { createAdapter } from './server/adapter';
import { createServer, type SamverkaServer } from './server/create-server';
import { BlobBotStorage } from './storage/blob-bot-storage';
import { BlobCaseStore } from './storage/blob-case-store';
import { QueueOutboxStore } from './storage/queue-outbox-store';
import { TableCaseIndex } from './storage/table-case-index';
import { OutboxWorker } from './forwarding/outbox-worker';
import { startPeriodicJobs } from './jobs/periodic-jobs';
import { memoryJob } from './jobs/memory-job';
import { BlobTargetLinkStore } from './storage/blob-target-link-store';
import { BlobPersonAddressStore } from './storage/blob-person-address-store';
import { BlobJobLock } from './storage/blob-job-lock';
import { BlobAuditLog } from './storage/blob-audit-log';
import { BlobStatisticsStore } from './storage/blob-statistics-store';
import { BlobStatisticsSource } from './storage/blob-statistics-source';
import { BlobUnansweredCounter } from './storage/blob-unanswered-counter';
import { BlobDownloadStore } from './storage/blob-download-store';
import { askerMunicipality, isoWeekOf } from './statistics';
import { caseCard } from './cards/case-card';
import type { Deliverer } from './forwarding/deliverer';
import { ForwardingService } from './forwarding/forwarding-service';
import { loadRoutingDirectory, regionalView } from './forwarding/routing-directory';
import { withoutExpiredDraft } from './intake/draft-sweep';
import { NoteCipher } from './storage/note-cipher';
import { noteKeyRing } from './storage/note-key-ring';
import { KeySentinel } from './storage/key-sentinel';
import { BlobNoticeLog } from './storage/blob-notice-log';
import { resolveStorage } from './storage/resolve-storage';
import { AdminNotices } from './forwarding/admin-notices';
import { BlobFeedbackStore } from './storage/blob-feedback-store';
import { cachedProbe, caseIndexTables, createBlobContainers, createQueueService, isContainerReachable } from './storage/blob-container';
import { JsonBlobStore } from './storage/json-blob-store';
import { entraGroupLookup } from './access/entra-groups';
import { usesGroups } from './access/role-resolver';
import { accessResolver } from './access/access-resolver';
import { botRoutes } from './conversation/bot-routes';
import { createTeamsApp } from './teams/teams-app';
import { createCompletionModel, modelAnswerPhraser, teamsDeliverer, type CompletionModel } from './teams/teams-connector';
import { LANGUAGES } from './i18n/languages';
import { ReviewReminders } from './jobs/review-reminders';
import { BlobReviewStore } from './storage/blob-review-store';
import { reviewReminderCard } from './cards/review-reminder-card';

/** Longest message text a user may send, in characters (Teams itself allows about 28 KB). */
const MAX_TEXT_LENGTH = 4_000;

/** Administrators hear about a fault that fails turns at most this often (however many turns fail). */
const TURN_FAULT_NOTICE_MS = 3_600_000;

export interface RunningBot {
  readonly port: number;
  stop(): Promise<void>;
}

/** Seams for tests: parts that cannot run here (a language model) replaced at their narrowest interface. */
export interface StartOverrides {
  readonly completionModel?: CompletionModel;
  readonly clock?: Clock;
  /** Teams' connector cannot run here: fault tests put their own at the Deliverer interface. */
  readonly deliverer?: Deliverer;
}

/** The shipped example directory (the Agents Playground's demo team). */
const DEMO_DIRECTORY_PATH = path.join(PROJECT_ROOT, 'src', 'forwarding', 'directories', 'playground-demo.yaml');

export async function startBot(config: AppConfig, logger: Logger, overrides: StartOverrides = {}): Promise<RunningBot> {
  const i18n = createI18n(LOCALES_DIR, config.defaultLocale);
  // Content first: a broken shipped knowledge base stops start-up before anything else is started.
  // It is served until a published version (kb:publish) is loaded below, and whenever none is.
  const knowledge = new KnowledgeBaseHolder(loadKnowledgeBase(LOCALES_DIR));
  logger.info('knowledge base loaded', { source: 'shipped', articles: knowledge.current().articles.length });
  const resources = readLocaleResources(LOCALES_DIR);
  const form = loadFormDefinition(INCIDENT_NOTE_FORM_PATH, hasLocaleKey(resources));
  const directory = loadRoutingDirectory(config.forwarding.directoryFile || DEMO_DIRECTORY_PATH);
  const placeholders = placeholderValues(i18n, config.knowledge.localValuesFile ? loadLocalValues(config.knowledge.localValuesFile) : {});
  const { connectionString, embedded } = await resolveStorage(config, logger, { restartOnExit: true });
  const containers = createBlobContainers(connectionString, config.storage.container);
  const store = new JsonBlobStore(containers.data);
  const cipher = new NoteCipher(noteKeyRing(config, logger));
  // The key ring must open what is stored, or every turn on sealed data would fail: refuse to start.
  const keys = new KeySentinel(store, cipher);
  const storageUp = cachedProbe(() => isContainerReachable(containers.probe));
  let keysChecked = false;
  if (await storageUp()) {
    const outcome = await keys.check().catch(async (err: unknown) => {
      await embedded?.stop();
      throw err;
    });
    keysChecked = true;
    logger.info('note keys checked', { outcome, keyId: cipher.currentKeyId, keys: cipher.keyIds.length });
  } else {
    logger.warn('storage not reachable at start; /readyz reports 503 until it is and the note keys are checked');
  }
  const isReady = async () => (await storageUp()) && (keysChecked || (await keys.isVerified(logger)));
  const knowledgeRefresh = new KnowledgeRefresher({
    holder: knowledge,
    versions: new BlobKnowledgeVersionStore(store),
    loadShipped: () => loadKnowledgeBase(LOCALES_DIR),
    logger: logger.child({ component: 'knowledge' }),
  });
  // The published version, if any, before the first turn; if storage is down, the check runs again with the periodic jobs.
  if (keysChecked) await knowledgeRefresh.refresh().catch((err: unknown) => logger.warn('published knowledge base not checked at start', errorFields(err)));

  const model = config.knowledge.answerMode === 'generative' ? (overrides.completionModel ?? (config.knowledge.model && createCompletionModel(config.knowledge.model))) : undefined;
  const botStorage = new BlobBotStorage(store, cipher);
  const cases = new BlobCaseStore(store, cipher);
  const clock = overrides.clock ?? systemClock;
  const adapter = createAdapter(config, i18n, logger, {
    // `notices` is built below (it needs the deliverer, which needs this adapter); a turn error comes only later.
    alertAdmins: async (code, reason) => {
      const t = i18n.t(config.defaultLocale);
      await notices.tellAtMostEvery(`turn-fault-${code.toLowerCase().replace(/_/g, '-')}`, TURN_FAULT_NOTICE_MS, () => t('forwarding:admin.turnFault', { code, reason }));
    },
  });
  const deliverer = overrides.deliverer ?? teamsDeliverer(adapter, config.bot.appId);
  const links = new BlobTargetLinkStore(store);
  const people = new BlobPersonAddressStore(store);
  const notices = new AdminNotices({ admins: directory.admins, people, deliverer, log: new BlobNoticeLog(store), clock });
  const auditLog = new BlobAuditLog(store);
  const reviews = new ReviewReminders({
    knowledgeBase: knowledge,
    store: new BlobReviewStore(store),
    lock: new BlobJobLock(store),
    people,
    deliverer,
    audit: auditLog,
    card: (reminder) => {
      const t = i18n.t(config.defaultLocale);
      return reviewReminderCard(reminder, {
        title: t('knowledge:review.title'),
        intro: (n) => t('knowledge:review.intro', { n }),
        lastReviewed: (date, dueOn) => t('knowledge:review.lastReviewed', { date, dueOn }),
        reviewed: t('knowledge:review.button'),
        howToChange: t('knowledge:review.howToChange'),
        more: (n) => t('knowledge:review.more', { n }),
      });
    },
    owners: directory.routineOwners ?? {},
    admins: directory.admins,
    language: config.defaultLocale,
    policy: { months: config.knowledge.reviewMonths, timeZone: config.timeZone },
    clock,
    logger: logger.child({ component: 'review-reminders' }),
  });
  const caseIndex = new TableCaseIndex(caseIndexTables(connectionString, config.storage.container), (rowKey) =>
    logger.error('case index row damaged; skipped', { rowKey }),
  );
  const outbox = new QueueOutboxStore(createQueueService(connectionString), config.storage.container, store, config.forwarding.holdMs / 1000);
  const forwarding = new ForwardingService({
    directory,
    timeZone: config.timeZone,
    cases,
    outbox,
    links,
    deliverer,
    caseCard: (c, o) =>
      caseCard(c, i18n.t(config.defaultLocale), {
        form,
        timeZone: config.timeZone,
        canAct: true,
        mayRepeat: o?.mayRepeat ?? false,
        ...regionalView(directory, c.routing?.municipality, o?.targetId),
      }),
    clock,
    logger: logger.child({ component: 'forwarding' }),
    notifyAdmins: async (problem, item, c) => {
      const t = i18n.t(config.defaultLocale);
      const label = directory.targets[item.targetId]?.label ?? item.targetId;
      await notices.tell(t(`forwarding:admin.${problem}`, { code: c?.code ?? '?', target: item.targetId, label, id: item.id, attempts: item.attempts, reason: item.lastError ?? '' }));
    },
    escalation: config.forwarding.escalation,
    index: caseIndex,
    lock: new BlobJobLock(store),
    policy: { baseDelayMs: config.forwarding.retryBaseMs, maxAttempts: config.forwarding.maxAttempts, concurrency: config.forwarding.concurrency },
    holdMs: config.forwarding.holdMs,
  });
  const dispatcher = new OutboxWorker(outbox, (held) => forwarding.deliver(held), { concurrency: forwarding.policy.concurrency, pollMs: config.forwarding.outboxPollMs, holdMs: config.forwarding.holdMs }, logger.child({ component: 'outbox' }));
  dispatcher.start();
  const statistics = new BlobStatisticsStore(store);
  const unansweredCounts = new BlobUnansweredCounter(store);
  const downloads = new BlobDownloadStore(store);
  // Known once the server listens (PORT=0 picks one): a local run's links point at it.
  const listening: { at?: string } = {};
  // Entra groups decide staff and partners only where the directory names them; Graph is then read with the bot's own app secret.
  const groupTenant = directory.homeTenantId ?? config.bot.tenantId;
  const canReadGroups = usesGroups(directory) && !!config.bot.appId && !!config.bot.appPassword && !!groupTenant;
  if (usesGroups(directory) && !canReadGroups) logger.warn('the directory names groups but Graph cannot be read (needs MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and a tenant): everyone outside the directory is a partner');
  const groupsOf = canReadGroups ? entraGroupLookup({ tenantId: groupTenant, clientId: config.bot.appId, clientSecret: config.bot.appPassword }) : undefined;
  const access = accessResolver(directory, clock, logger.child({ component: 'access' }), groupsOf);
  /** A note or a handed-off question becomes a case, queued for its coordinators; the outbox runs at once. */
  const submitCase = async (draft: Parameters<ForwardingService['submit']>[0]) => {
    const stored = await forwarding.submit(draft);
    dispatcher.kick();
    return stored;
  };
  const routes = botRoutes(
    { i18n, logger, defaultLocale: config.defaultLocale, people, audit: auditLog },
    MAX_TEXT_LENGTH,
    {
      cases,
      forwarding: {
        directory,
        service: forwarding,
        links,
        deliverer,
        form,
        timeZone: config.timeZone,
        clock,
        kick: () => dispatcher.kick(),
        index: caseIndex,
        escalation: config.forwarding.escalation,
        cases,
      },
      intake: {
        form,
        submitCase,
        labelsOf: labelsFromResources(resources),
        timeZone: config.timeZone,
        draftTtlMs: config.intake.draftTtlMs,
        clock,
        placeholders,
        municipalities: directory.municipalities,
        defaultMunicipality: directory.defaultMunicipality,
      },
      knowledge: {
        knowledgeBase: knowledge,
        placeholders,
        feedback: new BlobFeedbackStore(store),
        submitCase,
        clock,
        municipalities: directory.municipalities,
        defaultMunicipality: directory.defaultMunicipality,
        minConfidence: config.knowledge.minConfidence,
        isReviewOverdue: (articleId) => reviews.isOverdue(articleId),
        countUnanswered: (asker) => unansweredCounts.record(isoWeekOf(clock.now(), config.timeZone), askerMunicipality(asker, directory)),
        ...(model ? { phraserFor: modelAnswerPhraser(model) } : {}),
      },
      statistics: {
        directory,
        source: new BlobStatisticsSource({ index: caseIndex, cases, retention: statistics, unansweredCounts, defaultMunicipality: directory.defaultMunicipality }),
        downloads,
        clock,
        timeZone: config.timeZone,
        publicBaseUrl: () => config.server.publicBaseUrl || (config.env === 'local' ? listening.at : undefined),
        linkMinutes: config.statistics.linkMinutes,
      },
      review: reviews,
    },
  );
  const app = createTeamsApp({ adapter, botAppId: config.bot.appId, storage: botStorage }, { logger, defaultLocale: config.defaultLocale, commandWords: i18n.commandWords, access }, routes);

  const http: SamverkaServer = createServer({
    logger,
    maxRequestBytes: config.server.maxRequestBytes,
    processActivity: (req, res, logic) => adapter.process(req, res, logic),
    runTurn: (context: Parameters<typeof app.run>[0]) => app.run(context),
    isReady,
    downloads: {
      get: (token) => downloads.get(token, clock.now()),
      // No language is known on a plain link: both, Swedish first.
      goneText: LANGUAGES.map((lng) => i18n.t(lng)('statistics:download.expired')).join('\n\n'),
      unavailableText: LANGUAGES.map((lng) => i18n.t(lng)('statistics:download.unavailable')).join('\n\n'),
    },
  });
  const jobs = startPeriodicJobs(
    [
      { name: 'escalation', everyMs: config.forwarding.escalationCheckMs, run: async () => ((await forwarding.escalateDue()) > 0 ? dispatcher.kick() : undefined) },
      { name: 'retention', everyMs: 3_600_000, run: () => forwarding.applyRetention(config.forwarding.retentionDays, statistics) },
      memoryJob(http, logger),
      knowledgeRefresh.job(config.knowledge.refreshMs),
      reviews.job(),
      {
        name: 'download-sweep',
        everyMs: 600_000,
        run: async () => {
          const n = await downloads.sweep(clock.now());
          if (n > 0) logger.info('expired downloads removed', { count: n });
        },
      },
      {
        name: 'draft-sweep',
        everyMs: 3_600_000,
        run: async () => {
          const n = await botStorage.sweep(withoutExpiredDraft(clock.now(), config.intake.draftTtlMs));
          if (n > 0) logger.info('expired drafts removed', { count: n });
        },
      },
    ],
    logger,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      http.server.once('error', reject);
      http.server.listen(config.server.port, config.server.host, () => resolve());
    });
  } catch (err) {
    // E.g. the port is taken: do not leave the embedded storage running as an orphan.
    await embedded?.stop();
    throw err;
  }
  const port = (http.server.address() as { port: number }).port;
  const host = ['0.0.0.0', '::', ''].includes(config.server.host) ? '127.0.0.1' : config.server.host;
  listening.at = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info('listening', { port, host: config.server.host, env: config.env });

  return {
    port,
    async stop() {
      const finished = await http.close(config.server.shutdownTimeoutMs);
      await jobs.stop();
      await dispatcher.stop();
      if (!finished) logger.warn('shutdown timed out with turns in flight', { inFlight: http.inFlight() });
      await embedded?.stop();
      logger.info('stopped');
    },
  };
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    // One line, naming every bad variable; no stack trace for a configuration mistake.
    process.stderr.write(`${err instanceof AppError ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  process.on('uncaughtException', (err) => {
    logger.error('uncaught exception', errorFields(err));
    process.exit(1);
  });
  const bot = await startBot(config, logger).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'STORAGE_KEY_MISMATCH') {
      // One structured line that says what to do; a stack trace would say nothing more.
      logger.error(err.message, { code: err.code });
      process.exit(1);
    }
    if (err instanceof AppError && ['KB_INVALID', 'INTAKE_FORM_INVALID', 'FORWARD_DIRECTORY_INVALID'].includes(err.code)) process.stderr.write(`${err.message}\n`);
    logger.error('start failed', errorFields(err));
    process.exit(1);
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    bot
      .stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error('shutdown failed', errorFields(err));
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (err) => logger.error('unhandled rejection', errorFields(err)));
}

if (require.main === module) void main();
