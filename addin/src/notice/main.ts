/** Entry of notice.html: shows the title and message it was opened with; 确定 closes it. */
const params = new URLSearchParams(location.search);
document.getElementById('title')!.textContent = params.get('title') ?? '提示';
document.getElementById('message')!.textContent = params.get('message') ?? '';
document.getElementById('ok')!.addEventListener('click', () => {
  if (typeof Office !== 'undefined' && Office.context?.ui) Office.context.ui.messageParent('close');
  else window.close();
});
void (typeof Office !== 'undefined' ? Office.onReady() : Promise.resolve());
