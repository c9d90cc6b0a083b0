/**
 * Entry of taskpane.html. Inside Excel it is the task pane; opened in a plain browser (Office.js
 * reports no host, or did not load) it is the browser mode for WPS and LibreOffice users.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { loadRuntimeConfig } from '../shared/runtimeConfig.js';
import { createServices, type HostMode } from './services.js';

async function hostMode(): Promise<HostMode> {
  if (typeof Office === 'undefined') return 'browser';
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? 'office' : 'browser';
}

const root = createRoot(document.getElementById('root')!);
// The deployment's config.json is loaded before the services read the settings and sign in.
void Promise.all([hostMode(), loadRuntimeConfig()])
  .then(([mode]) => createServices(mode))
  .then((services) => root.render(<App services={services} />));
