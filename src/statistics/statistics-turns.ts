import { DateTime } from 'luxon';
import { ALL_MUNICIPALITIES, statisticsCard } from '../cards/statistics-card';
import { Verb } from '../cards/verbs';
import type { Clock } from '../clock';
import { isPersonalChat, type Turn } from '../conversation/turn';
import { audit, type TurnDeps } from '../conversation/turn-deps';
import { onCardSubmit, onMessage, type TurnRoute } from '../conversation/turn-routes';
import type { RoutingDirectory } from '../forwarding/routing-directory';
import { LANGUAGES } from '../i18n/languages';
import { errorFields } from '../log';
import { visibleMunicipalities } from './audience-municipalities';
import { chartSpec } from './chart-spec';
import { computeStatistics } from './compute-statistics';
import { choosePeriod, DEFAULT_PERIOD_CHOICE, monthsOf, periodBounds, selectableMonths, weeksOf, type PeriodChoice } from './period';
import { renderChartPng } from './render-chart';
import { statisticsCsv } from './statistics-csv';
import type { DownloadStore, StatisticsSource } from './statistics-source';

export interface StatisticsTurnDeps {
  readonly directory: RoutingDirectory;
  readonly source: StatisticsSource;
  readonly downloads: DownloadStore;
  readonly clock: Clock;
  readonly timeZone: string;
  /** The bot's public address for download links (`https://…`, no trailing slash); undefined: no CSV link. */
  readonly publicBaseUrl: () => string | undefined;
  /** How long a CSV link works. */
  readonly linkMinutes: number;
  /** Draws the chart (a seam for tests; default: Vega-Lite and resvg). */
  readonly renderChart?: (spec: Record<string, unknown>) => Promise<Buffer>;
}

/**
 * The most a chart may add to the card, as base64: the Agents Playground takes bot messages up to
 * 100 KB in all (Teams does not count base64 images), and the rest of the card needs about 12 KB.
 */
const MAX_CHART_BASE64 = 82_000;

/** The path a download link has on the bot's own server (served by server/create-server.ts). */
export const DOWNLOAD_PATH = '/downloads/';

interface ShowRequest {
  readonly period: PeriodChoice;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly municipality?: string | undefined;
}

/**
 * `statistik` / `statistics`: a picture of the work for coordinators and administrators, in
 * personal chat only (the card holds a download link). The numbers come from storage through the
 * plain statistics capability; this handler only checks who asks, and renders the card.
 */
