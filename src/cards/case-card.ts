import { DateTime } from 'luxon';
import { CLOSE_OUTCOMES, handedOffQuestion, type Case, type HandedOffQuestion } from '../forwarding/case';
import type { FormDefinition } from '../intake/form-types';
import { urgencyOf, urgencyReasons } from '../intake/rules';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import { formatAnswer } from './intake-review-card';
import type { Translate } from './translate';
import { Verb } from './verbs';

export interface CaseCardOptions {
  readonly form: FormDefinition;
  readonly timeZone: string;
  /** Show the actions (the viewer is a coordinator for the case). */
  readonly canAct: boolean;
  /** A line for the viewer, e.g. "Already taken by …" or "You may not act on this case". */
  readonly notice?: string;
  /** Posted again after a send whose outcome was lost: say that it may repeat an earlier card. */
  readonly mayRepeat?: boolean;
  /** The municipality's regional coordinator, when the directory names one: the coordinator may choose to involve them (rule R2). */
  readonly regional?: { readonly label: string };
  /** This card is the regional coordinator's copy (sent with the victim's consent): no actions, and it says so. */
  readonly forRegional?: boolean;
}

const URGENCY_COLOR: Record<string, string> = { P1: 'Attention', P2: 'Warning', P3: 'Accent', P4: 'Default' };

/**
 * The coordinator's card for a case (Universal Actions): urgency, category, when, every answer,
 * status; Acknowledge, Take and Close for coordinators only. `refresh` lets each viewer get the
 * current state, with or without actions.
 */
