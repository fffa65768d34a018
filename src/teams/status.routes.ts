import type { Application } from '@microsoft/teams-ai';
import { reporterStatusOf, type Case } from '../forwarding/case';
import { normalizeCaseCode } from '../forwarding/case-code';
import type { CaseStore } from '../forwarding/case-store';
import type { TeamsDeps } from './deps';
import { turnLogger } from './turn-context';
import { turnLocale } from './turn-locale';
import type { AppTurnState } from './turn-state';

const STATUS = /^\s*(status|läge|ärende)\b\s*(.*)$/i;

/** Only the reporter may ask about a case; anyone else is told it does not exist (no enumeration). */
export function isReporterOf(c: Case, from: { id?: string; aadObjectId?: string }): boolean {
  if (c.reporter.aadObjectId && from.aadObjectId) return c.reporter.aadObjectId === from.aadObjectId;
  return !!from.id && c.reporter.userId === from.id;
}

/** "status K-7F3Q": the reporter's view of their case (received, acknowledged, closed: nothing more). */
export function registerStatusRoutes(app: Application<AppTurnState>, deps: TeamsDeps, cases: CaseStore): void {
  app.message(STATUS, async (context, state) => {
    const t = deps.i18n.t(turnLocale(context, deps.defaultLocale, state.user.locale));
    const rest = STATUS.exec(context.activity.text ?? '')?.[2] ?? '';
    const code = normalizeCaseCode(rest);
    if (!code) {
      await context.sendActivity(t('forwarding:status.usage'));
      return;
    }
    const found = await cases.getByCode(code);
    if (!found || !isReporterOf(found, context.activity.from ?? {})) {
      turnLogger(deps.logger, context).info('status refused', { found: !!found });
      await context.sendActivity(t('forwarding:status.notFound', { code }));
      return;
    }
    await context.sendActivity(t(`forwarding:status.${reporterStatusOf(found)}`, { code }));
  });
}
