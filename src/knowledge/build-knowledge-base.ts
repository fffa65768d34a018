import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors';
import { KB_LANGUAGES, type Article, type KbLanguage } from './article';
import { KNOWLEDGE_FOLDER, THESAURUS_FILE, type KnowledgeFiles } from './knowledge-files';
import { parseArticle, type KbProblem } from './parse-article';
import { KnowledgeIndex } from './search-index';
import { createThesaurus, type Thesaurus, type ThesaurusGroups } from './thesaurus';
import { validateKnowledgeBase } from './validate-knowledge-base';

export interface LoadedKnowledgeBase {
  readonly articles: readonly Article[];
  readonly index: KnowledgeIndex;
  /** The synonym groups the index was built with (the benchmark builds a larger index with them). */
  readonly thesaurus: Thesaurus;
}

const ThesaurusFile = z.array(z.array(z.coerce.string().min(1)).min(2, 'a synonym group needs at least two members'));

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
    const thesaurusText = folder[THESAURUS_FILE];
    thesaurus[lng] = thesaurusText === undefined ? [] : readThesaurus(thesaurusText, `${lng}/${KNOWLEDGE_FOLDER}/${THESAURUS_FILE}`, problems);
  }
  problems.push(...validateKnowledgeBase(articles, languages));
  if (articles.length === 0 && problems.length === 0) problems.push({ file: KNOWLEDGE_FOLDER, message: 'no articles found' });
  if (problems.length > 0) {
    throw new AppError('KB_INVALID', `Knowledge base is invalid:\n${problems.map((p) => `  ${p.file}: ${p.message}`).join('\n')}`);
  }
  const compiled = createThesaurus(thesaurus);
  return { articles, index: KnowledgeIndex.build(articles, compiled), thesaurus: compiled };
}

function readThesaurus(text: string, rel: string, problems: KbProblem[]): ThesaurusGroups {
  try {
    const parsed = ThesaurusFile.safeParse(parseYaml(text));
    if (parsed.success) return parsed.data;
    problems.push(...parsed.error.issues.map((i) => ({ file: rel, message: `${i.path.join('.')}: ${i.message}` })));
  } catch (err) {
    problems.push({ file: rel, message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` });
  }
  return [];
}
