/** `npx tsx bench/forwarding-only.ts [--quick]`: only the forwarding part of `npm run bench` (load, bursts, pass cost). */
import { forwardingBenchmarks } from './load';

void forwardingBenchmarks({ quick: process.argv.includes('--quick') });
