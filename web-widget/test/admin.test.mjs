// Browser tests of the ADMIN PAGE (web-widget/admin/) against the REAL Babel Desk server, started here as a child
// process (testing/server.mjs). Shoppers make the traffic through the real widget on the demo page; an agent takes one
// conversation in the real console. Run: cd web-widget && node --test --test-concurrency=1 test/admin.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SHOTS, REPO, freePort, Server, createAdmin, openWidget, launchChromium, pageFactory } from '../testing/server.mjs';

const ANSWER_MS = 30_000;
const ADA = { email: 'ada@shop.example', password: 'ada password 12', name: 'Ada' }; // admin
const BEN = { email: 'ben@shop.example', password: 'ben password 12', name: 'Ben' }; // ordinary agent
const EMAIL = 'jane.doe@example.com';
const XSS = '<img src=x onerror="window.__pwned=1">';
// FAQ questions of the bundled knowledge base (knowledge-base/tests/regression.jsonl)
const FAQ_EN = ['How many days do I have to return a jacket?', 'When will I get my money back after returning something?', 'Can I pay with Apple Pay?'];
const FAQ_DE = 'Welche Zahlungsarten akzeptiert ihr?';
// out-of-scope questions: the first of each list that the bot hands off for low confidence is used
const OFF_TOPIC = {
  plain: ['Can you recommend a good dentist in Lisbon?', 'Can you recommend a good pizza place in Rome?'],
  email: [`Is it going to rain in Oslo tomorrow? Reach me at ${EMAIL}`, `Who won the chess olympiad in 1998? ${EMAIL}`],
  xss: [`What is the capital of Mongolia? ${XSS}`, `How tall is the Eiffel tower? ${XSS}`],
};
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n) => { const d = new Date(); d.setUTCDate(d.getUTCDate() - n); return d.toISOString().slice(0, 10); };

