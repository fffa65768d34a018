import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../errors';
import { z } from 'zod';
import { CASE_CATEGORIES, type CaseCategory, type Urgency } from './case';
import { goesOutOfHoursFirst } from './routing-rules';

/**
 * Who is responsible for what: targets (a Teams channel or a person, each with the coordinators
 * allowed to act), and per municipality the routes by category and urgency, each with its ladder
 * (primary → deputy → next level) and an out-of-hours target. Validated at start; errors name the entry.
 */
const ID = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, dashes)');
// 13 final digits are accepted too: the Agents Playground's mock users have them.
const GUID = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i, 'must be an Entra ID object id (GUID)');
const TIME = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const Target = z
  .object({
    kind: z.enum(['channel', 'person']),
    label: z.string().min(1),
    /** Entra ID object ids of the coordinators who may act on cases sent here. */
    members: z.array(GUID).min(1, 'needs at least one coordinator'),
    /**
     * A regional coordinator (office hours; case contact only with the victim's consent, rule R2):
     * never on a route's automatic ladder, reached only by a coordinator's decision on the case card.
     */
    regional: z.boolean().default(false),
  })
  .strict();

const Route = z
  .object({
    category: z.enum(CASE_CATEGORIES).optional(),
    urgency: z.array(z.enum(['P1', 'P2', 'P3', 'P4'])).min(1).optional(),
    primary: ID,
    deputy: ID,
    next: ID,
    outOfHours: ID.optional(),
  })
  .strict();

export const SITE_KINDS = ['hotel', 'hostel', 'campsite', 'shortLet', 'other'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** A partner site (a hotel, a campsite…): its municipality decides where its notes go. */
const Site = z
  .object({
    name: z.string().min(1),
    kind: z.enum(SITE_KINDS),
    municipality: ID,
    /** Who reports for the site: Entra ID object ids, e-mail domains (the part after @). */
    members: z
      .object({
        users: z.array(GUID).default([]),
        domains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be an e-mail domain, e.g. hotel.example')).default([]),
      })
      .strict(),
  })
  .strict();

const DirectorySchema = z
  .object({
    /** The municipality's own Entra ID tenant: its members (not guests) are staff. */
    homeTenantId: GUID.optional(),
    /** Entra ID groups that decide staff and partners, when named (read through Microsoft Graph). */
    groups: z.object({ staff: z.array(GUID).default([]), partners: z.array(GUID).default([]) }).strict().optional(),
    admins: z.array(GUID).min(1, 'needs at least one administrator'),
    /** Who writes the routines: told when a coordinator marks a handed-off question "needs a routine". Default: the administrators. */
    knowledgeOwners: z.array(GUID).optional(),
    /**
     * Who answers for each routine's review: an `owner` as written in the articles' front matter
     * (either language) → Entra ID object ids. Owners not named here: the administrators.
     */
    routineOwners: z.record(z.string().min(1), z.array(GUID).min(1, 'needs at least one person')).optional(),
    defaultMunicipality: ID,
    officeHours: z
      .object({
        days: z.array(z.enum(DAYS)).min(1),
        start: TIME,
        end: TIME,
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')).default([]),
      })
      .strict(),
    targets: z.record(ID, Target),
    municipalities: z.record(
      ID,
      z
        .object({
          name: z.string().min(1),
          routes: z.array(Route).min(1),
          /** The regional target a coordinator may choose to involve (rule R2); none: the choice is not offered. */
          regionalCoordinator: ID.optional(),
        })
        .strict(),
    ),
    sites: z.record(ID, Site).default({}),
  })
  .strict();

export type RoutingDirectory = z.infer<typeof DirectorySchema>;
export type DirectoryTarget = z.infer<typeof Target>;
export type DirectoryRoute = z.infer<typeof Route>;
export type DirectorySite = z.infer<typeof Site>;

export type DirectoryParse = { ok: true; directory: RoutingDirectory } | { ok: false; problems: string[] };

/** Parse and check a directory document (YAML or JSON); every problem names its entry. */
export function parseRoutingDirectory(text: string): DirectoryParse {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    return { ok: false, problems: [`not valid YAML: ${(err as Error).message.split('\n')[0]}`] };
  }
  const parsed = DirectorySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'directory'}: ${i.message}`) };
  const d = parsed.data;
  const problems: string[] = [];
  if (!d.municipalities[d.defaultMunicipality]) problems.push(`defaultMunicipality: "${d.defaultMunicipality}" is not a municipality`);
  if (d.officeHours.start >= d.officeHours.end) problems.push('officeHours: start must be before end');
  for (const [m, municipality] of Object.entries(d.municipalities)) {
    municipality.routes.forEach((route, i) => {
      for (const role of ['primary', 'deputy', 'next', 'outOfHours'] as const) {
        const id = route[role];
        if (id && !d.targets[id]) problems.push(`municipalities.${m}.routes.${i}.${role}: "${id}" is not a target`);
        // R2: the automatic ladder ends at the municipality's own people; the regional coordinator is a coordinator's choice.
        else if (id && d.targets[id]?.regional) problems.push(`municipalities.${m}.routes.${i}.${role}: "${id}" is a regional coordinator, who is reached only by a coordinator's decision (regionalCoordinator), never automatically`);
      }
    });
    const regional = municipality.regionalCoordinator;
    if (regional !== undefined && !d.targets[regional]) problems.push(`municipalities.${m}.regionalCoordinator: "${regional}" is not a target`);
    else if (regional !== undefined && !d.targets[regional]?.regional) problems.push(`municipalities.${m}.regionalCoordinator: "${regional}" is not marked regional: true`);
    if (!municipality.routes.some((r) => !r.category && !r.urgency)) problems.push(`municipalities.${m}.routes: needs a default route (no category, no urgency)`);
  }
  for (const [id, site] of Object.entries(d.sites)) {
    if (!d.municipalities[site.municipality]) problems.push(`sites.${id}.municipality: "${site.municipality}" is not a municipality`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, directory: d };
}

