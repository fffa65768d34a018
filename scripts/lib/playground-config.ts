import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The Playground's demo users (its default config), as the example routing directory names them. */
const PLAYGROUND_USERS = [
  ['user-id-0', 'Alex Wilber', 'alexw', '20'],
  ['user-id-1', 'Megan Bowen', 'meganb', '21'],
  ['user-id-2', 'Adele Vance', 'adelev', '22'],
  ['user-id-3', 'Isaiah Langer', 'isaiahl', '23'],
  ['user-id-4', 'Patti Fernandez', 'pattif', '24'],
  ['user-id-5', 'Lynne Robbins', 'lynner', '25'],
] as const;

/**
 * A Playground config file whose signed-in user (the one who types) is `currentUserId`; the Playground
 * only lets its current user type, so a test that needs another person typing starts a Playground as them.
 */
export function playgroundConfigAs(currentUserId: string): string {
  const user = ([id, name, mail, n]: readonly string[]) =>
    [`id: ${id}`, `name: ${name}`, `userPrincipleName: ${mail}@example.com`, `aadObjectId: 00000000-0000-0000-0000-00000000000${n}`, `givenName: ${name!.split(' ')[0]}`, `surname: ${name!.split(' ')[1]}`, `email: ${mail}@example.com`];
  const current = PLAYGROUND_USERS.find(([id]) => id === currentUserId);
  if (!current) throw new Error(`no Playground user ${currentUserId}`);
  const yaml = [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-0000-0000-0000000000001',
    'bot:',
    '  id: 00000000-0000-0000-0000-00000000000011',
    '  name: Test Bot',
    'currentUser:',
    ...user(current).map((l) => `  ${l}`),
    'users:',
    ...PLAYGROUND_USERS.filter(([id]) => id !== currentUserId).flatMap((u) => user(u).map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`)),
    'personalChat:',
    '  id: __PERSONAL_CHAT_ID__',
    'groupChat:',
    '  id: __GROUP_CHAT_ID__',
    '  name: Group Chat',
    'team:',
    '  id: team-id',
    '  name: My Team',
    '  aadGroupId: 00000000-0000-0000-0000-000000000031',
    '  channels:',
    '    - id: channel-announcements-id',
    '      name: Announcements',
  ].join('\n');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'playground-')), 'config.yml');
  writeFileSync(file, `${yaml}\n`);
  return file;
}
