/** `npx tsx bench/cost-only.ts`: only the pass-cost benchmark of `npm run bench` (it loads 100,000 cases, several minutes). */
import { passCost } from './load';

void passCost();
