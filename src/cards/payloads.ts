import { z } from 'zod';
import { Verb, type VerbName } from './verbs';
import { DEFAULT_PERIOD_CHOICE, PERIOD_CHOICES } from '../statistics/period';
import { LANGUAGES } from '../i18n/languages';

/**
 * What each card verb's data may carry, parsed before any handler sees it. Teams returns the card's
 * data merged with its inputs, as the client sends it: untrusted input. Unknown keys are dropped,
 * wrong types refused.
 */
const ArticleId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const CaseId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const Token = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
/** The card revision a dialog card was rendered for; a card without one is treated as stale. */
const Revision = z.number().int().default(-1);
/** A coordinator's free text from a card input; empty is decided by the life cycle (it names what is missing). */
const CardText = z.string().max(4000).default('');
/** The one-card form's inputs: field ids with what Adaptive Card inputs send (text, numbers, toggles). */
const FormInput = z.union([z.string().max(4000), z.number(), z.boolean()]);

export const CARD_PAYLOADS = {
  [Verb.KnowledgeShowArticle]: z.object({ articleId: ArticleId }),
  [Verb.KnowledgeFeedback]: z.object({ articleId: ArticleId, helpful: z.boolean() }),
  /** "Ask a coordinator": the routine the asker was shown, if any. */
  [Verb.KnowledgeAskCoordinator]: z.object({ articleId: ArticleId.optional() }),
  /** "Reviewed, no change" on a review reminder: the routine and the hash of the text the card listed. */
  [Verb.KnowledgeReviewed]: z.object({ articleId: ArticleId, textHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  [Verb.IntakeStart]: z.object({
    practice: z.boolean().optional(),
    form: z.boolean().optional(),
    lang: z.enum(LANGUAGES).optional(),
    /** Started from "Report this" under a described situation: the description becomes the proposed observation. */
    situation: z.boolean().optional(),
  }),
  [Verb.IntakeAnswer]: z.object({
    fieldId: z.string().max(100),
    revision: Revision,
    value: z.union([z.string().max(4000), z.number(), z.array(z.string().max(200)).max(50)]).optional(),
    date: z.string().max(40).optional(),
    time: z.string().max(40).optional(),
  }),
  [Verb.IntakeCommand]: z.object({ command: z.enum(['back', 'skip', 'cancel', 'confirmCancel', 'keepGoing', 'help', 'review', 'submit']), revision: Revision }),
  [Verb.IntakeEdit]: z.object({ fieldId: z.string().max(100), revision: Revision }),
  [Verb.IntakeEmergency]: z.object({ outcome: z.enum(['called', 'notNeeded']), revision: Revision, eventNumber: z.string().max(200).optional() }),
  [Verb.IntakeResume]: z.object({ choice: z.enum(['resume', 'restart']), practice: z.boolean().optional() }),
  [Verb.IntakeForm]: z.object({ token: Token, practice: z.boolean().optional() }).catchall(FormInput),
  /** The site or municipality a reporter picked for a finished note (the token names the waiting note). */
  [Verb.IntakeOrigin]: z.object({ origin: z.string().regex(/^(site|municipality):[a-z0-9]+(-[a-z0-9]+)*$/), token: Token }),
  [Verb.CaseList]: z.object({ view: z.enum(['mine', 'open', 'overdue']).default('mine'), page: z.number().int().min(0).max(10_000).default(0) }),
  [Verb.CaseRefresh]: z.object({ caseId: CaseId }),
  [Verb.CaseAcknowledge]: z.object({ caseId: CaseId }),
  [Verb.CaseTake]: z.object({ caseId: CaseId }),
  [Verb.CaseClose]: z.object({ caseId: CaseId, outcome: z.string().max(100).default(''), reason: CardText }),
  [Verb.CaseAsk]: z.object({ caseId: CaseId, question: CardText }),
  [Verb.CaseReply]: z.object({ caseId: CaseId, answer: CardText }),
  [Verb.CaseNeedsRoutine]: z.object({ caseId: CaseId }),
  /** Rule R2: involve the regional coordinator; the victim's consent as the coordinator records it (missing: asked again). */
  [Verb.CaseConsultRegional]: z.object({ caseId: CaseId, consent: z.enum(['yes', 'no', 'notAsked']).optional() }),
  /** The statistics card's inputs: a period choice, the months of an own period, a municipality id or `all`. */
  [Verb.StatisticsShow]: z.object({
    period: z.enum(PERIOD_CHOICES).default(DEFAULT_PERIOD_CHOICE),
    from: z.string().max(7).optional(),
    to: z.string().max(7).optional(),
    municipality: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).optional(),
  }),
} as const satisfies Record<VerbName, z.ZodTypeAny>;

export type CardPayload<V extends VerbName> = z.infer<(typeof CARD_PAYLOADS)[V]>;
