import type { CaseSummary, CaseView } from '../forwarding/case-index';
import { adaptiveCard, submitAction, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import type { Translate } from './translate';
import { Verb } from './verbs';

export const CASES_PER_PAGE = 10;

/** Age as a coordinator reads it: "45 min", "3 h", "2 d". */
export function ageOf(createdAt: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(createdAt)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / (24 * 60))} d`;
}

/** A coordinator's queue: one row per case (code, urgency or "question", age, status), paged, with the other views. */
export function caseListCard(cases: readonly CaseSummary[], view: CaseView, page: number, t: Translate, now: Date): AdaptiveCard {
  const pages = Math.max(1, Math.ceil(cases.length / CASES_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = cases.slice(current * CASES_PER_PAGE, (current + 1) * CASES_PER_PAGE);
  const body: CardElement[] = [
    textBlock(t(`forwarding:list.title.${view}`, { count: cases.length }), { size: 'Medium', weight: 'Bolder', style: 'heading' }),
  ];
  if (shown.length === 0) body.push(textBlock(t('forwarding:list.empty')));
  for (const s of shown) {
    body.push({
      type: 'ColumnSet',
      separator: true,
      columns: [
        { type: 'Column', width: 'auto', items: [textBlock(s.code, { weight: 'Bolder' })] },
        // A handed-off question is its own kind of case: marked as a question, not by an urgency.
        s.category === 'question'
          ? { type: 'Column', width: 'auto', items: [textBlock(t('forwarding:list.question'), { color: 'Accent' })] }
          : { type: 'Column', width: 'auto', items: [textBlock(t(`intake:urgency.${s.urgency}`).split(' ')[0] ?? s.urgency, { color: s.urgency === 'P1' ? 'Attention' : 'Default' })] },
        { type: 'Column', width: 'auto', items: [textBlock(ageOf(s.createdAt, now), { isSubtle: true })] },
        { type: 'Column', width: 'stretch', items: [textBlock(t(`forwarding:caseStatus.${s.status}`), { isSubtle: true })] },
      ],
    });
  }
  if (pages > 1) body.push(textBlock(t('forwarding:list.page', { page: current + 1, pages }), { isSubtle: true, size: 'Small' }));
  const actions = [
    ...(current > 0 ? [submitAction(t('forwarding:list.previous'), Verb.CaseList, { view, page: current - 1 })] : []),
    ...(current < pages - 1 ? [submitAction(t('forwarding:list.next'), Verb.CaseList, { view, page: current + 1 })] : []),
    ...(['mine', 'open', 'overdue'] as const).filter((v) => v !== view).map((v) => submitAction(t(`forwarding:list.show.${v}`), Verb.CaseList, { view: v, page: 0 })),
  ];
  return adaptiveCard(body, actions, t(`forwarding:list.title.${view}`, { count: cases.length }));
}
