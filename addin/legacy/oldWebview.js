/*
 * 目标管理考核: the first, classic script of every page of the add-in, in ES5 only (checked with a
 * real ES5 parser by test/addin/oldWebview.test.ts). The pages themselves are ES2020 modules that
 * Internet Explorer 11 (always the webview of volume-licensed Excel 2019) and the old Edge webview
 * of Office 2016/2019 cannot run: there this script says so in Chinese, points to the 网页版, and
 * answers the ribbon's commands with the same notice, so that no click stays pending.
 */
(function () {
  var modern = false;
  try {
    modern =
      typeof Promise !== 'undefined' &&
      typeof Promise.allSettled === 'function' &&
      typeof Object.fromEntries === 'function' &&
      'noModule' in document.createElement('script') &&
      new Function('var a = { b: { c: 1 } }; return (a?.b?.c ?? 0) === 1 && typeof globalThis === "object";')() === true;
  } catch (e) {
    modern = false;
  }
  if (modern) return;
  window.khTooOld = true;

  var page = location.href.split('#')[0].split('?')[0];
  var webVersion = page.replace(/[^\/]*$/, 'taskpane.html');
  var title = '此版本的 Office 无法运行目标管理考核';
  var text =
    '这台电脑上的 Excel 内置的是旧版浏览器（Internet Explorer 或旧版 Edge），无法运行本加载项。' +
    '请改用网页版：在 Edge、Chrome 或 360 浏览器（极速模式）中打开下面的地址，把考核工作簿拖进去，' +
    '点击“计算考核”后下载带结果的工作簿。升级到 Excel 2021 或 Microsoft 365 后即可在 Excel 中直接使用。';

  function show() {
    var body = document.body;
    if (!body) return;
    body.innerHTML = '';
    body.style.fontFamily = '"Microsoft YaHei", "SimSun", sans-serif';
    body.style.padding = '12px 16px';
    var heading = document.createElement('h1');
    heading.style.fontSize = '16px';
    heading.appendChild(document.createTextNode(title));
    var paragraph = document.createElement('p');
    paragraph.style.fontSize = '14px';
    paragraph.style.lineHeight = '1.6';
    paragraph.appendChild(document.createTextNode(text));
    var link = document.createElement('a');
    link.href = webVersion;
    link.target = '_blank';
    link.style.wordBreak = 'break-all';
    link.appendChild(document.createTextNode(webVersion));
    body.appendChild(heading);
    body.appendChild(paragraph);
    body.appendChild(link);
  }

  function command(event) {
    var finished = false;
    function done() {
      if (finished) return;
      finished = true;
      if (event && event.completed) event.completed();
    }
    // The notice page shows the same text here (its own copy of this script runs first).
    var notice = page.replace(/[^\/]*$/, 'notice.html');
    try {
      window.Office.context.ui.displayDialogAsync(notice, { height: 40, width: 40, displayInIframe: true }, function (result) {
        if (result.status !== 'succeeded') return done();
        result.value.addEventHandler('dialogEventReceived', done);
      });
    } catch (e) {
      done();
    }
    window.setTimeout(done, 60000);
  }

  // The ribbon's functions (addin/src/commands/functionNames.ts): global for function files.
  window.computeAssessment = command;
  window.validateWorkbook = command;

  function ready() {
    show();
    var office = window.Office;
    if (!office) return;
    // Office.js on old hosts waits for an initialize handler before it calls any function.
    office.initialize = function () {};
    if (office.actions && office.actions.associate) {
      office.actions.associate('computeAssessment', command);
      office.actions.associate('validateWorkbook', command);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
