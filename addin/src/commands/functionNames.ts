/** Names of the ribbon's ExecuteFunction commands: the manifest declares them, commands.html registers them. */
export const RIBBON_FUNCTIONS = { compute: 'computeAssessment', validate: 'validateWorkbook' } as const;
