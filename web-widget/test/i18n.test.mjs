// The widget's texts: every language has exactly the keys of en.json, none empty, placeholders kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'i18n');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const read = (f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'));
const en = read('en.json');
const placeholders = (s) => (s.match(/\{[a-z_]+\}/g) || []).sort();
const SYSTEM_KEYS = ['greeting', 'waiting', 'agent_joined', 'back_to_bot', 'offline', 'closed', 'survey', 'fallback_language'];

test('the required languages are present', () => {
  for (const l of ['en', 'es', 'de', 'fr', 'zh', 'ja', 'ar']) assert.ok(files.includes(`${l}.json`), `${l}.json missing`);
});

test('en.json has every system message key, with its placeholders', () => {
  for (const k of SYSTEM_KEYS) assert.equal(typeof en[k], 'string', `en.json lacks ${k}`);
  assert.deepEqual(placeholders(en.agent_joined), ['{agent}']);
});

for (const f of files) {
  test(`${f}: flat, same keys as en.json, no empty strings, same placeholders`, () => {
    const o = read(f);
    assert.equal(typeof o, 'object');
    assert.ok(!Array.isArray(o));
    assert.deepEqual(Object.keys(o).sort(), Object.keys(en).sort());
    for (const [k, v] of Object.entries(o)) {
      assert.equal(typeof v, 'string', `${f} ${k} is not a string`);
      assert.ok(v.trim().length > 0, `${f} ${k} is empty`);
      assert.deepEqual(placeholders(v), placeholders(en[k]), `${f} ${k} placeholders differ from en.json`);
    }
  });
}
