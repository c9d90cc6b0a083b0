/** The assessment engine: pure, no I/O, no clock, no environment. */
export { compute } from './computeAssessment.js';
export { collectMonthRows } from './monthRows.js';
export { TABLES, RESULT_SHEETS, PARAM_DEFAULTS, tableDef } from './tables.js';
export type * from './types.js';
