import type { SupportedLocale } from '../config';
import type { AuditEvent, AuditLog } from '../forwarding/audit-log';
import type { PersonAddressStore } from '../forwarding/people';
import type { I18n } from '../i18n/create-i18n';
import type { Logger } from '../log';

/** What every turn handler may use, built by the composition root. */
export interface TurnDeps {
  readonly i18n: I18n;
  readonly logger: Logger;
  readonly defaultLocale: SupportedLocale;
  /** Personal-chat addresses, kept when someone installs the bot (to reach administrators). */
  readonly people?: PersonAddressStore;
  /** Who did what to which case (ids only). */
  readonly audit?: AuditLog;
}

/** Record an audit event; a storage failure is logged (by code) but never fails the user's turn. */
export async function audit(deps: TurnDeps, event: Omit<AuditEvent, 'at'>): Promise<void> {
  try {
    await deps.audit?.record({ at: new Date().toISOString(), ...event });
  } catch (err) {
    deps.logger.warn('audit event not stored', { action: event.action, errName: (err as Error).name });
  }
}
