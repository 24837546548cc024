// The offline ticket's answer by email, end to end: a shopper in headless Chromium finds nobody online, leaves
// an address and closes the page; an agent answers in the console; a real SMTP server (npm's smtp-server,
// listening here on a free port) receives the email, and the console marks the reply "Emailed".
// Run: cd web-widget && node --test --test-concurrency=1 test/
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { freePort, sleep, Server, createAdmin, openWidget, launchChromium } from '../testing/server.mjs';

const ADA = { email: 'ada@shop.example', password: 'ada password 12', name: 'Ada' };

describe('agents\' replies by email', { timeout: 300_000 }, () => {
  let smtp;
  let server;
  let browser;
  let tmp;
  let base;
  const received = []; // {to, raw}

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'babeldesk-mail-'));
    const smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c) => { raw += c; });
        stream.on('end', () => { received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw }); callback(); });
      },
    });
    await new Promise((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
    const db = path.join(tmp, 'mail.db');
    createAdmin(db, ADA);
    // a delay of 0 minutes: an unread reply is due at once, and the server looks every second
    server = new Server(await freePort(), db, { env: {
      BABELDESK_MAIL_SMTP_HOST: '127.0.0.1', BABELDESK_MAIL_SMTP_PORT: String(smtpPort), BABELDESK_MAIL_SMTP_SECURITY: 'none',
      BABELDESK_MAIL_FROM: 'Shop support <support@shop.example>', BABELDESK_MAIL_DELAY_MINUTES: '0',
    } });
    await server.start();
    base = `http://127.0.0.1:${server.port}`;
    browser = await launchChromium();
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (smtp) await new Promise((resolve) => smtp.close(resolve));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a shopper who left an address and closed the page gets the agent\'s answer by email, and the console marks it', async () => {
    // the shopper: nobody online, leaves an address, goes
    const sctx = await browser.newContext({ locale: 'en-US' });
    const shopper = await sctx.newPage();
    await shopper.goto(base + '/', { waitUntil: 'load' });
    await openWidget(shopper);
    const say = async (text) => {
      await shopper.locator('textarea').fill(text);
      await shopper.locator('textarea').press('Enter');
      await shopper.waitForFunction((t) => [...document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll('.m.shopper:not(.pending) .bub')]
        .some((b) => b.textContent === t), text, { timeout: 30_000 });
    };
    await say('My parcel arrived broken, I want to talk to a person');
    if (!(await shopper.locator('.m.system[data-key="offline"]').count())) {
      await shopper.locator('.hum').click({ timeout: 30_000 }).catch(() => {}); // the bot may have answered first
    }
    await shopper.locator('.m.system[data-key="offline"]').waitFor({ timeout: 30_000 });
    await say('ok, please write to jo.doe@example.org');
    const conversation = await shopper.evaluate(() => JSON.parse(localStorage.getItem('babeldesk:' + location.origin)).conversation);
    await sctx.close();

    // the agent, later: takes the ticket and answers
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const ada = await ctx.newPage();
    await ada.goto(base + '/console', { waitUntil: 'load' });
    await ada.fill('#login-email', ADA.email);
    await ada.fill('#login-password', ADA.password);
    await ada.click('#login-submit');
    await ada.locator('#conn[data-state="online"]').waitFor({ timeout: 15_000 });
    await ada.locator(`#queue li[data-conversation="${conversation}"] button.take`).click({ timeout: 15_000 });
    await ada.locator('#conv-view').waitFor({ state: 'visible', timeout: 10_000 });
    const answer = 'Sorry about that: a replacement leaves our warehouse today.';
    await ada.fill('#reply', answer);
    await ada.click('#send');
    const reply = ada.locator('#transcript .msg.agent').last();
    await reply.waitFor({ timeout: 10_000 });

    // the email arrives, and the console marks the reply
    const deadline = Date.now() + 20_000;
    while (!received.length && Date.now() < deadline) await sleep(200);
    assert.equal(received.length, 1, `one email, got ${received.length}`);
    assert.deepEqual(received[0].to, ['jo.doe@example.org']);
    const raw = received[0].raw.replace(/=\r?\n/g, '');
    assert.match(raw, /^Subject: Ada replied to your message\r?$/m);
    assert.ok(raw.includes(answer), raw);
    assert.ok(!raw.includes('arrived broken'), 'nothing the shopper wrote goes into the email');
    await reply.locator('.emailed').waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok(await reply.locator('.seen').isHidden(), 'not seen in the chat');
    await sleep(2_500);
    assert.equal(received.length, 1, 'once, not at every round');
    await ctx.close();
  });
});