/** The route for a case: the first whose category and urgency match, else the default. */
export function chooseRoute(directory: RoutingDirectory, municipality: string, category: CaseCategory, urgency: Urgency): DirectoryRoute {
  const routes = (directory.municipalities[municipality] ?? directory.municipalities[directory.defaultMunicipality])!.routes;
  return (
    routes.find((r) => (r.category === undefined || r.category === category) && (r.urgency === undefined || r.urgency.includes(urgency)) && (r.category || r.urgency)) ??
    routes.find((r) => !r.category && !r.urgency)!
  );
}

/** Is `at` inside office hours (in the directory's zone, weekdays, not a holiday)? */
export function isOfficeHours(directory: RoutingDirectory, at: Date, timeZone: string): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const day = String(parts.weekday).toLowerCase().slice(0, 3) as (typeof DAYS)[number];
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
  const h = directory.officeHours;
  return h.days.includes(day) && !h.holidays.includes(date) && time >= h.start && time < h.end;
}

/** The target a new case goes to first: out of office hours a P1 or a possible child goes to the out-of-hours target (rule R1). */
export function firstTarget(route: DirectoryRoute, urgency: Urgency, category: CaseCategory, officeHours: boolean): string {
  return !officeHours && goesOutOfHoursFirst(urgency, category) && route.outOfHours ? route.outOfHours : route.primary;
}

/** The regional coordinator target a coordinator may involve for a municipality's case, if the directory names one (rule R2). */
export function regionalTargetOf(directory: RoutingDirectory, municipality: string): string | undefined {
  const id = directory.municipalities[municipality]?.regionalCoordinator;
  return id && directory.targets[id]?.regional ? id : undefined;
}

/**
 * What a case card shows about rule R2: the regional coordinator a coordinator may involve (by
 * label), and whether this card is the regional coordinator's own copy (then without actions).
 */
export function regionalView(directory: RoutingDirectory, municipality: string | undefined, cardTargetId?: string): { regional?: { label: string }; forRegional: boolean } {
  const id = regionalTargetOf(directory, municipality ?? directory.defaultMunicipality);
  const forRegional = cardTargetId !== undefined && isRegionalTarget(directory, cardTargetId);
  return { ...(id ? { regional: { label: directory.targets[id]!.label } } : {}), forRegional };
}

/** Is this target a regional coordinator (never on an automatic ladder, rule R2)? */
export function isRegionalTarget(directory: RoutingDirectory, targetId: string): boolean {
  return directory.targets[targetId]?.regional === true;
}

/** May this user act on a case sent to these targets? */
export function isCoordinatorFor(directory: RoutingDirectory, targetIds: readonly string[], aadObjectId: string | undefined): boolean {
  if (!aadObjectId) return false;
  const id = aadObjectId.toLowerCase();
  return targetIds.some((t) => directory.targets[t]?.members.some((m) => m.toLowerCase() === id));
}

/** Read and check the directory file; start-up refuses a broken one, naming every problem. */
export function loadRoutingDirectory(path: string): RoutingDirectory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new AppError('FORWARD_DIRECTORY_INVALID', `Routing directory ${path} cannot be read`, { cause });
  }
  const r = parseRoutingDirectory(text);
  if (!r.ok) throw new AppError('FORWARD_DIRECTORY_INVALID', `Routing directory ${path} is invalid:\n${r.problems.map((p) => `  ${p}`).join('\n')}`);
  return r.directory;
}
