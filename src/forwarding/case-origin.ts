import type { Access } from '../access/role-resolver';
import type { CaseOrigin } from './case';

/** An origin a reporter may pick, with the id a card sends back. */
export interface OriginChoice {
  readonly id: string;
  readonly origin: CaseOrigin;
}

/**
 * Where a note may come from, for this reporter: a partner's own sites (the site's municipality
 * gets it); for everyone else the municipalities. One choice means nothing to ask; a partner with
 * no site, and anyone when there is one municipality, reports to the default municipality.
 */
export function originChoices(access: Access, municipalities: Readonly<Record<string, { readonly name: string }>>, defaultMunicipality: string): OriginChoice[] {
  const nameOf = (id: string) => municipalities[id]?.name ?? id;
  if (access.role === 'partner') {
    if (access.sites.length > 0) {
      return access.sites.map((s) => ({
        id: `site:${s.id}`,
        origin: { municipality: s.municipality, municipalityName: nameOf(s.municipality), site: { id: s.id, name: s.name, kind: s.kind } },
      }));
    }
    return [{ id: `municipality:${defaultMunicipality}`, origin: { municipality: defaultMunicipality, municipalityName: nameOf(defaultMunicipality) } }];
  }
  const ids = Object.keys(municipalities);
  return (ids.length > 0 ? ids : [defaultMunicipality]).map((m) => ({ id: `municipality:${m}`, origin: { municipality: m, municipalityName: nameOf(m) } }));
}
