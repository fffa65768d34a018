import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraGroupLookup } from '../../src/access/entra-groups';

/** A loopback stand-in for the Entra token endpoint and Microsoft Graph (no real tenant runs here). */
describe('entraGroupLookup (loopback Entra and Graph)', () => {
  let server: http.Server;
  let base = '';
  const requests: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''} ${body}`);
        res.setHeader('content-type', 'application/json');
        if (req.url === '/tenant-1/oauth2/v2.0/token') return void res.end(JSON.stringify({ access_token: 'tok-1', expires_in: 3600 }));
        if (req.headers.authorization !== 'Bearer tok-1') return void res.writeHead(401).end('{}');
        if (req.url?.startsWith('/v1.0/users/user-a/transitiveMemberOf')) return void res.end(JSON.stringify({ value: [{ id: 'g1' }], '@odata.nextLink': `${base}/page-2` }));
        if (req.url === '/page-2') return void res.end(JSON.stringify({ value: [{ id: 'g2' }] }));
        res.writeHead(404).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('reads every page of a person\'s groups with one client-credentials token, reused', async () => {
    const groupsOf = entraGroupLookup({ tenantId: 'tenant-1', clientId: 'app', clientSecret: 's3cret', authorityHost: base, graphHost: base });
    expect(await groupsOf('user-a')).toEqual(['g1', 'g2']);
    expect(await groupsOf('user-a')).toEqual(['g1', 'g2']);
    const tokenRequests = requests.filter((r) => r.includes('/oauth2/v2.0/token'));
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]).toContain('grant_type=client_credentials');
  });

  it('fails (so the person counts as a partner) when Graph refuses', async () => {
    const groupsOf = entraGroupLookup({ tenantId: 'tenant-1', clientId: 'app', clientSecret: 's3cret', authorityHost: base, graphHost: base });
    await expect(groupsOf('someone-else')).rejects.toThrow('404');
  });
});
