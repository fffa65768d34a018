import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors';
import { KB_LANGUAGES, type Article, type KbLanguage } from './article';
import type { ArticleExamples } from './example-classifier';
import { DANGER_FILE, EXAMPLES_FILE, KNOWLEDGE_FOLDER, OUTSIDE_FILE, THESAURUS_FILE, type KnowledgeFiles } from './knowledge-files';
import { parseArticle, type KbProblem } from './parse-article';
import { KnowledgeIndex, type DangerExamples } from './search-index';
import { createThesaurus, type Thesaurus, type ThesaurusGroups } from './thesaurus';
import { validateKnowledgeBase } from './validate-knowledge-base';

export interface LoadedKnowledgeBase {
  readonly articles: readonly Article[];
  readonly index: KnowledgeIndex;
  /** The synonym groups the index was built with (the benchmark builds a larger index with them). */
  readonly thesaurus: Thesaurus;
}

const ThesaurusFile = z.array(z.array(z.coerce.string().min(1)).min(2, 'a synonym group needs at least two members'));
/** Example messages by article id; each a message as a user would write it. */
const Example = z.coerce.string().trim().min(1).max(1000);
const ExamplesFile = z.record(z.string().min(1), z.array(Example));
/** Messages no routine answers (a street address, statistics, the wifi), written as users write them. */
const OutsideFile = z.array(Example);
/** Messages that tell of someone in danger now, and look-alikes where nobody is (over, a what-if, a suspicion). */
const DangerFile = z.object({ danger: z.array(Example).min(1), calm: z.array(Example).min(1) }).strict();

/**
 * Parse, validate and index a knowledge base's files: the one path from text to a searchable
 * knowledge base, taken at start-up (the shipped folder), by `kb:validate` and `kb:publish`, and by
 * every instance loading a published version. A routine that silently disappears could leave
 * someone without the step they need, so every problem is reported at once with its file.
 * @throws AppError('KB_INVALID') listing each problem as "file: reason".
 */
export function buildKnowledgeBase(files: KnowledgeFiles, languages: readonly KbLanguage[] = KB_LANGUAGES): LoadedKnowledgeBase {
  const problems: KbProblem[] = [];
  const articles: Article[] = [];
  const thesaurus = {} as Record<KbLanguage, ThesaurusGroups>;
  const examples: Partial<Record<KbLanguage, ArticleExamples>> = {};
  const outside: Partial<Record<KbLanguage, readonly string[]>> = {};
  const danger: Partial<Record<KbLanguage, DangerExamples>> = {};
  for (const lng of languages) {
    const folder = files[lng];
    if (!folder) {
      problems.push({ file: `${lng}/${KNOWLEDGE_FOLDER}`, message: 'folder is missing' });
      continue;
    }
    for (const file of Object.keys(folder).filter((f) => f.endsWith('.md')).sort()) {
      const result = parseArticle(`${lng}/${KNOWLEDGE_FOLDER}/${file}`, folder[file] ?? '', lng);
      if (result.ok) articles.push(result.article);
      else problems.push(...result.problems);
    }
    // Each YAML file is optional: undefined without it, `empty` (and a problem) when it does not parse.
    const read = <T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, empty: T): T | undefined => {
      const text = folder[file];
      return text === undefined ? undefined : readYamlFile(schema, text, `${lng}/${KNOWLEDGE_FOLDER}/${file}`, problems, empty);
    };
    thesaurus[lng] = read(THESAURUS_FILE, ThesaurusFile, []) ?? [];
    examples[lng] = read(EXAMPLES_FILE, ExamplesFile, {});
    outside[lng] = read(OUTSIDE_FILE, OutsideFile, []);
    danger[lng] = read(DANGER_FILE, DangerFile, { danger: [], calm: [] });
  }
  // Examples for an article that does not exist would steer towards nothing: say so, as for a broken
  // link (an article file that did not parse has its own problem already).
  for (const lng of languages) {
    const articleFiles = Object.keys(files[lng] ?? {}).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
    const ids = new Set([...articles.filter((a) => a.language === lng).map((a) => a.id), ...articleFiles]);
    for (const id of Object.keys(examples[lng] ?? {})) {
      if (!ids.has(id)) problems.push({ file: `${lng}/${KNOWLEDGE_FOLDER}/${EXAMPLES_FILE}`, message: `examples for "${id}", which is no article` });
    }
  }
  problems.push(...validateKnowledgeBase(articles, languages));
  if (articles.length === 0 && problems.length === 0) problems.push({ file: KNOWLEDGE_FOLDER, message: 'no articles found' });
  if (problems.length > 0) {
    throw new AppError('KB_INVALID', `Knowledge base is invalid:\n${problems.map((p) => `  ${p.file}: ${p.message}`).join('\n')}`);
  }
  const compiled = createThesaurus(thesaurus);
  return { articles, index: KnowledgeIndex.build(articles, compiled, { examples, outside, danger }), thesaurus: compiled };
}

function readYamlFile<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, text: string, rel: string, problems: KbProblem[], empty: T): T {
  try {
    const parsed = schema.safeParse(parseYaml(text));
    if (parsed.success) return parsed.data;
    problems.push(...parsed.error.issues.map((i) => ({ file: rel, message: `${i.path.join('.')}: ${i.message}` })));
  } catch (err) {
    problems.push({ file: rel, message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` });
  }
  return empty;
}
