/** Names of the ribbon's ExecuteFunction commands: the manifest declares them, the pane's page (taskpane.html) registers them. */
export const RIBBON_FUNCTIONS = { compute: 'computeAssessment', validate: 'validateWorkbook' } as const satisfies Record<'compute' | 'validate', string>;
