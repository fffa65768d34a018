import { describe, expect, it } from 'vitest';
import { answerCard, type AnswerCardLabels } from '../../src/cards/answer-card';
import { noAnswerCard } from '../../src/cards/no-answer-card';
import { Verb } from '../../src/cards/verbs';
import { loadKnowledgeBase } from '../../src/knowledge/file-knowledge-base';
import { LOCALES_DIR } from '../../src/paths';
import { cardProblems } from '../support/adaptive-card-validator';

const kb = loadKnowledgeBase(LOCALES_DIR);
const labels: AnswerCardLabels = {
  dangerBanner: 'DANGER? CALL 112',
  escalation: 'Escalation',
  sources: 'Sources',
  lastReviewed: (d, o) => `Reviewed ${d} by ${o}`,
  related: 'Related',
  helpful: 'Helpful?',
  yes: 'Yes',
  no: 'No',
  report: 'Report',
  reportThis: 'Report this',
  askCoordinator: 'Ask a coordinator',
  reviewOverdue: 'REVIEW OVERDUE',
};
const values = { localCoordinator: 'Kim at Kiruna', socialjourRoute: 'SJ', municipalSocialServices: 'SS', localPoliceContact: 'PC' };

describe('answerCard', () => {
  const article = kb.index.article('child-may-be-involved', 'en')!;
  const related = article.related.map((id) => kb.index.article(id, 'en')!);
  const card = answerCard(article, related, labels, values);
  const json = JSON.stringify(card);

  it('says "review overdue" under the review date only when the routine is past its review', () => {
    expect(json).not.toContain('REVIEW OVERDUE');
    const overdue = answerCard(article, related, labels, values, undefined, false, true);
    expect(JSON.stringify(overdue)).toContain('REVIEW OVERDUE');
    expect(cardProblems(overdue)).toEqual([]);
  });

  it('is a valid Adaptive Card 1.5', () => {
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
  });

  it('shows every step, the escalation, the sources as links and the review date', () => {
    for (const step of article.steps) expect(json).toContain(JSON.stringify(step.replace(/\{\{\w+\}\}/g, '')).slice(1, 20));
    for (const s of article.sources) expect(json).toContain(`](${s.url})`);
    expect(json).toContain(`Reviewed ${article.lastReviewed}`);
    expect(json).toContain('**Escalation:**');
  });

  it('fills placeholders from local values and never leaves one unfilled', () => {
    expect(json).not.toMatch(/\{\{\w+\}\}/);
    expect(json).toContain('Kim at Kiruna');
  });

  it('offers feedback, related articles, report and the coordinator through declared verbs', () => {
    const verbs = [...json.matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(verbs)).toEqual(new Set([Verb.KnowledgeFeedback, Verb.KnowledgeShowArticle, Verb.IntakeStart, Verb.KnowledgeAskCoordinator]));
    expect(verbs.filter((v) => v === Verb.KnowledgeShowArticle)).toHaveLength(related.length);
  });

  it('carries a plain-text fallback with the steps for clients without cards', () => {
    expect(card.fallbackText).toContain(`1. `);
    expect(card.fallbackText).toContain('Sources:');
  });
});

describe('noAnswerCard', () => {
  it('is valid and offers the coordinator', () => {
    const card = noAnswerCard({ message: 'No routine', danger: 'Call 112', askCoordinator: 'Ask' });
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(Verb.KnowledgeAskCoordinator);
  });
});
