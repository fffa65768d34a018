import { canRead, type Article, type Audience, type KbLanguage } from './article';
import { FIRST_ROUTINES } from './first-routines';
import type { KbProblem } from './parse-article';

/**
 * Rules across articles: unique ids per language, every article in every language, the same
 * audience in every language (a partner must never see in one language what is staff-only in
 * another), the same number of steps in every language (a step left out in translation is an
 * instruction one reader never gets), related ids that exist, and the routines the bot shows by id.
 */
export function validateKnowledgeBase(articles: readonly Article[], languages: readonly KbLanguage[]): KbProblem[] {
  const problems: KbProblem[] = [];
  const byLang = new Map<KbLanguage, Map<string, Article>>(languages.map((l) => [l, new Map()]));
  for (const a of articles) {
    const map = byLang.get(a.language);
    if (!map) continue;
    const twin = map.get(a.id);
    if (twin) problems.push({ file: a.file, message: `duplicate id "${a.id}" (also in ${twin.file})` });
    else map.set(a.id, a);
  }
  const allIds = new Set(articles.map((a) => a.id));
  for (const id of allIds) {
    const versions = languages.map((l) => byLang.get(l)?.get(id));
    const present = versions.filter((v): v is Article => v !== undefined);
    const first = present[0];
    if (!first) continue;
    languages.forEach((l, i) => {
      if (!versions[i]) problems.push({ file: first.file, message: `article "${id}" has no ${l} version (expected ${l}/${id}.md)` });
    });
    for (const other of present.slice(1)) {
      const a = [...first.audience].sort().join(',');
      const b = [...other.audience].sort().join(',');
      if (a !== b) problems.push({ file: other.file, message: `audience [${b}] differs from ${first.file} [${a}]` });
      if (other.steps.length !== first.steps.length) {
        problems.push({ file: other.file, message: `has ${other.steps.length} steps, but ${first.file} has ${first.steps.length}` });
      }
    }
    for (const v of present) {
      for (const r of v.related) {
        if (!allIds.has(r)) problems.push({ file: v.file, message: `related: "${r}" is not an article id` });
        if (r === v.id) problems.push({ file: v.file, message: 'related: an article cannot relate to itself' });
      }
    }
  }
  // The routines the bot reaches for by id must be there, in every language, for their readers.
  for (const [audience, id] of Object.values(FIRST_ROUTINES).flatMap((byAudience) => Object.entries(byAudience))) {
    for (const l of languages) {
      const a = byLang.get(l)?.get(id);
      if (!a) problems.push({ file: `${l}/knowledge/${id}.md`, message: `required routine "${id}" is missing (the bot shows it by id)` });
      else if (!canRead(audience as Audience, a)) problems.push({ file: a.file, message: `required routine "${id}" must be readable by ${audience}` });
    }
  }
  return problems;
}
