/*! Babel Desk agent console · docs/agent-protocol.md · no dependencies */
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const TITLE = 'Babel Desk console';
  const REASONS = {
    complaint: 'Complaint',
    handoff_entry: 'Hand-off answer',
    repeated_failure: 'Repeated failure',
    explicit_request: 'Explicit request',
    low_confidence: 'Low confidence',
    frustration: 'Frustration',
    photo: 'Sent a photo',
    email_reply: 'Answered by email',
  };
  const RESOLUTIONS = {
    product_quality: 'Product quality', shipping_and_delivery: 'Shipping and delivery', returns_and_refunds: 'Returns and refunds',
    payment: 'Payment', account_and_privacy: 'Account and privacy', other: 'Other',
  };
  const ERRORS = {
    taken_by_someone_else: 'Someone else took this conversation just before you.',
    at_capacity: 'You are at your capacity: close or transfer a conversation first.',
    not_yours: 'This conversation is not assigned to you.',
    not_found: 'No such conversation (any more).',
    invalid: 'Not possible: check the fields.',
    invalid_field: 'Not possible: check the fields.',
  };
  const reasonLabel = (r) => REASONS[r] || (r ? String(r).replace(/_/g, ' ') : 'Hand-off');
  const RTL = ['ar', 'he', 'fa', 'ur'];

  // ---------- DOM helpers and the sanitiser for answer HTML (shared/pages.js) ----------
  const { h, sanitize, wireLogin } = window.BabelDeskPages;

  // markdown → plain text for the shopper (the reply box is plain text)
  const markdownToText = (md) => String(md || '')
    .replace(/\r\n?/g, '\n')
    .replace(/```[^\n]*\n([\s\S]*?)```/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (m, t, u) => (/^https?:|^mailto:/i.test(u) && t !== u ? `${t} (${u.replace(/^mailto:/i, '')})` : t))
    .replace(/<[^>]+>/g, '')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^(\s*)[*+-]\s+/gm, '$1• ')
    .replace(/^\s*([-*_])(\s*\1){2,}\s*$/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const htmlToText = (html) => {
    const f = sanitize(html);
    f.querySelectorAll('li').forEach((li) => li.prepend('• '));
    f.querySelectorAll('p,li,br,h1,h2,h3,h4,ul,ol').forEach((e) => e.append('\n'));
    return (f.textContent || '').replace(/\n{3,}/g, '\n\n').trim();
  };

  const fmtWait = (s) => {
    s = Math.max(0, Math.floor(s));
    if (s < 60) return `${s}s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
    return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
  };
  const fmtTime = (at) => { const d = new Date(at); return isNaN(d) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }); };
  const pct = (x) => (typeof x === 'number' && isFinite(x) ? `${Math.round(x * 100)}%` : '—');
  const num = (x) => (typeof x === 'number' && isFinite(x) ? x.toFixed(2) : '—');
  const short = (id) => String(id || '').slice(0, 10);

  // ---------- state ----------
  let me = null;
  let ws = null;
  let attempt = 0;
  let retryTimer = 0;
  let loggedOut = false;
  let queue = [];
  let queueAt = 0;
  let prevQueueIds = null; // null until the first queue frame of this login
  let mine = [];
  let agents = [];
  let current = null; // conversation id shown in the centre
  const convs = new Map(); // id -> last conversation frame (+ messages appended live)
  const unread = new Set();
  let pendingTake = null;
  let leaving = null; // the conversation this agent just closed, handed back or transferred
  let shopperTyping = null; // conversation id
  let shopperTypingTimer = 0;
  let myTyping = false;
  let myTypingAt = 0;
  let myTypingTimer = 0;
  let toastTimer = 0;
  let audio = null;
  let newCount = 0;

  // ---------- HTTP ----------
  const api = async (method, url, body) => {
    const res = await fetch(url, {
      method, credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    let data = null;
    try { data = await res.json(); } catch { /* empty */ }
    return { status: res.status, data };
  };

  // ---------- screens ----------
  const show = (which) => {
    $('loading').hidden = true;
    $('login').hidden = which !== 'login';
    $('app').hidden = which !== 'app';
  };

  const showLogin = (message) => {
    me = null;
    disconnect();
    const pw = $('password-dialog');
    if (pw && pw.open) pw.close();
    show('login');
    const err = $('login-error');
    err.hidden = !message;
    err.textContent = message || '';
    $('login-email').focus();
    document.title = TITLE;
  };

  const startApp = (agent) => {
    me = agent;
    loggedOut = false;
    prevQueueIds = null;
    $('me').textContent = `${agent.name || agent.email} · ${(agent.languages || []).join(', ') || '—'}`;
    $('me').title = agent.email || '';
    $('admin-link').hidden = agent.role !== 'admin';
    show('app');
    connect();
  };

  wireLogin(api, (agent) => startApp(agent));

  $('logout').addEventListener('click', async () => {
    loggedOut = true;
    try { await api('POST', '/api/agent/logout'); } catch { /* the session ends anyway */ }
    current = null;
    convs.clear();
    queue = []; mine = []; agents = [];
    renderAll();
    showLogin('');
  });

  // ---------- websocket ----------
  const setConn = (state, text) => { const c = $('conn'); c.dataset.state = state; c.textContent = text; };

  const connect = () => {
    if (ws || !me) return;
    clearTimeout(retryTimer);
    setConn('connecting', 'Connecting…');
    const sock = new WebSocket(location.origin.replace(/^http/, 'ws') + '/ws/agent');
    ws = sock;
    sock.onmessage = (ev) => {
      let f;
      try { f = JSON.parse(ev.data); } catch { return; }
      if (f && typeof f === 'object') handle(f);
    };
    sock.onclose = async (ev) => {
      if (ws !== sock) return;
      ws = null;
      if (loggedOut || !me) return;
      if (ev.code === 1008) { // the session is no longer valid
        const r = await api('GET', '/api/agent/me').catch(() => ({ status: 0 }));
        if (r.status === 401) { showLogin('Your session has ended. Please sign in again.'); return; }
      }
      const delay = Math.min(30000, 1000 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt = Math.min(attempt + 1, 6);
      setConn('offline', `Connection lost · retrying in ${Math.ceil(delay / 1000)}s`);
      retryTimer = setTimeout(connect, delay);
    };
    sock.onerror = () => { /* onclose follows */ };
  };

  const disconnect = () => {
    clearTimeout(retryTimer);
    const s = ws;
    ws = null;
    if (s) { s.onclose = null; s.close(); }
  };

  const send = (frame) => {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(frame)); return true; }
    toast('Not connected: the action was not sent. Reconnecting…');
    return false;
  };

  const handle = (f) => {
    switch (f.type) {
      case 'welcome':
        attempt = 0;
        if (f.agent) me = f.agent;
        setConn('online', 'Connected');
        send({ type: 'presence', status: $('presence').value });
        if (current) send({ type: 'open', conversation: current });
        break;
      case 'queue': onQueue(Array.isArray(f.items) ? f.items : []); break;
      case 'mine': onMine(Array.isArray(f.items) ? f.items : []); break;
      case 'conversation': onConversation(f); break;
      case 'message': onMessage(f); break;
      case 'read':
      case 'emailed': {
        const conv = convs.get(f.conversation);
        if (conv && typeof f.seq === 'number') {
          const key = f.type === 'read' ? 'readSeq' : 'emailedSeq';
          conv[key] = Math.max(conv[key] || 0, f.seq);
          if (f.conversation === current) markSeen(conv);
        }
        break;
      }
      case 'typing':
        clearTimeout(shopperTypingTimer);
        shopperTyping = f.on ? f.conversation : null;
        if (shopperTyping) shopperTypingTimer = setTimeout(() => { shopperTyping = null; renderTyping(); }, 15000);
        renderTyping();
        break;
      case 'presence': agents = Array.isArray(f.agents) ? f.agents : []; renderAgents(); break;
      case 'error': onError(f); break;
      default: break;
    }
  };

  const onError = (f) => {
    if (leaving && ['close', 'handback', 'transfer'].includes(f.ref)) leaving = null;
    if (f.ref === 'presence' && f.code === 'unknown_type') return; // an older server without presence
    if (f.ref === 'take') pendingTake = null;
    toast(ERRORS[f.code] || f.message || `Refused: ${f.code}`, f.code);
    renderQueue();
  };

  // kind 'ok' for good news (green); else a refusal or a problem
  const toast = (text, code, kind) => {
    const t = $('toast');
    t.replaceChildren(h('span', { text }), h('button', { class: 'toast-x', type: 'button', 'aria-label': 'Dismiss', onclick: () => { t.hidden = true; } }, '×'));
    t.dataset.code = code || '';
    t.classList.toggle('ok', kind === 'ok');
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 8000);
  };

  // ---------- queue / mine ----------
  const onQueue = (items) => {
    queue = items;
    queueAt = Date.now();
    const ids = items.map((i) => i.conversation);
    if (prevQueueIds) {
      const fresh = ids.filter((id) => !prevQueueIds.includes(id));
      if (fresh.length) notifyNew(items.filter((i) => fresh.includes(i.conversation)));
    }
    prevQueueIds = ids;
    if (pendingTake && !ids.includes(pendingTake) && !mine.some((m) => m.conversation === pendingTake)) { /* wait for mine */ }
    renderQueue();
    updateTitle();
  };

  const onMine = (items) => {
    mine = items;
    if (pendingTake && items.some((m) => m.conversation === pendingTake)) {
      const id = pendingTake;
      pendingTake = null;
      openConversation(id);
    }
    if (leaving && !items.some((m) => m.conversation === leaving)) {
      if (current === leaving) { current = null; renderConversation(); $('conv').focus(); }
      leaving = null;
    }
    renderMine();
    if (current && convs.has(current)) updateControls();
  };

  const sinceTitle = (item) => {
    const v = item.waitingSince;
    const d = typeof v === 'number' ? new Date(v < 1e11 ? v * 1000 : v) : new Date(v); // seconds or ISO-8601
    return isNaN(d) ? '' : `Waiting since ${d.toLocaleString()}`;
  };
  const waitingNow = (item) => (Number(item.waitingSeconds) || 0) + (Date.now() - queueAt) / 1000;

  const renderQueue = () => {
    const ul = $('queue');
    const focusedId = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.take : null;
    ul.replaceChildren(...queue.map((item, i) => {
      const urgent = !!item.urgent;
      const take = h('button', {
        class: 'btn primary small take', type: 'button', 'data-take': item.conversation,
        'aria-label': `Take conversation ${i + 1} (${reasonLabel(item.reason)}, ${item.language || 'unknown language'})`,
        disabled: pendingTake === item.conversation,
        onclick: () => takeConversation(item.conversation),
      }, pendingTake === item.conversation ? 'Taking…' : 'Take');
      return h('li', { class: 'qi' + (item.overdue ? ' overdue' : '') + (urgent ? ' urgent' : ''), 'data-conversation': item.conversation, 'data-reason': item.reason || '' },
        h('div', { class: 'qi-top' },
          h('span', { class: 'badge reason r-' + (item.reason || 'other'), text: reasonLabel(item.reason) }),
          h('span', { class: 'badge lang', title: 'Language', text: item.language || '?' }),
          item.speaksLanguage ? h('span', { class: 'badge yours', text: 'your language' }) : null),
        h('p', { class: 'preview', dir: 'auto', text: item.preview || '(no message)' }),
        h('div', { class: 'qi-bottom' },
          h('span', { class: 'wait', title: sinceTitle(item) }, 'waiting ', h('span', { 'data-wait': '', text: fmtWait(waitingNow(item)) })),
          item.overdue ? h('span', { class: 'overdue-label', text: 'Overdue' }) : null, take));
    }));
    if (focusedId) { const b = ul.querySelector(`[data-take="${CSS.escape(focusedId)}"]`); if (b) b.focus(); }
    $('queue-count').textContent = String(queue.length);
    $('queue-empty').hidden = queue.length > 0;
  };

  const tickWaits = () => {
    const lis = $('queue').children;
    queue.forEach((item, i) => { const w = lis[i] && lis[i].querySelector('[data-wait]'); if (w) w.textContent = fmtWait(waitingNow(item)); });
  };
  setInterval(tickWaits, 1000);

  const renderMine = () => {
    const ul = $('mine');
    ul.replaceChildren(...mine.map((m) => {
      const conv = convs.get(m.conversation);
      const last = conv && [...conv.messages].reverse().find((x) => x.from === 'shopper');
      const btn = h('button', {
        class: 'mi' + (m.conversation === current ? ' active' : ''), type: 'button', 'data-conversation': m.conversation,
        'aria-current': m.conversation === current ? 'true' : null,
        onclick: () => openConversation(m.conversation),
      },
      h('span', { class: 'mi-top' },
        h('span', { class: 'badge lang', text: m.language || '?' }),
        h('span', { class: 'badge reason r-' + (m.reason || 'other'), text: reasonLabel(m.reason) }),
        unread.has(m.conversation) ? h('span', { class: 'dot', title: 'New messages', 'aria-label': 'new messages' }) : null),
      h('span', { class: 'mi-text', dir: 'auto', text: conv && conv.shopper && (conv.shopper.name || conv.shopper.email) ? (conv.shopper.name || conv.shopper.email) : (last ? (last.photo ? 'Sent a photo' : last.text) : `Conversation ${short(m.conversation)}`) }));
      return h('li', {}, btn);
    }));
    $('mine-count').textContent = String(mine.length);
    $('mine-empty').hidden = mine.length > 0;
  };

  const renderAgents = () => {
    const list = agents.slice().sort((a, b) => String(a.name).localeCompare(String(b.name)));
    $('agents').replaceChildren(...list.map((a) => h('li', { 'data-status': a.status },
      h('span', { class: 'presence-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'agent-name', text: a.name || '?' }),
      h('span', { class: 'agent-status', text: a.status || 'offline' }))));
    if (!list.length) $('agents').append(h('li', { class: 'empty', text: 'No presence information yet.' }));
  };

  const takeConversation = (id) => {
    if (pendingTake) return;
    if (!send({ type: 'take', conversation: id })) return;
    pendingTake = id;
    renderQueue();
  };

  const openConversation = (id) => {
    current = id;
    unread.delete(id);
    renderMine();
    if (convs.has(id)) renderConversation();
    send({ type: 'open', conversation: id });
  };

  // ---------- notifications ----------
  const beep = () => {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === 'suspended') audio.resume();
      const o = audio.createOscillator();
      const g = audio.createGain();
      o.type = 'sine';
      o.frequency.setValueAtTime(880, audio.currentTime);
      o.frequency.setValueAtTime(1320, audio.currentTime + 0.12);
      g.gain.setValueAtTime(0.0001, audio.currentTime);
      g.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.3);
      o.connect(g).connect(audio.destination);
      o.start();
      o.stop(audio.currentTime + 0.32);
    } catch { /* no audio */ }
  };

  const notifyNew = (items) => {
    if ($('presence').value === 'away') return;
    if (document.hidden) newCount += items.length;
    beep();
    try {
      if ('Notification' in window && Notification.permission === 'granted') {
        const first = items[0];
        const n = new Notification(items.length > 1 ? `${items.length} new conversations waiting` : `New conversation: ${reasonLabel(first.reason)}`, {
          body: `${(first.language || '').toUpperCase()} · ${String(first.preview || '').slice(0, 120)}`,
          tag: 'babeldesk-queue',
        });
        n.onclick = () => { window.focus(); n.close(); };
      }
    } catch { /* notifications not available */ }
    updateTitle();
  };

  const updateTitle = () => {
    const n = queue.length;
    document.title = n ? `(${n}) ${TITLE}` : TITLE;
  };
  document.addEventListener('visibilitychange', () => { if (!document.hidden) newCount = 0; });

  document.addEventListener('click', () => {
    try {
      if ('Notification' in window && Notification.permission === 'default') Notification.requestPermission().catch(() => {});
    } catch { /* ignore */ }
    try { audio = audio || new (window.AudioContext || window.webkitAudioContext)(); } catch { /* no audio */ }
  }, { once: true, capture: true });

  // ---------- conversation ----------
  const onConversation = (f) => {
    const prev = convs.get(f.conversation);
    convs.set(f.conversation, { ...f, messages: Array.isArray(f.messages) ? f.messages.slice() : [], notes: Array.isArray(f.notes) ? f.notes : [] });
    if (pendingTake === f.conversation) { pendingTake = null; current = f.conversation; }
    // a conversation that just became mine (taken, transferred to me) replaces one that is not (any more)
    if (!current || (current !== f.conversation && !isMine(current) && f.state === 'agent')) { current = f.conversation; unread.delete(current); }
    if (current === f.conversation) renderConversation(!prev);
    renderMine();
    renderQueue();
  };

  const onMessage = (m) => {
    const conv = convs.get(m.conversation);
    if (conv) {
      if (m.seq != null && conv.messages.some((x) => x.seq === m.seq)) return;
      conv.messages.push(m);
      if (m.from === 'system' && m.key === 'closed') conv.state = 'closed';
      if (m.from === 'system' && m.key === 'back_to_bot') conv.state = 'bot';
    }
    if (m.from === 'shopper' && shopperTyping === m.conversation) { shopperTyping = null; renderTyping(); }
    if (m.conversation === current) {
      if (conv) appendMessage(m);
      else send({ type: 'open', conversation: m.conversation });
    } else {
      if (m.from === 'shopper') { unread.add(m.conversation); if (document.hidden || current) beep(); }
      renderMine();
    }
  };

  const isMine = (id) => mine.some((m) => m.conversation === id);

  const renderConversation = (focus) => {
    const conv = convs.get(current);
    $('conv-empty').hidden = !!conv;
    $('conv-view').hidden = !conv;
    if (!conv) { updateControls(); $('search-lang').textContent = ''; return; }
    renderCard(conv);
    const tr = $('transcript');
    tr.replaceChildren(...conv.messages.map(messageEl));
    markSeen(conv);
    tr.scrollTop = tr.scrollHeight;
    renderNotes(conv);
    renderTyping();
    const active = updateControls();
    $('search-lang').textContent = conv.language ? `Answers in the shopper's language: ${conv.language}` : '';
    if (focus && active) $('reply').focus();
  };

  // the reply box and actions are enabled only while the conversation is this agent's
  const updateControls = () => {
    const conv = convs.get(current);
    const active = !!conv && isMine(conv.conversation) && conv.state !== 'closed';
    const was = !$('send').disabled;
    ['reply', 'send', 'add-note', 'send-photo', 'transfer', 'handback', 'close'].forEach((id) => { $(id).disabled = !active; });
    $('reply').placeholder = active ? 'Reply to the shopper… (Enter sends, Shift+Enter for a new line)' : 'This conversation is not assigned to you (or has ended).';
    if (conv && was !== active) renderCard(conv);
    return active;
  };

  const dur = (sec) => (sec < 60 ? `${sec} s` : sec < 3600 ? `${Math.floor(sec / 60)} min ${sec % 60} s` : `${Math.floor(sec / 3600)} h ${Math.floor((sec % 3600) / 60)} min`);

  const renderCard = (conv) => {
    const card = $('card');
    const ho = conv.handoff || {};
    const s = conv.shopper;
    const conf = typeof ho.confidence === 'number' ? ho.confidence : null;
    const meter = h('div', { class: 'meter', role: 'img', 'aria-label': `Bot confidence ${pct(conf)}; hand-off below ${pct(ho.handoffThreshold)}, answer from ${pct(ho.answerThreshold)}` },
      h('div', { class: 'meter-fill' + (conf != null && ho.handoffThreshold != null && conf < ho.handoffThreshold ? ' low' : conf != null && ho.answerThreshold != null && conf >= ho.answerThreshold ? ' high' : ' mid'), style: `width:${conf == null ? 0 : Math.max(0, Math.min(100, conf * 100))}%` }),
      ho.handoffThreshold != null ? h('span', { class: 'tick', style: `left:${ho.handoffThreshold * 100}%`, title: `Hand-off threshold ${pct(ho.handoffThreshold)}` }) : null,
      ho.answerThreshold != null ? h('span', { class: 'tick', style: `left:${ho.answerThreshold * 100}%`, title: `Answer threshold ${pct(ho.answerThreshold)}` }) : null);
    const cands = (Array.isArray(ho.candidates) ? ho.candidates : []).slice(0, 3);
    const stateLabel = { agent: 'With you', waiting: 'Waiting', bot: 'Back with the bot', closed: 'Closed' }[conv.state] || conv.state;
    card.replaceChildren(
      h('div', { class: 'card-head' },
        h('h2', { text: s && (s.name || s.email) ? (s.name || s.email) : 'Anonymous shopper' }),
        h('span', { class: 'badge state s-' + (conv.state || ''), text: stateLabel || '' }),
        isMine(conv.conversation) || conv.state === 'closed' ? null : h('span', { class: 'badge warn', text: 'Not assigned to you' }),
        h('span', { class: 'conv-id muted small', title: conv.conversation, text: `#${short(conv.conversation)}` })),
      h('dl', { class: 'facts' },
        h('div', {}, h('dt', { text: 'Reason' }), h('dd', {}, h('span', { class: 'badge reason r-' + (ho.reason || 'other'), 'data-reason': ho.reason || '', text: reasonLabel(ho.reason) }))),
        h('div', {}, h('dt', { text: 'Language' }), h('dd', {}, h('span', { class: 'badge lang', text: conv.language || ho.language || '?' }),
          ho.language && conv.language && ho.language !== conv.language ? h('span', { class: 'muted small', text: ` detected ${ho.language}` }) : null)),
        h('div', {}, h('dt', { text: 'Shopper' }), h('dd', { class: 'who' }, s ? [
          h('span', { dir: 'auto', text: [s.name, s.email].filter(Boolean).join(' · ') || s.id || '—' }),
          s.verified ? h('span', { class: 'badge verified', title: 'Signed by the shop: this identity is verified', text: '✓ verified' })
            : h('span', { class: 'badge unverified', title: 'Not signed by the shop: the shopper may have typed this', text: 'unverified' }),
        ] : h('span', { class: 'muted', text: 'not identified' }))),
        h('div', {}, h('dt', { text: 'Timers' }), h('dd', { class: 'timers small' },
          h('span', { 'data-timer': 'waited', text: conv.timers && conv.timers.waitedSeconds != null ? `waited ${dur(conv.timers.waitedSeconds)}` : 'waited —' }),
          h('span', { text: ' · ' }),
          h('span', { 'data-timer': 'first-response', text: conv.timers && conv.timers.firstResponseSeconds != null ? `first reply ${dur(conv.timers.firstResponseSeconds)}` : 'first reply pending' }))),
        h('div', { class: 'conf' }, h('dt', { text: 'Bot confidence' }), h('dd', {},
          h('span', { class: 'conf-num', text: pct(conf) }), meter,
          h('span', { class: 'muted small', text: `hand-off < ${pct(ho.handoffThreshold)} · answer ≥ ${pct(ho.answerThreshold)}` })))),
      cands.length ? h('div', { class: 'cands' },
        h('h3', { text: 'The bot’s best guesses' }),
        h('ol', {}, cands.map((c) => h('li', { 'data-entry': c.id },
          h('span', { class: 'cand-title', dir: 'auto', text: c.title || c.id }),
          h('code', { class: 'cand-id', text: c.id }),
          h('span', { class: 'cand-score', title: `score ${num(c.score)} · lexical ${num(c.lexical)} · similarity ${num(c.similarity)} · answerable ${pct(c.answerable)} · choice ${pct(c.choice)}`,
            text: `confidence ${pct(c.confidence)} · score ${num(c.score)}` }),
          c.handoff ? h('span', { class: 'badge warn', text: 'needs a person' }) : null)))) : h('p', { class: 'muted small', text: 'No knowledge-base candidates.' }),
    );
  };

  // A photo (the shopper's, or one an agent sent): a thumbnail of at most 260x260 px, laid out at its size before it loads (the width and
  // height attributes), opening the whole picture in a new tab.
  const thumbSize = (w, ht) => {
    if (!(w > 0 && ht > 0 && w < 1e5 && ht < 1e5)) return {};
    const k = Math.min(1, 260 / w, 260 / ht);
    return { width: Math.max(1, Math.round(w * k)), height: Math.max(1, Math.round(ht * k)) };
  };
  const photoEl = (p, from) => {
    const url = `/api/agent/photos/${encodeURIComponent(p.id)}`;
    return h('a', { class: 'photo', href: url, target: '_blank', rel: 'noopener noreferrer', title: 'Open the full picture in a new tab' },
      h('img', { src: url, ...thumbSize(p.width, p.height), alt: from === 'agent' ? 'Picture sent to the shopper' : 'Photo from the shopper', loading: 'lazy' }));
  };

  const messageEl = (m) => {
    const from = ['shopper', 'bot', 'agent', 'system'].includes(m.from) ? m.from : 'system';
    const el = h('div', { class: 'msg ' + from, 'data-from': from, 'data-seq': m.seq != null ? m.seq : null });
    const meta = h('div', { class: 'meta' });
    const who = from === 'shopper' ? 'Shopper' : from === 'bot' ? 'Bot' : from === 'agent' ? (m.agent || 'Agent') : 'System';
    meta.append(h('span', { class: 'who', text: who }));
    if (from === 'bot') {
      if (m.entry && m.entry.id) meta.append(h('span', { class: 'entry', text: `${m.entry.id}` }), h('span', { class: 'entry-title', dir: 'auto', text: m.entry.title || '' }));
      if (m.decision) meta.append(h('span', { class: 'badge dec d-' + m.decision, text: m.decision }));
      if (typeof m.confidence === 'number') meta.append(h('span', { class: 'confidence', text: `confidence ${pct(m.confidence)}` }));
      if (m.translationMissing) meta.append(h('span', { class: 'badge warn', text: 'translation missing' }));
    }
    // an answer to an emailed reply, read back from the shop's mailbox
    if (from === 'shopper' && m.via === 'email') { el.dataset.via = 'email'; meta.append(h('span', { class: 'badge via', text: 'by email' })); }
    if (from === 'system' && m.key) { el.dataset.key = m.key; }
    if (m.at) meta.append(h('time', { datetime: m.at, text: fmtTime(m.at) }));
    // shown by markSeen once the shopper's widget has shown them this reply (else it may be emailed to them)
    if (from === 'agent') meta.append(h('span', { class: 'seen', text: 'Seen' }), h('span', { class: 'emailed', text: 'Emailed' }));
    const bub = h('div', { class: 'bub', dir: 'auto' });
    if (from === 'bot' && m.html) bub.append(sanitize(m.html));
    else if (m.photo && typeof m.photo.id === 'string') { bub.classList.add('pic'); bub.append(photoEl(m.photo, from)); }
    else if (m.text != null && m.text !== '') bub.textContent = String(m.text);
    if (from === 'bot' && Array.isArray(m.choices) && m.choices.length) {
      if (!bub.textContent) bub.textContent = 'Offered choices:';
      bub.append(h('ul', { class: 'choices' }, m.choices.map((c) => h('li', { text: `${c.title || c.id} (${c.id})` }))));
    }
    if (m.language) el.setAttribute('lang', m.language);
    el.append(meta, bub);
    return el;
  };

  // marks the agents' replies the shopper has seen in the widget, or was emailed (mail.* settings) instead
  const markSeen = (conv) => {
    $('transcript').querySelectorAll('.msg.agent[data-seq]').forEach((el) => {
      el.toggleAttribute('data-seen', Number(el.dataset.seq) <= (conv.readSeq || 0));
      el.toggleAttribute('data-emailed', Number(el.dataset.seq) <= (conv.emailedSeq || 0));
    });
  };

  const appendMessage = (m) => {
    const tr = $('transcript');
    const atBottom = tr.scrollHeight - tr.scrollTop - tr.clientHeight < 60;
    tr.append(messageEl(m));
    if (atBottom || m.from === 'agent') tr.scrollTop = tr.scrollHeight;
    const conv = convs.get(m.conversation);
    if (conv) markSeen(conv);
    if (conv && (m.key === 'closed' || m.key === 'back_to_bot')) renderConversation();
  };

  const renderNotes = (conv) => {
    const ul = $('notes');
    ul.replaceChildren(...conv.notes.map((n) => h('li', { class: 'note' },
      h('div', { class: 'meta' }, h('span', { class: 'who', text: n.agent || 'Agent' }), n.at ? h('time', { datetime: n.at, text: fmtTime(n.at) }) : null),
      h('div', { class: 'bub', dir: 'auto', text: n.text || '' }))));
    if (!conv.notes.length) ul.append(h('li', { class: 'empty', text: 'No notes yet.' }));
  };

  const renderTyping = () => { $('typing').hidden = !(shopperTyping && shopperTyping === current); };

  const renderAll = () => { renderQueue(); renderMine(); renderAgents(); renderConversation(); updateTitle(); };

  // ---------- composer ----------
  const reply = $('reply');
  const stopTyping = () => {
    clearTimeout(myTypingTimer);
    if (myTyping && current) send({ type: 'typing', conversation: current, on: false });
    myTyping = false;
  };
  reply.addEventListener('input', () => {
    if (!current || !isMine(current)) return;
    const now = Date.now();
    if (reply.value.trim() && (!myTyping || now - myTypingAt > 4000)) {
      myTyping = send({ type: 'typing', conversation: current, on: true }) || myTyping;
      myTypingAt = now;
    }
    clearTimeout(myTypingTimer);
    myTypingTimer = setTimeout(stopTyping, reply.value.trim() ? 3000 : 0);
  });
  reply.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); sendReply(); }
  });
  const sendReply = () => {
    const text = reply.value.trim();
    if (!text || !current) return;
    stopTyping();
    if (send({ type: 'reply', conversation: current, text })) reply.value = '';
    reply.focus();
  };
  $('composer').addEventListener('submit', (e) => { e.preventDefault(); sendReply(); });
  $('add-note').addEventListener('click', () => {
    const text = reply.value.trim();
    if (!text) { toast('Write the note in the box first, then press “Add note”.'); reply.focus(); return; }
    stopTyping();
    if (current && send({ type: 'note', conversation: current, text })) reply.value = '';
  });
  // A picture for the shopper (the right item, where the order number is printed): the server redraws it, as it
  // does shoppers' pictures, and sends it to the shopper's chat and back here as a message.
  const PHOTO_REFUSALS = {
    photo_too_large: 'That picture is too large.', too_many_pixels: 'That picture is too large.',
    not_a_picture: 'That file is not a picture the server can read (JPEG, PNG or GIF).',
    too_many_photos: 'This conversation already has 20 pictures.', not_yours: 'This conversation is not assigned to you.',
    photos_off: 'Pictures are turned off on this server.',
  };
  $('send-photo').addEventListener('click', () => $('photo-file').click());
  $('photo-file').addEventListener('change', async () => {
    const file = $('photo-file').files[0];
    $('photo-file').value = '';
    if (!file || !current) return;
    const id = 'agent-' + Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
    $('send-photo').disabled = true;
    try {
      const r = await fetch(`/api/agent/photos?conversation=${encodeURIComponent(current)}&id=${id}`,
        { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
      if (r.status !== 201) {
        const code = await r.json().then((b) => b.error, () => (r.status === 413 ? 'photo_too_large' : null));
        toast(PHOTO_REFUSALS[code] || 'The picture could not be sent; try again.', code);
      }
    } catch {
      toast('The picture could not be sent; check the connection and try again.');
    } finally {
      updateControls();
    }
  });
  $('handback').addEventListener('click', () => { if (current && send({ type: 'handback', conversation: current })) leaving = current; });

  const closeDialog = $('close-dialog');
  $('close').addEventListener('click', () => { $('close-note').value = ''; closeDialog.showModal(); $('resolution').focus(); });
  closeDialog.addEventListener('close', () => {
    if (closeDialog.returnValue !== 'ok' || !current) return;
    const frame = { type: 'close', conversation: current, resolution: $('resolution').value };
    const note = $('close-note').value.trim();
    if (note) frame.note = note;
    if (send(frame)) leaving = current;
  });
  const transferDialog = $('transfer-dialog');
  $('transfer').addEventListener('click', () => { $('transfer-email').value = ''; transferDialog.showModal(); $('transfer-email').focus(); });
  transferDialog.addEventListener('close', () => {
    const to = $('transfer-email').value.trim();
    if (transferDialog.returnValue !== 'ok' || !current || !to) return;
    if (send({ type: 'transfer', conversation: current, to })) leaving = current;
  });

  // ---------- canned answers ----------
  let searchSeq = 0;
  let searchTimer = 0;
  const search = async () => {
    const q = $('search').value.trim();
    const box = $('results');
    const mySeq = ++searchSeq;
    if (!q) { box.replaceChildren(); return; }
    const conv = convs.get(current);
    const lang = (conv && conv.language) || (me && me.languages && me.languages[0]) || '';
    box.replaceChildren(h('p', { class: 'muted small', text: 'Searching…' }));
    let r;
    try { r = await api('GET', `/api/agent/search?q=${encodeURIComponent(q)}&lang=${encodeURIComponent(lang)}`); } catch { r = { status: 0 }; }
    if (mySeq !== searchSeq) return;
    if (r.status === 401) { showLogin('Your session has ended. Please sign in again.'); return; }
    if (r.status !== 200 || !Array.isArray(r.data)) { box.replaceChildren(h('p', { class: 'form-error', text: `Search failed (HTTP ${r.status}).` })); return; }
    if (!r.data.length) { box.replaceChildren(h('p', { class: 'muted', text: 'No answers found.' })); return; }
    box.replaceChildren(...r.data.map((a) => {
      const body = h('div', { class: 'answer-body', dir: 'auto', lang: a.language || null });
      body.append(sanitize(a.html));
      return h('article', { class: 'answer', 'data-entry': a.id },
        h('header', {}, h('h3', { dir: 'auto', text: a.title || a.id }), h('span', { class: 'badge lang', text: a.language || '?' })),
        body,
        h('button', {
          class: 'btn small insert', type: 'button', 'aria-label': `Insert “${a.title || a.id}” into the reply`,
          onclick: () => insertAnswer(a),
        }, 'Insert'));
    }));
  };
  const insertAnswer = (a) => {
    const text = a.markdown ? markdownToText(a.markdown) : htmlToText(a.html);
    const cur = reply.value.trim();
    reply.value = cur ? `${cur}\n\n${text}` : text;
    reply.focus();
    reply.setSelectionRange(reply.value.length, reply.value.length);
    reply.dispatchEvent(new Event('input'));
  };
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(searchTimer); search(); });
  $('search').addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(search, 300); });

  // ---------- my password ----------
  const MIN_PASSWORD = 10;
  const passwordDialog = $('password-dialog');
  let passwordSeq = 0;
  const passwordError = (text, focus) => {
    const err = $('password-error');
    err.hidden = !text;
    err.textContent = text || '';
    if (focus) { $(focus).focus(); $(focus).select(); }
  };
  const clearPasswordForm = () => {
    passwordSeq++;
    ['password-current', 'password-new', 'password-repeat'].forEach((id) => { $(id).value = ''; });
    $('password-save').disabled = false;
    passwordError('');
  };
  $('change-password').addEventListener('click', () => {
    clearPasswordForm();
    $('password-user').value = (me && me.email) || '';
    passwordDialog.showModal();
    $('password-current').focus();
  });
  $('password-cancel').addEventListener('click', () => passwordDialog.close());
  passwordDialog.addEventListener('close', clearPasswordForm); // the passwords do not stay in the page
  $('password-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const current = $('password-current').value;
    const password = $('password-new').value;
    const repeat = $('password-repeat').value;
    if (!current) { passwordError('Type your current password.', 'password-current'); return; }
    if (password.length < MIN_PASSWORD) { passwordError(`The new password must have at least ${MIN_PASSWORD} characters.`, 'password-new'); return; }
    if (password !== repeat) { passwordError('The two new passwords are not the same.', 'password-repeat'); return; }
    if (password === current) { passwordError('The new password is the same as the current one.', 'password-new'); return; }
    const seq = ++passwordSeq;
    passwordError('');
    $('password-save').disabled = true;
    let r;
    try { r = await api('POST', '/api/agent/password', { current, password }); } catch { r = { status: 0 }; }
    const ok = r.status === 204 || r.status === 200;
    if (seq !== passwordSeq) { // closed meanwhile: only a change that happened is still told
      if (ok) toast('Password changed; your other sessions were logged out.', 'password_changed', 'ok');
      return;
    }
    $('password-save').disabled = false;
    if (ok) {
      passwordDialog.close();
      toast('Password changed; your other sessions were logged out.', 'password_changed', 'ok');
      return;
    }
    if (r.status === 401) { passwordDialog.close(); showLogin('Your session has ended. Please sign in again.'); return; }
    const said = r.data && typeof r.data === 'object' ? String(r.data.message || r.data.title || '').trim() : '';
    const sentence = (t) => (/[.!?]$/.test(t) ? t : `${t}.`);
    if (r.status === 403) passwordError(sentence(said || 'The current password is wrong'), 'password-current');
    else if (r.status === 429) passwordError(sentence(said || 'Too many wrong passwords: try again in 15 minutes'));
    else if (r.status === 400) passwordError(sentence(`Not changed: ${said || 'the server refused the new password'}`), 'password-new');
    else passwordError(r.status ? `The password could not be changed (HTTP ${r.status}).` : 'The server cannot be reached. Check your connection.');
  });

  // ---------- presence ----------
  $('presence').addEventListener('change', () => send({ type: 'presence', status: $('presence').value }));

  // keyboard: Escape in a dialog is native; Alt+Q focuses the queue
  document.addEventListener('keydown', (e) => {
    if (e.altKey && (e.key === 'q' || e.key === 'Q')) { const b = $('queue').querySelector('button'); if (b) { e.preventDefault(); b.focus(); } }
  });

  // ---------- start ----------
  window.BabelDeskConsole = { get state() { return { me, current, queue: queue.slice(), mine: mine.slice(), agents: agents.slice(), connected: !!(ws && ws.readyState === 1) }; }, markdownToText, htmlToText };
  (async () => {
    try {
      const r = await api('GET', '/api/agent/me');
      if (r.status === 200 && r.data) startApp(r.data); else showLogin('');
    } catch { showLogin('The server cannot be reached.'); }
  })();
})();
