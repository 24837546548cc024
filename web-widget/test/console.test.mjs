// Browser tests of the AGENT CONSOLE (web-widget/console/) against the REAL Babel Desk server, started here as a
// child process (testing/server.mjs, shared with browser.test.mjs). Shoppers use the real widget on the demo page.
// Run: cd web-widget && node --test --test-concurrency=1 test/
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SHOTS, freePort, sleep, Server, createAdmin, openWidget, launchChromium, pageFactory } from '../testing/server.mjs';

const ANSWER_MS = 30_000;
const ADA = { email: 'ada@shop.example', password: 'ada password 12', name: 'Ada' };
const BEN = { email: 'ben@shop.example', password: 'ben password 12', name: 'Ben' };

// ---- widget (shopper) helpers: playwright's CSS locators pierce the widget's open shadow root ----
async function shopperSays(page, text) {
  const box = page.locator('textarea');
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction((t) => [...document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.shopper:not(.pending) .bub')]
    .some((b) => b.textContent === t), text, { timeout: ANSWER_MS });
}

// the shopper asks for a person: the bot may hand off by itself, else the widget's "Talk to a person" button
async function askForPerson(page, text) {
  const bots = await page.locator('.m.bot').count();
  await shopperSays(page, text);
  const waiting = page.locator('.ban[data-kind="waiting"], .m.system[data-key="offline"], .m.system[data-key="waiting"]');
  const reply = page.locator('.m.bot').nth(bots);
  await waiting.or(reply).first().waitFor({ timeout: ANSWER_MS });
  // A hand-off entry (a complaint) answers first and the waiting notice follows a moment later, hiding
  // the button: clicking it then waited for a button that was gone.
  if (!(await waiting.count()) && (await reply.getAttribute('data-decision')) !== 'handoff') await page.locator('.hum').click();
  await waiting.first().waitFor({ timeout: ANSWER_MS });
}

const conversationOf = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('babeldesk:' + location.origin)).conversation);

// ---- console helpers ----
async function consoleLogin(page, base, who) {
  // the console is served with a Content-Security-Policy: record what it refuses (there must be nothing)
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await page.goto(base + '/console', { waitUntil: 'load' });
  await page.locator('#login-form').waitFor({ state: 'visible', timeout: 10_000 });
  await page.fill('#login-email', who.email);
  await page.fill('#login-password', who.password);
  await page.click('#login-submit');
  await page.locator('#app').waitFor({ state: 'visible', timeout: 10_000 });
  await page.locator('#conn[data-state="online"]').waitFor({ timeout: 15_000 });
}
const queueItem = (page, conversation) => page.locator(`#queue li[data-conversation="${conversation}"]`);

