// The widget when the server's database goes away for a moment, in headless Chromium against the
// REAL server on the machine's PostgreSQL (skipped where no PostgreSQL or psql answers): the
// message stays on screen as pending, the shopper is told, and the widget sends it again by
// itself; once the database is back it is stored once and answered.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { freePort, Server, openWidget, launchChromium, pageFactory } from '../testing/server.mjs';

const PG = process.env.BABELDESK_TEST_POSTGRES_URL || 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres';
const PSQL_URL = 'postgresql://postgres@127.0.0.1:5432/test';
const SCHEMA = 'babeldesk_widget_' + crypto.randomBytes(6).toString('hex');

function psql(sql) {
  return spawnSync('psql', [PSQL_URL, '-v', 'ON_ERROR_STOP=1', '-qtAc', sql], { encoding: 'utf8', timeout: 20_000 });
}

const reachable = !process.env.BABELDESK_TEST_POSTGRES_URL && psql('SELECT 1').status === 0;

describe('widget while the database is away', { timeout: 300_000, skip: reachable ? false : 'no PostgreSQL reachable with psql' }, () => {
  let server;
  let browser;
  let page;
  const { newContext, newPage } = pageFactory(() => browser);

  before(async () => {
    assert.equal(psql(`CREATE SCHEMA ${SCHEMA}`).status, 0);
    server = new Server(await freePort(), `${PG}&currentSchema=${SCHEMA}`);
    await server.start();
    browser = await launchChromium();
    page = await newPage(await newContext());
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    psql(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  });

  it('keeps the message pending, says so, and sends it again once the database is back', async () => {
    await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
    await openWidget(page);

    assert.equal(psql(`ALTER TABLE ${SCHEMA}.messages RENAME TO messages_away`).status, 0);
    let renamedBack = false;
    try {
      const box = page.locator('textarea');
      await box.fill('Where is my parcel?');
      await box.press('Enter');
      // The server refuses it (server_error naming the message): still pending, and a notice shows.
      await page.locator('.m.shopper.pending').waitFor({ timeout: 10_000 });
      await page.waitForFunction(() => /Something went wrong/.test(document.querySelector('#babeldesk-root').shadowRoot.textContent),
        null, { timeout: 10_000 });
      assert.equal(await page.locator('.m.shopper.pending').count(), 1);
      assert.equal(await page.locator('.m.bot').count(), 0, 'nothing was answered');
      assert.equal(psql(`ALTER TABLE ${SCHEMA}.messages_away RENAME TO messages`).status, 0);
      renamedBack = true;
    } finally {
      if (!renamedBack) psql(`ALTER TABLE ${SCHEMA}.messages_away RENAME TO messages`);
    }

    // No click, no reload: the widget's own retry (after 5 s) gets it stored and answered.
    await page.waitForFunction(() => {
      const r = document.querySelector('#babeldesk-root').shadowRoot;
      return r.querySelectorAll('.m.shopper.pending').length === 0
        && [...r.querySelectorAll('.m.shopper .bub')].some((b) => b.textContent === 'Where is my parcel?')
        && r.querySelectorAll('.m.bot').length >= 1;
    }, null, { timeout: 30_000 });
    const stored = psql(`SELECT count(*) FROM ${SCHEMA}.messages WHERE sender = 'SHOPPER' AND body LIKE '%Where is my parcel?%'`);
    assert.equal(stored.stdout.trim(), '1', 'stored exactly once');
  });
});
