/**
 * Entry of taskpane.html. Inside Excel it is the task pane and the ribbon's function file (one
 * shared runtime); opened in a plain browser (Office.js reports no host, or did not load) it is
 * the browser mode for WPS and LibreOffice users. A webview too old for this code has already been
 * told so by the page's classic script (window.khTooOld), and nothing here runs.
 */
import { createRoot } from 'react-dom/client';
import { registerRibbon } from '../commands/main.js';
import { loadRuntimeConfig } from '../common/runtimeConfig.js';
import { App } from './App.js';
import { createServices, type HostMode } from './services.js';

async function hostMode(): Promise<HostMode> {
  if (typeof Office === 'undefined') return 'browser';
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? 'office' : 'browser';
}

if (!(window as { khTooOld?: boolean }).khTooOld) {
  const mode = hostMode();
  // The deployment's config.json is loaded before the services read the settings and sign in.
  const services = Promise.all([mode, loadRuntimeConfig()]).then(([m]) => createServices(m));
  // The ribbon's commands are associated as soon as Office is ready; each click waits for the services.
  void mode.then((m) => m === 'office' && registerRibbon(services));
  const root = createRoot(document.getElementById('root')!);
  void services.then((s) => root.render(<App services={s} />));
}
