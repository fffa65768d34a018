/** `npx tsx bench/knowledge-only.ts [--quick]`: only the knowledge section of `npm run bench`. */
import { knowledgeBenchmarks } from './knowledge';

knowledgeBenchmarks({ quick: process.argv.includes('--quick') });