export function caseCard(c: Case, t: Translate, o: CaseCardOptions): AdaptiveCard {
  const question = handedOffQuestion(c);
  if (question) return questionCard(c, question, t, o);
  const when = DateTime.fromISO(c.createdAt, { zone: 'utc' }).setZone(o.timeZone).toFormat('yyyy-MM-dd HH:mm');
  const facts = o.form.fields
    .filter((f) => c.note.answers[f.id] !== undefined)
    .map((f) => ({ title: t(f.promptKey), value: formatAnswer(f, c.note.answers[f.id] as never, t, o.timeZone) }));
  const body: CardElement[] = [
    textBlock(t('forwarding:card.title', { code: c.code }), { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'auto', items: [textBlock(t(`intake:urgency.${c.note.urgency}`), { weight: 'Bolder', color: URGENCY_COLOR[c.note.urgency] ?? 'Default' })] },
        { type: 'Column', width: 'stretch', items: [textBlock(`${t(`intake:category.${c.note.category}`)} · ${when}`, { isSubtle: true })] },
      ],
    },
    textBlock(statusLine(c, t), { weight: 'Bolder', spacing: 'Small' }),
    // Which hotel or campsite the note is from (the coordinators need it to act).
    ...(c.origin?.site
      ? [textBlock(t('intake:origin.from', { site: `${c.origin.site.name} (${t(`intake:siteKind.${c.origin.site.kind}`)})`, municipality: c.origin.municipalityName }), { spacing: 'Small' })]
      : []),
  ];
  if (o.mayRepeat) body.push(textBlock(t('forwarding:card.mayRepeat', { code: c.code }), { color: 'Warning', wrap: true }));
  if (o.forRegional) body.push(textBlock(t('forwarding:regional.yourCopy'), { color: 'Accent', weight: 'Bolder' }));
  if (o.notice) body.push(textBlock(o.notice, { color: 'Attention' }));
  const reasons = urgencyReasonKeys(c);
  if (reasons.length > 0) body.push(textBlock(`${t('forwarding:card.why')} ${reasons.map((k) => t(k)).join(' · ')}`, { isSubtle: true, spacing: 'Small' }));
  const escalations = c.history.filter((h) => h.action === 'escalated').length;
  if (escalations > 0) body.push(textBlock(t('forwarding:card.escalated', { count: escalations }), { color: 'Warning', weight: 'Bolder' }));
  body.push({ type: 'FactSet', facts, separator: true });
  for (const a of c.additions ?? []) {
    const at = DateTime.fromISO(a.at, { zone: 'utc' }).setZone(o.timeZone).toFormat('yyyy-MM-dd HH:mm');
    body.push(textBlock(`**${t('forwarding:card.addition', { at })}** ${a.text}`, { separator: true }));
  }
  for (const q of c.questions ?? []) {
    body.push(textBlock(`**${t('forwarding:card.question')}** ${q.text}`, { separator: true }));
    body.push(textBlock(q.answer !== undefined ? `**${t('forwarding:card.answer')}** ${q.answer}` : t('forwarding:card.awaitingAnswer'), { spacing: 'Small', isSubtle: q.answer === undefined }));
  }
  for (const x of c.consultations ?? []) {
    const at = DateTime.fromISO(x.at, { zone: 'utc' }).setZone(o.timeZone).toFormat('yyyy-MM-dd HH:mm');
    body.push(textBlock(t(`forwarding:regional.recorded.${x.consent}`, { at }), { separator: true, isSubtle: x.consent !== 'yes' }));
  }
  if (c.outcome) body.push(textBlock(`${t('forwarding:card.outcome')}: ${t(`forwarding:outcome.${c.outcome.code}`)} – ${c.outcome.reason}`, { separator: true }));

  const open = c.status !== 'closed' && c.status !== 'withdrawn';
  const data = { caseId: c.id };
  const actions: CardElement[] =
    o.canAct && open && !o.forRegional
      ? [
          ...(c.status === 'received' || c.status === 'delivered' ? [{ type: 'Action.Execute', title: t('forwarding:card.acknowledge'), verb: Verb.CaseAcknowledge, data }] : []),
          ...(c.status !== 'taken' ? [{ type: 'Action.Execute', title: t('forwarding:card.take'), verb: Verb.CaseTake, data, style: 'positive' }] : []),
          {
            type: 'Action.ShowCard',
            title: t('forwarding:card.ask'),
            card: {
              type: 'AdaptiveCard',
              body: [{ type: 'Input.Text', id: 'question', label: t('forwarding:card.askLabel'), isMultiline: true, maxLength: 1000, isRequired: true, errorMessage: t('forwarding:card.askRequired') }],
              actions: [{ type: 'Action.Execute', title: t('forwarding:card.sendQuestion'), verb: Verb.CaseAsk, data }],
            },
          },
          {
            type: 'Action.ShowCard',
            title: t('forwarding:card.close'),
            card: {
              type: 'AdaptiveCard',
              body: [
                {
                  type: 'Input.ChoiceSet',
                  id: 'outcome',
                  label: t('forwarding:card.outcomeLabel'),
                  isRequired: true,
                  errorMessage: t('forwarding:card.outcomeRequired'),
                  choices: CLOSE_OUTCOMES.map((code) => ({ title: t(`forwarding:outcome.${code}`), value: code })),
                },
                { type: 'Input.Text', id: 'reason', label: t('forwarding:card.reasonLabel'), isMultiline: true, maxLength: 1000, isRequired: true, errorMessage: t('forwarding:card.outcomeRequired') },
              ],
              actions: [{ type: 'Action.Execute', title: t('forwarding:card.confirmClose'), verb: Verb.CaseClose, data }],
            },
          },
          ...(o.regional ? [regionalAction(o.regional.label, t, data)] : []),
        ]
      : [];
  const card = adaptiveCard(body, actions, `${t('forwarding:card.title', { code: c.code })} ${statusLine(c, t)}`);
  return { ...card, refresh: { action: { type: 'Action.Execute', verb: Verb.CaseRefresh, data } } } as AdaptiveCard;
}

/**
 * A handed-off question: what was asked, in which language, by which kind of user (never a name),
 * and the routine they were shown; Take, Answer (relayed to the asker; closes it) and "Needs a routine".
 */
