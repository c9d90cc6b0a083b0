/** `npm run bench`: prints the benchmark figures as a table. */
import { cpus } from 'node:os';
import { benchCompute } from './computeBench.js';

const figures = benchCompute(process.argv.slice(2).length ? process.argv.slice(2) : undefined);
console.log(`CPU: ${cpus()[0]?.model ?? '?'} ×${cpus().length}, Node ${process.version}`);
console.table(figures);