describe('agent console against the real server', { timeout: 900_000 }, () => {
  let server;
  let browser;
  let tmp;
  let base;
  const { contexts, newContext, newPage } = pageFactory(() => browser);
  let ada; // console pages
  let ben;
  let offlineShopper; // scenario 4's shopper page
  let offlineConversation;
  let shopper; // scenario 1's German shopper
  let shopperConversation;
  let shopperSocket = null; // the server side of the German shopper's websocket (routed through the test)
  const shopperReceived = [];
  const shopperSent = []; // what the German shopper's widget sent


  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'babeldesk-console-'));
    const db = path.join(tmp, 'console.db');
    createAdmin(db, ADA);
    server = new Server(await freePort(), db);
    await server.start();
    base = `http://127.0.0.1:${server.port}`;
    // Ben (German) through the admin API, as Ada
    const login = await fetch(base + '/api/agent/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: ADA.email, password: ADA.password }) });
    assert.equal(login.status, 200, 'Ada can log in');
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('bd_session='));
    assert.ok(cookie, 'login sets bd_session');
    const created = await fetch(base + '/api/admin/agents', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ email: BEN.email, name: BEN.name, languages: 'de', capacity: 2, role: 'agent', password: BEN.password }),
    });
    assert.ok(created.status === 200 || created.status === 201, `creating Ben: HTTP ${created.status} ${await created.text()}`);
    await fetch(base + '/api/agent/logout', { method: 'POST', headers: { Cookie: cookie } });
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('serves the console: login errors, reload, reconnect after a drop, logout', async () => {
    const res = await fetch(base + '/console');
    assert.equal(res.status, 200, 'GET /console');
    assert.match(res.headers.get('content-type') || '', /text\/html/);
    const ctx = await newContext();
    const p = await newPage(ctx);
    const sockets = [];
    await p.routeWebSocket(/\/ws\/agent$/, (ws) => {
      const srv = ws.connectToServer();
      sockets.push(ws);
      ws.onMessage((m) => srv.send(m));
      srv.onMessage((m) => ws.send(m));
      ws.onClose(() => srv.close());
    });
    await p.goto(base + '/console', { waitUntil: 'load' });
    await p.locator('#login-form').waitFor({ state: 'visible', timeout: 10_000 });
    await p.fill('#login-email', 'nobody@shop.example');
    await p.fill('#login-password', 'wrong password 1');
    await p.click('#login-submit');
    await p.locator('#login-error').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await p.locator('#login-error').textContent(), /wrong email or password/i);
    // 429 (the real throttle would lock this test's address out, so the answer is stubbed here)
    await p.route('**/api/agent/login', (r) => r.fulfill({ status: 429, contentType: 'application/json', body: '{"error":"too_many_attempts"}' }));
    await p.click('#login-submit');
    await p.waitForFunction(() => /too many/i.test(document.getElementById('login-error').textContent), null, { timeout: 10_000 });
    await p.unroute('**/api/agent/login');
    // a real login survives a reload (GET /api/agent/me decides), and logging out shows the form again
    await consoleLogin(p, base, ADA);
    await p.reload({ waitUntil: 'load' });
    await p.locator('#conn[data-state="online"]').waitFor({ timeout: 15_000 });
    assert.ok(await p.locator('#login').isHidden());
    // a dropped connection is re-established (with back-off)
    const opened = sockets.length;
    sockets[sockets.length - 1].close({ code: 1011, reason: 'test drop' });
    await p.locator('#conn[data-state="offline"]').waitFor({ timeout: 5_000 });
    await p.locator('#conn[data-state="online"]').waitFor({ timeout: 15_000 });
    assert.equal(sockets.length, opened + 1, 'one new connection');
    await p.click('#logout');
    await p.locator('#login-form').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal((await (await ctx.request.get(base + '/api/agent/me')).status()), 401, 'the session is ended');
    await ctx.close();
  });

  it('4: no agent online → the shopper gets the offline message; an agent who logs in sees it in the queue', async () => {
    const sctx = await newContext();
    offlineShopper = await newPage(sctx);
    await offlineShopper.goto(base + '/', { waitUntil: 'load' });
    await openWidget(offlineShopper);
    await askForPerson(offlineShopper, 'My order arrived damaged and I want to speak to a person');
    await offlineShopper.locator('.m.system[data-key="offline"]').waitFor({ timeout: ANSWER_MS });
    offlineConversation = await conversationOf(offlineShopper);

    ada = await newPage(await newContext());
    await consoleLogin(ada, base, ADA);
    await queueItem(ada, offlineConversation).waitFor({ timeout: 10_000 });
    assert.match(await ada.title(), /^\(\d+\) Babel Desk console$/);
    assert.ok(await ada.locator('#admin-link').isVisible(), 'an admin sees the link to the admin page');
  });

  it('1: a German request for a person goes first to the German agent, who answers with a canned reply', async () => {
    ben = await newPage(await newContext());
    if (process.env.DEBUG_FRAMES) ben.on('websocket', (w) => w.on('framereceived', (f) => console.error('BEN<', String(f.payload).slice(0, 600))));
    await consoleLogin(ben, base, BEN);
    assert.ok(await ben.locator('#admin-link').isHidden(), 'an agent who is not an admin gets no admin link');

    // Ada: a stand-in Notification records what the console shows (headless Chromium has no notification UI)
    await ada.evaluate(() => {
      window.__notified = [];
      const N = function (title, opts) { window.__notified.push({ title, body: opts && opts.body }); return { close() {} }; };
      N.permission = 'granted';
      N.requestPermission = () => Promise.resolve('granted');
      window.Notification = N;
    });
    // presence: both agents are listed online; Ada going away shows on Ben's console
    await ben.locator('#agents li[data-status="online"]', { hasText: 'Ada' }).waitFor({ timeout: 10_000 });
    await ada.selectOption('#presence', 'away');
    await ben.locator('#agents li[data-status="away"]', { hasText: 'Ada' }).waitFor({ timeout: 10_000 });
    await ada.selectOption('#presence', 'online');
    await ben.locator('#agents li[data-status="online"]', { hasText: 'Ada' }).waitFor({ timeout: 10_000 });

    const sctx = await newContext({ locale: 'de-DE' });
    await sctx.routeWebSocket(/\/ws\/chat$/, (ws) => {
      const srv = ws.connectToServer();
      shopperSocket = srv;
      ws.onMessage((m) => { try { shopperSent.push(JSON.parse(m)); } catch { /* ignore */ } srv.send(m); });
      srv.onMessage((m) => { try { shopperReceived.push(JSON.parse(m)); } catch { /* ignore */ } ws.send(m); });
    });
    shopper = await newPage(sctx);
    await shopper.goto(base + '/', { waitUntil: 'load' });
    await openWidget(shopper);
    const ask = 'Ich möchte mit einem Mitarbeiter sprechen';
    await shopperSays(shopper, ask);
    shopperConversation = await conversationOf(shopper);

    // Ben sees it first, as an explicit request in German, marked as his language
    const first = ben.locator('#queue li').first();
    await ben.waitForFunction((c) => document.querySelector('#queue li')?.dataset.conversation === c, shopperConversation, { timeout: ANSWER_MS });
    assert.equal(await first.locator('.badge.reason').textContent(), 'Explicit request');
    assert.equal(await first.getAttribute('data-reason'), 'explicit_request');
    assert.equal((await first.locator('.badge.lang').textContent()).toLowerCase(), 'de');
    assert.equal(await first.locator('.badge.yours').textContent(), 'your language');
    // Ada sees it too (not first necessarily)
    await queueItem(ada, shopperConversation).waitFor({ timeout: 10_000 });
    assert.equal(await queueItem(ada, shopperConversation).locator('.badge.yours').count(), 0);
    // Ada was notified of the new item, and the tab title counts the queue
    await ada.waitForFunction(() => window.__notified.length > 0, null, { timeout: 10_000 });
    assert.match((await ada.evaluate(() => window.__notified[0])).body, /Ich möchte mit einem Mitarbeiter sprechen/);
    assert.equal(await ada.title(), '(2) Babel Desk console');

    await first.locator('button.take').click();
    await ben.locator('#conv-view').waitFor({ state: 'visible', timeout: 10_000 });
    await ben.locator('#card [data-reason="explicit_request"]').waitFor({ timeout: 10_000 });
    assert.equal(await ben.locator('#card [data-reason]').textContent(), 'Explicit request');
    await ben.waitForFunction((t) => [...document.querySelectorAll('#transcript .msg.shopper .bub')].some((b) => b.textContent === t), ask, { timeout: 10_000 });
    await ben.locator(`#mine [data-conversation="${shopperConversation}"]`).waitFor({ timeout: 10_000 });
    await queueItem(ada, shopperConversation).waitFor({ state: 'detached', timeout: 10_000 });
    await shopper.locator('.m.system[data-key="agent_joined"]').waitFor({ timeout: 10_000 });

    // canned answer in German
    await ben.fill('#search', 'Rücksendung');
    await ben.press('#search', 'Enter');
    await ben.locator('#results .answer').first().waitFor({ timeout: 10_000 });
    assert.equal(await ben.locator('#results .answer .badge.lang').first().textContent(), 'de');
    await ben.locator('#results .answer button.insert').first().click();
    const text = await ben.inputValue('#reply');
    assert.ok(text.length > 20, `inserted text: ${text}`);
    assert.doesNotMatch(text, /<\/?[a-z]+>|\*\*|^#/m, 'plain text, no markup');
    if (process.env.DEBUG_FRAMES) console.error('BENSTATE', JSON.stringify(await ben.evaluate(() => ({ s: window.BabelDeskConsole.state, dis: document.getElementById('send').disabled }))));
    await ben.locator('#reply').press('End');
    await ben.locator('#reply').pressSequentially(' Viele Grüße', { delay: 10 });
    await shopper.locator('.typ').waitFor({ state: 'visible', timeout: 10_000 }); // the agent is typing, in the widget
    const sent = await ben.inputValue('#reply');
    await ben.click('#send');
    await ben.waitForFunction(() => document.querySelectorAll('#transcript .msg.agent').length > 0, null, { timeout: 10_000 });
    assert.equal(await ben.inputValue('#reply'), '');
    await shopper.locator('.m.agent').first().waitFor({ timeout: 10_000 });
    assert.equal(await shopper.locator('.m.agent .who').first().textContent(), 'Ben');
    assert.equal(await shopper.locator('.m.agent .bub').first().textContent(), sent.trim());

    // The widget tells the server what the shopper has seen (an agent's reply read here is not emailed too),
    // only while its panel is open: a reply that comes while it is closed is reported when it is opened.
    const readUpTo = () => Math.max(0, ...shopperSent.filter((f) => f.type === 'read').map((f) => f.seq));
    const until = async (test, what) => {
      const deadline = Date.now() + 10_000;
      while (!test() && Date.now() < deadline) await sleep(100);
      assert.ok(test(), what);
    };
    const firstReply = Number(await shopper.locator('.m.agent').first().getAttribute('data-seq'));
    await until(() => readUpTo() >= firstReply, `read reported up to the agent's reply ${firstReply}; sent ${JSON.stringify(shopperSent.filter((f) => f.type === 'read'))}`);
    // ... and Ben's console marks his reply seen
    const seen = (seq) => ben.locator(`#transcript .msg.agent[data-seq="${seq}"][data-seen] .seen`);
    await seen(firstReply).waitFor({ state: 'visible', timeout: 10_000 });
    await shopper.locator('.head .xb:not(.sv)').click();
    await shopper.locator('.panel').waitFor({ state: 'hidden', timeout: 5_000 });
    await ben.fill('#reply', 'Noch eine Frage?');
    await ben.click('#send');
    await until(() => shopperReceived.some((f) => f.type === 'message' && f.text === 'Noch eine Frage?'), 'the second reply reached the widget');
    const secondReply = shopperReceived.find((f) => f.type === 'message' && f.text === 'Noch eine Frage?').seq;
    await sleep(1_000);
    assert.ok(readUpTo() < secondReply, 'not reported while the panel is closed');
    assert.equal(await ben.locator(`#transcript .msg.agent[data-seq="${secondReply}"]`).getAttribute('data-seen'), null, 'not marked seen');
    assert.ok(await ben.locator(`#transcript .msg.agent[data-seq="${secondReply}"] .seen`).isHidden());
    await openWidget(shopper);
    await until(() => readUpTo() >= secondReply, 'reported once the shopper opens the panel');
    await seen(secondReply).waitFor({ state: 'visible', timeout: 10_000 });
    await ben.locator('#transcript').screenshot({ path: path.join(SHOTS, 'console-seen.png') });
  });

  it('5: shopper XSS payloads appear as text in the console', async () => {
    const payloads = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=1</script>'];
    for (const p of payloads) {
      await shopperSays(shopper, p);
      await ben.waitForFunction((t) => [...document.querySelectorAll('#transcript .msg.shopper .bub')].some((b) => b.textContent === t), p, { timeout: 10_000 });
    }
    // the shopper typing shows in the console
    await shopper.locator('textarea').pressSequentially('noch', { delay: 20 });
    await ben.locator('#typing').waitFor({ state: 'visible', timeout: 10_000 });
    await shopper.locator('textarea').fill('');
    await ben.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300)))); // let any injected handler run (there must be none)
    assert.equal(await ben.evaluate(() => window.__xss), undefined);
    assert.equal(await ben.locator('#transcript img, #transcript script, #queue img, #queue script').count(), 0);
    // bot and knowledge-base HTML is inserted through the sanitiser: hostile HTML slipped into real frames stays inert
    const EVIL = '<p>ok</p><img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
      + '<iframe src="javascript:window.__xss=3"></iframe><a href=" javascript:window.__xss=4" onclick="window.__xss=5">bad</a>'
      + '<a href="https://example.org/help">good</a><svg onload="window.__xss=6"></svg><object data="data:text/html,x"></object>'
      + '<style>body{display:none}</style><img src="data:image/svg+xml,x" alt="d">';
    const second = await ben.context().newPage();
    await second.routeWebSocket(/\/ws\/agent$/, (ws) => {
      const srv = ws.connectToServer();
      ws.onMessage((m) => srv.send(m));
      srv.onMessage((m) => {
        const f = JSON.parse(m);
        if (f.type === 'conversation') {
          f.messages.push({ seq: 9999, from: 'bot', html: EVIL, decision: 'answer', confidence: 0.5, at: new Date().toISOString(),
            entry: { id: 'x<img src=x onerror="window.__xss=7">', title: '<img src=x onerror="window.__xss=8">' } });
          // a shopper's answer to an emailed reply, as the server marks it (ReplyMailTest checks the server's side)
          f.messages.push({ seq: 10000, from: 'shopper', text: '<b>by mail</b>', via: 'email', at: new Date().toISOString() });
        }
        ws.send(JSON.stringify(f));
      });
    });
    await second.route('**/api/agent/search?**', (r) => r.fulfill({ status: 200, contentType: 'application/json',
      body: JSON.stringify([{ id: 'evil', title: '<img src=x onerror="window.__xss=9">', language: 'de', html: EVIL, markdown: '**Hallo** [Portal](https://example.org/p) `x`' }]) }));
    await second.goto(base + '/console', { waitUntil: 'load' });
    await second.locator(`#mine [data-conversation="${shopperConversation}"]`).click();
    await second.locator('#transcript .msg.bot[data-seq="9999"]').waitFor({ timeout: 10_000 });
    await second.fill('#search', 'egal');
    await second.press('#search', 'Enter');
    await second.locator('#results .answer[data-entry="evil"]').waitFor({ timeout: 10_000 });
    const dom = await second.evaluate(() => ({
      bad: document.querySelectorAll('#transcript script, #transcript style, #transcript iframe, #transcript object, #transcript svg, #transcript [onerror], #transcript [onclick], #results script, #results iframe, #results svg, #results [onerror], #results [onclick]').length,
      dataImg: [...document.querySelectorAll('#transcript img, #results img')].filter((i) => /^data:/i.test(i.getAttribute('src') || '')).length,
      badHref: [...document.querySelectorAll('#transcript a, #results a')].filter((a) => a.textContent === 'bad').map((a) => a.getAttribute('href')),
      entry: document.querySelector('#transcript .msg.bot[data-seq="9999"] .entry').textContent,
      title: document.querySelector('#results .answer h3').textContent,
      hidden: getComputedStyle(document.body).display,
    }));
    const byMail = second.locator('#transcript .msg.shopper[data-seq="10000"]');
    assert.equal(await byMail.getAttribute('data-via'), 'email');
    assert.equal(await byMail.locator('.badge.via').textContent(), 'by email', 'the agent sees it came by email');
    assert.equal(await byMail.locator('.bub').textContent(), '<b>by mail</b>');
    assert.equal(dom.bad, 0);
    assert.equal(dom.dataImg, 0);
    assert.deepEqual(dom.badHref, [null, null]);
    assert.equal(dom.entry, 'x<img src=x onerror="window.__xss=7">');
    assert.equal(dom.title, '<img src=x onerror="window.__xss=9">');
    assert.notEqual(dom.hidden, 'none');
    await second.locator('#results .answer button.insert').click();
    assert.equal(await second.inputValue('#reply'), 'Hallo Portal (https://example.org/p) x');
    await second.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    assert.equal(await second.evaluate(() => window.__xss), undefined);
    await second.close();
    // a note: visible to the agent, marked as internal
    await ben.fill('#reply', '<b>internal</b> check the order');
    await ben.click('#add-note');
    await ben.waitForFunction(() => [...document.querySelectorAll('#notes .note .bub')].some((b) => b.textContent === '<b>internal</b> check the order'), null, { timeout: 10_000 });
    assert.match(await ben.locator('#notes-h').textContent(), /never shown to the shopper/);
    assert.equal(await shopper.locator('.bub', { hasText: 'check the order' }).count(), 0, 'the note never reaches the shopper');
    // the hand-off card's confidence meter is drawn through the CSSOM, which the policy allows
    const fill = await ben.locator('.meter-fill').first().evaluate((e) => e.style.width);
    assert.match(fill, /^\d+(\.\d+)?%$/, `meter width ${fill}`);
    assert.deepEqual(await ben.evaluate(() => window.__csp), [], 'no CSP violation in the console');
  });

  it('3: closing with a resolution shows the shopper the closed state and the survey; the rating is accepted', async () => {
    await ben.click('#close');
    await ben.locator('#close-dialog').waitFor({ state: 'visible', timeout: 5_000 });
    await ben.selectOption('#resolution', 'returns_and_refunds');
    await ben.fill('#close-note', 'Explained the return process');
    await ben.click('#close-ok');
    await shopper.locator('.ban[data-kind="closed"]').waitFor({ timeout: 10_000 });
    await shopper.locator('.m.system[data-key="survey"]').waitFor({ timeout: 10_000 });
    await ben.locator(`#mine [data-conversation="${shopperConversation}"]`).waitFor({ state: 'detached', timeout: 10_000 });
    // The shopper rates in the widget: five stars, a comment, send.
    const survey = shopper.locator('.m.system[data-key="survey"]');
    await survey.locator('[data-score="5"]').click();
    await survey.locator('textarea').fill('Sehr hilfreich');
    await survey.locator('.rt .nc').click();
    const deadline = Date.now() + 10_000;
    while (!shopperReceived.some((f) => f.type === 'rated' || f.type === 'error') && Date.now() < deadline) await sleep(100);
    const answer = shopperReceived.find((f) => f.type === 'rated' || f.type === 'error');
    assert.equal(answer && answer.type, 'rated', `the server answered the rating with ${JSON.stringify(answer)}`);
  });

  it('2: two agents take the same conversation at once: exactly one gets it', async () => {
    const sctx = await newContext();
    const s = await newPage(sctx);
    await s.goto(base + '/', { waitUntil: 'load' });
    await openWidget(s);
    await askForPerson(s, 'I want to talk to a human please');
    const conv = await conversationOf(s);
    const a = queueItem(ada, conv).locator('button.take');
    const b = queueItem(ben, conv).locator('button.take');
    await a.waitFor({ timeout: 10_000 });
    await b.waitFor({ timeout: 10_000 });
    const [ha, hb] = [await a.elementHandle(), await b.elementHandle()];
    await Promise.all([ha.dispatchEvent('click'), hb.dispatchEvent('click')]);
    const outcome = async (p) => {
      const got = p.locator(`#mine [data-conversation="${conv}"]`);
      const refused = p.locator('#toast[data-code="taken_by_someone_else"]');
      await got.or(refused).first().waitFor({ timeout: 10_000 });
      return (await got.count()) ? 'took' : 'refused';
    };
    const results = await Promise.all([outcome(ada), outcome(ben)]);
    assert.deepEqual(results.slice().sort(), ['refused', 'took'], `outcomes Ada/Ben: ${results}`);
    const winner = results[0] === 'took' ? ada : ben;
    const loser = winner === ada ? ben : ada;
    assert.match(await loser.locator('#toast span').textContent(), /someone else/i);
    await winner.waitForFunction(() => document.querySelector('#card .conv-id'), null, { timeout: 10_000 });
    assert.equal(await winner.locator('#card .conv-id').getAttribute('title'), conv);
    const loserShows = await loser.locator('#card .conv-id').getAttribute('title').catch(() => null);
    assert.notEqual(loserShows, conv, 'the conversation opens for exactly one agent');
  });

  it('transfer to the other agent, who hands the conversation back to the bot', async () => {
    const from = (await ada.locator('#mine li').count()) ? ada : ben;
    const to = from === ada ? ben : ada;
    const conv = await from.locator('#mine [data-conversation]').first().getAttribute('data-conversation');
    await from.locator(`#mine [data-conversation="${conv}"]`).click();
    await from.locator('#transfer').click();
    await from.fill('#transfer-email', to === ada ? ADA.email : BEN.email);
    await from.click('#transfer-ok');
    await to.locator(`#mine [data-conversation="${conv}"]`).waitFor({ timeout: 10_000 });
    await from.locator(`#mine [data-conversation="${conv}"]`).waitFor({ state: 'detached', timeout: 10_000 });
    await to.waitForFunction((c) => document.querySelector('#card .conv-id')?.title === c, conv, { timeout: 10_000 });
    assert.ok(await from.locator('#send').isDisabled(), 'no replies once transferred');
    await from.locator('#conv-empty').waitFor({ state: 'visible', timeout: 5_000 });
    await to.locator('#handback').click();
    await to.locator(`#mine [data-conversation="${conv}"]`).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('6: screenshots of the console at 1366x900', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    // more people waiting, so the queue has something to show
    const extra = [['en-US', 'This is the third time the zipper broke. I am really angry, this is unacceptable!'], ['de-DE', 'Ich will einen Menschen sprechen, bitte']];
    for (const [locale, text] of extra) {
      const p = await newPage(await newContext({ locale }));
      await p.goto(base + '/', { waitUntil: 'load' });
      if (locale === 'en-US') await p.evaluate(() => window.BabelDesk.identify({ name: 'Sam Carter', email: 'sam@example.org' }));
      await openWidget(p);
      await askForPerson(p, text);
    }
    // Ada takes the angry shopper (identified by the page, not signed: unverified): the hand-off card and transcript
    const withConv = ada;
    await withConv.waitForFunction(() => document.querySelectorAll('#queue li').length >= 3, null, { timeout: 10_000 });
    await withConv.locator('#queue li', { hasText: 'zipper' }).locator('button.take').click();
    await withConv.waitForFunction(() => [...document.querySelectorAll('#transcript .msg.shopper .bub')].some((b) => b.textContent.includes('zipper')), null, { timeout: 10_000 });
    await withConv.fill('#reply', 'Third broken zipper from this batch: check with QA before promising a refund.');
    await withConv.click('#add-note');
    await withConv.locator('#notes .note').first().waitFor({ timeout: 10_000 });
    assert.equal(await withConv.locator('#card .badge.unverified').count(), 1, 'the shopper identity is marked unverified');
    await withConv.fill('#reply', "I'm so sorry about the zipper, Sam. Let me sort out a replacement for you right away.");
    const lang = await withConv.evaluate(() => document.querySelector('#card .badge.lang')?.textContent.toLowerCase());
    await withConv.fill('#search', lang === 'de' ? 'Rückgabe' : 'defective item');
    await withConv.press('#search', 'Enter');
    await withConv.locator('#results .answer').first().waitFor({ timeout: 10_000 });
    await withConv.screenshot({ path: path.join(SHOTS, 'console.png') });
    const other = withConv === ada ? ben : ada;
    await other.waitForFunction(() => document.querySelectorAll('#queue li').length >= 2, null, { timeout: 10_000 });
    if (await other.locator('#mine li').count()) await other.locator('#mine button').first().click();
    if (await other.locator('#toast').isVisible()) await other.locator('#toast .toast-x').click();
    await other.screenshot({ path: path.join(SHOTS, 'console-queue.png') });
    await withConv.setViewportSize({ width: 1024, height: 768 });
    await withConv.screenshot({ path: path.join(SHOTS, 'console-1024.png') });
  });

  it('Change password: a mismatch and a short password are caught in the page, a wrong current password shows the server\'s error, a right one changes it and signs out the other sessions only', async () => {
    const cara = { email: 'cara@shop.example', name: 'Cara', password: 'cara password 1' };
    const fresh = 'cara new password 2';
    const post = async (url, body, cookie) => fetch(base + url, {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) }, body: JSON.stringify(body) });
    const loginCookie = async (who, password) => {
      const r = await post('/api/agent/login', { email: who.email, password });
      return { status: r.status, cookie: r.status === 200 ? r.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('bd_session=')) : null };
    };
    const me = async (cookie) => (await fetch(base + '/api/agent/me', { headers: { Cookie: cookie } })).status;
    // Cara, created by Ada through the admin API
    const ada = await loginCookie(ADA, ADA.password);
    assert.equal(ada.status, 200);
    const created = await post('/api/admin/agents', { email: cara.email, name: cara.name, languages: 'en', capacity: 1, role: 'agent', password: cara.password }, ada.cookie);
    assert.equal(created.status, 201, await created.text());
    await post('/api/agent/logout', null, ada.cookie);
    const other = await loginCookie(cara, cara.password); // Cara signed in elsewhere too
    assert.equal(other.status, 200);

    const ctx = await newContext();
    const p = await newPage(ctx);
    const sent = [];
    p.on('request', (r) => { if (r.url().endsWith('/api/agent/password')) sent.push(r.method()); });
    await consoleLogin(p, base, cara);
    const open = async () => {
      await p.click('#change-password');
      await p.locator('#password-dialog').waitFor({ state: 'visible', timeout: 5_000 });
    };
    const fill = async (current, next, repeat) => {
      await p.fill('#password-current', current);
      await p.fill('#password-new', next);
      await p.fill('#password-repeat', repeat);
      await p.click('#password-save');
    };
    const error = () => p.locator('#password-error');
    await open();
    assert.equal(await p.evaluate(() => document.activeElement.id), 'password-current');
    assert.equal(await error().getAttribute('role'), 'alert');
    // caught in the page, nothing sent
    await fill(cara.password, fresh, 'cara new password 3');
    assert.equal(await error().textContent(), 'The two new passwords are not the same.');
    await fill(cara.password, 'short', 'short');
    assert.equal(await error().textContent(), 'The new password must have at least 10 characters.');
    assert.deepEqual(sent, [], 'nothing was sent');
    // a wrong current password: the server says so (403)
    await fill('not my password 1', fresh, fresh);
    await p.waitForFunction(() => document.getElementById('password-error').textContent === 'The current password is wrong.', null, { timeout: 30_000 });
    assert.ok(await p.locator('#password-dialog').isVisible(), 'the dialog stays open');
    assert.deepEqual(sent, ['POST']);
    fs.mkdirSync(SHOTS, { recursive: true });
    await p.screenshot({ path: path.join(SHOTS, 'console-password.png') });
    // too many wrong tries (429, stubbed: the real throttle would lock Cara out for 15 minutes)
    await p.route('**/api/agent/password', (r) => r.fulfill({ status: 429, contentType: 'application/json',
      body: JSON.stringify({ error: 'too_many_attempts', message: 'Too many wrong passwords; try again in 15 minutes' }) }));
    await fill('not my password 2', fresh, fresh);
    await p.waitForFunction(() => /^Too many wrong passwords/.test(document.getElementById('password-error').textContent), null, { timeout: 10_000 });
    assert.equal(await error().textContent(), 'Too many wrong passwords; try again in 15 minutes.');
    await p.unroute('**/api/agent/password');
    // Cancel empties the form
    await p.click('#password-cancel');
    await p.locator('#password-dialog').waitFor({ state: 'hidden', timeout: 5_000 });
    await open();
    assert.deepEqual([await p.inputValue('#password-current'), await p.inputValue('#password-new'), await p.inputValue('#password-repeat')], ['', '', '']);
    assert.ok(await error().isHidden(), 'no old error');
    // the right one: the dialog closes, the console says so and goes on
    await fill(cara.password, fresh, fresh);
    await p.locator('#password-dialog').waitFor({ state: 'hidden', timeout: 30_000 });
    await p.locator('#toast[data-code="password_changed"]').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await p.locator('#toast span').textContent(), 'Password changed; your other sessions were logged out.');
    assert.equal(await p.evaluate(async () => (await fetch('/api/agent/me')).status), 200, 'this session goes on');
    assert.equal(await p.locator('#conn').getAttribute('data-state'), 'online');
    assert.equal(await me(other.cookie), 401, 'the other session has ended');
    assert.equal((await loginCookie(cara, fresh)).status, 200, 'the new password works');
    assert.equal((await loginCookie(cara, cara.password)).status, 401, 'the old one does not');
    await p.locator('#toast').screenshot({ path: path.join(SHOTS, 'console-password-toast.png') }).catch(() => {});
    await ctx.close();
  });
});