function questionCard(c: Case, q: HandedOffQuestion, t: Translate, o: CaseCardOptions): AdaptiveCard {
  const when = DateTime.fromISO(c.createdAt, { zone: 'utc' }).setZone(o.timeZone).toFormat('yyyy-MM-dd HH:mm');
  const title = t('forwarding:question.title', { code: c.code });
  const body: CardElement[] = [
    textBlock(title, { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    textBlock(`${t('intake:category.question')} · ${when}`, { isSubtle: true, spacing: 'Small' }),
    textBlock(statusLine(c, t), { weight: 'Bolder', spacing: 'Small' }),
  ];
  if (o.mayRepeat) body.push(textBlock(t('forwarding:card.mayRepeat', { code: c.code }), { color: 'Warning', wrap: true }));
  if (o.notice) body.push(textBlock(o.notice, { color: 'Attention' }));
  body.push({
    type: 'FactSet',
    separator: true,
    facts: [
      { title: t('forwarding:question.language'), value: t(`forwarding:question.languages.${q.language}`) },
      { title: t('forwarding:question.audience'), value: t(`forwarding:question.audiences.${q.audience}`) },
      ...(q.articleTitle ? [{ title: t('forwarding:question.article'), value: q.articleTitle }] : []),
    ],
  });
  body.push(textBlock(`**${t('forwarding:question.asked')}:** ${q.question}`, { separator: true }));
  if (c.outcome?.code === 'answered') body.push(textBlock(`**${t('forwarding:question.replied')}** ${c.outcome.reason}`, { separator: true }));
  const routineRequested = c.history.some((h) => h.action === 'routineRequested');
  if (routineRequested) body.push(textBlock(t('forwarding:question.routineRequested'), { isSubtle: true }));

  const open = c.status !== 'closed' && c.status !== 'withdrawn';
  const data = { caseId: c.id };
  const actions: CardElement[] = o.canAct
    ? [
        ...(open && c.status !== 'taken' ? [{ type: 'Action.Execute', title: t('forwarding:card.take'), verb: Verb.CaseTake, data }] : []),
        ...(open
          ? [
              {
                type: 'Action.ShowCard',
                title: t('forwarding:question.reply'),
                card: {
                  type: 'AdaptiveCard',
                  body: [{ type: 'Input.Text', id: 'answer', label: t('forwarding:question.replyLabel'), isMultiline: true, maxLength: 1000, isRequired: true, errorMessage: t('forwarding:question.replyRequired') }],
                  actions: [{ type: 'Action.Execute', title: t('forwarding:question.sendReply'), verb: Verb.CaseReply, data, style: 'positive' }],
                },
              },
            ]
          : []),
        ...(routineRequested ? [] : [{ type: 'Action.Execute', title: t('forwarding:question.needsRoutine'), verb: Verb.CaseNeedsRoutine, data }]),
      ]
    : [];
  const card = adaptiveCard(body, actions, `${title} ${statusLine(c, t)}`);
  return { ...card, refresh: { action: { type: 'Action.Execute', verb: Verb.CaseRefresh, data } } } as AdaptiveCard;
}

/**
 * Rule R2: the coordinator chooses to involve the regional coordinator and records the victim's
 * consent; only with consent does the case go there (without it: general advice, nothing sent).
 */
function regionalAction(label: string, t: Translate, data: { caseId: string }): CardElement {
  return {
    type: 'Action.ShowCard',
    title: t('forwarding:regional.action'),
    card: {
      type: 'AdaptiveCard',
      body: [
        textBlock(t('forwarding:regional.explain', { label })),
        {
          type: 'Input.ChoiceSet',
          id: 'consent',
          style: 'expanded',
          label: t('forwarding:regional.consentLabel'),
          isRequired: true,
          errorMessage: t('forwarding:regional.consentRequired'),
          choices: (['yes', 'no', 'notAsked'] as const).map((v) => ({ title: t(`forwarding:regional.consent.${v}`), value: v })),
        },
      ],
      actions: [{ type: 'Action.Execute', title: t('forwarding:regional.confirm'), verb: Verb.CaseConsultRegional, data }],
    },
  };
}

/** The reasons (rule ids) behind an incident note's urgency, as locale keys; none for a question or an older note without them. */
function urgencyReasonKeys(c: Case): string[] {
  if (c.note.category === 'question') return [];
  const answers = c.note.answers;
  return urgencyOf(answers) === c.note.urgency ? urgencyReasons(answers).map((id) => `intake:rule.${id}`) : [];
}

function statusLine(c: Case, t: Translate): string {
  const status = t(`forwarding:caseStatus.${c.status}`);
  return c.status === 'taken' && c.assigneeName ? `${status}: ${c.assigneeName}` : status;
}
