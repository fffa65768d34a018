/**
 * Statistics: a picture of the work with no personal data. Counts and times from the stored cases,
 * the retention counts and the unanswered-question counts, each through the small-numbers rule
 * (below 5 is "< 5"), drawn as a chart (Vega-Lite, resvg) and written as CSV. Plain TypeScript:
 * never imports botbuilder, teams-ai, restify or the Azure SDKs (storage implements the ports).
 */
export { computeStatistics, type StatisticsQuery, type StatisticsData, type StatisticsReport } from './compute-statistics';
export { caseFactsOf, type CaseFacts, type CaseMeta, type SiteKindBucket } from './case-facts';
export { choosePeriod, isoWeekOf, DEFAULT_PERIOD_CHOICE, PERIOD_CHOICES, type Period, type PeriodChoice, type MonthId, type WeekId } from './period';
export { protectBreakdown, showCount, SMALLEST_SHOWN, type Cell, type ShownCount } from './small-counts';
export { statisticsCsv } from './statistics-csv';
export { chartSpec } from './chart-spec';
export { renderChartPng } from './render-chart';
export { askerMunicipality, visibleMunicipalities } from './audience-municipalities';
export type { StatisticsSource, UnansweredCounter, Download, DownloadStore } from './statistics-source';