// ---- widget (shopper) helpers: playwright's CSS locators pierce the widget's open shadow root ----
// the shopper writes; resolves once the bot (or the hand-off) has answered
async function shopperAsks(page, text) {
  const bots = await page.locator('.m.bot').count();
  const box = page.locator('textarea');
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction((t) => [...document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.shopper:not(.pending) .bub')]
    .some((b) => b.textContent === t), text, { timeout: ANSWER_MS });
  const waiting = page.locator('.ban[data-kind="waiting"], .m.system[data-key="offline"], .m.system[data-key="waiting"]');
  await waiting.or(page.locator('.m.bot').nth(bots)).first().waitFor({ timeout: ANSWER_MS });
}
const handedOff = (page) => page.locator('.ban[data-kind="waiting"], .m.system[data-key="offline"], .m.system[data-key="waiting"]');

describe('admin page against the real server', { timeout: 900_000 }, () => {
  let server;
  let browser;
  let tmp;
  let base;
  let adaCookie;
  let admin; // the admin page (Ada)
  const adminErrors = [];
  const chosen = {}; // the out-of-scope questions really used
  let picked = null; // the entry the English shopper picks from the answers offered after "not helpful"
  const { contexts, newContext, newPage } = pageFactory(() => browser);

  const api = async (method, url, body, cookie = adaCookie) => {
    const res = await fetch(base + url, {
      method, headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(cookie ? { Cookie: cookie } : {}) },
      body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    let data = null;
    try { data = JSON.parse(text); } catch { /* not json */ }
    return { status: res.status, data, text, headers: res.headers };
  };
  const login = async (who) => {
    const r = await api('POST', '/api/agent/login', { email: who.email, password: who.password }, null);
    assert.equal(r.status, 200, `${who.name} can log in`);
    const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('bd_session='));
    assert.ok(cookie, 'login sets bd_session');
    return cookie;
  };
  // the admin page, its CSP violations and script errors recorded
  const openAdmin = async (ctx) => {
    const p = await newPage(ctx);
    await p.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    });
    p.on('pageerror', (e) => adminErrors.push(e.message));
    await p.goto(base + '/admin', { waitUntil: 'load' });
    return p;
  };
  const adminLogin = async (p, who) => {
    await p.locator('#login-form').waitFor({ state: 'visible', timeout: 10_000 });
    await p.fill('#login-email', who.email);
    await p.fill('#login-password', who.password);
    await p.click('#login-submit');
  };
  const ready = (p) => p.waitForFunction(() => document.getElementById('main').dataset.state === 'ready', null, { timeout: 60_000 });
  const pageJson = (p, url) => p.evaluate(async (u) => {
    const r = await fetch(u);
    const text = await r.text();
    try { return { status: r.status, data: JSON.parse(text) }; } catch { return { status: r.status, data: null, text }; }
  }, url);

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'babeldesk-admin-'));
    const db = path.join(tmp, 'admin.db');
    createAdmin(db, ADA);
    server = new Server(await freePort(), db);
    await server.start();
    base = `http://127.0.0.1:${server.port}`;
    adaCookie = await login(ADA);
    const created = await api('POST', '/api/admin/agents', { email: BEN.email, name: BEN.name, languages: 'en', capacity: 2, role: 'agent', password: BEN.password });
    assert.ok(created.status === 200 || created.status === 201, `creating Ben: HTTP ${created.status} ${created.text}`);
    browser = await launchChromium();
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the admin endpoints refuse a visitor (401) and an agent who is not an admin (403)', async () => {
    const benCookie = await login(BEN);
    for (const [method, url, body] of [['GET', '/api/admin/insight'], ['GET', '/api/admin/insight/questions'],
      ['GET', '/api/admin/insight/export?format=csv'], ['POST', '/api/admin/simulate', {}], ['POST', '/api/admin/try', { text: 'hi' }], ['POST', '/api/admin/reload']]) {
      assert.equal((await api(method, url, body, null)).status, 401, `${method} ${url} without a login`);
      assert.equal((await api(method, url, body, benCookie)).status, 403, `${method} ${url} as an agent`);
    }
    await api('POST', '/api/agent/logout', null, benCookie);
    const page = await fetch(base + '/admin');
    assert.equal(page.status, 200, 'GET /admin');
    assert.match(page.headers.get('content-type') || '', /text\/html/);
  });

  it('an agent who is not an admin sees "Admins only" and no figures', async () => {
    const p = await openAdmin(await newContext());
    // a wrong password first
    await adminLogin(p, { email: BEN.email, password: 'not the password' });
    await p.waitForFunction(() => /wrong email or password/i.test(document.getElementById('login-error').textContent), null, { timeout: 10_000 });
    await adminLogin(p, BEN);
    await p.locator('#denied').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await p.locator('#denied h1').textContent(), 'Admins only');
    assert.ok(await p.locator('#app').isHidden(), 'the insight stays hidden');
    assert.equal(await p.locator('#summary .tile').count(), 0, 'no figures');
    assert.equal((await pageJson(p, '/api/admin/insight')).status, 403);
    // a reload shows the same (GET /api/agent/me decides), and logging out shows the form again
    await p.reload({ waitUntil: 'load' });
    await p.locator('#denied').waitFor({ state: 'visible', timeout: 10_000 });
    await p.click('#denied-logout');
    await p.locator('#login-form').waitFor({ state: 'visible', timeout: 10_000 });
    await p.context().close();
  });

  it('shoppers ask FAQ questions, out-of-scope questions (one with an email address, one with markup) and ask for a person', async (t) => {
    // pick out-of-scope questions the bot really hands off for low confidence (checked through POST /api/admin/try)
    for (const [kind, list] of Object.entries(OFF_TOPIC)) {
      const seen = [];
      for (const text of list) {
        const r = await api('POST', '/api/admin/try', { text, locale: 'en' });
        assert.equal(r.status, 200, `try: HTTP ${r.status} ${r.text}`);
        seen.push(`${text} → ${r.data.decision}/${r.data.handoffReason}`);
        if (r.data.decision === 'handoff' && r.data.handoffReason === 'low_confidence') { chosen[kind] = text; break; }
      }
      assert.ok(chosen[kind], `no ${kind} out-of-scope question is handed off for low confidence:\n${seen.join('\n')}`);
    }
    t.diagnostic(`out-of-scope questions used: ${JSON.stringify(chosen)}`);
    for (const text of FAQ_EN) {
      const r = await api('POST', '/api/admin/try', { text, locale: 'en' });
      assert.equal(r.data.decision, 'answer', `the bot answers “${text}” (got ${r.data.decision})`);
    }

    // an English shopper: three FAQ answers, the first voted not helpful
    const en = await newPage(await newContext());
    await en.goto(base + '/', { waitUntil: 'load' });
    await openWidget(en);
    for (const q of FAQ_EN) await shopperAsks(en, q);
    assert.equal(await handedOff(en).count(), 0, 'the FAQ questions are answered, not handed off');
    const bots = await en.locator('.m.bot').count();
    await en.locator('.m.bot[data-decision="answer"] .fb button[data-tl="not_helpful"]').first().click();
    await en.locator('.m.bot .fb [data-t="feedback_thanks"]').first().waitFor({ timeout: 10_000 });
    await en.waitForFunction((n) => document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.bot').length > n, bots, { timeout: ANSWER_MS });
    // ... and picks the first of the other answers offered: that labels the question with it
    const offered = en.locator('.m.bot .ch button[data-choice]').first();
    picked = await offered.getAttribute('data-choice');
    const beforePick = await en.locator('.m.bot').count();
    await offered.click();
    await en.waitForFunction((n) => document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.bot').length > n, beforePick, { timeout: ANSWER_MS });

    // a German shopper
    const de = await newPage(await newContext({ locale: 'de-DE' }));
    await de.goto(base + '/', { waitUntil: 'load' });
    await openWidget(de);
    await shopperAsks(de, FAQ_DE);

    // one conversation per out-of-scope question: after a hand-off the bot stays silent
    for (const kind of ['plain', 'email', 'xss']) {
      const p = await newPage(await newContext());
      await p.goto(base + '/', { waitUntil: 'load' });
      await openWidget(p);
      await shopperAsks(p, chosen[kind]);
      await handedOff(p).first().waitFor({ timeout: ANSWER_MS });
    }

    // a shopper asks for a person; Ben takes it in the console, replies, closes it; the shopper rates it
    const sp = await newPage(await newContext());
    const received = [];
    await sp.routeWebSocket(/\/ws\/chat$/, (ws) => {
      const srv = ws.connectToServer();
      ws.onMessage((m) => srv.send(m));
      srv.onMessage((m) => { try { received.push(JSON.parse(m)); } catch { /* ignore */ } ws.send(m); });
    });
    await sp.goto(base + '/', { waitUntil: 'load' });
    await openWidget(sp);
    await shopperAsks(sp, 'I want to talk to a real person');
    if (!(await handedOff(sp).count())) await sp.locator('.hum').click();
    await handedOff(sp).first().waitFor({ timeout: ANSWER_MS });
    const conv = await sp.evaluate(() => JSON.parse(localStorage.getItem('babeldesk:' + location.origin)).conversation);
    const ben = await newPage(await newContext());
    await ben.goto(base + '/console', { waitUntil: 'load' });
    await ben.fill('#login-email', BEN.email);
    await ben.fill('#login-password', BEN.password);
    await ben.click('#login-submit');
    await ben.locator('#conn[data-state="online"]').waitFor({ timeout: 15_000 });
    await ben.locator(`#queue li[data-conversation="${conv}"] button.take`).click();
    await ben.locator('#conv-view').waitFor({ state: 'visible', timeout: 10_000 });
    await ben.fill('#reply', 'Hello, I am Ben. How can I help?');
    await ben.click('#send');
    await sp.locator('.m.agent').first().waitFor({ timeout: 10_000 });
    await ben.click('#close');
    await ben.selectOption('#resolution', 'returns_and_refunds');
    await ben.click('#close-ok');
    const survey = sp.locator('.m.system[data-key="survey"]');
    await survey.waitFor({ timeout: 10_000 });
    await survey.locator('[data-score="4"]').click();
    await survey.locator('.rt .nc').click();
    const deadline = Date.now() + 10_000;
    while (!received.some((f) => f.type === 'rated' || f.type === 'error') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal((received.find((f) => f.type === 'rated' || f.type === 'error') || {}).type, 'rated', 'the rating is accepted');
    await ben.click('#logout');
    for (const c of contexts.splice(0)) await c.close();
  });

  it('the admin sees figures consistent with that traffic: tiles, a daily bar chart and the bar charts', async () => {
    admin = await openAdmin(await newContext());
    await adminLogin(admin, ADA);
    await admin.locator('#app').waitFor({ state: 'visible', timeout: 10_000 });
    await ready(admin);
    assert.equal(await admin.inputValue('#period-to'), today(), 'the period ends today');
    assert.equal(await admin.inputValue('#period-from'), daysAgo(29), 'the default period is the last 30 days');
    const { status, data: d } = await pageJson(admin, `/api/admin/insight?from=${daysAgo(29)}&to=${today()}`);
    assert.equal(status, 200);
    assert.ok(d.conversations >= 6, `6 conversations were started (insight says ${d.conversations})`);
    assert.ok(d.handedOff >= 4, `4 were handed off (insight says ${d.handedOff})`);
    assert.equal(d.botOnly + d.handedOff, d.conversations, 'botOnly + handedOff = conversations');
    assert.ok((d.handoffReasons.low_confidence || 0) >= 3, `3 low-confidence hand-offs: ${JSON.stringify(d.handoffReasons)}`);
    assert.ok((d.handoffReasons.explicit_request || 0) >= 1, `1 explicit request: ${JSON.stringify(d.handoffReasons)}`);
    assert.ok(d.questions >= 8, `8 questions were asked (insight says ${d.questions})`);
    assert.ok(d.feedback.notHelpful >= 1, 'the not-helpful vote counts');
    assert.equal(d.ratings.count, 1, 'one rating');
    assert.equal(d.ratings.distribution['4'], 1, 'rated 4');
    assert.equal(d.firstResponse.count, 1, 'one conversation a person replied to');
    assert.equal(d.resolutions.returns_and_refunds, 1, 'closed as returns and refunds');
    assert.equal(d.daily.length, 30, 'one row per day of the period');
    assert.equal(d.daily[d.daily.length - 1].date, today(), 'oldest first, today last');

    const tile = (key) => admin.locator(`#summary [data-key="${key}"] .tile-value`).textContent();
    assert.equal(await tile('conversations'), String(d.conversations));
    assert.equal(await tile('botOnly'), String(d.botOnly));
    assert.equal(await tile('handedOff'), String(d.handedOff));
    assert.equal(await tile('questions'), String(d.questions));
    assert.equal(await tile('notHelpful'), String(d.feedback.notHelpful));
    assert.match(await tile('rating'), /^4\.0/);
    assert.match(await tile('firstResponseMedian'), /^\d+(\.\d)? (s|min|h|days)$/);

    // daily: an SVG with stacked bars, today's bars included, and the numbers as a table
    assert.equal(await admin.locator('#daily-chart svg[role="img"]').count(), 1);
    assert.ok(await admin.locator('#daily-chart rect.bar').count() >= 2, 'bars are drawn');
    assert.ok(await admin.locator(`#daily-chart g[data-date="${today()}"] rect.bar.answer`).count() === 1, 'today has answered questions');
    assert.ok(await admin.locator(`#daily-chart g[data-date="${today()}"] rect.bar.handoff`).count() === 1, 'today has hand-offs');
    assert.match(await admin.locator('#daily-chart svg').getAttribute('aria-label'), /answered.*clarified.*handed off/);
    assert.equal(await admin.locator('#daily-chart table tbody tr').count(), 30, 'the text alternative has a row per day');
    // horizontal bars with human labels
    const reasons = await admin.locator('#reasons-chart svg').getAttribute('aria-label');
    assert.match(reasons, /Bot not confident \d+/);
    assert.match(reasons, /Asked for a person \d+/);
    assert.match(await admin.locator('#resolutions-chart').textContent(), /Returns and refunds/);
    assert.match(await admin.locator('#languages-chart').textContent(), /English \(en\)/);
    assert.match(await admin.locator('#ratings-chart svg').getAttribute('aria-label'), /4 stars 1/);
    assert.equal(await admin.locator('.chart [data-empty="true"], .chart[data-empty="true"]').count(), 0, 'no chart is empty');
  });

  it('the questions to work on list the out-of-scope questions, the email address masked and the markup as text', async () => {
    await admin.locator('#groups .group').first().waitFor({ timeout: 10_000 });
    const groups = await admin.locator('#groups').textContent();
    assert.ok(groups.includes(chosen.plain), `the groups show “${chosen.plain}”`);
    assert.ok(groups.includes(XSS), 'the markup is shown literally');
    assert.ok(groups.includes('[email]'), 'the email address is masked');
    assert.equal(await admin.locator('#groups img, #groups script').count(), 0, 'no element from shopper text');
    // closest entry with its confidence in %
    assert.match(await admin.locator('#groups .closest').first().textContent(), /Closest entry today.*(\d+%|comes close)/);
    await admin.evaluate(() => new Promise((r) => setTimeout(r, 300))); // let any injected handler run (there must be none)
    assert.equal(await admin.evaluate(() => window.__pwned), undefined);
    const html = await admin.content();
    assert.ok(!html.includes(EMAIL), 'the email address appears nowhere on the page');
  });

  it('try a question shows the decision, the answer and the candidates', async () => {
    await admin.fill('#try-text', FAQ_EN[0]);
    await admin.click('#try-submit');
    await admin.locator('#try-result[data-state="done"]').waitFor({ timeout: 30_000 });
    assert.equal(await admin.locator('#try-decision').textContent(), 'Answered');
    assert.equal(await admin.locator('#try-answer').getAttribute('data-entry'), 'return-window');
    assert.ok((await admin.locator('#try-answer .answer-body').textContent()).length > 20, 'the answer text is shown');
    assert.ok(await admin.locator('#try-candidates tbody tr').count() >= 1, 'a candidates table');
    assert.match(await admin.locator('#try-candidates tbody tr').first().textContent(), /return-window/);
    assert.match(await admin.locator('#try-confidence').textContent(), /^\d+%$/);
    assert.match(await admin.locator('#try-answerable').textContent(), /^\d+%$/);
    assert.match(await admin.locator('#try-choice').textContent(), /^\d+%$/);
    assert.equal(await admin.locator('#try-read-as').count(), 0, 'nothing to correct, nothing shown');
    // typing slips: what the bot searched for is shown
    await admin.fill('#try-text', 'how can I cancell my ordr');
    await admin.click('#try-submit');
    await admin.locator('#try-read-as').waitFor({ timeout: 30_000 });
    assert.equal(await admin.locator('#try-read-as').textContent(), 'how can I cancel my order');
    // an out-of-scope question: handed off, the reason in words; submitted from the keyboard
    await admin.fill('#try-text', chosen.plain);
    await admin.selectOption('#try-lang', 'en');
    await admin.press('#try-text', 'Control+Enter');
    await admin.locator('#try-result[data-decision="handoff"]').waitFor({ timeout: 30_000 });
    assert.equal(await admin.locator('#try-reason').textContent(), 'Bot not confident');
  });

  it('the simulator starts from the current thresholds; lowering them answers at least as much, and lists what changes', async () => {
    await admin.locator('#sim-result[data-state="done"]').waitFor({ timeout: 60_000 });
    const t = await admin.evaluate(() => window.BabelDeskAdmin.state.thresholds);
    assert.ok(t && typeof t.answerThreshold === 'number', 'the current thresholds are known');
    assert.equal(Number(await admin.inputValue('#sim-answer')), Number(t.answerThreshold.toFixed(2)), 'prefilled with the current answer threshold');
    assert.equal(Number(await admin.inputValue('#sim-handoff')), Number(t.handoffThreshold.toFixed(2)), 'prefilled with the current hand-off threshold');
    await admin.fill('#sim-answer', '0');
    await admin.fill('#sim-handoff', '0');
    await admin.click('#sim-submit');
    await admin.locator('#sim-result[data-state="done"][data-answer-threshold="0"][data-handoff-threshold="0"]').waitFor({ timeout: 60_000 });
    const cell = async (row, col) => Number((await admin.locator(`#sim-table tr[data-row="${row}"] td[data-col="${col}"]`).textContent()).replace(/,/g, ''));
    for (const scope of ['questions', 'conversations']) {
      const cur = await cell(`${scope}-answer`, 'current');
      const pro = await cell(`${scope}-answer`, 'proposed');
      assert.ok(pro >= cur, `${scope}: proposed answered ${pro} >= current answered ${cur}`);
    }
    const total = async (col) => (await cell('questions-answer', col)) + (await cell('questions-clarify', col)) + (await cell('questions-handoff', col));
    assert.equal(await total('current'), await total('proposed'), 'the same questions, decided differently');
    // the low-confidence hand-offs are answered at threshold 0: the changed list shows them
    const count = Number(await admin.locator('#sim-changed').getAttribute('data-count'));
    assert.ok(count >= 1, 'something changes at thresholds 0 / 0');
    assert.equal(await admin.locator('#sim-changed .changed-list li').count(), count);
    const changed = await admin.locator('#sim-changed').textContent();
    assert.match(changed, /→/);
    assert.ok(!changed.includes(EMAIL), 'no email address in the changed list');
    assert.equal(await admin.locator('#sim-changed img').count(), 0);
    // back to the current values
    await admin.click('#sim-reset');
    await admin.locator(`#sim-result[data-state="done"][data-answer-threshold="${t.answerThreshold}"]`).waitFor({ timeout: 60_000 });
  });

  it('exports the period as CSV and JSON with a header row and no email address', async () => {
    const csvHref = await admin.locator('#export-csv').getAttribute('href');
    const jsonHref = await admin.locator('#export-json').getAttribute('href');
    assert.equal(csvHref, `/api/admin/insight/export?from=${daysAgo(29)}&to=${today()}&format=csv`);
    assert.equal(jsonHref, `/api/admin/insight/export?from=${daysAgo(29)}&to=${today()}&format=json`);
    const csv = await admin.evaluate(async (u) => { const r = await fetch(u); return { status: r.status, cd: r.headers.get('content-disposition'), text: await r.text() }; }, csvHref);
    assert.equal(csv.status, 200);
    assert.match(csv.cd || '', /^attachment/);
    const lines = csv.text.trim().split(/\r?\n/);
    assert.equal(lines[0], 'date,conversation,language,question,decision,reason,entry,confidence,feedback,chosen');
    assert.ok(lines.length >= 9, `a row per decision (${lines.length - 1} rows)`);
    assert.ok(!csv.text.includes(EMAIL), 'no email address in the CSV');
    assert.ok(csv.text.includes('[email]'), 'the masked question is there');
    assert.match(csv.text, /not_helpful/);
    const json = await admin.evaluate(async (u) => { const r = await fetch(u); return { status: r.status, cd: r.headers.get('content-disposition'), text: await r.text() }; }, jsonHref);
    assert.equal(json.status, 200);
    assert.match(json.cd || '', /^attachment/);
    assert.ok(!json.text.includes(EMAIL), 'no email address in the JSON');
    const body = JSON.parse(json.text);
    assert.equal(body.from, daysAgo(29));
    assert.equal(body.to, today());
    assert.equal(body.rows.length, lines.length - 1, 'CSV and JSON have the same rows');
    assert.ok(body.rows.every((r) => ['answer', 'clarify', 'handoff'].includes(r.decision)), 'every row is a decision');
    assert.ok(body.rows.some((r) => r.chosen === picked), `the pick of ${picked} is in the export`);

    // the questions shoppers labelled, as cases for `babeldesk eval --cases`
    const casesHref = await admin.locator('#export-cases').getAttribute('href');
    assert.equal(casesHref, `/api/admin/insight/export?from=${daysAgo(29)}&to=${today()}&format=cases`);
    const cases = await admin.evaluate(async (u) => { const r = await fetch(u); return { status: r.status, cd: r.headers.get('content-disposition'), text: await r.text() }; }, casesHref);
    assert.equal(cases.status, 200);
    assert.match(cases.cd || '', /^attachment.*\.jsonl"$/);
    const labelled = cases.text.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(labelled.every((c) => c.id && c.text && c.lang && c.expect && ['picked', 'helpful'].includes(c.source)), cases.text);
    const pick = labelled.find((c) => c.source === 'picked');
    assert.equal(pick && pick.expect, picked, 'the picked entry labels the question');
    assert.equal(pick.text, FAQ_EN[0], 'the question the shopper voted down and then picked an answer for');
    assert.ok(!cases.text.includes(EMAIL), 'no email address in the cases');
  });

  it('the period picker reloads everything; an empty period says so; a bad period shows the server\'s message', async () => {
    await admin.click('[data-days="7"]');
    await admin.waitForFunction((p) => document.getElementById('main').dataset.period === p && document.getElementById('main').dataset.state === 'ready',
      `${daysAgo(6)}..${today()}`, { timeout: 30_000 });
    assert.equal(await admin.inputValue('#period-from'), daysAgo(6));
    assert.equal(await admin.locator('[data-days="7"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await admin.locator('#export-csv').getAttribute('href'), `/api/admin/insight/export?from=${daysAgo(6)}&to=${today()}&format=csv`);
    assert.equal(await admin.locator('#daily-chart g.day').count(), 7);
    // a period long ago: no data
    await admin.fill('#period-from', '2020-01-01');
    await admin.fill('#period-to', '2020-01-31');
    await admin.click('#period-apply');
    await admin.waitForFunction(() => document.getElementById('main').dataset.period === '2020-01-01..2020-01-31' && document.getElementById('main').dataset.state === 'ready', null, { timeout: 30_000 });
    for (const id of ['daily-chart', 'reasons-chart', 'resolutions-chart', 'languages-chart', 'ratings-chart']) {
      assert.equal(await admin.locator(`#${id}`).textContent(), 'No data in this period', id);
    }
    assert.equal(await admin.locator('#summary [data-key="conversations"] .tile-value').textContent(), '0');
    assert.equal(await admin.locator('#groups .group').count(), 0);
    assert.match(await admin.locator('#groups').textContent(), /Nothing to improve/);
    // more than 366 days: the server refuses (400 bad_period) and the page says why
    await admin.fill('#period-from', '2020-01-01');
    await admin.fill('#period-to', today());
    await admin.click('#period-apply');
    await admin.locator('#period-error').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await admin.locator('#period-error').textContent(), /could not be loaded: .+/);
    // "from" after "to" is caught before asking
    await admin.fill('#period-from', today());
    await admin.fill('#period-to', daysAgo(3));
    await admin.click('#period-apply');
    assert.match(await admin.locator('#period-error').textContent(), /must not be after/);
    await admin.click('[data-days="30"]');
    await admin.waitForFunction((p) => document.getElementById('main').dataset.period === p && document.getElementById('main').dataset.state === 'ready',
      `${daysAgo(29)}..${today()}`, { timeout: 30_000 });
    assert.ok(await admin.locator('#period-error').isHidden());
  });

  // ---- learning from shoppers' picks (the section "Learn from shoppers' picks") ----
  // what the section shows, read from the DOM
  const shownSuggestions = () => admin.locator('#learn-suggestions tbody tr').evaluateAll((rows) => rows.map((r) => ({
    entry: r.dataset.entry, language: r.dataset.language, text: r.querySelector('.learn-q').textContent,
    title: r.querySelector('.learn-title').textContent, times: r.querySelector('.times').textContent })));
  const shownLearned = () => admin.locator('#learned .learned-entry').evaluateAll((groups) => groups.map((g) => ({
    entry: g.dataset.entry, language: g.dataset.language, title: g.querySelector('h4').textContent,
    phrasings: [...g.querySelectorAll('.phrasings li')].map((li) => ({ id: li.dataset.id, text: li.querySelector('.phrasing').textContent, by: li.querySelector('.by').textContent })),
    yaml: g.querySelector('pre.yaml').textContent })));
  const learnReady = (p = admin) => p.waitForFunction(() => document.getElementById('learn').dataset.state === 'ready', null, { timeout: 30_000 });
  // clicks a button of the section and waits until the section has reloaded after the request
  const learnClick = async (button) => {
    await button.click();
    await admin.waitForFunction(() => document.getElementById('learn').dataset.state === 'ready'
      && (document.getElementById('learn-status').textContent !== '' || !document.getElementById('learn-error').hidden), null, { timeout: 30_000 });
    assert.ok(await admin.locator('#learn-error').isHidden(), `no error: ${await admin.locator('#learn-error').textContent()}`);
    return admin.locator('#learn-status').textContent();
  };
  const suggestionRow = (text, entry) => admin.locator(`#learn-suggestions tbody tr[data-entry="${entry}"]`)
    .filter({ has: admin.locator('td.learn-q', { hasText: text }) });
  const learningApi = () => pageJson(admin, `/api/admin/learning?from=${daysAgo(29)}&to=${today()}`);
  const firstCandidate = async (text) => {
    const r = await api('POST', '/api/admin/try', { text });
    assert.equal(r.status, 200, `try: HTTP ${r.status} ${r.text}`);
    assert.ok(Array.isArray(r.data.candidates) && r.data.candidates.length, `candidates for “${text}”: ${r.text}`);
    return r.data.candidates[0].id;
  };
  let pickedTitle = null; // the picked entry's title, as the server names it
  let firstBefore = null; // the first candidate for FAQ_EN[0] before anything was learned

  it('the pick after "not helpful" is offered to learn from: the question as the shopper typed it, its language and the picked entry', async () => {
    const { status, data } = await learningApi();
    assert.equal(status, 200, JSON.stringify(data));
    const sg = data.suggestions.find((x) => x.entry === picked && x.text === FAQ_EN[0]);
    assert.ok(sg, `the pick of ${picked} for “${FAQ_EN[0]}” is a suggestion: ${JSON.stringify(data.suggestions)}`);
    assert.equal(sg.language, 'en');
    assert.equal(sg.times, 1);
    assert.ok(sg.title, 'the picked entry has a title');
    pickedTitle = sg.title;
    await learnReady();
    assert.equal(await admin.locator('#learn').getAttribute('data-period'), `${daysAgo(29)}..${today()}`);
    assert.deepEqual((await shownSuggestions()).filter((r) => r.entry === picked),
      [{ entry: picked, language: 'en', text: FAQ_EN[0], title: pickedTitle, times: '1' }]);
    const row = suggestionRow(FAQ_EN[0], picked);
    assert.match(await row.locator('.entry-id').textContent(), new RegExp(`^${picked}`));
    assert.equal(await row.locator('button.approve').isEnabled(), true);
    assert.equal(await row.locator('button.reject').isEnabled(), true);
    assert.match(await admin.locator('#learned').textContent(), /No learned phrasings yet/);
    // the period applies to the picks: none in a month long ago
    await admin.fill('#period-from', '2020-01-01');
    await admin.fill('#period-to', '2020-01-31');
    await admin.click('#period-apply');
    await admin.waitForFunction(() => document.getElementById('learn').dataset.period === '2020-01-01..2020-01-31'
      && document.getElementById('learn').dataset.state === 'ready', null, { timeout: 30_000 });
    assert.equal(await admin.locator('#learn-suggestions').textContent(), 'No picks to review in this period.');
    await admin.click('[data-days="30"]');
    await admin.waitForFunction((p) => document.getElementById('learn').dataset.period === p && document.getElementById('learn').dataset.state === 'ready',
      `${daysAgo(29)}..${today()}`, { timeout: 30_000 });
    assert.equal(await suggestionRow(FAQ_EN[0], picked).count(), 1);
  });

  it('approving the pick makes the question a learned phrasing at once: listed under its entry with a YAML snippet, and the bot now ranks that entry first', async () => {
    firstBefore = await firstCandidate(FAQ_EN[0]);
    assert.notEqual(firstBefore, picked, `before: “${FAQ_EN[0]}” does not already find ${picked} first`);
    const status = await learnClick(suggestionRow(FAQ_EN[0], picked).locator('button.approve'));
    assert.match(status, /^Learned: /);
    assert.ok(status.includes(FAQ_EN[0]), status);
    assert.equal(await suggestionRow(FAQ_EN[0], picked).count(), 0, 'no longer a suggestion');
    const group = (await shownLearned()).find((g) => g.entry === picked && g.language === 'en');
    assert.ok(group, `a group for ${picked}: ${JSON.stringify(await shownLearned())}`);
    assert.equal(group.title, pickedTitle);
    assert.deepEqual(group.phrasings.map((x) => x.text), [FAQ_EN[0]]);
    const day = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
    assert.match(group.phrasings[0].by, new RegExp(`^approved by Ada · ${day}, \\d\\d:\\d\\d UTC$`), 'who approved it, today');
    assert.equal(group.yaml, `  - ${JSON.stringify(FAQ_EN[0])}`);
    // the server agrees
    const { data } = await learningApi();
    const learned = data.learned.find((l) => l.entry === picked && l.text === FAQ_EN[0]);
    assert.ok(learned, JSON.stringify(data.learned));
    assert.equal(learned.language, 'en');
    assert.equal(learned.approvedBy, 'Ada');
    assert.equal(String(learned.id), group.phrasings[0].id);
    assert.ok(!data.suggestions.some((x) => x.entry === picked && x.text === FAQ_EN[0]), 'not suggested any more');
    // Copy puts the snippet on the clipboard
    await admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const box = admin.locator(`#learned .learned-entry[data-entry="${picked}"][data-language="en"]`);
    await box.locator('button.copy').click();
    await box.locator('.copy-status', { hasText: 'Copied' }).waitFor({ timeout: 5_000 });
    assert.equal(await admin.evaluate(() => navigator.clipboard.readText()), group.yaml);
    // the bot uses it at once
    assert.equal(await firstCandidate(FAQ_EN[0]), picked, `after approving, “${FAQ_EN[0]}” finds ${picked} first`);
  });

  it('a picked question with markup shows as text, in the suggestions and in the learned phrasings and their snippet, and runs nothing', async (t) => {
    // a FAQ question with markup that the bot answers or clarifies (a hand-off offers nothing to pick)
    let question = null;
    const seen = [];
    for (const faq of [FAQ_EN[2], FAQ_EN[1]]) {
      const text = `${faq} ${XSS}`;
      const r = await api('POST', '/api/admin/try', { text, locale: 'en' });
      seen.push(`${text} → ${r.data && r.data.decision}`);
      if (r.status === 200 && ['answer', 'clarify'].includes(r.data.decision)) { question = text; break; }
    }
    assert.ok(question, `no FAQ question with markup is answered or clarified:\n${seen.join('\n')}`);
    t.diagnostic(`question with markup: ${question}`);
    const sp = await newPage(await newContext());
    await sp.goto(base + '/', { waitUntil: 'load' });
    await openWidget(sp);
    await shopperAsks(sp, question);
    const count = () => sp.evaluate(() => document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.bot').length);
    const reply = sp.locator('.m.bot').last();
    if (await reply.getAttribute('data-decision') === 'answer') {
      const n = await count();
      await reply.locator('.fb button[data-tl="not_helpful"]').click();
      await sp.waitForFunction((k) => document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.bot').length > k, n, { timeout: ANSWER_MS });
    }
    const offered = sp.locator('.m.bot .ch button[data-choice]').first();
    const entry = await offered.getAttribute('data-choice');
    const n = await count();
    await offered.click();
    await sp.waitForFunction((k) => document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.bot').length > k, n, { timeout: ANSWER_MS });
    await sp.context().close();

    // "Show" loads the period again
    await admin.click('#period-apply');
    await suggestionRow(question, entry).waitFor({ timeout: 30_000 });
    await learnReady();
    const shown = (await shownSuggestions()).find((r) => r.entry === entry && r.text === question);
    assert.ok(shown, `the question is shown literally: ${JSON.stringify(await shownSuggestions())}`);
    assert.equal(await admin.locator('#learn img, #learn script').count(), 0, 'no element from shopper text');
    // the section on a desktop: a suggestion above, a learned phrasing below
    fs.mkdirSync(SHOTS, { recursive: true });
    await admin.locator('#learn').scrollIntoViewIfNeeded();
    await admin.locator('#learn').screenshot({ path: path.join(SHOTS, 'admin-learning.png') });

    const status = await learnClick(suggestionRow(question, entry).locator('button.approve'));
    assert.ok(status.includes(question), status);
    const group = (await shownLearned()).find((g) => g.entry === entry && g.language === 'en');
    assert.ok(group && group.phrasings.some((x) => x.text === question), JSON.stringify(await shownLearned()));
    assert.ok(group.yaml.split('\n').includes(`  - ${JSON.stringify(question)}`), group.yaml);
    assert.equal(await admin.locator('#learn img, #learn script').count(), 0, 'no element from shopper text');
    await admin.evaluate(() => new Promise((r) => setTimeout(r, 300))); // let any injected handler run (there must be none)
    assert.equal(await admin.evaluate(() => window.__pwned), undefined);
  });

  it('removing the learned phrasing takes it out of the bot again, and the pick, still in the period, is suggested again', async () => {
    const phrasing = admin.locator(`#learned .learned-entry[data-entry="${picked}"] .phrasings li`).filter({ has: admin.locator('.phrasing', { hasText: FAQ_EN[0] }) });
    assert.equal(await phrasing.count(), 1);
    const status = await learnClick(phrasing.locator('button.remove'));
    assert.match(status, /^Removed: /);
    assert.ok(!(await shownLearned()).some((g) => g.entry === picked && g.phrasings.some((x) => x.text === FAQ_EN[0])), 'no longer listed');
    const { data } = await learningApi();
    assert.ok(!data.learned.some((l) => l.entry === picked && l.text === FAQ_EN[0]), 'no longer learned');
    assert.deepEqual((await shownSuggestions()).filter((r) => r.entry === picked && r.text === FAQ_EN[0]),
      [{ entry: picked, language: 'en', text: FAQ_EN[0], title: pickedTitle, times: '1' }], 'suggested again');
    assert.equal(await firstCandidate(FAQ_EN[0]), firstBefore, `“${FAQ_EN[0]}” finds ${firstBefore} first again`);
  });

  it('rejecting a suggestion removes it for good: it does not come back after reloading the page', async () => {
    const status = await learnClick(suggestionRow(FAQ_EN[0], picked).locator('button.reject'));
    assert.match(status, /^Rejected: /);
    assert.equal(await suggestionRow(FAQ_EN[0], picked).count(), 0);
    const { data } = await learningApi();
    assert.ok(!data.suggestions.some((x) => x.entry === picked && x.text === FAQ_EN[0]), 'not suggested');
    assert.ok(!data.learned.some((l) => l.entry === picked && l.text === FAQ_EN[0]), 'not learned either');
    // a reload starts the page's CSP record afresh: check it first
    assert.deepEqual(await admin.evaluate(() => window.__csp), [], 'no CSP violation so far');
    await admin.reload({ waitUntil: 'load' });
    await admin.locator('#app').waitFor({ state: 'visible', timeout: 10_000 });
    await ready(admin);
    await learnReady();
    assert.equal(await admin.locator('#learn').getAttribute('data-period'), `${daysAgo(29)}..${today()}`);
    assert.equal(await suggestionRow(FAQ_EN[0], picked).count(), 0, 'not back after a reload');
    assert.equal(await admin.locator('#learn-error').isHidden(), true);
  });

  it('reloads the knowledge base and shows the result; knowledge-base errors show in the warning box', async () => {
    const kb = (await pageJson(admin, '/api/admin/insight')).data.knowledgeBase;
    assert.equal(await admin.locator('#kb-errors').isVisible(), kb.errors.length > 0, 'the warning box shows exactly when there are errors');
    assert.deepEqual(kb.blindToScope, []);
    assert.ok(await admin.locator('#kb-blind').isHidden(), 'no blind-scope warning for the bundled base');
    await admin.click('#kb-reload');
    await admin.waitForFunction(() => /^Reloaded at/.test(document.getElementById('kb-reload-result').textContent), null, { timeout: 30_000 });
    assert.match(await admin.locator('#kb-reload-result').textContent(), new RegExp(`${kb.entries} entries`));
    assert.match(await admin.locator('#kb-status').textContent(), new RegExp(`^${kb.entries} entries`));
  });

  // ---- personal data (the section "Personal data"): a shopper's requests for a copy or erasure ----
  const MIA = { id: 'cust-7', email: 'mia@example.com', name: '<img src=x onerror=window.__pwned=1>Mia' };
  const ORDER = 'my order 555123 never came';
  let mia = null; // her conversation with the bot: {conversation}
  let miaWaiting = null; // her second conversation, waiting for a person
  // A shopper over a real websocket to /ws/chat, opened in a page of the server's own origin (as the demo page's widget is):
  // frames received are kept in the page; send() sends one, frame() waits for the first received one that `test` accepts.
  const chatShopper = async () => {
    const p = await newPage(await newContext());
    await p.goto(base + '/health', { waitUntil: 'load' });
    await p.evaluate((url) => new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      window.__frames = [];
      window.__ws = ws;
      ws.onmessage = (e) => window.__frames.push(JSON.parse(e.data));
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error('the websocket could not be opened'));
    }), `${base.replace(/^http/, 'ws')}/ws/chat`);
    const send = (frame) => p.evaluate((f) => window.__ws.send(JSON.stringify(f)), frame);
    const frame = async (what, test, from = 0) => {
      const deadline = Date.now() + ANSWER_MS;
      for (;;) {
        const frames = await p.evaluate(() => window.__frames);
        const found = frames.slice(from).find(test);
        if (found) return found;
        const error = frames.slice(from).find((f) => f.type === 'error');
        assert.ok(!error, `waiting for ${what}, the server refused a frame: ${JSON.stringify(error)}`);
        assert.ok(Date.now() < deadline, `no ${what} within ${ANSWER_MS} ms: ${JSON.stringify(frames)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const count = () => p.evaluate(() => window.__frames.length);
    const welcome = async () => {
      await send({ type: 'hello', v: 1, locale: 'en' });
      return frame('welcome', (f) => f.type === 'welcome');
    };
    return { page: p, send, frame, count, welcome };
  };
  // searches in the section as a person does (Enter in the box) and waits for the answer
  const privacyFind = async (p, q) => {
    await p.fill('#privacy-q', q);
    await p.press('#privacy-q', 'Enter');
    await p.waitForFunction((x) => { const s = document.getElementById('privacy'); return s.dataset.q === x && ['ready', 'error'].includes(s.dataset.state); },
      q, { timeout: 30_000 });
    return p.locator('#privacy').getAttribute('data-state');
  };
  const privacyRow = (p, id) => p.locator(`#privacy-results tbody tr[data-id="${id}"]`);
  // what the section shows of the rows, read from the DOM
  const shownConversations = (p) => p.locator('#privacy-results tbody tr').evaluateAll((rows) => rows.map((r) => ({
    id: r.dataset.id, state: r.querySelector('.privacy-state .badge').textContent,
    name: (r.querySelector('.shopper-name') || {}).textContent, email: (r.querySelector('.shopper-email') || {}).textContent,
    shopperId: (r.querySelector('.shopper-id') || {}).textContent, identity: (r.querySelector('.privacy-name .badge') || {}).textContent,
    messages: r.querySelector('.privacy-messages').textContent, matchedBy: r.querySelector('.privacy-matched').textContent })));

  it('a shopper who gave their name, email and customer id is found by the email address and by what they wrote; the name with markup shows as text; a short query shows the server\'s message', async () => {
    const shopper = await chatShopper();
    const welcome = await shopper.welcome();
    await shopper.send({ type: 'identify', ...MIA });
    assert.equal((await shopper.frame('identified', (f) => f.type === 'identified')).verified, false, 'not signed by the shop: unverified');
    const from = await shopper.count();
    await shopper.send({ type: 'message', id: 'm1', text: ORDER });
    await shopper.frame('her message', (f) => f.type === 'message' && f.from === 'shopper' && f.text === ORDER, from);
    await shopper.frame('the bot\'s reply', (f) => f.type === 'message' && (f.from === 'bot' || (f.from === 'system' && ['waiting', 'offline'].includes(f.key))), from);
    // the bot may have handed her question off: she ends that, so that nobody is left answering an erased conversation
    const frames = await shopper.page.evaluate(() => window.__frames);
    const state = frames.filter((f) => f.type === 'state').pop();
    if (state && state.state !== 'bot' && state.state !== 'closed') {
      const n = await shopper.count();
      await shopper.send({ type: 'close' });
      await shopper.frame('closed', (f) => f.type === 'state' && f.state === 'closed', n);
    }
    mia = { conversation: welcome.conversation };
    // a second conversation of hers, in which she asks for a person: it waits in the queue
    const second = await chatShopper();
    const w2 = await second.welcome();
    await second.send({ type: 'identify', ...MIA });
    await second.frame('identified', (f) => f.type === 'identified');
    const n2 = await second.count();
    await second.send({ type: 'request_human' });
    await second.frame('waiting', (f) => f.type === 'state' && f.state === 'waiting', n2);
    miaWaiting = { conversation: w2.conversation };
    await shopper.page.context().close();
    await second.page.context().close();

    // the section explains itself; the retention period shows after the first search
    await admin.locator('#privacy-h').scrollIntoViewIfNeeded();
    assert.equal(await admin.locator('#privacy h2').textContent(), 'Personal data');
    assert.match(await admin.locator('#privacy .privacy-help').textContent(), /email address.*customer id.*conversation id.*order number.*Download.*erase/s);
    assert.ok(await admin.locator('#privacy-retention').isHidden(), 'no retention period before a search');
    assert.equal(await admin.locator('#privacy-results tbody tr').count(), 0);

    // by the email address, in another case: both her conversations, newest first
    assert.equal(await privacyFind(admin, 'MIA@example.com'), 'ready');
    assert.equal(await admin.locator('#privacy-retention').textContent(), 'Conversations are kept for ever (privacy.retention-days is 0).');
    const shown = await shownConversations(admin);
    assert.deepEqual(shown.map((r) => r.id), [miaWaiting.conversation, mia.conversation], 'her two conversations, newest first');
    const row = shown[1];
    assert.equal(row.name, MIA.name, 'the name exactly as she gave it, as text');
    assert.equal(row.email, MIA.email);
    assert.equal(row.shopperId, `customer id ${MIA.id}`);
    assert.equal(row.identity, 'unverified');
    assert.equal(row.matchedBy, 'Email address');
    assert.ok(Number(row.messages) >= 2, `her message and the bot's reply at least: ${row.messages}`);
    assert.equal(shown[0].state, 'Waiting for a person');
    const started = await privacyRow(admin, mia.conversation).locator('.started').textContent();
    assert.match(started, new RegExp(`^${new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}, \\d\\d:\\d\\d UTC$`), started);
    assert.equal(await admin.locator('#privacy-count').textContent(), '2 conversations, newest first');
    assert.equal(await admin.locator('#privacy img, #privacy script').count(), 0, 'no element from what she gave');
    assert.equal(await privacyRow(admin, mia.conversation).locator('button.download').getAttribute('aria-label'), `Download conversation ${mia.conversation}`);
    assert.equal(await privacyRow(admin, mia.conversation).locator('button.erase').getAttribute('aria-label'), `Erase conversation ${mia.conversation}`);

    // by what she wrote (an order number): that conversation only
    assert.equal(await privacyFind(admin, '555123'), 'ready');
    const byText = await shownConversations(admin);
    assert.deepEqual(byText.map((r) => [r.id, r.matchedBy, r.name]), [[mia.conversation, 'Something they wrote', MIA.name]]);
    // by her customer id, and by a conversation id
    assert.equal(await privacyFind(admin, MIA.id), 'ready');
    assert.deepEqual((await shownConversations(admin)).map((r) => r.matchedBy), ['Shop customer id', 'Shop customer id']);
    assert.equal(await privacyFind(admin, miaWaiting.conversation), 'ready');
    assert.deepEqual((await shownConversations(admin)).map((r) => [r.id, r.matchedBy]), [[miaWaiting.conversation, 'Conversation id']]);
    // nothing
    assert.equal(await privacyFind(admin, 'nobody-has-written-this'), 'ready');
    assert.equal(await admin.locator('#privacy-results').textContent(), 'No conversations found');

    // too short: the server refuses (400 bad_query) and the page shows its message
    const refused = await pageJson(admin, '/api/admin/privacy/conversations?q=ab');
    assert.equal(refused.status, 400);
    assert.equal(refused.data.error, 'bad_query');
    assert.equal(await privacyFind(admin, 'ab'), 'error');
    assert.ok(await admin.locator('#privacy-error').isVisible());
    assert.equal(await admin.locator('#privacy-error').textContent(), `Not searched: ${refused.data.message}`);
    assert.equal(await admin.locator('#privacy-results tbody tr').count(), 0, 'no results under the error');

    await admin.evaluate(() => new Promise((r) => setTimeout(r, 300))); // let any injected handler run (there must be none)
    assert.equal(await admin.evaluate(() => window.__pwned), undefined);
  });

  it('Download saves the whole conversation as babeldesk-conversation-<id>.json', async () => {
    assert.ok(mia, 'the shopper of the test before');
    assert.equal(await privacyFind(admin, MIA.email), 'ready');
    const [download] = await Promise.all([admin.waitForEvent('download', { timeout: 30_000 }),
      privacyRow(admin, mia.conversation).locator('button.download').click()]);
    assert.equal(download.suggestedFilename(), `babeldesk-conversation-${mia.conversation}.json`);
    assert.equal(await download.failure(), null, 'the download completes');
    const text = fs.readFileSync(await download.path(), 'utf8');
    const body = JSON.parse(text);
    assert.equal(body.conversation.id, mia.conversation);
    assert.equal(body.shopper.email, MIA.email);
    assert.equal(body.shopper.name, MIA.name);
    assert.ok(body.messages.some((m) => m.from === 'shopper' && m.text === ORDER), `her message is in the file: ${text}`);
    assert.ok(body.messages.some((m) => m.from === 'bot' || m.from === 'system'), 'and what she was answered');
    assert.match(await admin.locator('#privacy-status').textContent(), new RegExp(`^Conversation ${mia.conversation} downloaded`));
    assert.ok(await admin.locator('#privacy-error').isHidden());
    // the object URL made for it is revoked once the browser has taken the file
    const blobs = await admin.evaluate(() => [...document.querySelectorAll('a[href^="blob:"]')].length);
    assert.equal(blobs, 0, 'no link to the file is left in the page');
    // an unknown conversation: 404
    assert.equal((await pageJson(admin, '/api/admin/privacy/conversations/c_nope')).status, 404);
  });

  it('the personal-data section on a desktop and a phone', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    assert.equal(await privacyFind(admin, MIA.email), 'ready');
    await admin.locator('#privacy').scrollIntoViewIfNeeded();
    await admin.locator('#privacy').screenshot({ path: path.join(SHOTS, 'admin-privacy.png') });
    const phoneCtx = await newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
      storageState: await admin.context().storageState() });
    const phone = await openAdmin(phoneCtx);
    await phone.locator('#app').waitFor({ state: 'visible', timeout: 10_000 });
    await ready(phone);
    assert.equal(await privacyFind(phone, MIA.email), 'ready');
    assert.equal(await phone.locator('#privacy-results tbody tr').count(), 2);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
    // every row's buttons are within the screen, not behind a scrolled table
    const outside = await phone.locator('#privacy-results tbody button').evaluateAll((bs) => bs.filter((b) => {
      const r = b.getBoundingClientRect();
      return r.left < 0 || r.right > document.documentElement.clientWidth;
    }).length);
    assert.equal(outside, 0, 'the buttons are on the screen');
    // the section is taller than the screen: taken from the whole page, so that the sticky header does not cover part of it
    await phone.evaluate(() => window.scrollTo(0, 0));
    const box = await phone.locator('#privacy').evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.left, y: r.top + window.scrollY, width: r.width, height: r.height }; });
    await phone.screenshot({ path: path.join(SHOTS, 'admin-privacy-phone.png'), fullPage: true, clip: box });
    // keyboard: from the search box, Tab reaches Find, then the first row's Download and Erase
    await phone.focus('#privacy-q');
    const order = [];
    for (let i = 0; i < 4; i++) {
      await phone.keyboard.press('Tab');
      order.push(await phone.evaluate(() => document.activeElement.id || document.activeElement.getAttribute('aria-label')));
    }
    assert.deepEqual(order, ['privacy-submit', `Download conversation ${miaWaiting.conversation}`, `Erase conversation ${miaWaiting.conversation}`,
      `Download conversation ${mia.conversation}`]);
    assert.deepEqual(await phone.evaluate(() => window.__csp), []);
    await phoneCtx.close();
  });

  it('Erase asks first: dismissed, nothing is erased; a conversation waiting for a person is refused with the server\'s message; accepted, the conversation is gone', async () => {
    assert.equal(await privacyFind(admin, MIA.email), 'ready');
    const row = privacyRow(admin, mia.conversation);
    // dismissed: nothing happens
    const dialog = new Promise((resolve) => admin.once('dialog', (d) => { resolve({ type: d.type(), message: d.message() }); d.dismiss(); }));
    const [asked] = await Promise.all([dialog, row.locator('button.erase').click()]);
    assert.equal(asked && asked.type, 'confirm');
    assert.ok(asked.message.includes(mia.conversation), `the question names the conversation: ${asked.message}`);
    assert.ok(asked.message.includes(MIA.name), `and the shopper: ${asked.message}`);
    assert.match(asked.message, /cannot be undone/);
    await admin.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    assert.equal(await row.count(), 1, 'the row stays');
    assert.equal(await admin.locator('#privacy-status').textContent(), '');
    assert.equal((await pageJson(admin, `/api/admin/privacy/conversations/${mia.conversation}`)).status, 200, 'still there');

    // waiting for a person: 409, the server's message shown, the row stays
    const waiting = privacyRow(admin, miaWaiting.conversation);
    admin.once('dialog', (d) => d.accept());
    await waiting.locator('button.erase').click();
    await admin.locator('#privacy-error').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await admin.locator('#privacy-error').textContent(),
      `Conversation ${miaWaiting.conversation} was not erased: A person is handling this conversation: close it in the console first.`);
    assert.equal(await waiting.count(), 1);
    assert.equal(await waiting.locator('button.erase').isEnabled(), true, 'it can be tried again once closed');
    assert.equal((await pageJson(admin, `/api/admin/privacy/conversations/${miaWaiting.conversation}`)).status, 200, 'still there');

    // accepted: erased, the row goes, the status says so
    admin.once('dialog', (d) => d.accept());
    await row.locator('button.erase').click();
    await admin.locator('#privacy-status', { hasText: 'erased' }).waitFor({ timeout: 30_000 });
    assert.equal(await admin.locator('#privacy-status').textContent(), `Conversation ${mia.conversation} erased.`);
    assert.ok(await admin.locator('#privacy-error').isHidden());
    assert.equal(await row.count(), 0, 'the row is gone');
    assert.equal(await admin.locator('#privacy-count').textContent(), '1 conversation, newest first');
    assert.equal(await admin.evaluate(() => document.activeElement.getAttribute('aria-label')), `Erase conversation ${miaWaiting.conversation}`,
      'focus moves to the Erase button of the row left');
    // the server has forgotten it
    assert.equal((await pageJson(admin, `/api/admin/privacy/conversations/${mia.conversation}`)).status, 404);
    assert.equal((await api('GET', `/api/admin/privacy/conversations/${mia.conversation}`)).status, 404, 'with the admin cookie too');
    assert.equal(await privacyFind(admin, '555123'), 'ready');
    assert.equal(await admin.locator('#privacy-results').textContent(), 'No conversations found');
    assert.equal(await privacyFind(admin, MIA.email), 'ready');
    assert.deepEqual((await shownConversations(admin)).map((r) => r.id), [miaWaiting.conversation]);

    // a row whose conversation went meanwhile (erased on another tab): the row goes, and the page says it was gone already
    const gone = await chatShopper();
    const w = await gone.welcome();
    await gone.send({ type: 'identify', ...MIA });
    await gone.frame('identified', (f) => f.type === 'identified');
    await gone.page.context().close();
    assert.equal(await privacyFind(admin, MIA.email), 'ready');
    assert.equal(await privacyRow(admin, w.conversation).count(), 1);
    assert.equal((await api('DELETE', `/api/admin/privacy/conversations/${w.conversation}`)).status, 200);
    admin.once('dialog', (d) => d.accept());
    await privacyRow(admin, w.conversation).locator('button.erase').click();
    await admin.locator('#privacy-status', { hasText: 'already gone' }).waitFor({ timeout: 30_000 });
    assert.equal(await privacyRow(admin, w.conversation).count(), 0);
    assert.deepEqual(await admin.evaluate(() => window.__csp), [], 'no CSP violation');
  });

  // ---- the team (the section "Team"): agents' accounts, changed through the page only (fetch only checks results) ----
  const XSS_NAME = '<img src=x onerror="window.__xss=1">Cleo';
  let teamAdmin = null; // Ada's admin page for these tests, opened by the first one that needs it
  const teamReady = (p) => p.waitForFunction(() => document.getElementById('team').dataset.state === 'ready', null, { timeout: 30_000 });
  const teamPage = async () => {
    if (teamAdmin && !teamAdmin.isClosed()) { await teamReady(teamAdmin); return teamAdmin; }
    teamAdmin = await openAdmin(await newContext());
    await adminLogin(teamAdmin, ADA);
    await teamAdmin.locator('#app').waitFor({ state: 'visible', timeout: 10_000 });
    await teamReady(teamAdmin);
    return teamAdmin;
  };
  const teamRow = (p, email) => p.locator(`#team-table tbody tr[data-email="${email}"]`);
  // what the list shows of an agent, read from the DOM
  const shownAgent = (p, email) => teamRow(p, email).evaluate((r) => ({
    name: r.querySelector('.agent-name').textContent, email: r.querySelector('.team-email').textContent,
    languages: r.querySelector('.team-langs').textContent, capacity: r.querySelector('.team-capacity').textContent,
    role: r.querySelector('.team-role').textContent, status: r.querySelector('.team-state').textContent,
    you: !!r.querySelector('.badge.you'), buttons: [...r.querySelectorAll('.row-actions button')].map((b) => b.textContent) }));
  const serverAgent = async (email) => (await api('GET', '/api/admin/agents')).data.find((a) => a.email === email);
  const loginStatus = async (email, password) => (await api('POST', '/api/agent/login', { email, password }, null)).status;
  // fills the form "Add an agent" and sends it
  const fillAdd = async (p, who) => {
    await p.fill('#team-add-email', who.email);
    await p.fill('#team-add-name', who.name);
    await p.fill('#team-add-languages', who.languages || 'en');
    await p.fill('#team-add-capacity', String(who.capacity || 3));
    await p.selectOption('#team-add-role', who.role || 'agent');
    await p.fill('#team-add-password', who.password);
    await p.click('#team-add-submit');
  };
  const addAgent = async (p, who) => {
    await fillAdd(p, who);
    await teamRow(p, who.email).waitFor({ timeout: 30_000 });
    await teamReady(p);
    assert.ok(await p.locator('#team-add-error').isHidden(), `no error: ${await p.locator('#team-add-error').textContent()}`);
  };

  it('Team lists every agent with languages, capacity, role and status; the admin\'s own row says "you" and offers no Deactivate and no demotion', async () => {
    const p = await teamPage();
    assert.equal(await p.locator('#team h2').textContent(), 'Team');
    const all = (await pageJson(p, '/api/admin/agents')).data;
    assert.equal(await p.locator('#team-table tbody tr[data-id]').count(), all.length, 'a row per agent');
    assert.deepEqual(await shownAgent(p, ADA.email), { name: 'Ada', email: ADA.email, languages: 'en', capacity: '3', role: 'Admin', status: 'active',
      you: true, buttons: ['Edit', 'Reset password'] });
    assert.deepEqual(await shownAgent(p, BEN.email), { name: 'Ben', email: BEN.email, languages: 'en', capacity: '2', role: 'Agent', status: 'active',
      you: false, buttons: ['Edit', 'Reset password', 'Deactivate'] });
    // her own role cannot be changed in the edit dialog
    await teamRow(p, ADA.email).locator('button.edit').click();
    await p.locator('#team-edit').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await p.locator('#team-edit-h').textContent(), 'Edit Ada');
    assert.equal(await p.inputValue('#team-edit-name'), 'Ada');
    assert.equal(await p.locator('#team-edit-role').isDisabled(), true, 'no demotion of oneself');
    assert.ok(await p.locator('#team-edit-role-note').isVisible());
    await p.click('#team-edit-cancel');
    await p.locator('#team-edit').waitFor({ state: 'hidden', timeout: 5_000 });
    // another agent's role can
    await teamRow(p, BEN.email).locator('button.edit').click();
    await p.locator('#team-edit').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await p.locator('#team-edit-role').isDisabled(), false);
    assert.equal(await p.inputValue('#team-edit-role'), 'agent');
    await p.keyboard.press('Escape');
    await p.locator('#team-edit').waitFor({ state: 'hidden', timeout: 5_000 });
    assert.equal(await p.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Edit Ben', 'focus back on the button');
  });

  it('Team: adding an agent with a 5-character password shows the server\'s error; a name with markup is added and shown as text; the new agent can sign in', async () => {
    const p = await teamPage();
    const cleo = { email: 'cleo@shop.example', name: XSS_NAME, languages: 'en, fr', capacity: 4, password: 'cleo password 1' };
    // too short: refused by the server, its message shown, nothing added
    await fillAdd(p, { ...cleo, password: 'short' });
    await p.locator('#team-add-error').waitFor({ state: 'visible', timeout: 30_000 });
    const refused = await api('POST', '/api/admin/agents', { email: cleo.email, name: cleo.name, languages: cleo.languages, capacity: cleo.capacity, role: 'agent', password: 'short' });
    assert.equal(refused.status, 400, refused.text);
    assert.ok(refused.data && refused.data.message, refused.text);
    assert.equal(await p.locator('#team-add-error').textContent(), `Not added: ${refused.data.message}`);
    assert.equal(await p.locator('#team-add-error').getAttribute('role'), 'alert');
    assert.equal(await teamRow(p, cleo.email).count(), 0, 'not listed');
    assert.equal(await p.inputValue('#team-add-name'), XSS_NAME, 'what was typed stays in the form to be corrected');
    // corrected: added, listed, the form empty again and back to its defaults
    await p.fill('#team-add-password', cleo.password);
    await p.click('#team-add-submit');
    await teamRow(p, cleo.email).waitFor({ timeout: 30_000 });
    assert.ok(await p.locator('#team-add-error').isHidden());
    assert.deepEqual(await shownAgent(p, cleo.email), { name: XSS_NAME, email: cleo.email, languages: 'en fr', capacity: '4', role: 'Agent', status: 'active',
      you: false, buttons: ['Edit', 'Reset password', 'Deactivate'] });
    assert.equal(await p.locator('#team-status').textContent(), `Added ${XSS_NAME} (${cleo.email}). Give them their password yourself.`);
    assert.deepEqual([await p.inputValue('#team-add-email'), await p.inputValue('#team-add-name'), await p.inputValue('#team-add-password'),
      await p.inputValue('#team-add-capacity'), await p.inputValue('#team-add-languages')], ['', '', '', '3', 'en']);
    assert.equal(await teamRow(p, cleo.email).locator('button.deactivate').getAttribute('aria-label'), `Deactivate ${XSS_NAME}`);
    // the markup is text everywhere: the list, the status, the dialogs
    await teamRow(p, cleo.email).locator('button.deactivate').click();
    await p.locator('#team-confirm').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await p.locator('#team-confirm-h').textContent(), `Deactivate ${XSS_NAME}?`);
    await p.click('#team-confirm-cancel');
    await p.locator('#team-confirm').waitFor({ state: 'hidden', timeout: 5_000 });
    assert.equal(await p.locator('#team img, #team script, dialog img').count(), 0, 'no element from the name');
    await p.evaluate(() => new Promise((r) => setTimeout(r, 300))); // let any injected handler run (there must be none)
    assert.equal(await p.evaluate(() => window.__xss), undefined);
    const server = await serverAgent(cleo.email);
    assert.deepEqual({ name: server.name, languages: server.languages, capacity: server.capacity, role: server.role, active: server.active },
      { name: XSS_NAME, languages: ['en', 'fr'], capacity: 4, role: 'agent', active: true });
    assert.equal(await loginStatus(cleo.email, cleo.password), 200, 'Cleo can sign in');
  });

  it('Team: editing languages and capacity changes the list; a bad capacity shows the server\'s error; a reset password works and the old one does not', async () => {
    const p = await teamPage();
    const dora = { email: 'dora@shop.example', name: 'Dora', languages: 'en', capacity: 3, password: 'dora password 1' };
    await addAgent(p, dora);
    const row = teamRow(p, dora.email);
    // edit: languages and capacity
    await row.locator('button.edit').click();
    await p.locator('#team-edit').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await p.inputValue('#team-edit-languages'), 'en');
    assert.equal(await p.inputValue('#team-edit-capacity'), '3');
    await p.fill('#team-edit-languages', 'en, de-AT');
    await p.fill('#team-edit-capacity', '5');
    await p.click('#team-edit-save');
    await p.locator('#team-edit').waitFor({ state: 'hidden', timeout: 30_000 });
    await p.waitForFunction((e) => document.querySelector(`#team-table tr[data-email="${e}"] .team-capacity`)?.textContent === '5', dora.email, { timeout: 30_000 });
    const shown = await shownAgent(p, dora.email);
    assert.equal(shown.languages, 'en de-AT');
    assert.equal(shown.capacity, '5');
    assert.equal(await p.locator('#team-status').textContent(), 'Saved: Dora.');
    const saved = await serverAgent(dora.email);
    assert.deepEqual([saved.languages, saved.capacity], [['en', 'de-AT'], 5], 'the server has the change');
    // a capacity out of range: the server's message in the dialog, nothing changed
    await row.locator('button.edit').click();
    await p.locator('#team-edit').waitFor({ state: 'visible', timeout: 5_000 });
    await p.fill('#team-edit-capacity', '99');
    await p.click('#team-edit-save');
    await p.locator('#team-edit-error').waitFor({ state: 'visible', timeout: 30_000 });
    const bad = await api('PATCH', `/api/admin/agents/${saved.id}`, { capacity: 99 });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(await p.locator('#team-edit-error').textContent(), `Not saved: ${bad.data.message}`);
    assert.ok(await p.locator('#team-edit').isVisible(), 'the dialog stays open to correct it');
    await p.click('#team-edit-cancel');
    assert.equal((await shownAgent(p, dora.email)).capacity, '5');
    // reset the password: too short is caught in the page, then a good one is set
    await row.locator('button.reset').click();
    await p.locator('#team-password').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await p.locator('#team-password-h').textContent(), 'Reset the password of Dora');
    await p.fill('#team-password-new', 'short');
    await p.click('#team-password-save');
    assert.equal(await p.locator('#team-password-error').textContent(), 'The password must have at least 10 characters.');
    const fresh = 'dora new password 2';
    await p.fill('#team-password-new', fresh);
    await p.click('#team-password-save');
    await p.locator('#team-password').waitFor({ state: 'hidden', timeout: 30_000 });
    await p.locator('#team-status', { hasText: 'Pass the new password on' }).waitFor({ timeout: 30_000 });
    assert.equal(await p.locator('#team-status').textContent(),
      'The password of Dora is reset, and they were signed out everywhere. Pass the new password on to them yourself.');
    assert.equal(await p.inputValue('#team-password-new'), '', 'the password does not stay in the page');
    assert.equal(await loginStatus(dora.email, fresh), 200, 'the new password works');
    assert.equal(await loginStatus(dora.email, dora.password), 401, 'the old one does not');
  });

  it('Team: Deactivate asks first; confirmed, the agent is signed out at once (their console closes), shown deactivated and refused at sign-in; a refusal shows in the row; Reactivate lets them in again', async () => {
    const p = await teamPage();
    const eve = { email: 'eve@shop.example', name: 'Eve', languages: 'en', capacity: 2, password: 'eve password 12' };
    await addAgent(p, eve);
    const row = teamRow(p, eve.email);
    // Eve at work in the console
    const eveConsole = await newPage(await newContext());
    await eveConsole.goto(base + '/console', { waitUntil: 'load' });
    await eveConsole.fill('#login-email', eve.email);
    await eveConsole.fill('#login-password', eve.password);
    await eveConsole.click('#login-submit');
    await eveConsole.locator('#conn[data-state="online"]').waitFor({ timeout: 15_000 });
    // cancelled: nothing happens
    await row.locator('button.deactivate').click();
    await p.locator('#team-confirm').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await p.locator('#team-confirm-h').textContent(), 'Deactivate Eve?');
    assert.match(await p.locator('#team-confirm-text').textContent(), /^Eve \(eve@shop\.example\) is signed out at once/);
    assert.equal(await p.evaluate(() => document.activeElement.id), 'team-confirm-cancel', 'the safe choice has the focus');
    await p.click('#team-confirm-cancel');
    await p.locator('#team-confirm').waitFor({ state: 'hidden', timeout: 5_000 });
    assert.equal(await row.getAttribute('data-active'), 'true');
    assert.equal((await serverAgent(eve.email)).active, true);
    // a refusal (409, stubbed: the real ones are not offered on this page) is shown under the row
    await p.route('**/api/admin/agents/*', (r) => (r.request().method() === 'PATCH'
      ? r.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: 'conflict', message: 'the shop would have no active admin left' }) })
      : r.continue()));
    await row.locator('button.deactivate').click();
    await p.click('#team-confirm-ok');
    const refusal = p.locator('#team-table tr.row-problem [role="alert"]');
    await refusal.waitFor({ timeout: 30_000 });
    assert.equal(await refusal.textContent(), 'Eve was not deactivated: the shop would have no active admin left');
    assert.ok(await p.locator('#team-confirm').isHidden());
    await p.unroute('**/api/admin/agents/*');
    // confirmed
    await row.locator('button.deactivate').click();
    await p.locator('#team-confirm').waitFor({ state: 'visible', timeout: 5_000 });
    await p.click('#team-confirm-ok');
    await p.locator(`#team-table tr[data-email="${eve.email}"][data-active="false"]`).waitFor({ timeout: 30_000 });
    assert.ok(await p.locator('#team-confirm').isHidden());
    assert.equal(await p.locator('#team-table tr.row-problem').count(), 0, 'the old refusal is gone');
    const off = await shownAgent(p, eve.email);
    assert.equal(off.status, 'deactivated');
    assert.deepEqual(off.buttons, ['Edit', 'Reset password', 'Reactivate']);
    assert.equal(await p.locator('#team-status').textContent(), 'Eve is deactivated and was signed out.');
    assert.equal((await serverAgent(eve.email)).active, false);
    fs.mkdirSync(SHOTS, { recursive: true });
    await p.locator('#team').screenshot({ path: path.join(SHOTS, 'admin-team-deactivated.png') });
    // her console is closed at once and asks her to sign in
    await eveConsole.locator('#login-form').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await eveConsole.locator('#login-error').textContent(), 'Your session has ended. Please sign in again.');
    assert.equal(await loginStatus(eve.email, eve.password), 401, 'she cannot sign in');
    // reactivated
    await row.locator('button.reactivate').click();
    await p.locator(`#team-table tr[data-email="${eve.email}"][data-active="true"]`).waitFor({ timeout: 30_000 });
    assert.equal((await shownAgent(p, eve.email)).status, 'active');
    assert.equal(await p.locator('#team-status').textContent(), 'Eve is active again and can sign in.');
    assert.equal(await loginStatus(eve.email, eve.password), 200, 'she can sign in again');
    await eveConsole.context().close();
  });

  it('the Team section on a desktop and a phone', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const p = await teamPage();
    await p.locator('#team').scrollIntoViewIfNeeded();
    await p.locator('#team').screenshot({ path: path.join(SHOTS, 'admin-team.png') });
    await teamRow(p, BEN.email).locator('button.edit').click();
    await p.locator('#team-edit').waitFor({ state: 'visible', timeout: 5_000 });
    await p.screenshot({ path: path.join(SHOTS, 'admin-team-edit.png') });
    await p.click('#team-edit-cancel');
    const phoneCtx = await newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
      storageState: await p.context().storageState() });
    const phone = await openAdmin(phoneCtx);
    await phone.locator('#app').waitFor({ state: 'visible', timeout: 10_000 });
    await teamReady(phone);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
    const outside = await phone.locator('#team button, #team input, #team select').evaluateAll((es) => es.filter((e) => {
      const r = e.getBoundingClientRect();
      return r.left < 0 || r.right > document.documentElement.clientWidth;
    }).length);
    assert.equal(outside, 0, 'the buttons and fields are on the screen');
    await phone.evaluate(() => window.scrollTo(0, 0));
    const box = await phone.locator('#team').evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.left, y: r.top + window.scrollY, width: r.width, height: r.height }; });
    await phone.screenshot({ path: path.join(SHOTS, 'admin-team-phone.png'), fullPage: true, clip: box });
    assert.deepEqual(await phone.evaluate(() => window.__csp), []);
    assert.deepEqual(await p.evaluate(() => window.__csp), [], 'no CSP violation on the desktop page either');
    await phoneCtx.close();
  });

  it('every control has a label; no script error and no CSP violation on the page', async () => {
    const unlabelled = await admin.evaluate(() => [...document.querySelectorAll('#app input, #app select, #app textarea, #login input')]
      .filter((e) => !e.getAttribute('aria-label') && !(e.id && document.querySelector(`label[for="${e.id}"]`))).map((e) => e.id || e.outerHTML));
    assert.deepEqual(unlabelled, []);
    // keyboard: Tab goes from the question to the language to the button, in order
    await admin.focus('#try-text');
    await admin.keyboard.press('Tab');
    assert.equal(await admin.evaluate(() => document.activeElement.id), 'try-lang');
    await admin.keyboard.press('Tab');
    assert.equal(await admin.evaluate(() => document.activeElement.id), 'try-submit');
    assert.ok((await admin.evaluate(() => window.__csp)).length === 0, `CSP violations: ${await admin.evaluate(() => window.__csp.join('\n'))}`);
    assert.deepEqual(adminErrors, []);
  });

  it('screenshots of the admin page on a desktop and a phone', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await admin.fill('#try-text', FAQ_EN[1]);
    await admin.selectOption('#try-lang', '');
    await admin.click('#try-submit');
    await admin.locator('#try-result[data-state="done"]').waitFor({ timeout: 30_000 });
    await admin.fill('#sim-answer', '0.8');
    await admin.fill('#sim-handoff', '0.3');
    await admin.click('#sim-submit');
    await admin.locator('#sim-result[data-state="done"][data-answer-threshold="0.8"]').waitFor({ timeout: 60_000 });
    await admin.evaluate(() => window.scrollTo(0, 0));
    await admin.screenshot({ path: path.join(SHOTS, 'admin-desktop.png'), fullPage: true });

    const phoneCtx = await newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
      storageState: await admin.context().storageState() });
    const phone = await openAdmin(phoneCtx);
    await phone.locator('#app').waitFor({ state: 'visible', timeout: 10_000 });
    await ready(phone);
    await phone.locator('#sim-result[data-state="done"]').waitFor({ timeout: 60_000 });
    await phone.fill('#try-text', FAQ_EN[0]);
    await phone.click('#try-submit');
    await phone.locator('#try-result[data-state="done"]').waitFor({ timeout: 30_000 });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
    await phone.locator('#learn[data-state="ready"]').waitFor({ timeout: 30_000 });
    await phone.locator('#learn').screenshot({ path: path.join(SHOTS, 'admin-learning-phone.png') });
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: path.join(SHOTS, 'admin-phone.png'), fullPage: true });
    assert.deepEqual(await phone.evaluate(() => window.__csp), []);
  });
});

