/*! Babel Desk admin · docs/admin-api.md · no dependencies */
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const REASONS = {
    low_confidence: 'Bot not confident',
    explicit_request: 'Asked for a person',
    complaint: 'Complaint',
    frustration: 'Frustrated shopper',
    repeated_failure: 'Bot failed twice',
    handoff_entry: 'Hand-off answer',
    photo: 'Sent a photo',
    email_reply: 'Answered an email',
  };
  const DECISIONS = { answer: 'Answered', clarify: 'Clarified', handoff: 'Handed off' };
  const words = (code) => {
    const s = String(code == null ? '' : code).replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
    return s ? s[0].toUpperCase() + s.slice(1) : '—';
  };
  const reasonLabel = (r) => REASONS[r] || words(r);
  const decisionLabel = (d) => DECISIONS[d] || words(d);
  const RTL = ['ar', 'he', 'fa', 'ur'];

  // ---------- DOM helpers: server texts only ever go through textContent ----------
  const { h, sanitize, wireLogin } = window.BabelDeskPages;
  const s = (tag, attrs, ...kids) => {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs || {}) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'text') e.textContent = String(v);
      else e.setAttribute(k, String(v));
    }
    kids.flat().forEach((c) => c != null && e.append(c));
    return e;
  };

  // ---------- formatting ----------
  const isNum = (x) => typeof x === 'number' && isFinite(x);
  const int = (x) => (isNum(x) ? Math.round(x).toLocaleString('en-US') : '—');
  const pct = (x) => (isNum(x) ? `${Math.round(x * 100)}%` : '—');
  const share = (a, b) => (isNum(a) && isNum(b) && b > 0 ? `${Math.round((a * 100) / b)}%` : '—');
  const fixed2 = (x) => (isNum(x) ? x.toFixed(2) : '—');
  const duration = (sec) => {
    if (!isNum(sec)) return '—';
    const t = Math.max(0, Math.round(sec));
    if (t < 60) return `${t} s`;
    if (t < 3600) return `${Math.round(t / 60)} min`;
    const hrs = t / 3600;
    if (hrs < 48) return `${hrs < 10 ? hrs.toFixed(1).replace(/\.0$/, '') : Math.round(hrs)} h`;
    return `${Math.round(hrs / 24)} days`;
  };
  let langNames = null;
  try { langNames = new Intl.DisplayNames(['en'], { type: 'language' }); } catch { /* old browser */ }
  const langName = (code) => {
    const c = String(code || '');
    if (!c || c === 'und') return 'Unknown';
    try { const n = langNames && langNames.of(c); if (n && n !== c) return `${n} (${c})`; } catch { /* not a language tag */ }
    return c;
  };
  const dirFor = (lang) => (RTL.includes(String(lang || '').split('-')[0]) ? 'rtl' : 'auto');

  // ---------- dates: whole UTC days, YYYY-MM-DD ----------
  const isoDay = (d) => d.toISOString().slice(0, 10);
  const today = () => isoDay(new Date());
  const addDays = (day, n) => { const d = new Date(`${day}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return isoDay(d); };
  const validDay = (x) => /^\d{4}-\d{2}-\d{2}$/.test(x || '') && !isNaN(Date.parse(`${x}T00:00:00Z`)) && isoDay(new Date(`${x}T00:00:00Z`)) === x;
  const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000) + 1;
  const dayLabel = (day, opts) => {
    const d = new Date(`${day}T00:00:00Z`);
    return isNaN(d) ? String(day) : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC', ...opts });
  };

  // ---------- state ----------
  let me = null;
  let period = null; // {from, to}
  let insight = null;
  let thresholds = null; // the server's current {answerThreshold, handoffThreshold}, once a simulation told us
  let loadSeq = 0;
  let simSeq = 0;
  let trySeq = 0;
  let learnSeq = 0;
  let learning = null; // the last GET /api/admin/learning: {suggestions, learned}
  let simTouched = false;

  // ---------- HTTP ----------
  const api = async (method, url, body) => {
    const res = await fetch(url, {
      method, credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    let text = '';
    try { text = await res.text(); } catch { /* empty */ }
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, data, text };
  };
  // what the server said of a refusal: {error, message} of this API, Javalin's {title, ...}, or a short plain text
  const serverMessage = (r) => {
    const d = r && r.data;
    if (d && typeof d === 'object') {
      for (const k of ['message', 'title']) if (typeof d[k] === 'string' && d[k].trim()) return d[k].trim();
      return '';
    }
    const t = r && typeof r.text === 'string' ? r.text.trim() : '';
    return t && t.length <= 300 && !/^\s*</.test(t) ? t : '';
  };
  const problem = (r, what) => {
    const m = serverMessage(r);
    if (m) return `${what}: ${m}`;
    return r.status ? `${what} (HTTP ${r.status}).` : `${what}: the server cannot be reached.`;
  };
  // 401 and 403 end the page, whatever asked
  const gate = (r) => {
    if (r.status === 401) { showLogin('Your session has ended. Please sign in again.'); return false; }
    if (r.status === 403) { showDenied(me); return false; }
    return true;
  };

  // ---------- screens ----------
  const show = (which) => {
    $('loading').hidden = true;
    for (const id of ['login', 'denied', 'app']) $(id).hidden = which !== id;
  };

  const showLogin = (message) => {
    me = null;
    insight = null;
    learning = null;
    loadSeq++; simSeq++; trySeq++; learnSeq++;
    clearPrivacy();
    clearTeam();
    show('login');
    const err = $('login-error');
    err.hidden = !message;
    err.textContent = message || '';
    $('login-email').focus();
  };

  const showDenied = (agent) => {
    loadSeq++; simSeq++; trySeq++; learnSeq++;
    insight = null;
    learning = null;
    for (const id of ['summary', 'daily-chart', 'reasons-chart', 'resolutions-chart', 'languages-chart', 'ratings-chart', 'groups', 'sim-result', 'sim-changed', 'try-result',
      'learn-suggestions', 'learned', 'learn-status']) $(id).replaceChildren();
    clearPrivacy();
    clearTeam();
    const who = agent ? (agent.name || agent.email || '') : '';
    $('denied-text').textContent = who
      ? `You are signed in as ${who}, with an agent account. This page shows the whole shop's figures and is for admins only.`
      : 'This page shows the whole shop\'s figures and is for admins only.';
    show('denied');
    $('denied-h').focus();
  };

  const start = (agent) => {
    me = agent;
    if (!agent || agent.role !== 'admin') { showDenied(agent); return; }
    $('me').textContent = agent.name ? `${agent.name} · admin` : 'admin';
    $('me').title = agent.email || '';
    show('app');
    loadTeam();
    const q = new URLSearchParams(location.search);
    const from = q.get('from');
    const to = q.get('to');
    if (validDay(from) && validDay(to) && from <= to) setPeriod(from, to);
    else quick(30);
  };

  wireLogin(api, (agent) => start(agent));

  const logout = async () => {
    try { await api('POST', '/api/agent/logout'); } catch { /* the session ends anyway */ }
    showLogin('');
  };
  $('logout').addEventListener('click', logout);
  $('denied-logout').addEventListener('click', logout);

  // ---------- period ----------
  const exportHref = (format) => `/api/admin/insight/export?${new URLSearchParams({ from: period.from, to: period.to, format })}`;
  const setPeriod = (from, to) => {
    period = { from, to };
    $('period-from').value = from;
    $('period-to').value = to;
    $('period-error').hidden = true;
    $('export-csv').href = exportHref('csv');
    $('export-json').href = exportHref('json');
    $('export-csv').setAttribute('download', `babeldesk-${from}-${to}.csv`);
    $('export-json').setAttribute('download', `babeldesk-${from}-${to}.json`);
    $('export-cases').href = exportHref('cases');
    $('export-cases').setAttribute('download', `babeldesk-${from}-${to}-cases.jsonl`);
    const n = daysBetween(from, to);
    document.querySelectorAll('[data-days]').forEach((b) => b.setAttribute('aria-pressed', String(to === today() && Number(b.dataset.days) === n)));
    try { history.replaceState(null, '', `${location.pathname}?${new URLSearchParams({ from, to })}`); } catch { /* file: or sandbox */ }
    loadAll();
  };
  const quick = (days) => { const to = today(); setPeriod(addDays(to, -(days - 1)), to); };
  document.querySelectorAll('[data-days]').forEach((b) => b.addEventListener('click', () => quick(Number(b.dataset.days))));
  $('period-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const from = $('period-from').value;
    const to = $('period-to').value;
    const err = $('period-error');
    if (!validDay(from) || !validDay(to)) { err.hidden = false; err.textContent = 'Choose both dates.'; return; }
    if (from > to) { err.hidden = false; err.textContent = '“From” must not be after “To”.'; return; }
    setPeriod(from, to);
  });

  // ---------- loading ----------
  const setBusy = (busy) => {
    $('summary').setAttribute('aria-busy', String(busy));
    $('main').dataset.state = busy ? 'loading' : 'ready';
  };

  const loadAll = async () => {
    const seq = ++loadSeq;
    const p = period;
    const qs = `?${new URLSearchParams({ from: p.from, to: p.to })}`;
    setBusy(true);
    $('period-label').textContent = 'Loading…';
    const lseq = ++learnSeq;
    $('learn').dataset.state = 'loading';
    let a;
    let b;
    let c;
    try {
      [a, b, c] = await Promise.all([api('GET', `/api/admin/insight${qs}`), api('GET', `/api/admin/insight/questions${qs}`),
        api('GET', `/api/admin/learning${qs}`).catch(() => ({ status: 0 }))]);
    } catch {
      a = { status: 0 }; b = { status: 0 }; c = { status: 0 };
    }
    if (seq !== loadSeq) return;
    if (!gate(a) || !gate(b) || !gate(c)) return;
    if (lseq === learnSeq) { $('learn-error').hidden = true; $('learn-status').textContent = ''; showLearning(c, p); }
    $('main').dataset.period = `${p.from}..${p.to}`;
    if (a.status !== 200 || !a.data) {
      const err = $('period-error');
      err.hidden = false;
      err.textContent = problem(a, 'The figures could not be loaded');
      $('period-label').textContent = '';
      $('main').dataset.state = 'error';
      $('summary').setAttribute('aria-busy', 'false');
      return;
    }
    insight = a.data;
    renderInsight(insight);
    if (b.status === 200 && b.data && Array.isArray(b.data.groups)) renderGroups(b.data.groups);
    else $('groups').replaceChildren(h('p', { class: 'form-error', text: problem(b, 'The questions could not be loaded') }));
    setBusy(false);
    simulate(true);
  };

  // ---------- overview ----------
  const tile = (key, label, value, sub, cls) => h('div', { class: `tile ${cls || ''}`, 'data-key': key },
    h('span', { class: 'tile-label', text: label }),
    h('span', { class: 'tile-value', text: value }),
    sub ? h('span', { class: 'tile-sub', text: sub }) : null);

  const renderInsight = (d) => {
    const n = daysBetween(d.from || period.from, d.to || period.to);
    $('period-label').textContent = `${dayLabel(d.from || period.from, { year: 'numeric' })} – ${dayLabel(d.to || period.to, { year: 'numeric' })} · ${n} ${n === 1 ? 'day' : 'days'}`;
    const dec = d.decisions || {};
    const fb = d.feedback || {};
    const rt = d.ratings || {};
    const fr = d.firstResponse || {};
    const votes = (fb.helpful || 0) + (fb.notHelpful || 0);
    const avg = tile('rating', 'Average rating', rt.count ? (isNum(rt.average) ? rt.average.toFixed(1) : '—') : '—',
      rt.count ? `from ${int(rt.count)} ${rt.count === 1 ? 'rating' : 'ratings'}` : 'no ratings yet');
    if (rt.count && isNum(rt.average)) avg.querySelector('.tile-value').append(h('span', { class: 'stars', 'aria-hidden': 'true', text: '★' }));
    $('summary').replaceChildren(
      tile('conversations', 'Conversations', int(d.conversations), 'started in the period'),
      tile('botOnly', 'Bot alone', int(d.botOnly), d.conversations ? `${share(d.botOnly, d.conversations)} of conversations` : 'no conversations', 'good'),
      tile('handedOff', 'Handed off', int(d.handedOff), d.conversations ? `${share(d.handedOff, d.conversations)} went to a person` : 'no conversations'),
      tile('questions', 'Questions', int(d.questions), `${int(dec.answer || 0)} answered · ${int(dec.clarify || 0)} clarified · ${int(dec.handoff || 0)} handed off`),
      tile('notHelpful', 'Not helpful', int(fb.notHelpful || 0), votes ? `of ${int(votes)} ${votes === 1 ? 'vote' : 'votes'} (${share(fb.notHelpful || 0, votes)})` : 'no votes yet', fb.notHelpful ? 'bad' : ''),
      avg,
      tile('firstResponseMedian', 'First reply, median', fr.count ? duration(fr.medianSeconds) : '—',
        fr.count ? `from joining the queue · ${int(fr.count)} ${fr.count === 1 ? 'conversation' : 'conversations'}` : 'no replies yet'),
      tile('firstResponseP90', 'First reply, 90%', fr.count ? duration(fr.p90Seconds) : '—',
        fr.count ? `9 in 10 within this · average ${duration(fr.averageSeconds)}` : 'no replies yet'),
    );
    renderCharts();
    renderKb(d.knowledgeBase || {});
  };

  const renderCharts = () => {
    if (!insight) return;
    const d = insight;
    dailyChart($('daily-chart'), Array.isArray(d.daily) ? d.daily : []);
    const entries = (o) => Object.entries(o && typeof o === 'object' ? o : {}).filter(([, v]) => isNum(v) && v > 0).sort((a, b) => b[1] - a[1]);
    hbarChart($('reasons-chart'), entries(d.handoffReasons).map(([k, v]) => ({ key: k, label: reasonLabel(k), value: v })),
      { name: 'Hand-off reasons', of: 'conversations' });
    hbarChart($('resolutions-chart'), entries(d.resolutions).map(([k, v]) => ({ key: k, label: words(k), value: v })),
      { name: 'Resolutions', of: 'conversations' });
    hbarChart($('languages-chart'), entries(d.languages).map(([k, v]) => ({ key: k, label: langName(k), value: v })),
      { name: 'Languages', of: 'conversations' });
    const dist = (d.ratings && d.ratings.distribution) || {};
    const ratingRows = [5, 4, 3, 2, 1].map((n) => ({ key: String(n), label: `${n} ${n === 1 ? 'star' : 'stars'}`, value: Number(dist[n] || 0) }));
    hbarChart($('ratings-chart'), ratingRows.some((r) => r.value > 0) ? ratingRows : [], { name: 'Rating distribution', of: 'ratings' });
  };

  const empty = (el) => {
    el.dataset.empty = 'true';
    el.replaceChildren(h('p', { class: 'empty', text: 'No data in this period' }));
  };
  const chartWidth = (el) => Math.max(260, Math.floor((el.clientWidth || 700) - 28));

  const niceStep = (max, ticks) => {
    const raw = Math.max(1, max) / ticks;
    const p = 10 ** Math.floor(Math.log10(raw));
    const m = raw / p;
    return Math.max(1, (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p);
  };

  // stacked bars per day: answered / clarified / handed off
  const dailyChart = (el, daily) => {
    const rows = daily.map((r) => ({ date: String(r.date || ''), conversations: +r.conversations || 0, answered: +r.answered || 0, clarified: +r.clarified || 0, handedOff: +r.handedOff || 0 }));
    const totals = rows.reduce((t, r) => ({ a: t.a + r.answered, c: t.c + r.clarified, h: t.h + r.handedOff, v: t.v + r.conversations }), { a: 0, c: 0, h: 0, v: 0 });
    if (!rows.length || totals.a + totals.c + totals.h === 0) { empty(el); return; }
    el.dataset.empty = 'false';
    const W = chartWidth(el);
    const H = W < 500 ? 180 : 220;
    const m = { l: 34, r: 6, t: 10, b: 24 };
    const pw = W - m.l - m.r;
    const ph = H - m.t - m.b;
    const max = Math.max(...rows.map((r) => r.answered + r.clarified + r.handedOff));
    const step = niceStep(max, 4);
    const top = Math.ceil(max / step) * step;
    const y = (v) => m.t + ph - (v / top) * ph;
    const svg = s('svg', {
      viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', focusable: 'false',
      'aria-label': `Bot decisions per day, ${dayLabel(rows[0].date)} to ${dayLabel(rows[rows.length - 1].date)}: `
        + `${totals.a} answered, ${totals.c} clarified, ${totals.h} handed off in total. The numbers per day are in the table below.`,
    });
    for (let v = 0; v <= top; v += step) {
      svg.append(s('line', { class: v === 0 ? 'axis-line' : 'grid-line', x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }));
      svg.append(s('text', { class: 'axis', x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end', text: int(v) }));
    }
    const slot = pw / rows.length;
    const bw = Math.max(1, Math.min(30, slot * 0.72));
    const maxLabels = Math.max(2, Math.floor(pw / 56));
    const every = Math.ceil(rows.length / maxLabels);
    rows.forEach((r, i) => {
      const x = m.l + i * slot + (slot - bw) / 2;
      const g = s('g', { class: 'day', 'data-date': r.date },
        s('title', { text: `${dayLabel(r.date, { weekday: 'short' })}: ${r.answered} answered, ${r.clarified} clarified, ${r.handedOff} handed off · ${r.conversations} conversations` }));
      let base = 0;
      for (const [k, cls] of [['answered', 'answer'], ['clarified', 'clarify'], ['handedOff', 'handoff']]) {
        const v = r[k];
        if (v <= 0) continue;
        const y0 = y(base);
        const y1 = y(base + v);
        g.append(s('rect', { class: `bar ${cls}`, x: x.toFixed(1), y: y1.toFixed(1), width: bw.toFixed(1), height: Math.max(1, y0 - y1).toFixed(1), 'data-value': v }));
        base += v;
      }
      if (base === 0) g.append(s('rect', { x: x.toFixed(1), y: y(0) - 1, width: bw.toFixed(1), height: 1, fill: 'transparent' }));
      svg.append(g);
      if ((rows.length - 1 - i) % every === 0) { // counted from the newest day, so today is always labelled
        svg.append(s('text', { class: 'axis', x: (m.l + i * slot + slot / 2).toFixed(1), y: H - 6, 'text-anchor': 'middle', text: dayLabel(r.date) }));
      }
    });
    const table = h('table', { class: 'data' },
      h('caption', { class: 'sr', text: 'Bot decisions per day' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Day' }), h('th', { scope: 'col', class: 'num', text: 'Conversations' }),
        h('th', { scope: 'col', class: 'num', text: 'Answered' }), h('th', { scope: 'col', class: 'num', text: 'Clarified' }), h('th', { scope: 'col', class: 'num', text: 'Handed off' }))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row', text: dayLabel(r.date, { weekday: 'short', year: 'numeric' }) }),
        h('td', { class: 'num', text: int(r.conversations) }), h('td', { class: 'num', text: int(r.answered) }),
        h('td', { class: 'num', text: int(r.clarified) }), h('td', { class: 'num', text: int(r.handedOff) })))));
    el.replaceChildren(svg, h('details', { class: 'numbers' }, h('summary', { text: 'Show the numbers' }), h('div', { class: 'table-wrap' }, table)));
  };

  // horizontal bars: one row per key
  const hbarChart = (el, rows, { name, of }) => {
    if (!rows.length) { empty(el); return; }
    el.dataset.empty = 'false';
    const W = chartWidth(el);
    const total = rows.reduce((t, r) => t + r.value, 0);
    const max = Math.max(...rows.map((r) => r.value));
    const labelW = Math.min(170, Math.round(W * 0.4));
    const valueW = 78;
    const rowH = 28;
    const bh = 16;
    const H = rows.length * rowH;
    const bar = (v) => Math.max(2, ((W - labelW - valueW - 8) * v) / (max || 1));
    const svg = s('svg', {
      viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', focusable: 'false',
      'aria-label': `${name}: ${rows.map((r) => `${r.label} ${r.value}`).join(', ')} (${total} ${of} in all)`,
    });
    const maxChars = Math.max(8, Math.floor(labelW / 7));
    rows.forEach((r, i) => {
      const cy = i * rowH + rowH / 2;
      const label = r.label.length > maxChars ? `${r.label.slice(0, maxChars - 1)}…` : r.label;
      const bwid = r.value > 0 ? bar(r.value) : 0;
      svg.append(s('g', { class: 'row', 'data-key': r.key, 'data-value': r.value },
        s('title', { text: `${r.label}: ${r.value} (${share(r.value, total)})` }),
        s('text', { class: 'row-label', x: 0, y: cy + 4, text: label }),
        s('rect', { class: 'bar h', x: labelW, y: cy - bh / 2, width: bwid.toFixed(1), height: bh, rx: 3 }),
        s('text', { class: 'row-value', x: labelW + bwid + 6, y: cy + 4, text: `${int(r.value)} · ${share(r.value, total)}` })));
    });
    el.replaceChildren(svg);
  };

  let resizeTimer = 0;
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(renderCharts, 150);
  });

  // ---------- knowledge base ----------
  const renderKb = (kb, reloaded) => {
    const langs = Array.isArray(kb.languages) ? kb.languages : [];
    const errors = Array.isArray(kb.errors) ? kb.errors : [];
    $('kb-status').replaceChildren(
      h('strong', { text: `${int(kb.entries)} ${kb.entries === 1 ? 'entry' : 'entries'}` }),
      langs.length ? ` in ${langs.map(langName).join(', ')}` : '',
      errors.length ? h('span', { class: 'badge d-handoff', text: `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}` }) : ' · no problems');
    if (errors.length) $('kb-status').lastChild.before(' · ');
    // Languages where the bot cannot tell which questions its answers cover (README, "A blind scope").
    const blind = Array.isArray(kb.blindToScope) ? kb.blindToScope : [];
    $('kb-blind').hidden = !blind.length;
    $('kb-blind').replaceChildren(...(blind.length ? [
      h('h2', { text: `The bot cannot tell which questions its answers cover in ${blind.map(langName).join(', ')}` }),
      h('p', { class: 'small', text: 'There it offers choices instead of answering outright, and hands off only the questions it finds nothing for. '
        + 'Add 3-5 example questions (questions:) to the entries, or set an embedding model for the language (retrieval.embedding-models).' }),
    ] : []));
    const box = $('kb-errors');
    box.hidden = !errors.length;
    if (!errors.length) { box.replaceChildren(); return; }
    const SHOWN = 50;
    box.replaceChildren(
      h('h2', { text: `The knowledge base has ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}` }),
      h('p', { class: 'small', text: `Entries with problems are skipped or incomplete. Fix the files, then reload the knowledge base${reloaded ? '' : ' (at the bottom of this page)'}.` }),
      h('ul', {}, errors.slice(0, SHOWN).map((e) => h('li', { text: String(e) })),
        errors.length > SHOWN ? h('li', { text: `… and ${errors.length - SHOWN} more` }) : null));
  };

  $('kb-reload').addEventListener('click', async () => {
    const btn = $('kb-reload');
    const out = $('kb-reload-result');
    btn.disabled = true;
    out.className = 'kb-result';
    out.textContent = 'Reloading…';
    let r;
    try { r = await api('POST', '/api/admin/reload'); } catch { r = { status: 0 }; }
    btn.disabled = false;
    if (!gate(r)) return;
    if (r.status !== 200 || !r.data) { out.className = 'kb-result bad'; out.textContent = problem(r, 'The knowledge base could not be reloaded'); return; }
    const kb = r.data;
    const errors = Array.isArray(kb.errors) ? kb.errors : [];
    renderKb(kb, true);
    if (insight) insight.knowledgeBase = kb;
    out.className = `kb-result ${errors.length ? 'bad' : 'ok'}`;
    out.textContent = `Reloaded at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}: `
      + `${int(kb.entries)} entries, ${errors.length ? `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} (listed at the top)` : 'no problems'}.`;
  });

  // ---------- questions we don't answer well ----------
  // a 0..1 bar; with a threshold, a tick marks it and the colour tells which side the value is on
  const meter = (value, threshold, passes) => {
    const m = h('div', { class: 'meter', 'aria-hidden': 'true' });
    const v = isNum(value) ? Math.min(1, Math.max(0, value)) : 0;
    const fill = h('div', { class: 'meter-fill' });
    if (isNum(threshold)) fill.classList.add(passes(v, threshold) ? 'high' : 'low');
    fill.style.width = `${(v * 100).toFixed(1)}%`;
    m.append(fill);
    if (isNum(threshold)) {
      const tick = h('div', { class: 'tick' });
      tick.style.left = `calc(${(threshold * 100).toFixed(1)}% - 1px)`;
      m.append(tick);
    }
    return m;
  };

  const renderGroups = (groups) => {
    const box = $('groups');
    box.dataset.count = String(groups.length);
    if (!groups.length) {
      box.replaceChildren(h('div', { class: 'card pad' }, h('p', { class: 'empty', text: 'Nothing to improve in this period: no question was handed off for want of an answer, and no answer was voted not helpful.' })));
      return;
    }
    box.replaceChildren(h('ol', { class: 'group-list' }, groups.map((g) => {
      const examples = Array.isArray(g.examples) ? g.examples : [];
      const c = g.closest;
      const closest = h('div', { class: 'closest' }, h('span', { class: 'closest-label', text: 'Closest entry today' }));
      if (c && (c.id || c.title)) {
        closest.append(
          h('span', { class: 'closest-title', dir: 'auto', text: c.title || c.id }),
          h('span', { class: 'entry-id', text: c.id || '' }),
          h('div', { class: 'conf' }, meter(c.confidence),
            h('span', { class: 'conf-num', text: pct(c.confidence) }, h('span', { class: 'sr', text: ' confidence' }))));
      } else closest.append(h('span', { class: 'muted', text: 'Nothing in the knowledge base comes close' }));
      const split = [];
      if (g.handedOff) split.push(`${int(g.handedOff)} handed off`);
      if (g.notHelpful) split.push(`${int(g.notHelpful)} not helpful`);
      const first = examples[0];
      return h('li', { class: `group${!g.handedOff && g.notHelpful ? ' nh' : ''}`, 'data-language': g.language || '', 'data-count': g.count },
        h('div', { class: 'group-head' },
          h('span', { class: 'badge lang', title: langName(g.language), text: g.language || '?' }),
          h('span', { class: 'group-count', text: `${int(g.count)} ${g.count === 1 ? 'time' : 'times'}` }),
          h('span', { class: 'group-split', text: split.join(' · ') }),
          first ? h('button', { class: 'btn small try-it', type: 'button', 'aria-label': `Try “${first}”`, onclick: () => tryText(first, g.language) }, 'Try it') : null),
        h('ul', { class: 'examples', lang: g.language || null }, examples.map((x) => h('li', { dir: dirFor(g.language), text: String(x) }))),
        closest);
    })));
  };

  // ---------- learning from shoppers' picks ----------
  // Shopper texts (the questions) only ever go through textContent, as everywhere on this page.
  const str = (x) => String(x == null ? '' : x);
  const arr = (x) => (Array.isArray(x) ? x : []);
  // an ISO-8601 time from the API
  const when = (t) => {
    if (t == null || t === '') return '';
    const d = new Date(String(t));
    return isNaN(d) ? '' : `${d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
  };

  const showLearning = (r, p) => {
    const sec = $('learn');
    sec.dataset.period = `${p.from}..${p.to}`;
    if (r.status !== 200 || !r.data || typeof r.data !== 'object') {
      learning = null;
      sec.dataset.state = 'error';
      $('learn-suggestions').replaceChildren();
      $('learned').replaceChildren();
      const err = $('learn-error');
      err.hidden = false;
      err.textContent = problem(r, 'The picks could not be loaded');
      return;
    }
    learning = { suggestions: arr(r.data.suggestions), learned: arr(r.data.learned) };
    renderSuggestions(learning.suggestions);
    renderLearned(learning.learned);
    sec.dataset.state = 'ready';
  };

  // the section alone, after an approval, a rejection or a removal
  const loadLearning = async () => {
    if (!period) return;
    const p = period;
    const seq = ++learnSeq;
    $('learn').dataset.state = 'loading';
    let r;
    try { r = await api('GET', `/api/admin/learning?${new URLSearchParams({ from: p.from, to: p.to })}`); } catch { r = { status: 0 }; }
    if (seq !== learnSeq) return;
    if (!gate(r)) return;
    showLearning(r, p);
  };

  // one request of the section: its buttons are disabled meanwhile; then the section is reloaded, and focus, if the
  // button went away with its row, moves to the same place in the new list (or to the heading)
  const learnAction = async (buttons, request, failed, done, focusList) => {
    const err = $('learn-error');
    const sec = $('learn');
    err.hidden = true;
    err.textContent = '';
    $('learn-status').textContent = '';
    buttons.forEach((b) => { b.disabled = true; });
    sec.dataset.state = 'busy';
    const had = buttons.some((b) => b === document.activeElement);
    const list = focusList ? [...$(focusList.box).querySelectorAll(focusList.sel)] : [];
    const index = Math.max(0, list.indexOf(buttons[0]));
    learnSeq++; // an older load must not repaint the list under the request
    let r;
    try { r = await request(); } catch { r = { status: 0 }; }
    if (!gate(r)) return;
    if (r.status !== 200) {
      err.hidden = false;
      err.textContent = problem(r, failed);
      buttons.forEach((b) => { b.disabled = false; });
      sec.dataset.state = 'ready';
      // the list was out of date, or a period's load was dropped for the request
      if (r.status === 400 || r.status === 404 || r.status === 409 || sec.dataset.period !== `${period.from}..${period.to}`) await loadLearning();
    } else {
      $('learn-status').textContent = done(r.data || {});
      await loadLearning();
    }
    if (had && focusList && !(document.activeElement || document.body).closest('#learn')) {
      const now = [...$(focusList.box).querySelectorAll(focusList.sel)].filter((b) => !b.disabled);
      (now[Math.min(index, now.length - 1)] || $(focusList.heading)).focus();
    }
  };

  const renderSuggestions = (list) => {
    const box = $('learn-suggestions');
    box.dataset.count = String(list.length);
    if (!list.length) {
      box.replaceChildren(h('p', { class: 'empty', text: 'No picks to review in this period.' }));
      return;
    }
    box.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'learn-table' },
      h('caption', { class: 'sr', text: 'Questions shoppers asked, and the answer they picked from those offered' }),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: 'Shopper asked' }),
        h('th', { scope: 'col', text: 'Language' }),
        h('th', { scope: 'col', text: 'Picked answer' }),
        h('th', { scope: 'col', class: 'num', text: 'Times' }),
        h('th', { scope: 'col', class: 'actions' }, h('span', { class: 'sr', text: 'Actions' })))),
      h('tbody', {}, list.map(suggestionRow)))));
  };

  const suggestionRow = (sg) => {
    const text = str(sg.text);
    const entry = str(sg.entry);
    const lang = str(sg.language);
    const gone = sg.title == null || sg.title === '';
    const label = gone ? entry : str(sg.title);
    const body = { language: sg.language, entry: sg.entry, text: sg.text };
    const approve = h('button', { class: 'btn small primary approve', type: 'button', 'aria-label': `Approve “${text}” for “${label}”`,
      disabled: gone, title: gone ? 'This entry is no longer in the knowledge base' : null }, 'Approve');
    const reject = h('button', { class: 'btn small reject', type: 'button', 'aria-label': `Reject “${text}”` }, 'Reject');
    const buttons = [approve, reject];
    const focusList = { box: 'learn-suggestions', sel: 'button.approve, button.reject', heading: 'learn-h' };
    approve.addEventListener('click', () => learnAction(buttons, () => api('POST', '/api/admin/learning/approve', body),
      'The pick could not be approved',
      (d) => `Learned: the bot now takes “${text}” as a way to ask “${str((d.learned && d.learned.title) || label)}”.`, focusList));
    reject.addEventListener('click', () => learnAction(buttons, () => api('POST', '/api/admin/learning/reject', body),
      'The pick could not be rejected',
      () => `Rejected: “${text}” will not be suggested again.`, focusList));
    const last = when(sg.lastAt);
    return h('tr', { 'data-language': lang, 'data-entry': entry },
      h('td', { class: 'learn-q', dir: dirFor(lang), lang: lang || null, text }),
      h('td', {}, h('span', { class: 'badge lang', title: langName(lang), text: lang || '?' })),
      h('td', { class: 'learn-entry' },
        h('div', { class: 'learn-title', dir: 'auto', text: label }),
        h('div', { class: 'entry-id', text: gone ? 'no longer in the knowledge base' : entry })),
      h('td', { class: 'num learn-times', 'data-label': 'Times' }, h('span', { class: 'times', text: int(sg.times) }),
        last ? h('span', { class: 'when', text: `last ${last}` }) : null),
      h('td', { class: 'actions' }, h('div', { class: 'row-actions' }, approve, reject)));
  };

  // learned phrasings, grouped by language and entry (in the order the server gives them: newest first)
  const renderLearned = (list) => {
    const box = $('learned');
    box.dataset.count = String(list.length);
    if (!list.length) {
      box.replaceChildren(h('p', { class: 'empty', text: 'No learned phrasings yet: approve a pick above and it shows here.' }));
      return;
    }
    const groups = new Map();
    for (const l of list) {
      const key = `${str(l.language)}\u0000${str(l.entry)}`;
      if (!groups.has(key)) groups.set(key, { language: str(l.language), entry: str(l.entry), title: l.title, items: [] });
      const g = groups.get(key);
      if (!g.title && l.title) g.title = l.title;
      g.items.push(l);
    }
    box.replaceChildren(h('ul', { class: 'learned-list' }, [...groups.values()].map(learnedGroup)));
  };

  const learnedGroup = (g) => {
    const lang = g.language;
    const label = g.title ? str(g.title) : g.entry;
    // YAML: double-quoted scalars, which JSON strings are
    const yaml = g.items.map((l) => `  - ${JSON.stringify(str(l.text))}`).join('\n');
    const pre = h('pre', { class: 'yaml', tabindex: '0', 'aria-label': `Snippet for ${g.entry} (${lang})`, text: yaml });
    const status = h('span', { class: 'copy-status', role: 'status' });
    let timer = 0;
    const copy = h('button', { class: 'btn small copy', type: 'button', 'aria-label': `Copy the snippet for ${g.entry} (${lang})` }, 'Copy');
    copy.addEventListener('click', async () => {
      let ok = false;
      if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
        try { await navigator.clipboard.writeText(yaml); ok = true; } catch { /* not allowed: select it instead */ }
      }
      if (!ok) {
        pre.focus();
        const range = document.createRange();
        range.selectNodeContents(pre);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
      status.textContent = ok ? 'Copied' : 'Selected: press Ctrl+C to copy';
      clearTimeout(timer);
      timer = setTimeout(() => { status.textContent = ''; }, 5000);
    });
    return h('li', { class: 'learned-entry', 'data-language': lang, 'data-entry': g.entry },
      h('div', { class: 'learned-main' },
        h('div', { class: 'learned-title' },
          h('span', { class: 'badge lang', title: langName(lang), text: lang || '?' }),
          h('h4', { dir: 'auto', text: label }),
          h('span', { class: 'entry-id', text: g.title ? g.entry : 'no longer in the knowledge base' })),
        h('ul', { class: 'phrasings', lang: lang || null }, g.items.map((l) => {
          const text = str(l.text);
          const by = [l.approvedBy ? `approved by ${str(l.approvedBy)}` : 'approved', when(l.approvedAt)].filter(Boolean).join(' · ');
          const remove = h('button', { class: 'btn small remove', type: 'button', 'aria-label': `Remove “${text}”`, disabled: l.id == null }, 'Remove');
          remove.addEventListener('click', () => learnAction([remove],
            () => api('DELETE', `/api/admin/learning/${encodeURIComponent(str(l.id))}`),
            'The phrasing could not be removed',
            () => `Removed: the bot no longer takes “${text}” as a way to ask “${label}”.`,
            { box: 'learned', sel: 'button.remove', heading: 'learned-h' }));
          return h('li', { 'data-id': l.id == null ? '' : str(l.id) },
            h('span', { class: 'phrasing', dir: dirFor(lang), text }),
            h('span', { class: 'muted small by', text: by }),
            remove);
        }))),
      h('div', { class: 'yaml-box' },
        h('div', { class: 'yaml-head' }, h('span', { class: 'yaml-label', text: 'Paste under questions:' }), status, copy),
        pre));
  };

  // ---------- threshold simulator ----------
  const pair = (numId, rangeId) => {
    const n = $(numId);
    const r = $(rangeId);
    r.addEventListener('input', () => { n.value = Number(r.value).toFixed(2); simTouched = true; });
    n.addEventListener('input', () => { const v = Number(n.value); if (n.value !== '' && isNum(v)) r.value = String(Math.min(1, Math.max(0, v))); simTouched = true; });
    n.addEventListener('change', () => { const v = Number(n.value); if (n.value !== '' && isNum(v)) { n.value = Math.min(1, Math.max(0, v)).toFixed(2); r.value = n.value; } });
  };
  pair('sim-answer', 'sim-answer-range');
  pair('sim-handoff', 'sim-handoff-range');
  const setSim = (a, hv) => {
    $('sim-answer').value = Number(a).toFixed(2); $('sim-answer-range').value = String(a);
    $('sim-handoff').value = Number(hv).toFixed(2); $('sim-handoff-range').value = String(hv);
  };
  const readThreshold = (id) => {
    const raw = $(id).value.trim();
    const v = Number(raw);
    return raw !== '' && isNum(v) && v >= 0 && v <= 1 ? v : null;
  };

  // initial: one run at the prefilled values tells the current thresholds, which then become the prefill
  const simulate = async (initial) => {
    if (!period) return;
    if (initial && !thresholds && simTouched) initial = false;
    const err = $('sim-error');
    const answerThreshold = readThreshold('sim-answer');
    const handoffThreshold = readThreshold('sim-handoff');
    if (answerThreshold == null || handoffThreshold == null) {
      err.hidden = false; err.textContent = 'Both thresholds are numbers from 0 to 1.';
      return;
    }
    err.hidden = true;
    const seq = ++simSeq;
    const res = $('sim-result');
    res.dataset.state = 'loading';
    $('sim-submit').disabled = true;
    const busy = h('p', { class: 'sim-note', text: `Replaying the period's questions at ${answerThreshold.toFixed(2)} / ${handoffThreshold.toFixed(2)}…` });
    if (res.firstChild) res.firstChild.before(busy); else res.append(busy);
    let r;
    try { r = await api('POST', '/api/admin/simulate', { from: period.from, to: period.to, answerThreshold, handoffThreshold }); } catch { r = { status: 0 }; }
    if (seq !== simSeq) return;
    $('sim-submit').disabled = false;
    busy.remove();
    if (!gate(r)) return;
    if (r.status !== 200 || !r.data || !r.data.current || !r.data.proposed) {
      res.dataset.state = 'error';
      err.hidden = false;
      err.textContent = problem(r, 'The simulation failed');
      return;
    }
    const d = r.data;
    const cur = d.current;
    if (isNum(cur.answerThreshold) && isNum(cur.handoffThreshold)) {
      const first = !thresholds;
      thresholds = { answerThreshold: cur.answerThreshold, handoffThreshold: cur.handoffThreshold, answerScopeThreshold: cur.answerScopeThreshold };
      if (initial && first && !simTouched && (cur.answerThreshold !== answerThreshold || cur.handoffThreshold !== handoffThreshold)) {
        setSim(cur.answerThreshold, cur.handoffThreshold);
        simulate(false);
        return;
      }
    }
    renderSim(d);
  };

  const renderSim = (d) => {
    const res = $('sim-result');
    const cur = d.current;
    const pro = d.proposed;
    res.dataset.state = 'done';
    res.dataset.answerThreshold = String(pro.answerThreshold);
    res.dataset.handoffThreshold = String(pro.handoffThreshold);
    const notes = [h('p', { class: 'sim-note', text: `Replayed ${int(d.questions)} ${d.questions === 1 ? 'question' : 'questions'} from ${int(d.conversations)} ${d.conversations === 1 ? 'conversation' : 'conversations'} through today's knowledge base.` })];
    if (d.truncated) notes.push(h('p', { class: 'sim-note warn', id: 'sim-truncated', text: 'Truncated: only the 2,000 most recent questions of the period were replayed.' }));
    const th = (t) => `${fixed2(t.answerThreshold)} / ${fixed2(t.handoffThreshold)}`;
    const row = (scope, key, label) => {
      const a = (cur[scope] || {})[key] || 0;
      const b = (pro[scope] || {})[key] || 0;
      const diff = b - a;
      const delta = diff === 0 ? h('span', { class: 'delta', text: '±0' })
        : h('span', { class: `delta ${diff > 0 ? 'up' : 'down'}${key === 'answer' ? '' : ' rev'}`, text: `${diff > 0 ? '+' : '−'}${int(Math.abs(diff))}` });
      return h('tr', { 'data-row': `${scope}-${key}` },
        h('th', { scope: 'row', text: label }),
        h('td', { class: 'num', 'data-col': 'current', text: int(a) }),
        h('td', { class: 'num', 'data-col': 'proposed', text: int(b) }),
        h('td', { class: 'num' }, delta));
    };
    const section = (scope, title) => [
      h('tr', { class: 'hi' }, h('th', { scope: 'rowgroup', colspan: '4', text: title })),
      row(scope, 'answer', 'Answered'), row(scope, 'clarify', 'Clarified'), row(scope, 'handoff', 'Handed off')];
    const table = h('table', { class: 'data', id: 'sim-table' },
      h('caption', { class: 'sr', text: 'Current and proposed thresholds compared' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'sr', text: 'Decision' })),
        h('th', { scope: 'col', class: 'num' }, 'Current', h('span', { class: 'th-sub', title: 'answer / hand-off threshold', text: th(cur) })),
        h('th', { scope: 'col', class: 'num' }, 'Proposed', h('span', { class: 'th-sub', title: 'answer / hand-off threshold', text: th(pro) })),
        h('th', { scope: 'col', class: 'num', text: 'Change' }))),
      h('tbody', {}, section('questions', 'Questions'), section('conversations', 'Conversations')));
    res.replaceChildren(...notes, h('div', { class: 'table-wrap' }, table));

    const changed = Array.isArray(d.changed) ? d.changed : [];
    const box = $('sim-changed');
    box.dataset.count = String(changed.length);
    if (!changed.length) {
      box.replaceChildren(h('p', { class: 'empty', text: 'No answer would change at these thresholds.' }));
      return;
    }
    const side = (x) => {
      const dec = (x && x.decision) || '';
      const label = x && (x.title || x.entry);
      return [h('span', { class: `badge d-${dec}`, text: decisionLabel(dec) }), label ? h('span', { dir: 'auto', class: 'changed-entry', text: label }) : null];
    };
    box.replaceChildren(
      h('h3', { text: `Answers that would change (${changed.length >= 200 ? 'first 200' : int(changed.length)})` }),
      h('ul', { class: 'changed-list' }, changed.map((c) => h('li', { 'data-before': (c.before && c.before.decision) || '', 'data-after': (c.after && c.after.decision) || '' },
        h('div', { class: 'changed-q' }, c.language ? h('span', { class: 'badge lang', text: c.language }) : null,
          h('span', { dir: dirFor(c.language), lang: c.language || null, text: String(c.question == null ? '' : c.question) })),
        h('div', { class: 'changed-d' }, side(c.before), h('span', { class: 'arrow', 'aria-hidden': 'true', text: '→' }), h('span', { class: 'sr', text: 'becomes' }), side(c.after))))));
  };

  $('sim-form').addEventListener('submit', (e) => { e.preventDefault(); simTouched = true; simulate(false); });
  $('sim-reset').addEventListener('click', () => {
    const t = thresholds || { answerThreshold: 0.90, handoffThreshold: 0.25 };
    setSim(t.answerThreshold, t.handoffThreshold);
    simulate(false);
  });

  // ---------- try a question ----------
  const tryText = (text, lang) => {
    $('try-text').value = text;
    const sel = $('try-lang');
    sel.value = [...sel.options].some((o) => o.value === lang) ? lang : '';
    $('try-h').scrollIntoView({ block: 'start' });
    runTry();
  };

  const runTry = async () => {
    const text = $('try-text').value.trim();
    const out = $('try-result');
    if (!text) { out.replaceChildren(h('p', { class: 'form-error', text: 'Type a question first.' })); $('try-text').focus(); return; }
    const locale = $('try-lang').value;
    const seq = ++trySeq;
    out.dataset.state = 'loading';
    out.replaceChildren(h('p', { class: 'muted', text: 'Asking the bot…' }));
    $('try-submit').disabled = true;
    let r;
    try { r = await api('POST', '/api/admin/try', locale ? { text, locale } : { text }); } catch { r = { status: 0 }; }
    if (seq !== trySeq) return;
    $('try-submit').disabled = false;
    if (!gate(r)) return;
    if (r.status !== 200 || !r.data) {
      out.dataset.state = 'error';
      out.replaceChildren(h('p', { class: 'form-error', text: problem(r, 'The bot could not be asked') }));
      return;
    }
    renderTry(r.data);
  };
  $('try-form').addEventListener('submit', (e) => { e.preventDefault(); runTry(); });
  $('try-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runTry(); }
  });

  const renderTry = (d) => {
    const out = $('try-result');
    out.dataset.state = 'done';
    out.dataset.decision = d.decision || '';
    const lang = d.language || '';
    const detected = d.detectedLanguage && d.detectedLanguage !== lang ? ` (detected ${d.detectedLanguage})` : '';
    const cands = Array.isArray(d.candidates) ? d.candidates : [];
    const best = cands[0] || {};
    const th = thresholds || {};
    // the policy: hand off when the best entry's "answerable" is below the hand-off threshold; answer when its "choice" reaches
    // the answer threshold and "answerable" the answer-scope threshold; otherwise offer choices
    const prob = (id, label, value, threshold, passes, hint) => h('div', {},
      h('dt', { text: label }),
      h('dd', { class: 'conf', title: hint },
        h('span', { class: 'conf-num', id, text: pct(value) }),
        isNum(value) ? meter(value, threshold, passes) : null,
        isNum(threshold) ? h('span', { class: 'sr', text: `, threshold ${pct(threshold)}` }) : null));
    const facts = h('dl', { class: 'facts' },
      h('div', {}, h('dt', { text: 'Decision' }), h('dd', {}, h('span', { class: `badge d-${d.decision || ''}`, id: 'try-decision', text: decisionLabel(d.decision) }))),
      h('div', {}, h('dt', { text: 'Hand-off reason' }), h('dd', { id: 'try-reason' }, d.handoffReason ? h('span', { class: 'badge reason', text: reasonLabel(d.handoffReason) }) : h('span', { class: 'muted', text: '—' }))),
      h('div', {}, h('dt', { text: 'Language' }), h('dd', { id: 'try-language', text: lang ? `${langName(lang)}${detected}` : (d.detectedLanguage ? langName(d.detectedLanguage) : '—') })),
      // typing slips the bot corrected before searching ("cancell my ordr" → "cancel my order")
      d.readAs ? h('div', {}, h('dt', { text: 'Read as' }), h('dd', { id: 'try-read-as', dir: 'auto', text: str(d.readAs) })) : null,
      prob('try-confidence', 'Confidence', d.confidence, null, null, 'how sure the bot is of its answer'),
      prob('try-answerable', 'Answerable (best entry)', best.answerable, th.handoffThreshold, (v, t) => v >= t,
        'below the hand-off threshold (the tick) the bot hands off'),
      prob('try-choice', 'Choice (best entry)', best.choice, th.answerThreshold, (v, t) => v >= t,
        isNum(th.answerScopeThreshold)
          ? `at or above the answer threshold (the tick) the bot answers, if answerable is at least ${pct(th.answerScopeThreshold)}; otherwise it offers choices`
          : 'at or above the answer threshold (the tick) the bot answers; below it, it offers choices'));
    const parts = [facts];
    if (d.entry && (d.entry.title || d.entry.id || d.entry.html)) {
      const body = h('div', { class: 'answer-body', dir: dirFor(lang), lang: lang || null });
      body.append(sanitize(d.entry.html));
      parts.push(h('article', { class: 'answer', id: 'try-answer', 'data-entry': d.entry.id || '' },
        h('h3', {}, h('span', { dir: 'auto', text: d.entry.title || d.entry.id }), h('span', { class: 'entry-id', text: d.entry.id || '' })),
        body));
    }
    const choices = Array.isArray(d.choices) ? d.choices : [];
    if (choices.length) {
      parts.push(h('section', { id: 'try-choices' }, h('h3', { text: 'Choices offered to the shopper' }),
        h('ol', { class: 'choices' }, choices.map((c) => h('li', {}, h('span', { dir: 'auto', text: c.title || c.id }), ' ', h('span', { class: 'entry-id', text: c.id || '' }))))));
    }
    if (cands.length) {
      const chosen = d.entry && d.entry.id;
      parts.push(h('section', {}, h('h3', { text: 'Candidates, best first' }), h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'try-candidates' },
        h('thead', {}, h('tr', {}, ['#', 'Entry', 'Score', 'Answerable', 'Choice', 'Confidence'].map((t, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : null, text: t })))),
        h('tbody', {}, cands.map((c, i) => h('tr', { class: c.id && c.id === chosen ? 'hi' : null, 'data-entry': c.id || '' },
          h('td', { text: String(i + 1) }),
          h('td', {}, h('div', { dir: 'auto', text: c.title || c.id || '' }), h('div', { class: 'entry-id' }, String(c.id || ''), c.handoff ? ' · hand-off entry' : '')),
          h('td', { class: 'num', 'data-label': 'Score', title: `lexical ${fixed2(c.lexical)} · similarity ${fixed2(c.similarity)}`, text: fixed2(c.score) }),
          h('td', { class: 'num', 'data-label': 'Answerable', text: pct(c.answerable) }),
          h('td', { class: 'num', 'data-label': 'Choice', text: pct(c.choice) }),
          h('td', { class: 'num', 'data-label': 'Confidence', text: pct(c.confidence) }))))))));
    } else parts.push(h('p', { class: 'muted', text: 'No candidates: nothing in the knowledge base matches.' }));
    out.replaceChildren(...parts);
  };

  // ---------- personal data: a shopper's requests (docs/admin-api.md, "Personal data") ----------
  // Everything here is what a shopper wrote or gave (names, email addresses, ids, texts): only ever textContent.
  const STATES = { bot: 'With the bot', waiting: 'Waiting for a person', agent: 'With a person', closed: 'Closed' };
  const MATCHED = { email: 'Email address', shopper_id: 'Shop customer id', conversation: 'Conversation id', text: 'Something they wrote' };
  const MAX_FOUND = 50;
  let privacySeq = 0; // searches
  let privacyEpoch = 0; // sessions: what a request of an ended session answers is not shown
  let privacyFound = null; // the last search: {q, conversations, retentionDays}
  // an ISO-8601 time, with the year: a request may be about an old conversation
  const fullWhen = (t) => {
    if (t == null || t === '') return '';
    const d = new Date(String(t));
    return isNaN(d) ? str(t) : `${d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
  };
  const fileName = (id) => `babeldesk-conversation-${str(id).replace(/[^A-Za-z0-9_-]/g, '')}.json`;

  const privacyNotice = (text, pending) => {
    $('privacy-error').hidden = true;
    $('privacy-error').textContent = '';
    $('privacy-status').classList.toggle('pending', !!pending);
    $('privacy-status').textContent = text || '';
  };
  const privacyProblem = (text) => {
    $('privacy-status').textContent = '';
    const err = $('privacy-error');
    err.hidden = false;
    err.textContent = text;
  };

  // what the page shows of a shopper goes when the session does
  const clearPrivacy = () => {
    privacySeq++;
    privacyEpoch++;
    privacyFound = null;
    $('privacy').dataset.state = 'idle';
    delete $('privacy').dataset.q;
    $('privacy-q').value = '';
    $('privacy-submit').disabled = false;
    $('privacy-results').replaceChildren();
    $('privacy-retention').hidden = true;
    $('privacy-retention').textContent = '';
    privacyNotice('');
  };

  const showRetention = (days) => {
    const el = $('privacy-retention');
    if (!isNum(days)) { el.hidden = true; return; }
    el.hidden = false;
    el.textContent = days <= 0
      ? 'Conversations are kept for ever (privacy.retention-days is 0).'
      : `Idle conversations are erased after ${int(days)} ${days === 1 ? 'day' : 'days'} (privacy.retention-days).`;
  };

  const findConversations = async () => {
    const q = $('privacy-q').value.trim();
    if (!q) {
      privacyProblem('Type an email address, a customer id, a conversation id or something the shopper wrote.');
      $('privacy-q').focus();
      return;
    }
    const seq = ++privacySeq;
    const sec = $('privacy');
    sec.dataset.state = 'loading';
    sec.dataset.q = q;
    privacyNotice('Searching…', true);
    $('privacy-submit').disabled = true;
    let r;
    try { r = await api('GET', `/api/admin/privacy/conversations?${new URLSearchParams({ q })}`); } catch { r = { status: 0 }; }
    if (seq !== privacySeq) return;
    $('privacy-submit').disabled = false;
    if (!gate(r)) return;
    if (r.status !== 200 || !r.data || !Array.isArray(r.data.conversations)) {
      sec.dataset.state = 'error';
      privacyFound = null;
      $('privacy-results').replaceChildren();
      privacyProblem(problem(r, r.status === 400 ? 'Not searched' : 'The search failed'));
      return;
    }
    privacyNotice('');
    privacyFound = { q, conversations: r.data.conversations.slice(), retentionDays: r.data.retentionDays };
    showRetention(r.data.retentionDays);
    renderPrivacy();
    sec.dataset.state = 'ready';
  };
  $('privacy-form').addEventListener('submit', (e) => { e.preventDefault(); findConversations(); });

  const privacyCount = () => {
    const n = privacyFound ? privacyFound.conversations.length : 0;
    if (!n) return 'No conversations found';
    return `${int(n)} ${n === 1 ? 'conversation' : 'conversations'}, newest first${n >= MAX_FOUND ? ` (only the first ${MAX_FOUND}: search for something more precise)` : ''}`;
  };

  const renderPrivacy = () => {
    const box = $('privacy-results');
    const list = privacyFound ? privacyFound.conversations : [];
    box.dataset.count = String(list.length);
    if (!list.length) {
      box.replaceChildren(h('p', { class: 'empty', id: 'privacy-count', text: privacyCount() }));
      return;
    }
    box.replaceChildren(
      h('p', { class: 'muted small privacy-count', id: 'privacy-count', text: privacyCount() }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'privacy-table' },
        h('caption', { class: 'sr', text: `Conversations found for “${privacyFound.q}”` }),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: 'Started' }),
          h('th', { scope: 'col', text: 'State' }),
          h('th', { scope: 'col', text: 'Shopper' }),
          h('th', { scope: 'col', class: 'num', text: 'Messages' }),
          h('th', { scope: 'col', text: 'Matched by' }),
          h('th', { scope: 'col', class: 'actions' }, h('span', { class: 'sr', text: 'Actions' })))),
        h('tbody', {}, list.map(privacyRow)))));
  };

  const shopperCell = (sh) => {
    if (!sh || typeof sh !== 'object') return h('td', { class: 'privacy-shopper' }, h('span', { class: 'muted', text: 'Not identified' }));
    const name = str(sh.name);
    const email = str(sh.email);
    const id = str(sh.id);
    return h('td', { class: 'privacy-shopper' },
      h('div', { class: 'privacy-name' },
        name ? h('span', { class: 'shopper-name', dir: 'auto', text: name }) : h('span', { class: 'muted', text: 'No name' }),
        sh.verified === true
          ? h('span', { class: 'badge verified', title: 'Signed by the shop: the shop vouches for this identity', text: 'verified' })
          : h('span', { class: 'badge unverified', title: 'Typed by the shopper, not signed by the shop: check it is theirs before sending them anything', text: 'unverified' })),
      email ? h('div', { class: 'shopper-email', text: email }) : null,
      id ? h('div', { class: 'entry-id shopper-id', text: `customer id ${id}` }) : null);
  };

  const privacyRow = (c) => {
    const id = str(c.id);
    const sh = c.shopper && typeof c.shopper === 'object' ? c.shopper : null;
    const who = sh ? str(sh.name || sh.email || sh.id) : '';
    const state = str(c.state);
    const download = h('button', { class: 'btn small download', type: 'button', 'aria-label': `Download conversation ${id}` }, 'Download');
    const erase = h('button', { class: 'btn small danger erase', type: 'button', 'aria-label': `Erase conversation ${id}` }, 'Erase');
    const row = h('tr', { 'data-id': id, 'data-state': state, 'data-matched-by': str(c.matchedBy) },
      h('td', { class: 'privacy-when' },
        h('div', { class: 'started', text: fullWhen(c.createdAt) || '—' }),
        h('div', { class: 'entry-id conv-id', title: 'Conversation id', text: id }),
        fullWhen(c.updatedAt) && fullWhen(c.updatedAt) !== fullWhen(c.createdAt) ? h('span', { class: 'when', text: `last ${fullWhen(c.updatedAt)}` }) : null),
      h('td', { class: 'privacy-state' },
        h('span', { class: `badge st-${state.replace(/[^a-z]/g, '')}`, text: STATES[state] || words(state) }),
        c.language ? h('span', { class: 'badge lang', title: langName(c.language), text: str(c.language) }) : null),
      shopperCell(sh),
      h('td', { class: 'num privacy-messages', 'data-label': 'Messages', text: int(c.messages) }),
      h('td', { class: 'privacy-matched', 'data-label': 'Matched by', text: MATCHED[c.matchedBy] || words(c.matchedBy) }),
      h('td', { class: 'actions' }, h('div', { class: 'row-actions' }, download, erase)));
    download.addEventListener('click', () => downloadConversation(id, [download, erase]));
    erase.addEventListener('click', () => eraseConversation(id, who, c.createdAt, [download, erase]));
    return row;
  };

  // the row goes (erased, or gone already); focus, if it was on one of the row's buttons (kind: 'download' or 'erase'),
  // moves to the same button of the next row, else of the one before, else to the search box
  const dropRow = (id, kind) => {
    const row = [...$('privacy-results').querySelectorAll('tbody tr')].find((tr) => tr.dataset.id === id);
    if (privacyFound) privacyFound.conversations = privacyFound.conversations.filter((x) => str(x.id) !== id);
    if (!row) return;
    const had = !!kind || row.contains(document.activeElement);
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    const left = privacyFound ? privacyFound.conversations.length : 0;
    $('privacy-results').dataset.count = String(left);
    if (!left) renderPrivacy();
    else { const count = $('privacy-count'); if (count) count.textContent = privacyCount(); }
    if (had) ((next && next.isConnected && next.querySelector(`button.${kind || 'erase'}`)) || $('privacy-q')).focus();
  };

  // the button that had focus before its row's buttons were disabled, as 'download' or 'erase'
  const focusedKind = (buttons) => {
    const b = buttons.find((x) => x === document.activeElement);
    return b ? (b.classList.contains('download') ? 'download' : 'erase') : null;
  };
  // buttons enabled again; focus, lost to disabling, back on the one that had it
  const enable = (buttons, kind) => {
    buttons.forEach((b) => { b.disabled = false; });
    const b = kind && buttons.find((x) => x.classList.contains(kind));
    if (b && b.isConnected && (!document.activeElement || document.activeElement === document.body)) b.focus();
  };

  const downloadConversation = async (id, buttons) => {
    const epoch = privacyEpoch;
    const kind = focusedKind(buttons);
    privacyNotice('Preparing the download…', true);
    buttons.forEach((b) => { b.disabled = true; });
    let res = null;
    let blob = null;
    try {
      res = await fetch(`/api/admin/privacy/conversations/${encodeURIComponent(id)}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (res.status === 200) blob = await res.blob();
    } catch { res = null; }
    if (epoch !== privacyEpoch) return;
    enable(buttons, kind);
    const status = res ? res.status : 0;
    if (!gate({ status })) return;
    if (status === 200 && blob) {
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: fileName(id), hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000); // once the browser has taken the file
      privacyNotice(`Conversation ${id} downloaded as ${fileName(id)}.`);
      return;
    }
    if (status === 404) {
      dropRow(id, kind);
      privacyProblem(`Conversation ${id} no longer exists: it was erased already.`);
      return;
    }
    let data = null;
    if (res) { try { data = await res.json(); } catch { /* not JSON */ } }
    privacyProblem(problem({ status, data }, `Conversation ${id} could not be downloaded`));
  };

  const eraseConversation = async (id, who, createdAt, buttons) => {
    const started = fullWhen(createdAt);
    // confirm() shows plain text: nothing in it can run
    const question = `Erase conversation ${id}${who ? ` with ${who}` : ''}${started ? `, started ${started}` : ''}?\n\n`
      + 'Its messages, its events and the bot\'s records of its questions are deleted for good. This cannot be undone.';
    if (!window.confirm(question)) return;
    const epoch = privacyEpoch;
    const kind = focusedKind(buttons);
    privacyNotice('Erasing…', true);
    buttons.forEach((b) => { b.disabled = true; });
    $('privacy').dataset.state = 'busy';
    let r;
    try { r = await api('DELETE', `/api/admin/privacy/conversations/${encodeURIComponent(id)}`); } catch { r = { status: 0 }; }
    if (epoch !== privacyEpoch) return;
    $('privacy').dataset.state = 'ready';
    if (!gate(r)) return;
    if (r.status === 200) {
      dropRow(id, kind);
      privacyNotice(`Conversation ${id} erased.`);
    } else if (r.status === 404) {
      dropRow(id, kind);
      privacyNotice(`Conversation ${id} was already gone: nothing to erase.`);
    } else {
      enable(buttons, kind);
      privacyProblem(r.status === 409 && r.data && r.data.message
        ? `Conversation ${id} was not erased: ${r.data.message}.`
        : problem(r, `Conversation ${id} could not be erased`));
    }
  };

  // ---------- team: the agents' accounts (docs/admin-api.md) ----------
  // Names and email addresses are what people typed: only ever textContent (and attribute values, never parsed).
  const ROLES = { agent: 'Agent', admin: 'Admin' };
  const MIN_PASSWORD = 10;
  let team = null; // the last GET /api/admin/agents
  let teamSeq = 0; // list loads
  let teamEpoch = 0; // sessions: what a request of an ended session answers is not shown
  let dialogAgent = null; // the agent the open dialog is about
  const rowErrors = new Map(); // agent id -> a refusal shown under its row until the next action
  const isMe = (a) => !!(me && a && str(a.id) === str(me.id));
  const agentLabel = (a) => str(a && (a.name || a.email || a.id));
  const langList = (text) => str(text).split(',').map((t) => t.trim()).filter(Boolean);
  const wholeNumber = (v) => (/^\s*\d+\s*$/.test(str(v)) ? Number(v) : null);

  const teamNotice = (text) => {
    $('team-error').hidden = true;
    $('team-error').textContent = '';
    $('team-status').textContent = text || '';
  };
  const teamProblem = (text) => {
    $('team-status').textContent = '';
    $('team-error').hidden = false;
    $('team-error').textContent = text;
  };
  const formError = (id, text) => {
    const el = $(id);
    el.hidden = !text;
    el.textContent = text || '';
  };
  const teamDialogs = ['team-edit', 'team-password', 'team-confirm'];

  const clearTeam = () => {
    teamSeq++;
    teamEpoch++;
    team = null;
    dialogAgent = null;
    rowErrors.clear();
    teamDialogs.forEach((id) => { if ($(id).open) $(id).close(); });
    $('team-password-new').value = '';
    $('team').dataset.state = 'idle';
    $('team-list').replaceChildren();
    $('team-add').reset();
    formError('team-add-error', '');
    teamNotice('');
  };

  // focus on a row's button again once the list is drawn anew (kind: 'edit', 'reset', 'deactivate' or 'reactivate')
  const focusRow = (id, kinds) => {
    const row = [...$('team-list').querySelectorAll('tbody tr[data-id]')].find((tr) => tr.dataset.id === id);
    const b = row && kinds.map((k) => row.querySelector(`button.${k}`)).find(Boolean);
    (b || $('team-h')).focus();
  };

  const loadTeam = async () => {
    const seq = ++teamSeq;
    const sec = $('team');
    sec.dataset.state = 'loading';
    $('team-list').setAttribute('aria-busy', 'true');
    let r;
    try { r = await api('GET', '/api/admin/agents'); } catch { r = { status: 0 }; }
    if (seq !== teamSeq) return false;
    $('team-list').setAttribute('aria-busy', 'false');
    if (!gate(r)) return false;
    if (r.status !== 200 || !Array.isArray(r.data)) {
      sec.dataset.state = 'error';
      teamProblem(problem(r, 'The team could not be loaded'));
      return false;
    }
    team = r.data.filter((a) => a && typeof a === 'object');
    renderTeam();
    sec.dataset.state = 'ready';
    return true;
  };

  const renderTeam = () => {
    const box = $('team-list');
    const list = (team || []).slice().sort((a, b) => (a.active === false) - (b.active === false)
      || agentLabel(a).localeCompare(agentLabel(b), 'en', { sensitivity: 'base' }));
    box.dataset.count = String(list.length);
    if (!list.length) { box.replaceChildren(h('p', { class: 'empty', text: 'No agents yet.' })); return; }
    const active = list.filter((a) => a.active !== false).length;
    box.replaceChildren(
      h('p', { class: 'muted small', id: 'team-count', text: `${int(list.length)} ${list.length === 1 ? 'person' : 'people'} · ${int(active)} active` }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'team-table' },
        h('caption', { class: 'sr', text: 'Agents and admins' }),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: 'Name' }),
          h('th', { scope: 'col', text: 'Email' }),
          h('th', { scope: 'col', text: 'Languages' }),
          h('th', { scope: 'col', class: 'num', text: 'Capacity' }),
          h('th', { scope: 'col', text: 'Role' }),
          h('th', { scope: 'col', text: 'Status' }),
          h('th', { scope: 'col', class: 'actions' }, h('span', { class: 'sr', text: 'Actions' })))),
        h('tbody', {}, list.flatMap(teamRows)))));
  };

  const teamRows = (a) => {
    const id = str(a.id);
    const label = agentLabel(a);
    const active = a.active !== false;
    const role = str(a.role);
    const mine = isMe(a);
    const langs = Array.isArray(a.languages) ? a.languages.map(str).filter(Boolean) : [];
    const edit = h('button', { class: 'btn small edit', type: 'button', 'aria-label': `Edit ${label}`, onclick: () => openEdit(a) }, 'Edit');
    const reset = h('button', { class: 'btn small reset', type: 'button', 'aria-label': `Reset the password of ${label}`, onclick: () => openPassword(a) }, 'Reset password');
    // admins cannot deactivate themselves (the server refuses with 409 too): no button on their own row
    const toggle = mine ? null : active
      ? h('button', { class: 'btn small danger deactivate', type: 'button', 'aria-label': `Deactivate ${label}`, onclick: () => openConfirm(a) }, 'Deactivate')
      : h('button', { class: 'btn small reactivate', type: 'button', 'aria-label': `Reactivate ${label}`, onclick: (e) => reactivate(a, e.currentTarget) }, 'Reactivate');
    const row = h('tr', { 'data-id': id, 'data-email': str(a.email), 'data-role': role, 'data-active': String(active), class: active ? null : 'inactive' },
      h('td', { class: 'team-name' }, h('div', { class: 'team-who' },
        h('span', { class: 'agent-name', dir: 'auto', text: str(a.name) || '—' }),
        mine ? h('span', { class: 'badge you', title: 'This is you', text: 'you' }) : null)),
      h('td', { class: 'team-email', text: str(a.email) }),
      h('td', { class: 'team-langs', 'data-label': 'Languages' }, langs.length
        ? langs.flatMap((l, i) => [i ? ' ' : null, h('span', { class: 'badge lang', title: langName(l), text: l })])
        : h('span', { class: 'muted', text: 'none' })),
      h('td', { class: 'num team-capacity', 'data-label': 'Capacity', title: 'Chats at once', text: isNum(a.capacity) ? String(a.capacity) : '—' }),
      h('td', { class: 'team-role' }, h('span', { class: `badge role-${role.replace(/[^a-z]/g, '')}`, text: ROLES[role] || words(role) })),
      h('td', { class: 'team-state' }, active
        ? h('span', { class: 'badge active', text: 'active' })
        : h('span', { class: 'badge deactivated', title: 'Cannot sign in until reactivated', text: 'deactivated' })),
      h('td', { class: 'actions' }, h('div', { class: 'row-actions' }, edit, reset, toggle)));
    const err = rowErrors.get(id);
    if (!err) return [row];
    return [row, h('tr', { class: 'row-problem', 'data-for': id }, h('td', { colspan: '7' }, h('p', { class: 'form-error', role: 'alert', text: err })))];
  };

  // ---- add ----
  $('team-add').addEventListener('submit', async (e) => {
    e.preventDefault();
    const email = $('team-add-email').value.trim();
    const name = $('team-add-name').value.trim();
    const password = $('team-add-password').value;
    const capacity = wholeNumber($('team-add-capacity').value);
    const check = !email ? ['team-add-email', 'Type the email address they will sign in with.']
      : !name ? ['team-add-name', 'Type their name.']
        : capacity == null ? ['team-add-capacity', 'Capacity is a whole number, 1 to 50.']
          : !password ? ['team-add-password', `Type an initial password (at least ${MIN_PASSWORD} characters).`] : null;
    if (check) { formError('team-add-error', check[1]); $(check[0]).focus(); return; }
    const epoch = teamEpoch;
    formError('team-add-error', '');
    $('team-add-submit').disabled = true;
    $('team').dataset.state = 'busy';
    let r;
    try {
      r = await api('POST', '/api/admin/agents', { email, name, languages: langList($('team-add-languages').value).join(','), capacity, role: $('team-add-role').value, password });
    } catch { r = { status: 0 }; }
    if (epoch !== teamEpoch) return;
    $('team-add-submit').disabled = false;
    if (!gate(r)) return;
    if (r.status === 201 || r.status === 200) {
      $('team-add').reset();
      teamNotice(`Added ${agentLabel(r.data || { name, email })} (${str((r.data && r.data.email) || email)}). Give them their password yourself.`);
      await loadTeam();
      $('team-add-email').focus();
      return;
    }
    $('team').dataset.state = team ? 'ready' : 'error';
    formError('team-add-error', problem(r, 'Not added'));
  });

  // ---- edit ----
  const openEdit = (a) => {
    dialogAgent = a;
    rowErrors.delete(str(a.id));
    const self = isMe(a);
    $('team-edit-h').textContent = `Edit ${agentLabel(a)}`;
    $('team-edit-who').textContent = str(a.email);
    $('team-edit-name').value = str(a.name);
    $('team-edit-languages').value = (Array.isArray(a.languages) ? a.languages : []).join(', ');
    $('team-edit-capacity').value = isNum(a.capacity) ? String(a.capacity) : '';
    $('team-edit-role').value = a.role === 'admin' ? 'admin' : 'agent';
    // no demotion of oneself (the server refuses with 409 too)
    const locked = self && a.role === 'admin';
    $('team-edit-role').disabled = locked;
    $('team-edit-role-note').hidden = !locked;
    $('team-edit-save').disabled = false;
    formError('team-edit-error', '');
    $('team-edit').showModal();
    $('team-edit-name').focus();
  };
  $('team-edit-cancel').addEventListener('click', () => $('team-edit').close());
  $('team-edit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const a = dialogAgent;
    if (!a) return;
    const name = $('team-edit-name').value.trim();
    const languages = langList($('team-edit-languages').value);
    const capacity = wholeNumber($('team-edit-capacity').value);
    if (!name) { formError('team-edit-error', 'Type their name.'); $('team-edit-name').focus(); return; }
    if (capacity == null) { formError('team-edit-error', 'Capacity is a whole number, 1 to 50.'); $('team-edit-capacity').focus(); return; }
    const body = {};
    if (name !== str(a.name)) body.name = name;
    if (languages.join(',') !== (Array.isArray(a.languages) ? a.languages.map(str) : []).join(',')) body.languages = languages.join(', ');
    if (capacity !== a.capacity) body.capacity = capacity;
    const role = $('team-edit-role').value;
    if (!$('team-edit-role').disabled && role !== a.role) body.role = role;
    if (!Object.keys(body).length) { $('team-edit').close(); teamNotice(`Nothing changed for ${agentLabel(a)}.`); return; }
    await submitTeamDialog(a, 'team-edit', ['PATCH', `/api/admin/agents/${encodeURIComponent(str(a.id))}`, body], {
      done: (r) => {
        const saved = r.data && typeof r.data === 'object' ? r.data : { ...a, ...body };
        if (isMe(saved) && me) {
          me = { ...me, ...saved };
          $('me').textContent = me.name ? `${me.name} · admin` : 'admin';
        }
        return `Saved: ${agentLabel(saved)}.`;
      },
      focus: ['edit'],
      refused: 'Not saved',
    });
  });

  /**
   * One request from a team dialog (`<id>`, with `<id>-save` and `<id>-error`): Save is held while it runs;
   * done, the dialog closes, the list reloads and `then.done(r)` is the notice; an agent gone meanwhile is said
   * so; any other refusal stays in the dialog to be fixed. Nothing is shown for a session that has ended.
   */
  const submitTeamDialog = async (a, id, request, then) => {
    const epoch = teamEpoch;
    $(`${id}-save`).disabled = true;
    formError(`${id}-error`, '');
    let r;
    try { r = await api(...request); } catch { r = { status: 0 }; }
    if (epoch !== teamEpoch || dialogAgent !== a) return;
    $(`${id}-save`).disabled = false;
    if (!gate(r)) return;
    if (r.status === 200 || r.status === 204) {
      $(id).close();
      teamNotice(then.done(r));
      await loadTeam();
      focusRow(str(a.id), then.focus);
      return;
    }
    if (r.status === 404) {
      $(id).close();
      teamProblem(`${agentLabel(a)} no longer exists.`);
      await loadTeam();
      return;
    }
    formError(`${id}-error`, problem(r, then.refused));
  };

  // ---- reset password ----
  const openPassword = (a) => {
    dialogAgent = a;
    rowErrors.delete(str(a.id));
    $('team-password-h').textContent = `Reset the password of ${agentLabel(a)}`;
    $('team-password-who').textContent = `${agentLabel(a)} (${str(a.email)}) gets the password you set here.`;
    $('team-password-new').value = '';
    $('team-password-new').type = 'password';
    $('team-password-show').checked = false;
    $('team-password-save').disabled = false;
    formError('team-password-error', '');
    $('team-password').showModal();
    $('team-password-new').focus();
  };
  $('team-password-show').addEventListener('change', () => { $('team-password-new').type = $('team-password-show').checked ? 'text' : 'password'; });
  $('team-password-cancel').addEventListener('click', () => $('team-password').close());
  $('team-password').addEventListener('close', () => { $('team-password-new').value = ''; $('team-password-new').type = 'password'; });
  $('team-password-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const a = dialogAgent;
    if (!a) return;
    const password = $('team-password-new').value;
    if (password.length < MIN_PASSWORD) {
      formError('team-password-error', `The password must have at least ${MIN_PASSWORD} characters.`);
      $('team-password-new').focus();
      return;
    }
    await submitTeamDialog(a, 'team-password', ['POST', `/api/admin/agents/${encodeURIComponent(str(a.id))}/password`, { password }], {
      done: () => `The password of ${agentLabel(a)} is reset, and they were signed out everywhere. Pass the new password on to them yourself.`,
      focus: ['reset'],
      refused: 'Not reset',
    });
  });

  // ---- deactivate (asks first) / reactivate ----
  const openConfirm = (a) => {
    dialogAgent = a;
    rowErrors.delete(str(a.id));
    $('team-confirm-h').textContent = `Deactivate ${agentLabel(a)}?`;
    $('team-confirm-text').textContent = `${agentLabel(a)} (${str(a.email)}) is signed out at once: their open consoles close and the chats they have go back to the queue. `
      + 'They cannot sign in again until someone reactivates them.';
    $('team-confirm-ok').disabled = false;
    $('team-confirm').showModal();
    $('team-confirm-cancel').focus(); // the safe choice first
  };
  $('team-confirm-cancel').addEventListener('click', () => $('team-confirm').close());
  $('team-confirm-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const a = dialogAgent;
    if (!a) return;
    $('team-confirm-ok').disabled = true;
    await setActive(a, false);
    if ($('team-confirm').open && dialogAgent === a) $('team-confirm').close();
  });
  const reactivate = (a, button) => { button.disabled = true; setActive(a, true); };

  const setActive = async (a, active) => {
    const id = str(a.id);
    const label = agentLabel(a);
    const epoch = teamEpoch;
    rowErrors.delete(id);
    $('team').dataset.state = 'busy';
    let r;
    try { r = await api('PATCH', `/api/admin/agents/${encodeURIComponent(id)}`, { active }); } catch { r = { status: 0 }; }
    if (epoch !== teamEpoch) return;
    if (!gate(r)) return;
    if (r.status === 200) {
      teamNotice(active ? `${label} is active again and can sign in.` : `${label} is deactivated and was signed out.`);
    } else if (r.status === 404) {
      teamProblem(`${label} no longer exists.`);
    } else {
      teamNotice('');
      rowErrors.set(id, problem(r, active ? `${label} was not reactivated` : `${label} was not deactivated`));
    }
    if ($('team-confirm').open) $('team-confirm').close();
    await loadTeam();
    focusRow(id, active ? ['deactivate', 'reactivate'] : ['reactivate', 'deactivate', 'edit']);
  };

  // ---------- start ----------
  window.BabelDeskAdmin = { get state() { return { me, period, insight, thresholds, learning, team }; } };
  (async () => {
    try {
      const r = await api('GET', '/api/agent/me');
      if (r.status === 200 && r.data) start(r.data); else showLogin('');
    } catch { showLogin('The server cannot be reached.'); }
  })();
})();
