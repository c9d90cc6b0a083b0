/**
 * Registers the ribbon's 计算考核 and 校验 in the pane's page, which the manifest names as the
 * FunctionFile of its shared runtime. With SharedRuntime 1.1 ribbon and pane are this one page:
 * a command hands its run over in memory and opens the pane (`showAsTaskpane`). Without it
 * (Excel 2019) Office loads the page a second time, hidden, for the commands: the run goes into
 * the document's settings and a notice says how to open the pane.
 */
import { issueCounts } from '../common/summary.js';
import type { Services } from '../taskpane/services.js';
import { RIBBON_FUNCTIONS } from './functionNames.js';
import { notify } from './notice.js';
import { type CommandEvent, type RibbonDeps, runRibbonCommand } from './ribbon.js';

/** The ribbon's dependencies from the page's services (Excel mode: workbook port and outcome channel present). */
export function ribbonDeps(services: Services): RibbonDeps {
  const { outcomes } = services;
  return {
    port: services.officePort!(),
    api: services.api,
    settings: services.settings.load(),
    notify,
    async handOver(outcome, open) {
      await outcomes!.store({ at: new Date().toISOString(), outcome, view: open ? 'issues' : 'results' });
      if (!open) return;
      if (outcomes!.shared && Office.addin?.showAsTaskpane) {
        await Office.addin.showAsTaskpane();
        return;
      }
      const { errors, warnings } = issueCounts(outcome.result.issues);
      await notify(
        errors > 0 ? '数据有错误' : '校验完成',
        `共 ${errors} 个错误、${warnings} 个警告，已列在「校验问题」工作表。点击“打开面板”可逐条定位到单元格。`,
      );
    },
  };
}

/**
 * Associates the commands at once (Office calls them as soon as the page has loaded); each click
 * waits, bounded, for `services`.
 */
export function registerRibbon(services: Promise<Services>): void {
  for (const [action, name] of Object.entries(RIBBON_FUNCTIONS) as [keyof typeof RIBBON_FUNCTIONS, string][]) {
    const handler = (event: CommandEvent) => runRibbonCommand(action, event, services.then(ribbonDeps), notify);
    // Hosts without Office.actions call the function file's global function of the manifest's name.
    if (Office.actions?.associate) Office.actions.associate(name, handler);
    else Object.assign(globalThis, { [name]: handler });
  }
}