// A base of titles only, served without an embedding model (src/test/resources/title-only-fixture): the bot cannot tell
// which questions it answers (README, "A blind scope"), and the admin page says so and what to do.
describe('admin page of a base whose scope is blind', { timeout: 300_000 }, () => {
  let server;
  let browser;
  let tmp;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'babeldesk-blind-'));
    const db = path.join(tmp, 'blind.db');
    createAdmin(db, ADA);
    server = new Server(await freePort(), db, {
      kb: path.join(REPO, 'src', 'test', 'resources', 'title-only-fixture'),
      env: { BABELDESK_RETRIEVAL_EMBEDDING_MODELS: '*=none' },
    });
    await server.start();
    browser = await launchChromium();
  });
  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('warns that the bot cannot tell which questions its answers cover in English, and names the fix', async () => {
    const p = await (await browser.newContext()).newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`http://127.0.0.1:${server.port}/admin`, { waitUntil: 'load' });
    await p.locator('#login-form').waitFor({ state: 'visible', timeout: 10_000 });
    await p.fill('#login-email', ADA.email);
    await p.fill('#login-password', ADA.password);
    await p.click('#login-submit');
    await p.locator('#kb-blind').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await p.locator('#kb-blind h2').textContent(), 'The bot cannot tell which questions its answers cover in English (en)');
    assert.match(await p.locator('#kb-blind').textContent(), /example questions \(questions:\).*retrieval\.embedding-models/);
    assert.deepEqual(errors, []);
  });
});
