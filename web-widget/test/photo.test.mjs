// Browser test of PHOTOS end to end against the REAL Babel Desk server (testing/server.mjs): a shopper sends a
// phone photo from the widget on the demo page, an agent sees it in the console, the shopper sees it again
// after a reload. Run: cd web-widget && node --test --test-concurrency=1 test/photo.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WIDGET, SHOTS, freePort, sleep, Server, createAdmin, openWidget, launchChromium, pageFactory } from '../testing/server.mjs';

const ADA = { email: 'ada@shop.example', password: 'ada password 12', name: 'Ada' };
const EN = JSON.parse(fs.readFileSync(path.join(WIDGET, 'i18n', 'en.json'), 'utf8'));
const SECRET = 'GPS 52.5200N 13.4050E at Hauptstrasse 1'; // stands for what a phone writes into a photo

// ---- the photo: 2400x1200 pixels, red on the left, blue on the right, with an EXIF block that says
// "rotate 90° clockwise to show" (orientation 6, as phones write) and a description a widget must not send on ----
function exifApp1(description) {
  const text = Buffer.from(description + '\0', 'latin1');
  const tiff = Buffer.alloc(38 + text.length);
  tiff.write('MM', 0, 'latin1'); // big-endian TIFF
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 at 8
  tiff.writeUInt16BE(2, 8); // two entries, sorted by tag
  tiff.writeUInt16BE(0x010e, 10); tiff.writeUInt16BE(2, 12); tiff.writeUInt32BE(text.length, 14); tiff.writeUInt32BE(38, 18); // ImageDescription
  tiff.writeUInt16BE(0x0112, 22); tiff.writeUInt16BE(3, 24); tiff.writeUInt32BE(1, 26); tiff.writeUInt16BE(6, 30); // Orientation = 6
  tiff.writeUInt32BE(0, 34); // no next IFD
  text.copy(tiff, 38);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** Width and height from a JPEG's frame header. */
function jpegSize(b) {
  assert.equal(b.readUInt16BE(0), 0xffd8, 'a JPEG');
  let i = 2;
  while (i + 9 < b.length) {
    assert.equal(b[i], 0xff, `a JPEG marker at ${i}`);
    const marker = b[i + 1];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
    i += 2 + b.readUInt16BE(i + 2);
  }
  throw new Error('no frame header');
}

// the colour at (x, y) fractions of a photo shown in the widget, read back through a canvas (its blob: URL is same-origin)
const colourAt = (page, x, y) => page.evaluate(([fx, fy]) => {
  const img = document.querySelector('#babeldesk-root').shadowRoot.querySelector('.m.shopper[data-seq] .ph img');
  const c = document.createElement('canvas');
  c.width = img.naturalWidth;
  c.height = img.naturalHeight;
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  return [...g.getImageData(Math.floor(c.width * fx), Math.floor(c.height * fy), 1, 1).data].slice(0, 3);
}, [x, y]);
const isRed = ([r, g, b]) => r > 180 && g < 80 && b < 80;
const isBlue = ([r, g, b]) => b > 180 && r < 80 && g < 80;

async function consoleLogin(page, base, who) {
  await page.goto(base + '/console', { waitUntil: 'load' });
  await page.locator('#login-form').waitFor({ state: 'visible', timeout: 10_000 });
  await page.fill('#login-email', who.email);
  await page.fill('#login-password', who.password);
  await page.click('#login-submit');
  await page.locator('#conn[data-state="online"]').waitFor({ timeout: 15_000 });
}

const shadowQuery = (page, selector) => page.evaluate((s) => document.querySelector('#babeldesk-root').shadowRoot.querySelectorAll(s).length, selector);
// a photo in the widget that really loaded: it has pixels, not just an element
const widgetPhotoLoaded = (page, timeout = 20_000) => page.waitForFunction(() => {
  const img = document.querySelector('#babeldesk-root').shadowRoot.querySelector('.m.shopper[data-seq] .ph img');
  return img && img.complete && img.naturalWidth > 0 ? img.getAttribute('src') : false;
}, null, { timeout });

describe('photos: widget → server → console, against the real server', { timeout: 600_000 }, () => {
  let server;
  let browser;
  let tmp;
  let base;
  const { newContext, newPage } = pageFactory(() => browser);
  let photo; // the JPEG the shopper picks
  let shopper;
  let shopperCtx;
  let conversation;
  let message; // the stored message frame of the photo
  let agent; // Ada's console page
  const uploads = []; // what the widget POSTed: { headers, body }
  const views = []; // the widget's GETs of photos: { url, authorization }

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'babeldesk-photo-'));
    const db = path.join(tmp, 'photo.db');
    createAdmin(db, ADA);
    server = new Server(await freePort(), db);
    await server.start();
    base = `http://127.0.0.1:${server.port}`;
    browser = await launchChromium();
    // the picture, drawn by Chromium, with the EXIF block put in after the start-of-image marker
    const maker = await browser.newPage();
    const dataUrl = await maker.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 2400;
      c.height = 1200;
      const g = c.getContext('2d');
      g.fillStyle = '#e00000';
      g.fillRect(0, 0, 1200, 1200);
      g.fillStyle = '#0000e0';
      g.fillRect(1200, 0, 1200, 1200);
      return c.toDataURL('image/jpeg', 0.9);
    });
    await maker.close();
    const plain = Buffer.from(dataUrl.split(',')[1], 'base64');
    assert.deepEqual(jpegSize(plain), { width: 2400, height: 1200 });
    photo = Buffer.concat([plain.subarray(0, 2), exifApp1(SECRET), plain.subarray(2)]);
    assert.ok(photo.includes(Buffer.from(SECRET)), 'the test photo carries its metadata');
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the widget offers a photo button once the server says it takes photos', async () => {
    shopperCtx = await newContext({ acceptDownloads: true });
    shopper = await newPage(shopperCtx);
    // what the widget uploads, byte for byte (the browser does not show a Blob body to the test otherwise)
    await shopper.exposeFunction('__upload', (headers, base64) => uploads.push({ headers, body: Buffer.from(base64, 'base64') }));
    await shopper.addInitScript(() => {
      const real = window.fetch;
      window.fetch = async function (url, init) {
        if (init && init.method === 'POST' && init.body instanceof Blob) {
          const bytes = new Uint8Array(await init.body.arrayBuffer());
          let s = '';
          for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
          await window.__upload(init.headers, btoa(s));
        }
        return real.apply(this, arguments);
      };
    });
    shopper.on('request', (r) => {
      if (r.method() === 'GET' && r.url().includes('/api/chat/photos/')) views.push({ url: r.url(), authorization: r.headers().authorization });
    });
    await shopper.goto(base + '/', { waitUntil: 'load' });
    await openWidget(shopper);
    const button = shopper.locator('.pb');
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await button.evaluate((b) => b.tagName), 'BUTTON');
    assert.equal(await button.getAttribute('aria-label'), EN.photo_send);
    assert.equal(await button.getAttribute('title'), EN.photo_send);
    assert.equal(await button.locator('svg').count(), 1, 'an icon');
    const input = shopper.locator('.row input[type="file"]');
    assert.equal(await input.getAttribute('accept'), 'image/*');
    assert.ok(await input.isHidden(), 'the file input itself is hidden');
    // the button opens the file chooser
    const [chooser] = await Promise.all([shopper.waitForEvent('filechooser', { timeout: 5_000 }), button.click()]);
    assert.ok(!chooser.isMultiple());
    conversation = await shopper.evaluate(() => JSON.parse(localStorage.getItem('babeldesk:' + location.origin)).conversation);
    assert.ok(conversation);
  });

  it('a file that is no picture gives a visible error and sends nothing', async () => {
    await shopper.locator('.row input[type="file"]').setInputFiles({ name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('This is a text file, not a photo.\n') });
    const banner = shopper.locator('.ban[data-kind="error"]');
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await banner.textContent(), EN.err_photo_unreadable);
    await sleep(500);
    assert.equal(uploads.length, 0, 'nothing was uploaded');
    assert.equal(await shadowQuery(shopper, '.m.shopper'), 0, 'no message, not even a pending one');
    assert.equal(await shopper.evaluate(() => window.BabelDesk.state.state), 'bot', 'the bot still has the conversation');
  });

  it('a phone photo is turned upright, shrunk and stripped in the browser, shown once, and hands the chat to a person', async () => {
    await shopper.locator('.row input[type="file"]').setInputFiles({ name: 'parcel.jpg', mimeType: 'image/jpeg', buffer: photo });
    const src = await (await widgetPhotoLoaded(shopper)).jsonValue();
    assert.match(src, /^blob:/, 'shown from an object URL');
    // what left the browser: one JPEG, upright (the EXIF rotation applied: 2400x1200 shown as 1200x2400),
    // at most 1600 px, without the metadata
    assert.equal(uploads.length, 1, 'one upload');
    const up = uploads[0];
    const resume = await shopper.evaluate(() => JSON.parse(localStorage.getItem('babeldesk:' + location.origin)).resume);
    assert.equal(up.headers.Authorization, `Bearer ${resume}`);
    assert.equal(up.headers['Content-Type'], 'image/jpeg');
    assert.deepEqual(jpegSize(up.body), { width: 800, height: 1600 });
    assert.ok(!up.body.includes(Buffer.from('Exif')), 'no EXIF block is sent');
    assert.ok(!up.body.includes(Buffer.from(SECRET)), 'the metadata stays on the device');
    assert.ok(up.body.length < photo.length, `smaller than the original (${up.body.length} of ${photo.length} bytes)`);
    // shown once, as the stored message, laid out at its size, upright: red on top, blue below
    await sleep(1_000); // the websocket's copy of the message has come too by now
    assert.equal(await shadowQuery(shopper, '.m.shopper .ph img'), 1, 'the photo is shown once');
    assert.equal(await shadowQuery(shopper, '.m.pending'), 0, 'no pending bubble is left');
    const img = shopper.locator('.m.shopper[data-seq] .ph img');
    assert.equal(await img.getAttribute('alt'), EN.photo_alt);
    assert.deepEqual([await img.getAttribute('width'), await img.getAttribute('height')], ['120', '240'], 'laid out at the photo\'s shape, at most 240 px high');
    assert.deepEqual(await img.evaluate((i) => [i.naturalWidth, i.naturalHeight]), [800, 1600]);
    const box = await img.boundingBox();
    assert.deepEqual([box.width, box.height], [120, 240], 'shown at that size');
    assert.ok(isRed(await colourAt(shopper, 0.5, 0.25)), 'the top is red (the left of the stored pixels)');
    assert.ok(isBlue(await colourAt(shopper, 0.5, 0.75)), 'the bottom is blue');
    const msg = await shopper.locator('.m.shopper[data-seq]').first();
    assert.match(await msg.getAttribute('data-id'), /^[A-Za-z0-9_-]{1,64}$/);
    message = { seq: Number(await msg.getAttribute('data-seq')), id: await msg.getAttribute('data-id') };
    // the bot cannot look at photos: a person gets the conversation (no one is online: the offline notice)
    await shopper.waitForFunction(() => window.BabelDesk.state.state === 'waiting', null, { timeout: 15_000 });
    await shopper.locator('.m.system[data-key="offline"]').waitFor({ timeout: 15_000 });
    assert.ok(await shopper.locator('.pb').isVisible(), 'more photos can follow while waiting');
    fs.mkdirSync(SHOTS, { recursive: true });
    await shopper.locator('.panel').screenshot({ path: path.join(SHOTS, 'widget-photo.png') });
  });

  it('an error answer takes the pending photo away and says why; a busy server is asked once more', async () => {
    const cases = [
      [413, 'photo_too_large', EN.err_photo_too_large, 1],
      [415, 'not_a_picture', EN.err_photo_unreadable, 1],
      [429, 'too_many_photos', EN.err_photo_too_many, 1],
      [429, 'rate_limited', EN.err_photo_rate_limited, 1],
      [401, 'unauthorized', EN.err_photo_failed, 1],
      [503, 'busy', EN.err_photo_failed, 2],
      [409, 'closed', EN.err_photo_closed, 1], // last: the widget takes the conversation for closed
    ];
    for (const [status, error, text, tries] of cases) {
      uploads.length = 0;
      await shopper.route('**/api/chat/photos?**', async (r) => { await sleep(300); await r.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error, message: 'refused' }) }); });
      await shopper.locator('.row input[type="file"]').setInputFiles({ name: 'parcel.jpg', mimeType: 'image/jpeg', buffer: photo });
      await shopper.locator('.m.pending .ph img').waitFor({ timeout: 10_000 }); // the local preview while it is sent
      await shopper.locator('.ban[data-kind="error"]', { hasText: text }).waitFor({ timeout: 15_000 });
      await shopper.waitForFunction(() => !document.querySelector('#babeldesk-root').shadowRoot.querySelector('.m.pending'), null, { timeout: 5_000 });
      assert.equal(await shadowQuery(shopper, '.m.shopper'), 1, `${status}: only the photo sent before is shown`);
      assert.equal(uploads.length, tries, `${status}: sent ${tries} time(s)`);
      await shopper.unroute('**/api/chat/photos?**');
    }
    assert.equal(await shopper.evaluate(() => window.BabelDesk.state.state), 'closed');
    assert.ok(await shopper.locator('.pb').isHidden(), 'no photo button in a closed conversation');
  });

  it('an agent sees the photo in the queue and in the transcript, and can open the whole picture', async () => {
    const ctx = await newContext();
    agent = await newPage(ctx);
    await consoleLogin(agent, base, ADA);
    const item = agent.locator(`#queue li[data-conversation="${conversation}"]`);
    await item.waitFor({ timeout: 10_000 });
    assert.equal(await item.getAttribute('data-reason'), 'photo');
    assert.equal(await item.locator('.badge.reason').textContent(), 'Sent a photo');
    assert.equal(await item.locator('.preview').textContent(), '[photo]');
    await item.locator('button.take').click();
    const thumb = agent.locator(`#transcript .msg.shopper[data-seq="${message.seq}"] a.photo img`);
    await thumb.waitFor({ timeout: 10_000 });
    await agent.waitForFunction((seq) => {
      const img = document.querySelector(`#transcript .msg.shopper[data-seq="${seq}"] a.photo img`);
      return img && img.complete && img.naturalWidth > 0;
    }, message.seq, { timeout: 15_000 });
    assert.deepEqual(await thumb.evaluate((i) => [i.naturalWidth, i.naturalHeight]), [800, 1600]);
    assert.equal(await thumb.getAttribute('alt'), 'Photo from the shopper');
    assert.equal(await thumb.getAttribute('loading'), 'lazy');
    assert.deepEqual([await thumb.getAttribute('width'), await thumb.getAttribute('height')], ['130', '260'], 'a thumbnail of at most 260x260');
    const thumbBox = await thumb.boundingBox();
    assert.deepEqual([thumbBox.width, thumbBox.height], [130, 260]);
    const link = agent.locator(`#transcript .msg.shopper[data-seq="${message.seq}"] a.photo`);
    const href = await link.getAttribute('href');
    assert.match(href, /^\/api\/agent\/photos\/[A-Za-z0-9_-]+$/);
    assert.equal(await thumb.getAttribute('src'), href);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    await agent.locator('#card [data-reason="photo"]').waitFor({ timeout: 5_000 });
    assert.equal(await agent.locator('#card [data-reason="photo"]').textContent(), 'Sent a photo');
    await agent.locator('#transcript').screenshot({ path: path.join(SHOTS, 'console-photo.png') });
    // the whole picture in a new tab
    const [tab] = await Promise.all([ctx.waitForEvent('page', { timeout: 10_000 }), link.click()]);
    await tab.waitForLoadState('load', { timeout: 10_000 });
    assert.equal(new URL(tab.url()).pathname, href);
    await tab.waitForFunction(() => document.images.length === 1 && document.images[0].naturalWidth === 800, null, { timeout: 10_000 });
    const full = await ctx.request.get(base + href);
    assert.equal(full.status(), 200);
    assert.equal(full.headers()['content-type'], 'image/jpeg');
    assert.deepEqual(jpegSize(await full.body()), { width: 800, height: 1600 });
    await tab.close();
    // the shopper is told a person joined (and the widget follows the server's state again)
    await shopper.locator('.m.system[data-key="agent_joined"]').waitFor({ timeout: 10_000 });
    await shopper.locator('.pb').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('after a reload the widget fetches the photo again with the resume token and shows it', async () => {
    views.length = 0;
    await shopper.reload({ waitUntil: 'load' });
    await openWidget(shopper);
    const src = await (await widgetPhotoLoaded(shopper)).jsonValue();
    assert.match(src, /^blob:/);
    const resume = await shopper.evaluate(() => JSON.parse(localStorage.getItem('babeldesk:' + location.origin)).resume);
    assert.ok(views.length >= 1, 'the photo was fetched');
    assert.ok(views.every((v) => v.authorization === `Bearer ${resume}`), 'with the resume token');
    assert.equal(await shadowQuery(shopper, '.m.shopper .ph img'), 1, 'shown once');
    assert.ok(isRed(await colourAt(shopper, 0.5, 0.25)) && isBlue(await colourAt(shopper, 0.5, 0.75)), 'the same picture');
    // someone else's token sees nothing
    const other = await fetch(views[0].url, { headers: { Authorization: 'Bearer not-a-token' } });
    assert.equal(other.status, 401);
    // the saved copy of the chat says where the photo was
    const [download] = await Promise.all([shopper.waitForEvent('download'), shopper.locator('.sv').click()]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    assert.match(text, new RegExp(`${EN.you}: ${EN.photo_transcript.replace(/[[\]]/g, '\\$&')}`));
  });

  it('the agent sends a picture back from the console; the shopper sees it, and a file that is not a picture is refused', async () => {
    await agent.locator('#photo-file').setInputFiles({ name: 'the-right-item.jpg', mimeType: 'image/jpeg', buffer: photo });
    await agent.waitForFunction(() => {
      const img = document.querySelector('#transcript .msg.agent a.photo img');
      return img && img.complete && img.naturalWidth > 0;
    }, null, { timeout: 15_000 });
    assert.equal(await agent.locator('#transcript .msg.agent .who').last().textContent(), ADA.name);
    assert.equal(await agent.locator('#transcript .msg.agent a.photo img').getAttribute('alt'), 'Picture sent to the shopper');
    await shopper.waitForFunction(() => {
      const img = document.querySelector('#babeldesk-root').shadowRoot.querySelector('.m.agent .ph img');
      return img && img.complete && img.naturalWidth > 0;
    }, null, { timeout: 20_000 });
    assert.match(await shopper.evaluate(() => document.querySelector('#babeldesk-root').shadowRoot.querySelector('.m.agent .ph img').src), /^blob:/,
      'fetched with the shopper\'s token, like their own');
    await agent.locator('#photo-file').setInputFiles({ name: 'label.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
    await agent.locator('#toast[data-code="not_a_picture"]').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await agent.locator('#transcript .msg.agent a.photo').count(), 1, 'nothing more sent');
  });

  it('a photo that cannot be fetched shows a placeholder instead', async () => {
    const p = await newPage(shopperCtx);
    await p.route('**/api/chat/photos/**', (r) => r.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"not_found"}' }));
    await p.goto(base + '/', { waitUntil: 'load' });
    await openWidget(p);
    const placeholder = p.locator(`.m.shopper[data-seq="${message.seq}"] .ph [data-t="photo_unavailable"]`);
    await placeholder.waitFor({ timeout: 15_000 });
    assert.equal(await placeholder.textContent(), EN.photo_unavailable);
    assert.equal(await p.locator(`.m.shopper[data-seq="${message.seq}"] img`).count(), 0);
    await p.close();
  });

  it('once the conversation is closed, the photo button goes away', async () => {
    await agent.click('#close');
    await agent.locator('#close-dialog').waitFor({ state: 'visible', timeout: 5_000 });
    await agent.selectOption('#resolution', 'product_quality');
    await agent.click('#close-ok');
    await shopper.locator('.ban[data-kind="closed"]').waitFor({ timeout: 15_000 });
    await shopper.locator('.pb').waitFor({ state: 'hidden', timeout: 5_000 });
  });
});
