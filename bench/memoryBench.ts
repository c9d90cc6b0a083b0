/**
 * Peak memory of one computation, measured in a fresh child process so that the benchmark's own
 * heap does not count: the bundled memory probe parses a request body, computes and serialises.
 */
import { runBundled } from './bundle.js';
import type { MemoryFigures } from './memoryProbe.js';

/** The peak memory of computing the request in `bodyFile`. */
export const measureMemory = (bodyFile: string): Promise<MemoryFigures> => runBundled('bench/memoryProbe.ts', 'memoryProbe', [bodyFile]);
