import { z } from 'zod';
import type { GroupLookup } from './entra-groups';
import { resolveAccess, usesGroups, type Access, type PersonFacts } from './role-resolver';
import type { Clock } from '../clock';
import type { RoutingDirectory } from '../forwarding/routing-directory';
import { errorFields, type Logger } from '../log';

/** The person of a turn as the channel names them: ids only. */
export interface TurnPerson {
  readonly id: string;
  readonly aadObjectId?: string;
  readonly tenantId?: string;
}

/** What Teams' member lookup returns that decides a role; anything else is ignored (parsed, never trusted). */
const TeamsMember = z.object({
  aadObjectId: z.string().optional(),
  tenantId: z.string().optional(),
  userRole: z.string().optional(),
  email: z.string().optional(),
});

/** How long a person's role is kept before Teams is asked again (a guest made member takes effect within this). */
const ROLE_TTL_MS = 10 * 60_000;
/** A failed lookup is not repeated for this long: a turn must not wait on Teams again and again. */
const FAILED_TTL_MS = 60_000;
/** The connector client retries on its own for seconds; a turn waits at most this long for the member. */
const LOOKUP_TIMEOUT_MS = 1_500;
const MAX_CACHED = 5_000;

/**
 * The role of the person in this turn: the directory decides administrators, coordinators and
 * partner sites; the channel's member lookup (`lookUpMember`, e.g. Teams' getMember; cached per
 * person) says guest, external or home-tenant member. When Teams cannot be asked, the person is what the directory alone says (else a partner).
 */
export type AccessResolver = (person: TurnPerson, lookUpMember: () => Promise<unknown>) => Promise<Access>;

export function accessResolver(directory: RoutingDirectory, clock: Clock, logger: Logger, groupsOf?: GroupLookup): AccessResolver {
  const lookUpGroups = usesGroups(directory) && groupsOf ? groupsOf : undefined;
  const cache = new Map<string, { facts: PersonFacts; until: number }>();
  return async (from, lookUpMember) => {
    const key = `${from.id}|${from.tenantId ?? ''}`;
    const now = clock.now().getTime();
    const cached = cache.get(key);
    if (cached && cached.until > now) return resolveAccess(cached.facts, directory);
    let facts: PersonFacts = { ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) };
    const remember = (f: PersonFacts, ttl: number) => {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(key, { facts: f, until: now + ttl });
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('member lookup timed out')), LOOKUP_TIMEOUT_MS);
      });
      const lookup = (async () => {
        const member = TeamsMember.parse(await lookUpMember());
        const id = member.aadObjectId ?? from.aadObjectId;
        // Groups only when the directory names them (staff and partners are then decided by groups).
        return { member, groups: lookUpGroups && id ? await lookUpGroups(id) : undefined };
      })();
      lookup.catch(() => undefined); // it may fail after the timeout; nobody waits for it then
      const { member, groups } = await Promise.race([lookup, timeout]);
      facts = {
        ...(member.aadObjectId ?? from.aadObjectId ? { aadObjectId: member.aadObjectId ?? from.aadObjectId } : {}),
        ...(member.tenantId ? { tenantId: member.tenantId } : {}),
        ...(member.userRole ? { userRole: member.userRole } : {}),
        ...(member.email ? { email: member.email } : {}),
        ...(groups ? { groups } : {}),
      };
      remember(facts, ROLE_TTL_MS);
    } catch (err) {
      // The least privilege applies until Teams answers (asked again after a minute).
      logger.warn('member lookup failed; role from the directory only', errorFields(err));
      remember(facts, FAILED_TTL_MS);
    } finally {
      clearTimeout(timer);
    }
    return resolveAccess(facts, directory);
  };
}
