// Browser tests of the widget against the REAL Babel Desk server (started here as a child process,
// killed and restarted in the reconnect scenario). Run: cd web-widget && node --test test/
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, SHOTS, freePort, sleep, Server, openWidget, launchChromium } from '../testing/server.mjs';

const ANSWER_MS = 30_000;

// ---- page helpers (playwright's CSS locators pierce the open shadow root) ----
const botMessages = (page) => page.locator('.m.bot');

async function ask(page, text) {
  const before = await botMessages(page).count();
  const box = page.locator('textarea');
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction((t) => {
    const root = document.querySelector('#babeldesk-root').shadowRoot;
    return [...root.querySelectorAll('.m.shopper:not(.pending) .bub')].some((b) => b.textContent === t);
  }, text, { timeout: ANSWER_MS });
  await page.waitForFunction((n) => document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.bot').length > n,
    before, { timeout: ANSWER_MS });
  return botMessages(page).nth(before);
}

async function seqs(page) {
  return page.evaluate(() => [...document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m[data-seq]')]
    .map((m) => ({ seq: Number(m.dataset.seq), from: m.dataset.from, id: m.dataset.id || null, entry: m.dataset.entry || null, text: m.querySelector('.bub').textContent })));
}

function assertNoDuplicates(list) {
  const s = list.map((m) => m.seq);
  assert.equal(new Set(s).size, s.length, `duplicate seq in ${JSON.stringify(s)}`);
  assert.deepEqual(s, [...s].sort((a, b) => a - b), 'messages out of seq order');
  const ids = list.filter((m) => m.id).map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length, 'a shopper message is shown twice');
}

