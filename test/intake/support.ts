import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LocaleResources } from '../../src/i18n/locale-words';
import { hasLocaleKey, labelsFromResources } from '../../src/intake/locale-lookup';
import { INCIDENT_NOTE_FORM_PATH } from '../../src/intake';
import { loadFormDefinition } from '../../src/intake/form-definition';
import type { IntakeContext } from '../../src/intake/intake-outcome';

/** The real intake locale files, so typed answers are tested against the labels users see. */
export const RESOURCES: LocaleResources = Object.fromEntries(
  ['sv', 'en'].map((lng) => [lng, { intake: JSON.parse(readFileSync(path.resolve('locales', lng, 'intake.json'), 'utf8')) as unknown }]),
);

export const labelsOf = labelsFromResources(RESOURCES);
export const knownKeys = hasLocaleKey(RESOURCES);

/** The default form, checked against the real locale. */
export const FORM = loadFormDefinition(INCIDENT_NOTE_FORM_PATH, knownKeys);

/** Monday 23 November 2026, 22:30 in Stockholm (21:30 UTC). */
export const NOW = new Date('2026-11-23T21:30:00Z');

export function context(now: Date = NOW): IntakeContext {
  return { now, timeZone: 'Europe/Stockholm', labelsOf };
}
