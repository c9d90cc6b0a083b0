/** A short notice from a ribbon command: Excel has no toast for add-ins, so a small dialog. */

/** Shows `title` and `message` in notice.html and resolves once the dialog is closed or failed to open. */
export function notify(title: string, message: string): Promise<void> {
  const url = new URL('notice.html', location.href);
  url.searchParams.set('title', title);
  url.searchParams.set('message', message);
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(url.href, { height: 28, width: 32, displayInIframe: true }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) {
        resolve();
        return;
      }
      const dialog = opened.value;
      const close = () => {
        dialog.close();
        resolve();
      };
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, close);
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
    });
  });
}
