import { parseDocument } from 'yaml';
import { z } from 'zod';
import { AUDIENCES, KB_LANGUAGES, PLACEHOLDERS, type Article } from './article';

/** A problem found in a knowledge-base file; `file` names it for the administrator. */
export interface KbProblem {
  readonly file: string;
  readonly message: string;
}

export type ParseResult = { ok: true; article: Article } | { ok: false; problems: KbProblem[] };

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const ESCALATION = /^\*\*(?:Eskalering|Escalation):\*\*\s*(.+)$/i;
const STEP = /^(\d+)\.\s+(.+)$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

const nonEmpty = z.string().trim().min(1);
const FrontMatter = z
  .object({
    id: z.string().regex(ID, 'must be kebab-case (a-z, 0-9, dashes)'),
    language: z.enum(KB_LANGUAGES),
    title: nonEmpty,
    summary: nonEmpty,
    audience: z.array(z.enum(AUDIENCES)).min(1, 'must name at least one of staff, partner, coordinator'),
    tags: z.array(z.coerce.string()).min(1),
    synonyms: z.array(z.coerce.string()).default([]),
    owner: nonEmpty,
    last_reviewed: z.union([z.string(), z.date()]).transform((v, ctx) => {
      const iso = v instanceof Date ? v.toISOString().slice(0, 10) : v;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(iso))) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a date YYYY-MM-DD' });
        return z.NEVER;
      }
      return iso;
    }),
    sources: z.array(z.object({ ref: nonEmpty, title: nonEmpty, url: z.string().url() })).min(1, 'must list at least one source'),
    related: z.array(z.string().regex(ID)).max(3).default([]),
    example: z.boolean().default(true),
  })
  .strict();

/**
 * Parse one Markdown article with YAML front matter and validate it.
 * @example parseArticle('sv/x.md', text, 'sv') → { ok: true, article } or { ok: false, problems }
 */
export function parseArticle(file: string, text: string, folderLanguage: string): ParseResult {
  const problem = (message: string): ParseResult => ({ ok: false, problems: [{ file, message }] });
  const m = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ''));
  if (!m) return problem('missing front matter (a block between --- lines at the top)');
  const doc = parseDocument(m[1] ?? '');
  if (doc.errors.length > 0) return problem(`front matter is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  const parsed = FrontMatter.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ file, message: `${i.path.join('.') || 'front matter'}: ${i.message}` })),
    };
  }
  const fm = parsed.data;
  const problems: KbProblem[] = [];
  if (fm.language !== folderLanguage) problems.push({ file, message: `language: is ${fm.language} but the file is in the ${folderLanguage} folder` });
  const base = file.split('/').pop()?.replace(/\.md$/, '');
  if (base !== fm.id) problems.push({ file, message: `id: "${fm.id}" does not match the file name "${base}.md"` });

  const steps: string[] = [];
  const notes: string[] = [];
  let escalation = '';
  let label = '';
  for (const raw of (m[2] ?? '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const step = STEP.exec(line);
    const esc = ESCALATION.exec(line);
    if (step) {
      if (Number(step[1]) !== steps.length + 1) problems.push({ file, message: `step ${step[1]} is out of order (expected ${steps.length + 1})` });
      steps.push(step[2] ?? '');
    } else if (esc) {
      escalation = esc[1] ?? '';
    } else if (!label && steps.length === 0 && notes.length === 0 && !line.startsWith('>')) {
      label = line;
    } else {
      notes.push(line.replace(/^>\s?/, ''));
    }
  }
  if (steps.length === 0) problems.push({ file, message: 'body: has no numbered steps ("1. …")' });
  if (!escalation) problems.push({ file, message: 'body: has no escalation line ("**Escalation:** …" / "**Eskalering:** …")' });
  const allText = [fm.title, fm.summary, ...steps, escalation, ...notes].join('\n');
  for (const match of allText.matchAll(PLACEHOLDER)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1] ?? '')) {
      problems.push({ file, message: `unknown placeholder {{${match[1]}}} (allowed: ${PLACEHOLDERS.join(', ')})` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    article: {
      id: fm.id,
      language: fm.language,
      title: fm.title,
      summary: fm.summary,
      audience: fm.audience,
      tags: fm.tags,
      synonyms: fm.synonyms,
      owner: fm.owner,
      lastReviewed: fm.last_reviewed,
      sources: fm.sources,
      related: fm.related,
      example: fm.example,
      label,
      steps,
      escalation,
      notes,
      file,
    },
  };
}
