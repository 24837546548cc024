// Shared by the browser tests: the real server as a child process, built from this checkout.
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WIDGET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = path.resolve(WIDGET, '..');
export const SHOTS = path.join(REPO, 'target', 'screenshots');

export function findJava() {
  if (process.env.BABELDESK_TEST_JAVA) return process.env.BABELDESK_TEST_JAVA;
  const jvm = '/usr/lib/jvm';
  const dirs = fs.existsSync(jvm) ? fs.readdirSync(jvm) : [];
  const candidates = dirs
    .map((d) => ({ d, v: Number((d.match(/(?:^|[-.])(\d{2,})(?:[-.]|$)/) || [])[1] || 0) }))
    .filter(({ d, v }) => v >= 21 && fs.existsSync(path.join(jvm, d, 'bin', 'java')))
    .sort((a, b) => a.v - b.v);
  if (!candidates.length) throw new Error('No Java 21+ under /usr/lib/jvm; set BABELDESK_TEST_JAVA');
  return path.join(jvm, candidates[0].d, 'bin', 'java');
}
export const classpath = () => process.env.BABELDESK_TEST_CLASSPATH || `${REPO}/target/classes:${REPO}/target/lib/*`;
export const JVM_FLAGS = ['--enable-native-access=ALL-UNNAMED', '-DOPT_OUT_TRACKING=true', '-Dai.djl.offline=true'];

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Server {
  /** @param options `kb`: the knowledge-base folder (default: the bundled one); `env`: more environment settings */
  constructor(port, db, options = {}) {
    this.port = port; this.db = db; this.proc = null; this.log = '';
    this.kb = options.kb || path.join(REPO, 'knowledge-base');
    this.env = options.env || {};
  }

  async start() {
    const args = [...JVM_FLAGS, '-cp', classpath(), 'dev.babeldesk.cli.Main', 'serve', '--port', String(this.port), '--kb', this.kb];
    const env = { ...process.env, BABELDESK_STORAGE_DATABASE: this.db, BABELDESK_RETRIEVAL_CACHE_DIR: path.join(REPO, 'data', 'cache'), ...this.env };
    const proc = spawn(findJava(), args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    const keep = (b) => { this.log = (this.log + b).slice(-20000); };
    proc.stdout.on('data', keep);
    proc.stderr.on('data', keep);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${this.log}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/health`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return;
      } catch { /* not up yet */ }
      await sleep(250);
    }
    throw new Error(`server not healthy within 60 s:\n${this.log}`);
  }

  async stop() {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    if (await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]) === false) {
      proc.kill('SIGKILL');
      await exited;
    }
  }
}

// ---- shared by the browser tests ----

/** Creates an admin account in the database `db` with the real `create-admin` command. */
export function createAdmin(db, who) {
  const r = spawnSync(findJava(), [...JVM_FLAGS, '-cp', classpath(), 'dev.babeldesk.cli.Main', 'create-admin',
    '--email', who.email, '--name', who.name, '--languages', 'en'], {
    cwd: REPO, input: who.password + '\n', timeout: 60_000, encoding: 'utf8',
    env: { ...process.env, BABELDESK_STORAGE_DATABASE: db, BABELDESK_RETRIEVAL_CACHE_DIR: path.join(REPO, 'data', 'cache') },
  });
  if (r.status !== 0) throw new Error(`create-admin failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** Opens the widget on a page and waits until it is online (CSS locators pierce its open shadow root). */
export async function openWidget(page) {
  await page.locator('.launch').waitFor({ timeout: 15_000 });
  if (await page.locator('.panel').isHidden()) await page.locator('.launch').click();
  await page.locator('.panel').waitFor({ state: 'visible', timeout: 5_000 });
  await page.waitForFunction(() => window.BabelDesk && window.BabelDesk.state.connection === 'online', null, { timeout: 30_000 });
}

/** Debian's headless Chromium, without the background traffic this machine's closed network refuses. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
    timeout: 30_000,
  });
}

/**
 * Desktop-sized browser contexts (recorded in `contexts` for closing) and pages that report their
 * script errors; `getBrowser` gives the browser launched in the suite's before().
 */
export function pageFactory(getBrowser) {
  const contexts = [];
  const newContext = async (opts = {}) => {
    const ctx = await getBrowser().newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US', ...opts });
    ctx.setDefaultTimeout(30_000);
    contexts.push(ctx);
    return ctx;
  };
  const newPage = async (ctx) => {
    const p = await ctx.newPage();
    p.on('pageerror', (e) => console.error('page error:', e.message));
    return p;
  };
  return { contexts, newContext, newPage };
}