describe('widget against the real server', { timeout: 600_000 }, () => {
  let server;
  let browser;
  let context;
  let page;
  let tmp;
  let base;
  let historyBeforeReload;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'babeldesk-widget-'));
    server = new Server(await freePort(), path.join(tmp, 'chat.db'));
    await server.start();
    base = `http://127.0.0.1:${server.port}`;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    context.setDefaultTimeout(30_000);
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('serves the demo page with the widget and isolates it from the page CSS', async () => {
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.waitForFunction(() => window.BabelDesk && document.querySelector('#babeldesk-root'), null, { timeout: 10_000 });
    const launcher = page.locator('.launch');
    assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
    const style = await launcher.evaluate((b) => { const s = getComputedStyle(b); return { bg: s.backgroundColor, radius: s.borderRadius, font: s.fontFamily }; });
    assert.notEqual(style.bg, 'rgb(255, 105, 180)', 'host page button CSS leaked into the widget');
    assert.doesNotMatch(style.font, /Georgia/, 'host page font leaked into the widget');
    assert.equal(style.radius, '50%');
  });

  it('answers an English question with the return-window entry', async () => {
    await openWidget(page);
    assert.equal(await page.locator('.launch').getAttribute('aria-expanded'), 'true');
    const answer = await ask(page, 'How long do I have to send an item back?');
    assert.equal(await answer.getAttribute('data-entry'), 'return-window');
    assert.equal(await answer.getAttribute('data-decision'), 'answer');
  });

  it('answers a German question in German', async () => {
    const answer = await ask(page, 'Wie lange dauert es, bis ich mein Geld zurückbekomme?');
    assert.equal(await answer.getAttribute('data-entry'), 'refund-time');
    assert.equal(await answer.getAttribute('lang'), 'de');
    // the UI follows the shopper's language
    await page.waitForFunction(() => document.querySelector('#babeldesk-root').shadowRoot.querySelector('.bd').getAttribute('lang') === 'de', null, { timeout: 5_000 });
  });

  it('offers choices for an ambiguous question and answers the chosen one', async () => {
    const clarify = await ask(page, 'where is my parcel');
    assert.equal(await clarify.getAttribute('data-decision'), 'clarify');
    const offered = await clarify.locator('[data-choice]').evaluateAll((bs) => bs.map((b) => b.dataset.choice));
    assert.ok(offered.includes('lost-parcel') && offered.includes('track-order'),
      `choices were ${offered} (answered in lang=${await clarify.getAttribute('lang')})`);
    const before = await botMessages(page).count();
    await clarify.locator('[data-choice="track-order"]').click();
    await page.waitForFunction((n) => document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.bot').length > n, before, { timeout: ANSWER_MS });
    assert.equal(await botMessages(page).nth(before).getAttribute('data-entry'), 'track-order');
    assertNoDuplicates(await seqs(page));
  });

  it('shows the whole history again after a reload', async () => {
    historyBeforeReload = await seqs(page);
    assert.ok(historyBeforeReload.length >= 3, 'a conversation to reload');
    historyBeforeReload = await seqs(page);
    await page.reload({ waitUntil: 'load' });
    await openWidget(page);
    const last = historyBeforeReload[historyBeforeReload.length - 1].seq;
    await page.waitForFunction((s) => document.querySelector('#babeldesk-root').shadowRoot.querySelector(`.m[data-seq="${s}"]`), last, { timeout: 15_000 });
    const after = await seqs(page);
    assertNoDuplicates(after);
    assert.deepEqual(after.slice(0, historyBeforeReload.length).map((m) => [m.seq, m.from, m.entry, m.text]),
      historyBeforeReload.map((m) => [m.seq, m.from, m.entry, m.text]));
  });

  it('takes desktop and phone screenshots of the open widget', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.locator('textarea').click();
    await page.screenshot({ path: path.join(SHOTS, 'widget-desktop.png') });
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(base + '/', { waitUntil: 'load' });
    await openWidget(phone);
    const last = historyBeforeReload[historyBeforeReload.length - 1].seq;
    await phone.waitForFunction((s) => document.querySelector('#babeldesk-root').shadowRoot.querySelector(`.m[data-seq="${s}"]`), last, { timeout: 15_000 });
    const box = await phone.locator('.panel').boundingBox();
    assert.ok(box.width >= 389 && box.height >= 843, `panel should fill a phone screen, was ${JSON.stringify(box)}`);
    await phone.screenshot({ path: path.join(SHOTS, 'widget-phone.png') });
    await phone.close();
  });

  it('shows the offline banner when the server dies and reconnects when it is back', async () => {
    await server.stop();
    await page.locator('.ban[data-kind="offline"]').waitFor({ state: 'visible', timeout: 20_000 });
    await server.start();
    await page.waitForFunction(() => window.BabelDesk.state.connection === 'online', null, { timeout: 90_000 });
    await page.locator('.ban[data-kind="offline"]').waitFor({ state: 'hidden', timeout: 5_000 });
    const answer = await ask(page, 'How much does shipping cost?');
    assert.ok(await answer.getAttribute('data-decision'), 'the bot answered after the restart');
    const list = await seqs(page);
    assertNoDuplicates(list);
    assert.equal(list.filter((m) => m.text === 'How long do I have to send an item back?').length, 1);
    assert.deepEqual(list.slice(0, historyBeforeReload.length).map((m) => m.seq), historyBeforeReload.map((m) => m.seq));
  });

  it('never interprets shopper text as HTML', async () => {
    const payloads = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=1</script>', '"><svg onload=window.__xss=1>'];
    for (const text of payloads) {
      const box = page.locator('textarea');
      await box.fill(text);
      await box.press('Enter');
      await page.waitForFunction((t) => [...document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.shopper:not(.pending) .bub')]
        .some((b) => b.textContent === t), text, { timeout: ANSWER_MS });
    }
    await sleep(500); // give any injected handler a chance to run (there must be none)
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    const injected = await page.evaluate(() => document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.shopper img, .m.shopper svg, .m.shopper script, .m.system img, .m.agent img').length);
    assert.equal(injected, 0);
    assertNoDuplicates(await seqs(page));
  });

  it('saves the shopper a plain-text copy of the whole chat', async () => {
    const label = await page.locator('.sv').getAttribute('aria-label');
    const i18n = ['en', 'de'].map((l) => JSON.parse(fs.readFileSync(path.join(REPO, 'web-widget', 'i18n', `${l}.json`), 'utf8')).save_chat);
    assert.ok(i18n.includes(label), `the save button is labelled in the shopper's language, was ${label}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.sv').click()]);
    assert.match(download.suggestedFilename(), /^chat-\d{4}-\d{2}-\d{2}\.txt$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const shown = await seqs(page);
    const flat = (s) => s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim(); // words only: list items get "- " in the copy
    for (const m of shown) {
      if (m.from === 'shopper') assert.ok(text.includes(m.text), `shopper message missing: ${m.text}`);
      if (m.from === 'bot' && m.entry) assert.ok(flat(text).includes(flat(m.text)), `bot answer missing: ${m.text.slice(0, 60)}`);
    }
    assert.ok(text.includes('<img src=x onerror="window.__xss=1">'), 'what the shopper typed, as typed');
    assert.doesNotMatch(text, /<\/?(p|a|ul|li|strong)\b/, 'answers as text, not HTML');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  });

  it('sanitises bot HTML, sends hello first, hands off, closes and starts a new conversation', async () => {
    // The real server, with the widget's websocket routed through the test so it can see what the widget
    // sends and slip hostile HTML into a real bot answer (the server's own HTML is already inert).
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const sent = [];
    let server = null;
    let tampered = false;
    const EVIL = '<p>ok</p><img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
      + '<iframe src="javascript:window.__xss=3"></iframe><a href=" javascript:window.__xss=4" onclick="window.__xss=5">bad</a>'
      + '<a href="https://example.org/help">good</a><svg onload="window.__xss=6"></svg><object data="data:text/html,x"></object>'
      + '<style>.bd{display:none}</style><img src="data:image/svg+xml,x" alt="d">';
    await ctx.routeWebSocket(/\/ws\/chat$/, (ws) => {
      const srv = ws.connectToServer();
      server = srv;
      ws.onMessage((m) => { sent.push(JSON.parse(m)); srv.send(m); });
      srv.onMessage((m) => {
        const f = JSON.parse(m);
        if (!tampered && f.type === 'message' && f.from === 'bot' && f.html) { tampered = true; f.html = EVIL; }
        ws.send(JSON.stringify(f));
      });
    });
    const p = await ctx.newPage();
    try {
      await p.goto(base + '/', { waitUntil: 'load' });
      await p.evaluate(() => window.BabelDesk.identify({ name: 'Ana Test', email: 'ana@example.org' }));
      await openWidget(p);
      assert.equal(sent[0].type, 'hello');
      assert.equal(sent[0].v, 1);
      assert.equal(sent[0].locale, 'en');
      assert.equal(sent[0].resume, null);
      assert.ok(sent.some((f) => f.type === 'identify' && f.email === 'ana@example.org'), 'identify sent after hello');
      await p.locator('textarea').pressSequentially('How long do I have to send an item back?', { delay: 5 });
      await p.locator('textarea').press('Enter');
      await p.locator('.m.bot').first().waitFor({ timeout: ANSWER_MS });
      const typingOn = sent.filter((f) => f.type === 'typing' && f.on).length;
      assert.ok(typingOn >= 1 && typingOn <= 2, `typing on is throttled (sent ${typingOn})`);
      const msg = sent.find((f) => f.type === 'message');
      assert.match(msg.id, /^[A-Za-z0-9_-]{1,64}$/);
      assert.ok(tampered, 'a bot answer with html arrived');
      const dom = await p.evaluate(() => {
        const log = document.querySelector('#babeldesk-root').shadowRoot.querySelector('.log');
        const links = [...log.querySelectorAll('.m.bot a')].map((a) => ({ text: a.textContent, href: a.getAttribute('href'), target: a.target, rel: a.rel }));
        return {
          bad: log.querySelectorAll('.bub script, .bub style, .bub iframe, .bub object, .bub embed, .bub svg, .bub [onerror], .bub [onclick], .bub [onload]').length,
          dataImg: [...log.querySelectorAll('img')].filter((i) => /^data:/i.test(i.getAttribute('src') || '')).length,
          links,
          visible: getComputedStyle(document.querySelector('#babeldesk-root').shadowRoot.querySelector('.bd')).display,
        };
      });
      assert.equal(dom.bad, 0);
      assert.equal(dom.dataImg, 0);
      assert.notEqual(dom.visible, 'none');
      const bad = dom.links.find((l) => l.text === 'bad');
      assert.equal(bad.href, null, 'javascript: link target removed');
      const good = dom.links.find((l) => l.text === 'good');
      assert.deepEqual([good.href, good.target, good.rel], ['https://example.org/help', '_blank', 'noopener noreferrer']);
      assert.equal(await p.evaluate(() => window.__xss), undefined);

      // hand-off: the waiting banner shows the queue position
      await p.locator('.hum').click();
      await p.locator('.ban[data-kind="waiting"]').waitFor({ timeout: ANSWER_MS });
      assert.match(await p.locator('.ban').textContent(), /\d/);
      assert.ok(await p.locator('.hum').isHidden(), 'no second hand-off button while waiting');

      // the conversation is closed (as an agent or the shopper would): closed banner, then a new conversation
      const oldConversation = await p.evaluate(() => JSON.parse(localStorage.getItem('babeldesk:' + location.origin)).conversation);
      server.send(JSON.stringify({ type: 'close' }));
      await p.locator('.ban[data-kind="closed"]').waitFor({ timeout: ANSWER_MS });
      assert.ok(await p.locator('textarea').isDisabled());
      sent.length = 0;
      await p.locator('.ban .nc').click();
      await p.waitForFunction((old) => {
        const s = JSON.parse(localStorage.getItem('babeldesk:' + location.origin));
        return s.conversation && s.conversation !== old && window.BabelDesk.state.connection === 'online';
      }, oldConversation, { timeout: 15_000 });
      // (a read report of the old conversation may still go out on its socket first)
      const first = sent.find((f) => f.type !== 'read');
      assert.equal(first.type, 'hello');
      assert.equal(first.resume, null, 'a new conversation forgets the resume token');
      await p.locator('.m.system[data-key="greeting"]').waitFor({ timeout: 10_000 });
      assert.equal(await p.locator('.m').count(), 1, 'the old conversation is no longer shown');
      assert.ok(!(await p.locator('textarea').isDisabled()));
    } finally {
      await ctx.close();
    }
  });

  it('deletes the conversation at the shopper\'s request after asking: nothing of it stays on the page or in the saved copy', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US', acceptDownloads: true });
    const p = await ctx.newPage();
    const conversationOf = () => p.evaluate(() => JSON.parse(localStorage.getItem('babeldesk:' + location.origin) || '{}').conversation);
    try {
      await p.goto(base + '/', { waitUntil: 'load' });
      await openWidget(p);
      await ask(p, 'My parcel 88123 to Calle Mayor 5 is late, when will it arrive?');
      const before = await conversationOf();
      assert.ok(before);
      assert.equal(await p.locator('.eb').getAttribute('aria-label'), 'Delete this conversation');

      await p.locator('.eb').click();
      await p.locator('.cf').waitFor({ state: 'visible', timeout: 5_000 });
      assert.match(await p.locator('.cf p').textContent(), /cannot be undone/);
      await p.keyboard.press('Escape'); // focus is on Cancel: Escape answers the question, it does not close the panel
      await p.locator('.cf').waitFor({ state: 'hidden', timeout: 5_000 });
      assert.ok(await p.locator('.panel').isVisible());
      assert.equal(await conversationOf(), before, 'cancelled: nothing deleted');

      await p.locator('.eb').click();
      await p.locator('.panel').screenshot({ path: path.join(SHOTS, 'widget-erase-confirm.png') });
      await p.locator('.cf .yes').click();
      await p.locator('.ban', { hasText: 'Your conversation was deleted.' }).waitFor({ timeout: 15_000 });
      await p.waitForFunction((old) => {
        const s = JSON.parse(localStorage.getItem('babeldesk:' + location.origin) || '{}');
        return s.conversation && s.conversation !== old;
      }, before, { timeout: 15_000 });
      await p.locator('.m.system').first().waitFor({ timeout: 15_000 }); // the new conversation's greeting
      const shown = (await p.locator('.m .bub').allTextContents()).join(' | ');
      assert.doesNotMatch(shown, /Calle Mayor/, 'the deleted messages are gone from the page');
      const [download] = await Promise.all([p.waitForEvent('download'), p.locator('.sv').click()]);
      assert.doesNotMatch(fs.readFileSync(await download.path(), 'utf8'), /Calle Mayor/, 'and from the copy the shopper can save');
    } finally {
      await ctx.close();
    }
  });

  it('is usable with the keyboard: Tab to the launcher, Enter opens, focus in the text box', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const kb = await ctx.newPage();
    try {
      await kb.goto(base + '/', { waitUntil: 'load' });
      await kb.waitForFunction(() => window.BabelDesk && document.querySelector('#babeldesk-root'), null, { timeout: 10_000 });
      const onLauncher = () => kb.evaluate(() => {
        const sr = document.querySelector('#babeldesk-root').shadowRoot;
        return document.activeElement && document.activeElement.id === 'babeldesk-root' && sr.activeElement && sr.activeElement.classList.contains('launch');
      });
      let found = false;
      for (let i = 0; i < 60 && !found; i++) { await kb.keyboard.press('Tab'); found = await onLauncher(); }
      assert.ok(found, 'Tab never reached the launcher');
      await kb.keyboard.press('Enter');
      await kb.waitForFunction(() => document.querySelector('#babeldesk-root').shadowRoot.activeElement?.tagName === 'TEXTAREA', null, { timeout: 5_000 });
      assert.equal(await kb.locator('.launch').getAttribute('aria-expanded'), 'true');
      await kb.keyboard.press('Escape');
      await kb.waitForFunction(() => document.querySelector('#babeldesk-root').shadowRoot.activeElement?.classList.contains('launch'), null, { timeout: 5_000 });
      assert.equal(await kb.locator('.launch').getAttribute('aria-expanded'), 'false');
      // right-to-left languages flip the widget
      await kb.waitForFunction(() => window.BabelDesk.state.connection === 'online', null, { timeout: 30_000 });
      const langs = await kb.evaluate(() => window.BabelDesk.state.languages);
      assert.ok(langs.includes('ar'), `the served widget must carry every web-widget/i18n/*.json; it has only ${langs}`);
      await kb.evaluate(() => window.BabelDesk.setLocale('ar'));
      assert.equal(await kb.locator('.bd').getAttribute('dir'), 'rtl');
      // the label may carry the unread count (the greeting can arrive after the panel was closed)
      const label = await kb.locator('.launch').getAttribute('aria-label');
      assert.ok(label.startsWith('فتح المحادثة'), label);
    } finally {
      await ctx.close();
    }
  });
});
