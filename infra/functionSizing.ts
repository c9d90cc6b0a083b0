/**
 * Memory and timeout of each function, apart from the CDK constructs so that the benchmarks can
 * set their figures at the limits against them (bench/limitsBench.ts, RESULTS.md "Requests at
 * the limits"). validate and compute are sized for a request at the documented limits
 * (functions/src/domain/limits.ts) with room to spare; see docs/security.md.
 */
export interface FunctionSizing {
  /** MB; Lambda's CPU share grows with memory (1,769 MB is one full vCPU). */
  memoryMb: number;
  timeoutSeconds: number;
}

// HTTP API integrations time out after 30 s.
const LONG = 29;
const SHORT = 10;

export const FUNCTION_SIZING = {
  validate: { memoryMb: 1769, timeoutSeconds: LONG },
  compute: { memoryMb: 1769, timeoutSeconds: LONG },
  finalize: { memoryMb: 1024, timeoutSeconds: LONG },
  corrections: { memoryMb: 512, timeoutSeconds: SHORT },
  getAssessment: { memoryMb: 512, timeoutSeconds: SHORT },
  history: { memoryMb: 512, timeoutSeconds: SHORT },
} as const satisfies Record<string, FunctionSizing>;
