namespace Connector.Sandbox.Portal;

/// <summary>
/// The portal page's side of the frame protocol that <c>@bitrix24/b24jssdk</c> (and BX24.js) speak with their parent
/// (b24jssdk <c>frame/message/controller</c>): the app frame posts <c>command[:params]:callbackKey:appSid</c> to the
/// portal's origin (params a JSON string and may hold colons, so the first segment is the command and the last two the
/// key and the APP_SID); the portal answers <c>callbackKey:JSON</c> to the app's origin. A message is taken only from the
/// frame that owns that APP_SID and from the handler's origin. Answered: <c>getInitData</c> (the values of the form it
/// posted, <c>PLACEMENT_OPTIONS</c> as an object, <c>IS_ADMIN</c>, <c>INSTALL</c>/<c>FIRST_RUN</c> false),
/// <c>refreshAuth</c> (the same tokens: the sandbox issues new ones on reload), <c>resizeWindow</c> (what
/// <c>fitWindow</c> sends: the frame takes that height, and the width when it is a number), <c>setTitle</c>,
/// <c>setScroll</c>, <c>reloadWindow</c> (the portal page reloads, so a new form with new tokens is posted),
/// <c>setAppOption</c>/<c>setUserOption</c> (kept for the page's life), <c>setInstall</c>/<c>setInstallFinish</c>; any other
/// command is answered <c>{}</c> and shown in the page's log. Every message is recorded in
/// <c>window.sandboxPortal.messages</c> for the browser tests.
/// </summary>
internal static class SandboxPortalScript
{
    public const string Source = """
(() => {
  'use strict';
  const frames = JSON.parse(document.getElementById('sandbox-frames').textContent);
  const state = { messages: [], options: { app: {}, user: {} } };
  window.sandboxPortal = state;
  const log = document.getElementById('sandbox-log');
  const note = (text) => {
    if (!log) return;
    const item = document.createElement('li');
    item.textContent = text;
    log.appendChild(item);
    while (log.childNodes.length > 20) log.removeChild(log.firstChild);
  };
  const bySid = new Map(frames.map((f) => [f.appSid, f]));

  window.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    const parts = event.data.split(':');
    if (parts.length < 3) return;
    const appSid = parts[parts.length - 1];
    const key = parts[parts.length - 2];
    const command = parts[0];
    const raw = parts.slice(1, parts.length - 2).join(':');
    const frame = bySid.get(appSid);
    if (!frame) return;
    const element = document.getElementById(frame.frameId);
    if (!element || event.source !== element.contentWindow || event.origin !== frame.appOrigin) return;
    let params = null;
    try { params = raw ? JSON.parse(raw) : null; } catch { params = raw; }
    state.messages.push({ frame: frame.frameId, command, params });
    const answer = (value) => element.contentWindow.postMessage(key + ':' + JSON.stringify(value ?? {}), frame.appOrigin);
    switch (command) {
      case 'getInitData':
        answer(Object.assign({}, frame.init, { APP_OPTIONS: state.options.app, USER_OPTIONS: state.options.user }));
        note(frame.frameId + ': getInitData');
        break;
      case 'refreshAuth':
        answer({ AUTH_ID: frame.init.AUTH_ID, REFRESH_ID: frame.init.REFRESH_ID, AUTH_EXPIRES: frame.init.AUTH_EXPIRES });
        break;
      case 'resizeWindow': {
        const height = Number(params && params.height);
        if (height > 0) element.style.height = Math.ceil(height) + 'px';
        const width = params && params.width;
        if (typeof width === 'number' && width > 0) element.style.width = Math.ceil(width) + 'px';
        else if (typeof width === 'string' && /^\d+(\.\d+)?(%|px)?$/.test(width)) element.style.width = /%|px$/.test(width) ? width : width + 'px';
        answer({ width: element.offsetWidth, height: element.offsetHeight });
        break;
      }
      case 'setTitle': {
        const title = document.getElementById(frame.titleId);
        if (title && params && typeof params.title === 'string') title.textContent = params.title;
        answer({});
        break;
      }
      case 'setScroll':
        window.scrollTo(0, Number(params && params.scroll) || 0);
        answer({});
        break;
      case 'reloadWindow':
        answer({});
        window.location.reload();
        break;
      case 'setAppOption':
      case 'setUserOption':
        if (params && typeof params.name === 'string') state.options[command === 'setAppOption' ? 'app' : 'user'][params.name] = params.value;
        answer({});
        break;
      case 'setInstall':
      case 'setInstallFinish':
        answer({});
        break;
      default:
        note(frame.frameId + ': ' + command + ' (not in the sandbox)');
        answer({});
    }
  });

  for (const form of document.querySelectorAll('form[data-placement]')) form.submit();
  for (const select of document.querySelectorAll('[data-autosubmit]')) select.addEventListener('change', () => select.form.submit());
  for (const tab of document.querySelectorAll('[data-card-tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[data-card-tab]')) other.setAttribute('aria-selected', String(other === tab));
      for (const panel of document.querySelectorAll('[data-card-panel]')) panel.hidden = panel.id !== tab.getAttribute('aria-controls');
    });
  }
})();
""";
}