export function statisticsTurns(deps: TurnDeps, s: StatisticsTurnDeps): TurnRoute[] {
  const words = new Set(LANGUAGES.flatMap((lng) => deps.i18n.words(lng, 'statistics:words')));
  const render = s.renderChart ?? renderChartPng;

  async function show(turn: Turn, request: ShowRequest): Promise<void> {
    const locale = turn.locale;
    const t = deps.i18n.t(locale);
    const log = turn.log;
    const actor = (await turn.aadObjectId()) ?? (turn.user.id || 'unknown');
    const refuse = async (reason: string, key: string) => {
      log.info('statistics refused', { reason });
      await audit(deps, { actor, action: 'statistics', result: 'refused', reason });
      await turn.send({ text: t(key) });
    };
    if (!isPersonalChat(turn)) return refuse('notPersonalChat', 'statistics:refused.personalOnly');
    const visible = visibleMunicipalities(await turn.access(), actor === 'unknown' ? undefined : actor, s.directory);
    if (visible.length === 0) return refuse('notCoordinator', 'statistics:refused.notCoordinator');
    const chosenMunicipality = request.municipality ?? (visible.includes(s.directory.defaultMunicipality) ? s.directory.defaultMunicipality : visible[0]!);
    if (chosenMunicipality !== ALL_MUNICIPALITIES && !visible.includes(chosenMunicipality)) return refuse('municipality', 'statistics:refused.municipality');
    const municipalities = chosenMunicipality === ALL_MUNICIPALITIES ? visible : [chosenMunicipality];

    const now = s.clock.now();
    // A period that cannot be used is said on the card, above the default period's picture.
    const asked = choosePeriod(request.period, { from: request.from, to: request.to }, now, s.timeZone);
    const chosenPeriod = asked.ok ? request.period : DEFAULT_PERIOD_CHOICE;
    const result = asked.ok ? asked : choosePeriod(DEFAULT_PERIOD_CHOICE, {}, now, s.timeZone);
    if (!result.ok) throw new Error('the default period is always valid');
    const period = result.period;

    const included = new Set(municipalities);
    const [cases, deleted, unanswered] = await Promise.all([
      s.source.cases(periodBounds(period, s.timeZone), (m) => included.has(m)),
      s.source.deleted(monthsOf(period)),
      s.source.unanswered(weeksOf(period, s.timeZone)),
    ]);
    const report = computeStatistics({ period, municipalities, defaultMunicipality: s.directory.defaultMunicipality, timeZone: s.timeZone }, { cases, deleted, unanswered });

    let chartDataUri: string | undefined;
    try {
      const png = (await render(chartSpec(report, t, locale))).toString('base64');
      if (png.length <= MAX_CHART_BASE64) chartDataUri = `data:image/png;base64,${png}`;
      else log.warn('statistics chart too large for a card; numbers only', { bytes: png.length });
    } catch (err) {
      // The numbers are on the card too: a chart that cannot be drawn costs the picture, not the answer.
      log.error('statistics chart not drawn', errorFields(err));
    }
    const names = municipalities.map((m) => s.directory.municipalities[m]?.name ?? m);
    const generatedAt = DateTime.fromJSDate(now, { zone: s.timeZone }).toFormat('yyyy-MM-dd HH:mm');
    const base = s.publicBaseUrl();
    let csv: { url: string; minutes: number } | undefined;
    if (base) {
      const body = statisticsCsv(report, { t, locale, municipalityNames: names, generatedAt });
      const scope = chosenMunicipality === ALL_MUNICIPALITIES ? ALL_MUNICIPALITIES : chosenMunicipality;
      const filename = `${t('statistics:csv.filename')}-${scope}-${period.from}--${period.to}.csv`;
      const token = await s.downloads.put({ filename, contentType: 'text/csv; charset=utf-8', body }, new Date(now.getTime() + s.linkMinutes * 60_000));
      csv = { url: `${base}${DOWNLOAD_PATH}${token}`, minutes: s.linkMinutes };
    }
    const card = statisticsCard(
      {
        report,
        coverage: chosenMunicipality === ALL_MUNICIPALITIES ? t('statistics:card.allMunicipalities') : names[0]!,
        ...(chartDataUri ? { chartDataUri } : {}),
        ...(csv ? { csv } : {}),
        chosen: { period: chosenPeriod, from: period.from, to: period.to, municipality: chosenMunicipality },
        months: selectableMonths(now, s.timeZone),
        municipalities: visible.map((id) => ({ id, name: s.directory.municipalities[id]?.name ?? id })),
        locale,
        generatedAt,
        ...(asked.ok ? {} : { notice: t(asked.reasonKey) }),
      },
      t,
    );
    // Counts of what was read, never what it says.
    log.info('statistics shown', { months: monthsOf(period).length, municipalities: municipalities.length, cases: cases.length, chart: !!chartDataUri, csv: !!csv });
    await audit(deps, { actor, action: 'statistics', result: 'ok' });
    await turn.send({ card });
  }

  return [
    onMessage(
      (text) => words.has(text.trim().toLowerCase()),
      (turn) => show(turn, { period: DEFAULT_PERIOD_CHOICE }),
    ),
    onCardSubmit(deps, Verb.StatisticsShow, (turn, data) => show(turn, data)),
  ];
}
