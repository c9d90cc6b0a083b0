/**
 * Entry of commands.html, the ribbon's function file: registers 计算考核 and 校验 and wires
 * them to the open workbook, the document's settings, the API and a notice dialog.
 */
import { createApiClient } from '../api/client.js';
import { createAuth, type Auth } from '../auth/auth.js';
import { storeOutcome } from '../shared/lastOutcome.js';
import { loadRuntimeConfig } from '../shared/runtimeConfig.js';
import { documentSettings } from '../shared/settings.js';
import { issueCounts } from '../shared/summary.js';
import { officeWorkbook } from '../workbook/officeWorkbook.js';
import { RIBBON_FUNCTIONS } from './functionNames.js';
import { notify } from './notice.js';
import { runRibbonCommand, type RibbonDeps } from './ribbon.js';

// One sign-in for every click, made once the deployment's config.json and Office.js are loaded; the
// settings are read when a token is needed. The session is the one signed in in the task pane.
const authReady: Promise<Auth> = Promise.all([loadRuntimeConfig(), Office.onReady()]).then(() =>
  createAuth({ host: 'office', apiUrl: () => documentSettings().load().apiUrl, partition: Office.context.partitionKey }),
);

function deps(auth: Auth): RibbonDeps {
  const settings = documentSettings().load();
  return {
    port: officeWorkbook(),
    api: createApiClient({ baseUrl: settings.apiUrl, token: (options) => auth.token(options) }),
    settings,
    notify,
    async showIssues(outcome) {
      storeOutcome({ at: new Date().toISOString(), outcome, view: 'issues' });
      try {
        // Opening the pane from a command needs a shared runtime (SharedRuntime 1.1).
        await Office.addin.showAsTaskpane();
      } catch {
        const { errors, warnings } = issueCounts(outcome.result.issues);
        await notify(
          errors > 0 ? '数据有错误' : '校验完成',
          `共 ${errors} 个错误、${warnings} 个警告，已列在「校验问题」工作表。点击“打开面板”可逐条定位到单元格。`,
        );
      }
    },
  };
}

Office.onReady(() => {
  Office.actions.associate(RIBBON_FUNCTIONS.compute, async (event: Office.AddinCommands.Event) =>
    runRibbonCommand('compute', event, deps(await authReady)),
  );
  Office.actions.associate(RIBBON_FUNCTIONS.validate, async (event: Office.AddinCommands.Event) =>
    runRibbonCommand('validate', event, deps(await authReady)),
  );
});
