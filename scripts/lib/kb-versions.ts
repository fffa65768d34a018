/**
 * What the knowledge-base publishing commands share: the bot's configuration (the environment, and
 * `.env` if present, as `keys:rotate` reads it), its storage account (or, in a local run, the
 * embedded Azurite on its data folder: stop the local bot first), the version store and the audit
 * log; and who is running the command.
 */
import { systemClock, type Clock } from '../../src/clock';
import type { AppConfig } from '../../src/config';
import type { AuditLog } from '../../src/forwarding/audit-log';
import type { KnowledgeVersionStore } from '../../src/knowledge/knowledge-versions';
import type { Logger } from '../../src/log';
import { withBotStorage } from './bot-storage';
import { BlobAuditLog } from '../../src/storage/blob-audit-log';
import { BlobKnowledgeVersionStore } from '../../src/storage/blob-knowledge-version-store';

export interface KnowledgeCommandDeps {
  readonly config: AppConfig;
  readonly versions: KnowledgeVersionStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** JSON lines on stderr (stdout carries only the command's own lines). */
  readonly logger: Logger;
}

/** Run a knowledge-base command against the bot's storage; the embedded Azurite of a local run is stopped afterwards. */
export function withKnowledgeVersions<T>(run: (deps: KnowledgeCommandDeps) => Promise<T>): Promise<T> {
  return withBotStorage(({ config, logger, store }) =>
    run({ config, versions: new BlobKnowledgeVersionStore(store), audit: new BlobAuditLog(store), clock: systemClock, logger }),
  );
}

/** Who runs the command: `--by`, else the operator's login name from the environment. */
export function operatorName(by: string | undefined): string {
  const name = (by ?? process.env.USER ?? process.env.USERNAME ?? process.env.LOGNAME ?? '').trim();
  if (!name) throw new Error('say who you are with --by NAME (no user name in the environment)');
  if (name.length > 200) throw new Error('--by must be at most 200 characters');
  return name;
}

/** "2026-06-01 10:15 UTC" from an ISO time. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
