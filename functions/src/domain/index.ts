/** The assessment engine: pure, no I/O, no clock, no environment. */
export { compute } from './computeAssessment.js';
export { collectMonthRows } from './monthRows.js';
export { TABLES, RESULT_SHEETS, PARAM_DEFAULTS, tableDef } from './tables.js';
export type * from './types.js';
export { diffVersions, withCorrectionNote, describeChange } from './correction.js';
export type { CorrectionDiff, CorrectionFacts, CorrectionInput, CorrectionActor, VersionFigures } from './correction.js';
export type { RowChange } from './rowChanges.js';
