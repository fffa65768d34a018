import type { KbLanguage } from './article';
import { analyze, tokenize } from './text-analysis';

/**
 * Groups of words and phrases that mean the same thing to a user ("stödlinje" = "stödtelefon";
 * "under 18" = "minderårig" = "barn"). A question that uses one member also searches the others.
 * The groups are data (`locales/<lng>/knowledge/thesaurus.yaml`) that a municipality can extend.
 */
export type ThesaurusGroups = readonly (readonly string[])[];

export interface Thesaurus {
  /** Extra search terms (stems) for the question, from every group one of whose members it contains. */
  expand(question: string, language: KbLanguage): Map<string, string[]>;
  /** Whether a word is a member (or part of one) of a group: spelling must not "correct" it into another word. */
  has(word: string, language: KbLanguage): boolean;
}

export function createThesaurus(groups: Record<KbLanguage, ThesaurusGroups>): Thesaurus {
  const compiled = Object.fromEntries(
    (Object.keys(groups) as KbLanguage[]).map((lng) => [
      lng,
      groups[lng].map((group) =>
        group.map((member) => ({ tokens: tokenize(member), stems: analyze(member, lng) })).filter((m) => m.tokens.length > 0),
      ),
    ]),
  ) as Record<KbLanguage, { tokens: string[]; stems: string[] }[][]>;

  const words = new Map((Object.keys(compiled) as KbLanguage[]).map((lng) => [lng, new Set(compiled[lng].flatMap((group) => group.flatMap((m) => m.tokens)))]));

  return {
    has(word, language) {
      return words.get(language)?.has(word) ?? false;
    },
    expand(question, language) {
      const tokens = tokenize(question);
      const stems = new Set(analyze(question, language));
      const out = new Map<string, string[]>();
      for (const group of compiled[language] ?? []) {
        const hit = group.find((m) =>
          m.tokens.length === 1 ? stems.has(m.stems[0] ?? '') || tokens.includes(m.tokens[0] ?? '') : containsPhrase(tokens, m.tokens),
        );
        if (!hit) continue;
        // Keyed by the member found, so confidence can credit the words the user actually wrote.
        const extra = group.flatMap((m) => m.stems).filter((s) => !hit.stems.includes(s));
        out.set(hit.tokens.join(' '), [...(out.get(hit.tokens.join(' ')) ?? []), ...extra]);
      }
      return out;
    },
  };
}

function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  // Plain loops: this runs for every phrase at every position of every question.
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
