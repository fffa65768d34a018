import { LANGUAGES, type Language } from '../i18n/languages';
/** The audiences an article can be written for (domain.md: S, H, C). */
export const AUDIENCES = ['staff', 'partner', 'coordinator'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Who reads what: coordinators read every routine, staff the staff and partner routines, partners the partner routines. */
const READS: Record<Audience, readonly Audience[]> = { coordinator: ['coordinator', 'staff', 'partner'], staff: ['staff', 'partner'], partner: ['partner'] };

/** May a reader of this audience see the article? The one rule for every place that shows routines. */
export function canRead(reader: Audience, article: { readonly audience: readonly Audience[] }): boolean {
  return article.audience.some((a) => READS[reader].includes(a));
}

/** The knowledge base has every article in every language the bot speaks (i18n/languages.ts). */
export const KB_LANGUAGES = LANGUAGES;
export type KbLanguage = Language;

export interface ArticleSource {
  readonly ref: string;
  readonly title: string;
  readonly url: string;
}

/** One routine of the knowledge base, in one language. */
export interface Article {
  readonly id: string;
  readonly language: KbLanguage;
  readonly title: string;
  readonly summary: string;
  readonly audience: readonly Audience[];
  readonly tags: readonly string[];
  readonly synonyms: readonly string[];
  readonly owner: string;
  /** ISO date (YYYY-MM-DD). */
  readonly lastReviewed: string;
  readonly sources: readonly ArticleSource[];
  readonly related: readonly string[];
  readonly example: boolean;
  /** The label line at the top of the body (e.g. "EXAMPLE CONTENT – …"), if any. */
  readonly label: string;
  /** The numbered steps, in order, as written (placeholders not yet filled). */
  readonly steps: readonly string[];
  /** The escalation line without its "Escalation:" prefix. */
  readonly escalation: string;
  /** Any other paragraphs (notes, caveats). */
  readonly notes: readonly string[];
  /** File the article came from, relative to the knowledge folder, for error messages. */
  readonly file: string;
}

/** The placeholders an article may use; their values come from configuration. */
export const PLACEHOLDERS = ['localCoordinator', 'socialjourRoute', 'municipalSocialServices', 'localPoliceContact'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];
