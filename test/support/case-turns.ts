import { randomUUID } from 'node:crypto';
import type { Deliverer } from '../../src/forwarding/deliverer';
import { caseTurns } from '../../src/forwarding/case-turns';
import { DEFAULT_ESCALATION_POLICY } from '../../src/forwarding/escalation';
import { newCase } from '../../src/forwarding/new-case';
import { statusTurns } from '../../src/forwarding/status-turns';
import { readLocaleResources } from '../../src/i18n/create-i18n';
import { hasLocaleKey, INCIDENT_NOTE_FORM_PATH, loadFormDefinition } from '../../src/intake';
import { LOCALES_DIR } from '../../src/paths';
import { BlobTargetLinkStore } from '../../src/storage/blob-target-link-store';
import { ACCEPTING_DELIVERER, DEMO_DIRECTORY, forwardingOnAzurite } from './forwarding';
import { turnDeps } from './recording-turn';

const FORM = loadFormDefinition(INCIDENT_NOTE_FORM_PATH, hasLocaleKey(readLocaleResources(LOCALES_DIR)));
export const COORDINATOR_ID = '00000000-0000-0000-0000-0000000000021';
export const OTHER_COORDINATOR_ID = '00000000-0000-0000-0000-0000000000022';
export const STRANGER_ID = '00000000-0000-0000-0000-000000000099';
export const REPORTER_ID = '00000000-0000-0000-0000-000000000001';

/** The coordinator's and the reporter's handlers on a real forwarding service over Azurite; texts to reporters are recorded. */
export async function caseTurnsOnAzurite() {
  const told: { ref: unknown; text: string }[] = [];
  const deliverer: Deliverer = { ...ACCEPTING_DELIVERER, sendText: async (ref, text) => void told.push({ ref, text }) };
  const f = await forwardingOnAzurite('turns', new Date('2026-11-30T10:00:00Z'), { deliverer });
  const deps = turnDeps();
  const coordinator = caseTurns(deps, {
    directory: DEMO_DIRECTORY,
    service: f.service,
    links: new BlobTargetLinkStore(f.store),
    deliverer,
    form: FORM,
    timeZone: 'Europe/Stockholm',
    clock: f.clock,
    index: f.index,
    escalation: DEFAULT_ESCALATION_POLICY,
    cases: f.cases,
  });
  const reporter = statusTurns(deps, { cases: f.cases, forwarding: f.service, clock: f.clock });
  const note = { formId: 'incident-note', formVersion: 1, answers: {}, urgency: 'P3' as const, category: 'other' as const };
  const stored = await f.service.submit(
    newCase(`test:${randomUUID()}`, note, { userId: '29:reporter', aadObjectId: REPORTER_ID, conversationRef: { conversation: { id: 'a:reporter' } }, locale: 'en' }, f.clock.now()),
  );
  return { deps, f, coordinator, reporter, stored, told };
}

