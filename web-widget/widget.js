/*! Babel Desk shopper chat widget · protocol v1 · no dependencies */
(() => {
  'use strict';
  if (window.BabelDesk && window.BabelDesk.version) return; // loaded twice

  // Replaced by the server at serve time with {"en": {...}, "de": {...}, ...} from web-widget/i18n/*.json.
  const I18N = __BABELDESK_I18N__;

  const script = document.currentScript;
  const ds = (script && script.dataset) || {};
  const gc = window.BabelDeskConfig || {};
  const cfg = (k) => (gc[k] != null && gc[k] !== '' ? String(gc[k]) : ds[k] || '');
  const base = new URL(cfg('server') || (script && script.src) || location.href, location.href);
  const ORIGIN = base.origin;
  const WS_URL = ORIGIN.replace(/^http/, 'ws') + '/ws/chat';
  const KEY = 'babeldesk:' + ORIGIN;
  const RTL = ['ar', 'he', 'fa', 'ur'];
  const MAX = 2000;
  const PHOTO_SIDE = 1600; // longest side of a photo sent (the server stores no more either)

  // ---------- locale ----------
  const langs = Object.keys(I18N || {});
  const match = (tag) => {
    if (!tag) return null;
    const p = String(tag).toLowerCase().split(/[-_]/)[0];
    return langs.includes(p) ? p : null;
  };
  let localeTag = cfg('locale') || document.documentElement.lang || navigator.language || 'en';
  let lang = match(localeTag) || 'en';
  const t = (k, vars) => {
    let s = (I18N[lang] && I18N[lang][k]) || (I18N.en && I18N.en[k]) || k;
    if (vars) for (const v in vars) s = s.split('{' + v + '}').join(vars[v] == null ? '' : vars[v]);
    return s;
  };

  // ---------- storage ----------
  const load = () => { try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch { return {}; } };
  let store = load();
  const save = () => { try { localStorage.setItem(KEY, JSON.stringify(store)); } catch { /* private mode */ } };
  const uid = () => {
    try { return crypto.randomUUID(); } catch { /* insecure context */ }
    let s = 'm';
    const a = new Uint8Array(16);
    (window.crypto && crypto.getRandomValues) ? crypto.getRandomValues(a) : a.forEach((_, i) => { a[i] = Math.random() * 256; });
    a.forEach((b) => { s += b.toString(16).padStart(2, '0'); });
    return s;
  };

  // ---------- events ----------
  const handlers = {};
  const emit = (ev, data) => (handlers[ev] || []).slice().forEach((fn) => { try { fn(data); } catch (e) { console.error(e); } });

  // ---------- colour / contrast ----------
  const accent = /^#[0-9a-f]{6}$/i.test(cfg('color')) ? cfg('color') : '#0b5fff';
  const lum = (hex) => {
    const c = [1, 3, 5].map((i) => parseInt(hex.substr(i, 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const onAccent = 1.05 / (lum(accent) + 0.05) >= 4.5 ? '#ffffff' : '#111111';
  const side = cfg('position') === 'left' ? 'left' : 'right';

  // ---------- DOM ----------
  const h = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    kids.forEach((c) => c != null && e.append(c));
    return e;
  };
  const svg = (d, size = 22) => {
    const t2 = document.createElement('template');
    t2.innerHTML = `<svg width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${d}</svg>`;
    return t2.content.firstChild;
  };
  const ICON = {
    chat: '<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z"/>',
    x: '<path d="M6 6l12 12M18 6L6 18"/>',
    send: '<path d="M4 12l16-8-6 16-2.5-6.5z"/><path d="M11.5 13.5L20 4"/>',
    up: '<path d="M7 10v10H4V10zM7 10l4-7c1.7 0 2.6 1 2.3 2.6L12.8 9H19a2 2 0 0 1 2 2.3l-1.2 7A2 2 0 0 1 17.8 20H7"/>',
    down: '<path d="M17 14V4h3v10zM17 14l-4 7c-1.7 0-2.6-1-2.3-2.6l.5-3.4H5a2 2 0 0 1-2-2.3l1.2-7A2 2 0 0 1 6.2 4H17"/>',
    person: '<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>',
    save: '<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>',
    trash: '<path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"/>',
    camera: '<path d="M3 9a2 2 0 0 1 2-2h2l1.5-2.5h7L17 7h2a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/><circle cx="12" cy="13" r="3.5"/>',
  };

  const CSS = `
:host{all:initial!important}
*{box-sizing:border-box}
.bd{--a:${accent};--on:${onAccent};--fg:#16181d;--mut:#4b5260;--bg:#fff;--soft:#f1f3f6;--line:#d9dde3;
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Noto Sans Arabic","Noto Sans CJK SC","PingFang SC","Hiragino Sans","Microsoft YaHei",sans-serif;color:var(--fg);-webkit-font-smoothing:antialiased}
button,textarea{font:inherit;color:inherit}
button{cursor:pointer;border:0;background:none;padding:0}
:focus-visible{outline:3px solid var(--fg);outline-offset:2px;box-shadow:0 0 0 5px #fff}
.launch{position:fixed;bottom:20px;${side}:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;background:var(--a);color:var(--on);display:grid;place-items:center;box-shadow:0 6px 20px rgba(0,0,0,.25);transition:transform .15s}
.launch:hover{transform:scale(1.06)}
.badge{position:absolute;top:-4px;inset-inline-end:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c8102e;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;box-shadow:0 0 0 2px #fff}
.panel{position:fixed;bottom:92px;${side}:20px;z-index:2147483001;width:380px;height:min(600px,calc(100vh - 112px));display:flex;flex-direction:column;background:var(--bg);border-radius:16px;overflow:hidden;box-shadow:0 12px 48px rgba(0,0,0,.28);border:1px solid var(--line)}
[hidden]{display:none!important}
.head{display:flex;align-items:center;gap:12px;padding:14px 16px;background:var(--a);color:var(--on)}
.av{flex:none;width:38px;height:38px;border-radius:50%;display:grid;place-items:center;background:rgba(255,255,255,.18);border:1px solid currentColor}
.ht{flex:1;min-width:0}
.ht h2{margin:0;font-size:17px;font-weight:700;line-height:1.2}
.sl{margin:2px 0 0;font-size:13px;line-height:1.3}
.sl:before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;background:#3ddc84;margin-inline-end:6px;box-shadow:0 0 0 1.5px var(--on)}
.bd[data-conn=offline] .sl:before,.bd[data-state=closed] .sl:before{background:#9aa1ab}
.bd[data-state=waiting] .sl:before{background:#ffb020}
.xb,.eb{flex:none;width:40px;height:40px;border-radius:10px;display:grid;place-items:center;color:var(--on)}
.xb:hover,.eb:hover{background:rgba(255,255,255,.16)}
.cf{padding:10px 16px;border-bottom:1px solid var(--line);background:#fde8ea;color:#7a0a18;font-size:14px;display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.cf p{margin:0;flex:1 1 100%}
.cf button{padding:6px 12px;border-radius:8px;border:1px solid currentColor;font-weight:600}
.cf .yes{background:#7a0a18;color:#fff;border-color:#7a0a18}
.head :focus-visible{outline-color:var(--on);box-shadow:none}
.ban{padding:9px 16px;font-size:14px;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.ban[data-kind=offline],.ban[data-kind=connecting]{background:#fff4d6;color:#5a4300}
.ban[data-kind=waiting]{background:#e8f0ff;color:#0a2a66}
.ban[data-kind=agent]{background:#e5f6ec;color:#0d4a24}
.ban[data-kind=closed]{background:var(--soft);color:var(--fg)}
.ban[data-kind=error]{background:#fde8ea;color:#7a0a18}
.log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:10px;overscroll-behavior:contain;background:#fbfbfc}
.m{max-width:85%;display:flex;flex-direction:column;gap:4px}
.m .bub{padding:9px 13px;border-radius:16px;overflow-wrap:anywhere;white-space:pre-wrap}
.m.shopper{align-self:flex-end;align-items:flex-end}
.m.shopper .bub{background:var(--a);color:var(--on);border-end-end-radius:4px}
.m.bot,.m.agent{align-self:flex-start}
.m.bot .bub,.m.agent .bub{background:var(--bg);border:1px solid var(--line);border-end-start-radius:4px}
.m.bot .bub{white-space:normal}
.bub p{margin:0 0 .6em}.bub p:last-child{margin:0}
.bub ul,.bub ol{margin:.3em 0 .6em;padding-inline-start:1.3em}
.bub a{color:#0645ad;text-decoration:underline}
.bub code{font-family:ui-monospace,monospace;font-size:.9em;background:var(--soft);padding:0 .25em;border-radius:4px}
.m.system{align-self:center;max-width:92%;text-align:center;font-size:13px;color:var(--mut)}
.m.system .bub{padding:2px 8px;white-space:normal}
.who{font-size:12px;color:var(--mut);padding:0 4px}
.st{font-size:12px;color:var(--mut)}
.pending .bub{opacity:.75}
.failed .bub{opacity:1;outline:2px solid #c8102e}
.failed .st{color:#a0001a}
.ch{display:flex;flex-wrap:wrap;gap:6px}
.ch span{width:100%;font-size:13px;color:var(--mut)}
.ch button,.hum,.nc{border:1.5px solid var(--a);color:var(--fg);background:var(--bg);border-radius:18px;padding:6px 13px;font-size:14px;text-align:start}
.ch button:hover,.hum:hover,.nc:hover{background:var(--soft)}
.ch button[aria-pressed=true]{background:var(--a);color:var(--on)}
.ch button:disabled,.hum:disabled{cursor:default}
.hum:disabled{opacity:.55}
.ch button:disabled:not([aria-pressed=true]){opacity:.55}
.rt{display:flex;flex-direction:column;gap:6px;margin-top:6px}.rt textarea{font:inherit;border:1px solid var(--line,#ccd);border-radius:8px;padding:6px}
.fb{display:flex;gap:4px;align-items:center;font-size:12px;color:var(--mut)}
.fb button{width:32px;height:32px;border-radius:8px;display:grid;place-items:center;color:var(--mut)}
.fb button:hover{background:var(--soft);color:var(--fg)}
.fb button[aria-pressed=true]{color:var(--a);background:var(--soft)}
.fb button:disabled{cursor:default}
.typ{padding:0 16px 6px;font-size:13px;color:var(--mut);display:flex;align-items:center;gap:8px;background:#fbfbfc}
.dots{display:inline-flex;gap:3px}
.dots i{width:6px;height:6px;border-radius:50%;background:var(--mut);animation:bd 1.2s infinite}
.dots i:nth-child(2){animation-delay:.2s}.dots i:nth-child(3){animation-delay:.4s}
@keyframes bd{0%,60%,100%{opacity:.3;transform:none}30%{opacity:1;transform:translateY(-3px)}}
@media (prefers-reduced-motion:reduce){.dots i{animation:none}.launch{transition:none}}
.foot{border-top:1px solid var(--line);padding:10px 12px 12px;display:flex;flex-direction:column;gap:8px;background:var(--bg)}
.hum{align-self:flex-start;display:inline-flex;align-items:center;gap:6px;font-size:13px;padding:5px 12px}
.row{display:flex;align-items:flex-end;gap:8px}
textarea{flex:1;resize:none;min-height:44px;max-height:120px;padding:10px 12px;border:1.5px solid #8a919c;border-radius:12px;background:var(--bg);line-height:1.4}
textarea:focus-visible{outline:2px solid var(--a);outline-offset:0;box-shadow:none;border-color:var(--a)}
textarea:disabled{background:var(--soft)}
textarea::placeholder{color:#646b76;opacity:1}
.sb{flex:none;width:44px;height:44px;border-radius:12px;background:var(--a);color:var(--on);display:grid;place-items:center}
.sb:disabled{opacity:.5;cursor:default}
.pb{flex:none;width:44px;height:44px;border-radius:12px;display:grid;place-items:center;color:var(--mut)}
.pb:hover{background:var(--soft);color:var(--fg)}
.pb:disabled{opacity:.5;cursor:default}
.m .ph{padding:4px;line-height:0}
.ph img{display:block;max-width:100%;height:auto;border-radius:12px;background:var(--soft);color:transparent}
.ph span{display:block;padding:6px 9px;line-height:1.4;font-size:13px}
[dir=rtl] .sb svg{transform:scaleX(-1)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:479px){.panel{inset:0;width:100%;height:100%;max-height:none;border-radius:0;border:0}.bd.open .launch{display:none}}
`;

  // ---------- sanitiser (defence in depth; the server already renders inert HTML) ----------
  const BAD_TAGS = 'script,style,iframe,object,embed,link,meta,base,form,frame,frameset,template,noscript,svg,math';
  const URL_ATTRS = ['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'background', 'srcset', 'data'];
  const sanitize = (html) => {
    const tpl = document.createElement('template');
    tpl.innerHTML = String(html || '');
    const f = tpl.content;
    f.querySelectorAll(BAD_TAGS).forEach((e) => e.remove());
    f.querySelectorAll('*').forEach((e) => {
      for (const a of Array.from(e.attributes)) {
        const n = a.name.toLowerCase();
        const v = a.value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
        if (n.startsWith('on') || n === 'style' || n === 'srcdoc' ||
            (URL_ATTRS.includes(n) && /^(javascript|data|vbscript):/.test(v))) e.removeAttribute(a.name);
      }
      if (e.tagName === 'A') { e.setAttribute('target', '_blank'); e.setAttribute('rel', 'noopener noreferrer'); }
    });
    return f;
  };

  // ---------- build UI ----------
  const host = h('div', { id: 'babeldesk-root', 'data-babeldesk': '' });
  const shadow = host.attachShadow({ mode: 'open' });
  const style = h('style', { text: CSS });
  const badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  const launcher = h('button', { class: 'launch', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'bd-panel', onclick: () => toggle() }, svg(ICON.chat, 28), badge);
  const titleEl = h('h2', { id: 'bd-title' });
  const stateLine = h('p', { class: 'sl', 'aria-live': 'polite' });
  const closeBtn = h('button', { class: 'xb', type: 'button', onclick: () => close() }, svg(ICON.x));
  const saveBtn = h('button', { class: 'xb sv', type: 'button', onclick: () => saveTranscript() }, svg(ICON.save));
  // Deleting the conversation (the shopper's right to erasure) asks first, in the panel itself.
  const eraseBtn = h('button', { class: 'eb', type: 'button', hidden: true, onclick: () => askErase(true) }, svg(ICON.trash));
  const eraseNo = h('button', { class: 'no', type: 'button', 'data-t': 'erase_no', onclick: () => askErase(false) });
  const eraseYes = h('button', { class: 'yes', type: 'button', 'data-t': 'erase_yes', onclick: () => { askErase(false); send({ type: 'erase' }); } });
  const confirmBar = h('div', { class: 'cf', role: 'alertdialog', 'aria-labelledby': 'bd-cf', hidden: true },
    h('p', { id: 'bd-cf', 'data-t': 'erase_confirm' }), eraseYes, eraseNo);
  const banner = h('div', { class: 'ban', role: 'status', hidden: true });
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: '0' });
  const typingEl = h('div', { class: 'typ', hidden: true, 'aria-live': 'polite' }, h('span', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), h('span'));
  const humanBtn = h('button', { class: 'hum', type: 'button', onclick: () => send({ type: 'request_human' }) }, svg(ICON.person, 16), h('span'));
  const input = h('textarea', { rows: '1', maxlength: String(MAX), autocomplete: 'off', enterkeyhint: 'send' });
  const sendBtn = h('button', { class: 'sb', type: 'button', onclick: () => submit() }, svg(ICON.send));
  // Photos (a damaged parcel, a wrong item): only when the server said it takes them (welcome.photos).
  const fileInput = h('input', { type: 'file', accept: 'image/*', hidden: true, tabindex: '-1', onchange: () => pickPhoto() });
  const photoBtn = h('button', { class: 'pb', type: 'button', hidden: true, onclick: () => fileInput.click() }, svg(ICON.camera));
  const panel = h('div', { class: 'panel', id: 'bd-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'bd-title', hidden: true },
    h('div', { class: 'head' }, h('div', { class: 'av', 'aria-hidden': 'true' }, svg(ICON.chat, 20)), h('div', { class: 'ht' }, titleEl, stateLine), saveBtn, eraseBtn, closeBtn),
    confirmBar, banner, log, typingEl,
    h('div', { class: 'foot' }, humanBtn, h('div', { class: 'row' }, photoBtn, fileInput, input, sendBtn)));
  const root = h('div', { class: 'bd', 'data-conn': 'idle', 'data-state': 'bot' }, panel, launcher);
  shadow.append(style, root);

  // ---------- state ----------
  let ws = null;
  let welcomed = false;
  let conn = 'idle'; // idle | connecting | online | offline
  let attempt = 0;
  let retryTimer = 0;
  let pingTimer = 0;
  let isOpen = false;
  let conv = { state: 'bot', position: null, agent: null };
  let maxSeq = 0; // highest seq rendered on this page
  let identity = null;
  let helloLang = null;
  let notice = null; // {key} transient error banner
  let noticeTimer = 0;
  let typingFrom = null;
  let typingTimer = 0;
  let myTyping = false;
  let myTypingAt = 0;
  let myTypingTimer = 0;
  const seen = new Map(); // seq -> element
  const received = new Map(); // seq -> message, for the shopper's copy of the chat
  const pendingEls = new Map(); // id -> element
  let photoMax = 0; // largest photo the server takes, in bytes; 0: no photos
  const photoUrls = new Map(); // photo id -> promise of an object URL (fetched once, with the resume token)
  const myPhotos = new Map(); // client id -> object URL of a photo this page is sending (its preview)
  store.pending = Array.isArray(store.pending) ? store.pending : [];

  const setLang = (l) => {
    if (!I18N[l] || l === lang) return;
    lang = l;
    applyI18n();
  };

  const applyI18n = () => {
    root.setAttribute('lang', lang);
    root.setAttribute('dir', RTL.includes(lang) ? 'rtl' : 'ltr');
    titleEl.textContent = cfg('title') || t('title');
    panel.setAttribute('aria-label', t('dialog_label'));
    log.setAttribute('aria-label', t('log_label'));
    closeBtn.setAttribute('aria-label', t('close_chat'));
    closeBtn.title = t('close_chat');
    saveBtn.setAttribute('aria-label', t('save_chat'));
    saveBtn.title = t('save_chat');
    eraseBtn.setAttribute('aria-label', t('erase_chat'));
    eraseBtn.title = t('erase_chat');
    humanBtn.lastChild.textContent = t('talk_human');
    input.placeholder = t('placeholder');
    input.setAttribute('aria-label', t('input_label'));
    sendBtn.setAttribute('aria-label', t('send'));
    sendBtn.title = t('send');
    photoBtn.setAttribute('aria-label', t('photo_send'));
    photoBtn.title = t('photo_send');
    shadow.querySelectorAll('[data-t]').forEach((e) => { e.textContent = t(e.dataset.t); });
    shadow.querySelectorAll('[data-tl]').forEach((e) => { e.setAttribute('aria-label', t(e.dataset.tl)); e.title = t(e.dataset.tl); });
    shadow.querySelectorAll('img[data-photo]').forEach((e) => { e.alt = t('photo_alt'); });
    render();
  };

  const unreadCount = () => {
    let n = 0;
    seen.forEach((el, seq) => { if (seq > (store.readSeq || 0) && el.dataset.from !== 'shopper') n++; });
    return n;
  };

  // Renders everything that depends on connection / conversation state.
  const render = () => {
    const s = conv.state;
    root.dataset.conn = conn;
    root.dataset.state = s;
    root.classList.toggle('open', isOpen);
    const unread = isOpen ? 0 : unreadCount();
    badge.hidden = !unread;
    badge.textContent = unread > 9 ? '9+' : String(unread);
    launcher.setAttribute('aria-expanded', String(isOpen));
    launcher.setAttribute('aria-label', (isOpen ? t('close_chat') : t('launcher_open')) + (unread ? ' (' + t('unread', { count: unread }) + ')' : ''));
    launcher.firstChild.replaceWith(svg(isOpen ? ICON.x : ICON.chat, 28));
    stateLine.textContent = s === 'waiting' ? t('state_waiting') : s === 'agent' ? t('state_agent', { agent: conv.agent || t('agent') })
        : s === 'closed' ? t('state_closed') : t('state_bot');
    // banner: connection problems first, then transient errors, then conversation state
    let kind = null;
    let text = '';
    let withNew = false;
    if (conn === 'offline') { kind = 'offline'; text = t('reconnecting'); }
    else if (conn === 'connecting' && !welcomed) { kind = 'connecting'; text = t('connecting'); }
    else if (notice) { kind = notice === 'erased' ? 'closed' : 'error'; text = t(notice); }
    else if (s === 'waiting') { kind = 'waiting'; text = conv.position ? t('banner_waiting', { position: conv.position }) : t('banner_waiting_plain'); }
    else if (s === 'agent') { kind = 'agent'; text = t('banner_agent', { agent: conv.agent || t('agent') }); }
    else if (s === 'closed') { kind = 'closed'; text = t('banner_closed'); withNew = true; }
    banner.hidden = !kind;
    banner.dataset.kind = kind || '';
    banner.replaceChildren(h('span', { text }));
    if (withNew) banner.append(h('button', { class: 'nc', type: 'button', onclick: newConversation, text: t('new_conversation') }));
    humanBtn.hidden = s !== 'bot';
    humanBtn.disabled = !welcomed;
    // not while a person has it or it waits for one (the server refuses that too), nor before it exists
    eraseBtn.hidden = !welcomed || !store.conversation || s === 'waiting' || s === 'agent' || maxSeq === 0;
    if (eraseBtn.hidden && !confirmBar.hidden) askErase(false);
    input.disabled = s === 'closed';
    sendBtn.disabled = s === 'closed';
    photoBtn.hidden = !photoMax || s === 'closed';
    photoBtn.disabled = !store.resume;
    typingEl.hidden = !typingFrom;
    if (typingFrom) typingEl.lastChild.textContent = typingFrom === 'agent' ? t('typing_agent', { agent: conv.agent || t('agent') }) : t('typing_bot');
  };

  const scrollDown = () => { log.scrollTop = log.scrollHeight; };

  // ---------- messages ----------
  const insertOrdered = (el, seq) => {
    let before = null;
    for (const c of log.children) {
      if (c.classList.contains('pending') || Number(c.dataset.seq) > seq) { before = c; break; }
    }
    log.insertBefore(el, before);
  };

  const feedbackRow = (seq) => {
    const row = h('div', { class: 'fb' });
    const mk = (helpful) => h('button', {
      type: 'button', 'data-tl': helpful ? 'helpful' : 'not_helpful', 'aria-label': t(helpful ? 'helpful' : 'not_helpful'), title: t(helpful ? 'helpful' : 'not_helpful'), 'aria-pressed': 'false',
      onclick: (e) => {
        if (!send({ type: 'feedback', seq, helpful })) return;
        row.querySelectorAll('button').forEach((b) => { b.disabled = true; });
        e.currentTarget.setAttribute('aria-pressed', 'true');
        row.append(h('span', { 'data-t': 'feedback_thanks', text: t('feedback_thanks') }));
      },
    }, svg(helpful ? ICON.up : ICON.down, 17));
    row.append(mk(true), mk(false));
    return row;
  };

  // After a person closed the conversation: 1-5 and an optional comment, sent once.
  const ratingForm = () => {
    let score = 0;
    const form = h('div', { class: 'rt', role: 'group', 'aria-label': t('survey') });
    const stars = h('div', { class: 'ch' });
    const comment = h('textarea', { rows: '2', maxlength: '2000', 'aria-label': t('rate_comment'), placeholder: t('rate_comment') });
    const submit = h('button', { type: 'button', class: 'nc', text: t('rate_submit'), disabled: 'disabled',
      onclick: () => {
        if (!score || !send({ type: 'rating', score, comment: comment.value.trim() || undefined })) return;
        form.querySelectorAll('button,textarea').forEach((b) => { b.disabled = true; });
      } });
    for (let n = 1; n <= 5; n++) {
      stars.append(h('button', { type: 'button', 'data-score': String(n), 'aria-pressed': 'false',
        'aria-label': t('rate_star').replace('{n}', String(n)), text: '★'.repeat(n),
        onclick: (e) => {
          score = n;
          stars.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b === e.currentTarget)));
          submit.disabled = false;
        } }));
    }
    form.append(stars, comment, submit);
    return form;
  };

  // ---------- photos ----------
  // A message's photo is laid out at its size at once (no jump) and fetched with the resume token (an <img>
  // cannot send it) when it comes near the view, then shown from an object URL, once per photo.
  // Its width and height attributes: the photo's shape, at most 240 px high (CSS narrows it further to the bubble).
  const fit = (w, ht) => {
    if (!(w > 0 && ht > 0 && w < 1e5 && ht < 1e5)) return {};
    const k = Math.min(1, 240 / ht);
    return { width: Math.max(1, Math.round(w * k)), height: Math.max(1, Math.round(ht * k)) };
  };
  const fetchPhoto = (id, token, again) => fetch(ORIGIN + '/api/chat/photos/' + encodeURIComponent(id), { headers: { Authorization: 'Bearer ' + token }, credentials: 'omit' })
    .then((r) => (r.ok ? r.blob() : Promise.reject(r.status)))
    .catch((e) => (again && !(e >= 400 && e < 500) ? new Promise((ok) => setTimeout(ok, 3000)).then(() => fetchPhoto(id, token, false)) : Promise.reject(e)));
  const showPhoto = (img) => {
    const id = img.dataset.photo;
    let u = photoUrls.get(id);
    if (!u) {
      u = fetchPhoto(id, store.resume, true).then((b) => URL.createObjectURL(b));
      u.catch(() => { if (photoUrls.get(id) === u) photoUrls.delete(id); }); // a later showing tries again
      photoUrls.set(id, u);
    }
    const failed = () => img.replaceWith(h('span', { 'data-t': 'photo_unavailable', text: t('photo_unavailable') }));
    img.onerror = failed;
    u.then((url) => { img.src = url; }, failed);
  };
  const lazy = window.IntersectionObserver ? new IntersectionObserver((es) => es.forEach((e) => {
    if (e.isIntersecting) { lazy.unobserve(e.target); showPhoto(e.target); }
  }), { root: log, rootMargin: '400px 0px' }) : null;
  const photoEl = (p, clientId) => {
    const img = h('img', { 'data-photo': p.id, alt: t('photo_alt'), ...fit(p.width, p.height) });
    const mine = clientId && myPhotos.get(clientId);
    if (mine) { myPhotos.delete(clientId); photoUrls.set(p.id, Promise.resolve(mine)); } // the preview of the upload
    if (photoUrls.has(p.id) || !lazy) showPhoto(img); else lazy.observe(img);
    return img;
  };

  // The chosen picture drawn again here, at most PHOTO_SIDE px, as a JPEG: this applies the phone's rotation,
  // leaves its metadata (the GPS position) behind before anything leaves the device, and keeps it small.
  const shrink = async (file) => {
    let src = null;
    let url = null;
    try {
      try { src = await createImageBitmap(file, { imageOrientation: 'from-image' }); } catch {
        url = URL.createObjectURL(file); // older browsers: an <img> (which also follows the rotation)
        src = new Image();
        src.src = url;
        await src.decode();
      }
      const w = src.naturalWidth || src.width;
      const ht = src.naturalHeight || src.height;
      const k = Math.min(1, PHOTO_SIDE / Math.max(w, ht));
      const c = h('canvas', { width: Math.max(1, Math.round(w * k)), height: Math.max(1, Math.round(ht * k)) });
      const g = c.getContext('2d');
      g.fillStyle = '#fff'; // a JPEG has no transparency
      g.fillRect(0, 0, c.width, c.height);
      g.drawImage(src, 0, 0, c.width, c.height);
      let blob = null;
      for (const q of [0.85, 0.6]) { // a shop with a low limit: try once more, smaller
        blob = await new Promise((ok) => c.toBlob(ok, 'image/jpeg', q));
        if (!blob || blob.size <= photoMax) break;
      }
      return blob && { blob, width: c.width, height: c.height };
    } finally {
      if (src && src.close) src.close();
      if (url) URL.revokeObjectURL(url);
    }
  };

  const pickPhoto = async () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = ''; // the same photo can be chosen again
    if (!file || !photoMax || !store.resume || conv.state === 'closed') return;
    let shrunk = null;
    try { shrunk = await shrink(file); } catch { /* not a picture this browser can read */ }
    if (!shrunk) return showNotice('err_photo_unreadable');
    if (shrunk.blob.size > photoMax) return showNotice('err_photo_too_large');
    const id = uid();
    const url = URL.createObjectURL(shrunk.blob);
    myPhotos.set(id, url);
    const el = h('div', { class: 'm shopper pending', 'data-id': id, 'data-from': 'shopper' },
      h('span', { class: 'sr', 'data-t': 'you', text: t('you') }),
      h('div', { class: 'bub ph' }, h('img', { src: url, alt: t('photo_alt'), 'data-photo': '', ...fit(shrunk.width, shrunk.height) })),
      h('span', { class: 'st', 'data-t': 'sending', text: t('sending') }));
    pendingEls.set(id, el);
    log.append(el);
    scrollDown();
    uploadPhoto(id, shrunk.blob, store.resume, 2);
  };

  const PHOTO_ERRORS = { photo_too_large: 'err_photo_too_large', too_many_pixels: 'err_photo_too_large', not_a_picture: 'err_photo_unreadable',
    too_many_photos: 'err_photo_too_many', rate_limited: 'err_photo_rate_limited', closed: 'err_photo_closed' };
  // Sent over HTTP; the server also sends the stored message to every tab, so whichever comes first shows it
  // (onMessage replaces the pending bubble and never shows a seq twice). A busy server stored nothing: once more.
  const uploadPhoto = async (id, blob, token, tries) => {
    let res = null;
    let body = null;
    try {
      res = await fetch(ORIGIN + '/api/chat/photos?id=' + id, { method: 'POST', body: blob, credentials: 'omit',
        headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'image/jpeg' } });
      body = await res.json();
    } catch { /* offline, or not the server's answer */ }
    if (token === store.resume && res && res.status === 201 && body && body.photo) { onMessage(body); return; }
    if (token === store.resume && (!res || res.status >= 500) && tries > 1) { setTimeout(() => uploadPhoto(id, blob, token, tries - 1), 3000); return; }
    const el = pendingEls.get(id);
    if (el) el.remove();
    pendingEls.delete(id);
    if (myPhotos.has(id)) URL.revokeObjectURL(myPhotos.get(id));
    myPhotos.delete(id);
    if (token !== store.resume) return; // the conversation was deleted or ended meanwhile
    // A proxy in front of the server may refuse a large body itself, with a page rather than the server's JSON.
    const code = (body && body.error) || (res && res.status === 413 ? 'photo_too_large' : null);
    if (code === 'closed') onError({ code });
    if (code === 'photos_off') photoMax = 0;
    showNotice(PHOTO_ERRORS[code] || 'err_photo_failed');
  };

  const renderMessage = (m) => {
    const from = ['shopper', 'bot', 'agent', 'system'].includes(m.from) ? m.from : 'system';
    const el = h('div', { class: 'm ' + from, 'data-seq': String(m.seq), 'data-from': from });
    const bub = h('div', { class: 'bub' });
    const choices = from === 'bot' && Array.isArray(m.choices) ? m.choices : [];
    if (from === 'bot' && m.html) bub.append(sanitize(m.html));
    else if (m.photo && typeof m.photo.id === 'string') { bub.classList.add('ph'); bub.append(photoEl(m.photo, m.id)); }
    else if (m.text != null && m.text !== '') bub.textContent = String(m.text);
    else if (choices.length) { bub.dataset.t = 'choices_prompt'; bub.textContent = t('choices_prompt'); }
    if (m.at) { const d = new Date(m.at); if (!isNaN(d)) bub.title = d.toLocaleString(lang); }
    if (from === 'agent') el.append(h('span', { class: 'who', text: m.agent || t('agent') }));
    else if (from !== 'system') el.append(h('span', { class: 'sr', 'data-t': from === 'shopper' ? 'you' : 'assistant', text: t(from === 'shopper' ? 'you' : 'assistant') }));
    el.append(bub);
    if (from === 'shopper' && m.id) el.dataset.id = m.id;
    if (from === 'system' && m.key) el.dataset.key = m.key;
    if (from === 'bot') {
      if (m.entry && m.entry.id) el.dataset.entry = m.entry.id;
      if (m.decision) el.dataset.decision = m.decision;
      if (m.language) { el.setAttribute('lang', m.language); bub.setAttribute('dir', RTL.includes(String(m.language).split('-')[0]) ? 'rtl' : 'auto'); }
      if (choices.length) {
        const box = h('div', { class: 'ch', role: 'group', 'aria-label': t('choices_prompt') });
        if (!bub.dataset.t) box.append(h('span', { 'data-t': 'choices_prompt', text: t('choices_prompt') }));
        choices.forEach((c) => box.append(h('button', {
          type: 'button', 'data-choice': c.id, 'aria-pressed': 'false', text: c.title || c.id,
          onclick: (e) => {
            if (!send({ type: 'choose', entry: c.id, seq: m.seq })) return;
            box.querySelectorAll('button').forEach((b) => { b.disabled = true; });
            e.currentTarget.setAttribute('aria-pressed', 'true');
          },
        })));
        el.append(box);
      } else if (m.decision === 'answer' && m.entry) el.append(feedbackRow(m.seq));
    } else bub.setAttribute('dir', 'auto');
    if (from === 'system' && m.key === 'survey') el.append(ratingForm());
    return el;
  };

  const onMessage = (m) => {
    const seq = Number(m.seq);
    if (!Number.isInteger(seq) || seq < 1 || seen.has(seq)) return; // never render a seq twice
    const el = renderMessage(m);
    if (m.from === 'shopper' && m.id && pendingEls.has(m.id)) {
      pendingEls.get(m.id).remove();
      pendingEls.delete(m.id);
    }
    if (m.from === 'shopper' && m.id) {
      store.pending = store.pending.filter((p) => p.id !== m.id);
    }
    seen.set(seq, el);
    received.set(seq, m);
    insertOrdered(el, seq);
    maxSeq = Math.max(maxSeq, seq);
    store.lastSeq = Math.max(store.lastSeq || 0, seq);
    if (isOpen) { store.readSeq = Math.max(store.readSeq || 0, seq); reportRead(); }
    save();
    if (m.from === 'bot' || m.from === 'agent') { if (typingFrom === m.from) typingFrom = null; }
    if (m.from === 'bot' && m.language) setLang(match(m.language) || lang);
    scrollDown();
    render();
    emit('message', m);
  };

  // An answer's HTML as text with its paragraphs and list items on lines of their own.
  const plain = (html) => {
    const f = sanitize(html);
    f.querySelectorAll('br').forEach((b) => b.replaceWith('\n'));
    f.querySelectorAll('li').forEach((li) => li.prepend('- '));
    f.querySelectorAll('p,li,h1,h2,h3,h4,h5,h6,div,tr,pre,blockquote').forEach((e) => e.append('\n'));
    return f.textContent.replace(/\n{3,}/g, '\n\n').trim();
  };

  // The shopper's own copy of the chat as a text file: what was said, by whom, when (answers as plain text).
  const saveTranscript = () => {
    const stamp = (at) => { const d = new Date(at); return isNaN(d) ? '' : '[' + d.toLocaleString(lang) + '] '; };
    const lines = [(cfg('title') || t('title')) + ' — ' + new Date().toLocaleString(lang), ''];
    [...received.keys()].sort((a, b) => a - b).forEach((seq) => {
      const m = received.get(seq);
      const who = m.from === 'shopper' ? t('you') : m.from === 'agent' ? (m.agent || t('agent')) : m.from === 'bot' ? t('assistant') : '';
      let text = m.photo ? t('photo_transcript') : m.from === 'bot' && m.html ? plain(m.html) : String(m.text == null ? '' : m.text);
      if (m.from === 'bot' && Array.isArray(m.choices) && m.choices.length) {
        text = (text ? text + ' ' : '') + t('choices_prompt') + ' ' + m.choices.map((c) => c.title || c.id).join(' / ');
      }
      lines.push(stamp(m.at) + (who ? who + ': ' : '') + text);
    });
    const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/plain;charset=utf-8' }));
    const a = h('a', { href: url, download: 'chat-' + new Date().toISOString().slice(0, 10) + '.txt', hidden: true });
    shadow.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const showPending = (p, failed) => {
    let el = pendingEls.get(p.id);
    if (!el) {
      el = h('div', { class: 'm shopper pending', 'data-id': p.id, 'data-from': 'shopper' },
        h('span', { class: 'sr', 'data-t': 'you', text: t('you') }), h('div', { class: 'bub', dir: 'auto', text: p.text }), h('span', { class: 'st' }));
      pendingEls.set(p.id, el);
      log.append(el);
    }
    el.classList.toggle('failed', !!failed);
    const st = el.querySelector('.st');
    st.dataset.t = failed ? 'not_sent' : 'sending';
    st.textContent = t(st.dataset.t);
    scrollDown();
  };

  const askErase = (asking) => {
    confirmBar.hidden = !asking;
    (asking ? eraseNo : eraseBtn).focus();
  };
  confirmBar.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.stopPropagation(); askErase(false); } });

  // ---------- connection ----------
  const send = (frame) => {
    if (ws && ws.readyState === 1 && welcomed) { ws.send(JSON.stringify(frame)); return true; }
    connect();
    return false;
  };

  // Tells the server how far the shopper has seen the conversation (open panel, visible page), so an
  // agent's reply read here is not emailed to them as well. Coalesced: one frame for a burst of messages.
  let sentRead = 0;
  let readTimer = 0;
  const reportRead = () => {
    if (readTimer) return;
    readTimer = setTimeout(() => {
      readTimer = 0;
      const r = store.readSeq || 0;
      if (!isOpen || document.visibilityState === 'hidden' || r <= sentRead) return;
      if (ws && ws.readyState === 1 && welcomed) { ws.send(JSON.stringify({ type: 'read', seq: r })); sentRead = r; }
    }, 300);
  };
  document.addEventListener('visibilitychange', reportRead);

  const sendPending = (p) => ws.send(JSON.stringify({ type: 'message', id: p.id, text: p.text }));
  const flush = () => store.pending.forEach(sendPending);
  // A refused message stays pending and goes again later, unless it was sent meanwhile (a reconnect flushes).
  const resendLater = (p, ms) => setTimeout(() => { if (store.pending.includes(p) && ws && welcomed) sendPending(p); }, ms);

  const connect = () => {
    if (ws || conn === 'offline' && retryTimer) return;
    clearTimeout(retryTimer);
    retryTimer = 0;
    conn = 'connecting';
    welcomed = false;
    render();
    let sock;
    try { sock = new WebSocket(WS_URL); } catch { scheduleRetry(); return; }
    ws = sock;
    sock.onopen = () => {
      helloLang = match(localeTag);
      sock.send(JSON.stringify({ type: 'hello', v: 1, locale: localeTag, page: location.href, resume: store.resume || null, lastSeq: store.resume ? maxSeq : 0 }));
    };
    sock.onmessage = (ev) => {
      let f;
      try { f = JSON.parse(ev.data); } catch { return; }
      if (!f || typeof f !== 'object') return;
      handle(f);
    };
    sock.onclose = () => {
      if (ws !== sock) return;
      ws = null;
      welcomed = false;
      clearInterval(pingTimer);
      typingFrom = null;
      scheduleRetry();
    };
    sock.onerror = () => { /* onclose follows */ };
  };

  const scheduleRetry = () => {
    conn = 'offline';
    const delay = Math.min(30000, Math.max(1000, 1000 * 2 ** attempt * (0.75 + Math.random() * 0.5)));
    attempt = Math.min(attempt + 1, 6);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => { retryTimer = 0; conn = 'idle'; connect(); }, delay);
    render();
  };

  const handle = (f) => {
    switch (f.type) {
      case 'welcome': {
        if (!f.resumed) forgetShown(); // a new conversation: forget what was shown for the old one
        store.resume = f.resume;
        store.conversation = f.conversation;
        save();
        welcomed = true;
        sentRead = 0; // a new connection: say it again (the server keeps the highest)
        conn = 'online';
        attempt = 0;
        // follow the conversation's language only when the server saw the shopper write in another one
        if (f.language && match(f.language) !== helloLang) setLang(match(f.language) || lang);
        if (f.state) conv.state = f.state;
        photoMax = f.photos && Number(f.photos.maxBytes) > 0 ? Number(f.photos.maxBytes) : 0;
        clearInterval(pingTimer);
        pingTimer = setInterval(() => ws && ws.readyState === 1 && ws.send('{"type":"ping"}'), 25000);
        if (identity) ws.send(JSON.stringify({ type: 'identify', ...identity }));
        flush();
        render();
        reportRead();
        break;
      }
      case 'message': onMessage(f); break;
      case 'erased': // deleted at the shopper's request (here or in another tab): nothing of it stays on the page
        newConversation();
        showNotice('erased');
        break;
      case 'state': {
        const prev = JSON.stringify(conv);
        conv = { state: f.state || 'bot', position: f.position == null ? null : f.position, agent: f.agent == null ? null : f.agent };
        if (conv.state !== 'bot' && typingFrom === 'bot') typingFrom = null;
        render();
        if (prev !== JSON.stringify(conv)) emit('statechange', { ...conv }); // the server repeats unchanged states
        break;
      }
      case 'typing':
        clearTimeout(typingTimer);
        typingFrom = f.on ? (f.from === 'agent' ? 'agent' : 'bot') : null;
        if (typingFrom) typingTimer = setTimeout(() => { typingFrom = null; render(); }, 20000);
        render();
        break;
      case 'error': onError(f); break;
      case 'rated': showNotice('rate_thanks'); break;
      default: break; // pong and anything newer
    }
  };

  const showNotice = (key) => {
    notice = key;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { notice = null; render(); }, 8000);
    render();
  };

  const onError = (f) => {
    const ref = f.ref;
    const p = store.pending.find((x) => x.id === ref);
    // A read report that did not get through is said again with the next one; the shopper need not know.
    if (ref === 'read' && f.code !== 'closed') { sentRead = 0; return; }
    switch (f.code) {
      case 'unknown_type': if (ref === 'identify') return; break;
      case 'message_too_long':
      case 'invalid_field':
        if (p) { store.pending = store.pending.filter((x) => x !== p); save(); showPending(p, true); }
        showNotice(f.code === 'message_too_long' ? 'err_message_too_long' : 'err_generic');
        return;
      case 'erase_refused': showNotice('err_erase_busy'); return;
      case 'rate_limited':
        showNotice('err_rate_limited');
        if (p) resendLater(p, 10000);
        return;
      case 'server_error':
        // The server could not store it (its database may be restarting): keep it pending and try again.
        if (p) {
          showNotice('err_generic');
          resendLater(p, 5000);
          return;
        }
        break;
      case 'closed':
        conv = { state: 'closed', position: null, agent: null };
        render();
        emit('statechange', { ...conv });
        return;
      case 'hello_required':
        if (ws) ws.close(); // reconnect sends hello first
        return;
      default: break;
    }
    if (window.console) console.warn('[BabelDesk]', f.code, f.message || '');
  };

  // The page forgets a conversation: its messages, the copy a shopper could save, how far it was read.
  function forgetShown() {
    seen.forEach((el) => el.remove());
    seen.clear();
    received.clear();
    photoUrls.forEach((u) => u.then(URL.revokeObjectURL, () => {}));
    photoUrls.clear();
    maxSeq = 0;
    store.lastSeq = 0;
    store.readSeq = 0;
  }

  const newConversation = () => {
    delete store.resume;
    delete store.conversation;
    forgetShown();
    save();
    conv = { state: 'bot', position: null, agent: null };
    const old = ws;
    ws = null;
    welcomed = false;
    if (old) { old.onclose = null; old.close(); }
    clearInterval(pingTimer);
    attempt = 0;
    conn = 'idle';
    connect();
    input.focus();
    emit('statechange', { ...conv });
  };

  // ---------- composer ----------
  const stopTyping = () => {
    clearTimeout(myTypingTimer);
    if (myTyping) { myTyping = false; send({ type: 'typing', on: false }); }
  };

  const submit = () => {
    const text = input.value.trim();
    if (!text || conv.state === 'closed') return;
    if (text.length > MAX) { showNotice('err_message_too_long'); return; }
    stopTyping();
    const p = { id: uid(), text };
    store.pending.push(p);
    save();
    showPending(p, false);
    input.value = '';
    grow();
    if (ws && ws.readyState === 1 && welcomed) sendPending(p);
    else connect();
    input.focus();
  };

  const grow = () => { input.style.height = 'auto'; input.style.height = Math.min(input.scrollHeight + 3, 120) + 'px'; };

  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); submit(); }
  });
  input.addEventListener('input', () => {
    grow();
    const now = Date.now();
    if (input.value.trim() && (!myTyping || now - myTypingAt > 4000)) {
      myTyping = send({ type: 'typing', on: true }) || myTyping;
      myTypingAt = now;
    }
    clearTimeout(myTypingTimer);
    myTypingTimer = setTimeout(stopTyping, input.value.trim() ? 3000 : 0);
  });
  root.addEventListener('keydown', (e) => { if (e.key === 'Escape' && isOpen) { e.stopPropagation(); close(); } });

  // ---------- public API ----------
  const open = () => {
    if (isOpen) return;
    isOpen = true;
    panel.hidden = false;
    store.open = true;
    store.readSeq = Math.max(store.readSeq || 0, maxSeq);
    save();
    reportRead();
    if (!ws) connect();
    render();
    scrollDown();
    requestAnimationFrame(() => input.disabled ? closeBtn.focus() : input.focus());
    emit('open');
  };
  function close() {
    if (!isOpen) return;
    const hadFocus = shadow.activeElement && panel.contains(shadow.activeElement);
    isOpen = false;
    panel.hidden = true;
    store.open = false;
    save();
    render();
    if (hadFocus || !shadow.activeElement) launcher.focus();
    emit('close');
  }
  function toggle() { isOpen ? close() : open(); }

  const api = {
    version: '1',
    open, close, toggle,
    setLocale(tag) {
      if (!tag) return;
      localeTag = String(tag);
      const m = match(tag);
      if (m) { lang = ''; setLang(m); }
    },
    on(ev, fn) { if (typeof fn === 'function') (handlers[ev] = handlers[ev] || []).push(fn); return api; },
    off(ev, fn) { handlers[ev] = (handlers[ev] || []).filter((x) => x !== fn); return api; },
    identify(who) {
      if (!who || typeof who !== 'object') return;
      identity = {};
      ['name', 'email', 'id', 'signature', 'timestamp'].forEach((k) => { if (who[k] != null) identity[k] = who[k]; });
      if (ws && ws.readyState === 1 && welcomed) ws.send(JSON.stringify({ type: 'identify', ...identity }));
    },
    get state() { return { state: conv.state, position: conv.position, agent: conv.agent, connection: conn, open: isOpen, locale: lang, languages: langs.slice() }; },
  };
  window.BabelDesk = api;

  // ---------- start ----------
  const start = () => {
    document.body.append(host);
    applyI18n();
    store.pending.forEach((p) => showPending(p, false));
    // Only returning shoppers connect at page load; new ones when they open the chat.
    if (store.resume || store.pending.length) connect();
    if (store.open && innerWidth >= 480) open();
    emit('ready');
    window.dispatchEvent(new CustomEvent('babeldesk:ready', { detail: api }));
  };
  window.addEventListener('online', () => { if (conn === 'offline') { clearTimeout(retryTimer); retryTimer = 0; conn = 'idle'; connect(); } });
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
