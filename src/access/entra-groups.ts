import { z } from 'zod';

/** Which Entra ID groups a person belongs to (transitively), by object id. */
export type GroupLookup = (aadObjectId: string) => Promise<string[]>;

const TokenResponse = z.object({ access_token: z.string(), expires_in: z.number() });
const GroupPage = z.object({ value: z.array(z.object({ id: z.string() })), '@odata.nextLink': z.string().optional() });

export interface EntraGroupOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Overridable for tests and national clouds. */
  readonly authorityHost?: string;
  readonly graphHost?: string;
  readonly fetch?: typeof fetch;
}

/**
 * Group membership from Microsoft Graph (`/users/{id}/transitiveMemberOf`), with the bot's own app
 * registration (client credentials; the app needs GroupMember.Read.All). Used only when the routing
 * directory names groups. Plain fetch: one token request and one paged read, no SDK needed.
 */
export function entraGroupLookup(o: EntraGroupOptions): GroupLookup {
  const authority = o.authorityHost ?? 'https://login.microsoftonline.com';
  const graph = o.graphHost ?? 'https://graph.microsoft.com';
  const get = o.fetch ?? fetch;
  let token: { value: string; until: number } | undefined;

  const accessToken = async (): Promise<string> => {
    if (token && token.until > Date.now()) return token.value;
    const res = await get(`${authority}/${encodeURIComponent(o.tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: o.clientId, client_secret: o.clientSecret, scope: `${graph}/.default` }),
    });
    if (!res.ok) throw new Error(`Graph token request answered ${res.status}`);
    const t = TokenResponse.parse(await res.json());
    // Renewed a minute early, so a token never expires in the middle of a lookup.
    token = { value: t.access_token, until: Date.now() + (t.expires_in - 60) * 1000 };
    return token.value;
  };

  return async (aadObjectId) => {
    const ids: string[] = [];
    let url: string | undefined = `${graph}/v1.0/users/${encodeURIComponent(aadObjectId)}/transitiveMemberOf/microsoft.graph.group?$select=id&$top=999`;
    // A person in more than 10,000 groups is not a case to serve: the lookup stops there.
    for (let page = 0; url && page < 10; page++) {
      const res = await get(url, { headers: { authorization: `Bearer ${await accessToken()}` } });
      if (!res.ok) throw new Error(`Graph group lookup answered ${res.status}`);
      const body = GroupPage.parse(await res.json());
      ids.push(...body.value.map((g) => g.id));
      url = body['@odata.nextLink'];
    }
    return ids;
  };
}
