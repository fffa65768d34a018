/**
 * The guard for generated text: every phone number, duration (days, weeks, months, years, hours)
 * and law reference (kap., §) in a generated answer must appear in the articles it came from.
 * Anything else means the model invented a fact, and the plain article is shown instead.
 */

const LAW = /\d+\s*kap\.?\s*\d+\s*[a-z]?\s*§|§\s*\d+\s*[a-z]?|\d+\s*[a-z]?\s*§|\d+\s*kap\b\.?/gi;
const DURATION =
  /(\d+)\s*(?:-\s*)?(dagar|dagars|dag|dygn|veckor|vecka|månader|månaders|månad|år|timmar|timme|minuter|days?|weeks?|months?|years?|hours?|minutes?)\b/giu;
// Digit groups joined by spaces or dashes, three digits or more in all: 112, 114 14, 020-39 00 00.
const PHONE = /(?<![\d])\+?\d[\d\s–-]*\d(?![\d])/g;

const UNIT: Record<string, string> = {
  dag: 'd', dagar: 'd', dagars: 'd', dygn: 'd', day: 'd', days: 'd',
  vecka: 'w', veckor: 'w', week: 'w', weeks: 'w',
  månad: 'm', månader: 'm', månaders: 'm', month: 'm', months: 'm',
  år: 'y', year: 'y', years: 'y',
  timme: 'h', timmar: 'h', hour: 'h', hours: 'h',
  minuter: 'min', minute: 'min', minutes: 'min',
};

const squash = (s: string) => s.toLowerCase().replace(/[\s.]/g, '');

function lawRefs(text: string): string[] {
  return [...text.matchAll(LAW)].map((m) => squash(m[0]));
}

function durations(text: string): string[] {
  return [...text.matchAll(DURATION)].map((m) => `${m[1]}${UNIT[(m[2] ?? '').toLowerCase()] ?? m[2]}`);
}

function phoneNumbers(text: string): string[] {
  return [...text.matchAll(PHONE)].map((m) => m[0].replace(/\D/g, '')).filter((d) => d.length >= 3);
}

export interface GuardResult {
  readonly ok: boolean;
  /** The facts in the answer that no source contains (for the log: no user text). */
  readonly unsupported: readonly string[];
}

export function checkGrounded(answer: string, sources: readonly string[]): GuardResult {
  const all = sources.join('\n');
  const knownLaw = new Set(lawRefs(all));
  const knownDurations = new Set(durations(all));
  // Digits of every number in the sources, so "020-390 000" also vouches for "020-39 00 00".
  const knownDigits = phoneNumbers(all);
  const unsupported = [
    ...lawRefs(answer).filter((r) => !knownLaw.has(r)),
    ...durations(answer).filter((d) => !knownDurations.has(d)),
    ...phoneNumbers(answer).filter((d) => !knownDigits.some((k) => k.includes(d))),
  ];
  return { ok: unsupported.length === 0, unsupported: [...new Set(unsupported)] };
}
