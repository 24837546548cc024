// What the agent console and the admin page share, loaded before each page's own script as
// window.BabelDeskPages: the DOM builder, the sanitiser for answer HTML and the sign-in form.
// (widget.js keeps its own copy of the sanitiser: a shop embeds it as one self-contained script.)
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);

  // Server and shopper texts only ever go through textContent.
  const h = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = String(v);
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      // Through the CSSOM: the pages' Content-Security-Policy refuses style attributes, not this.
      else if (k === 'style') e.style.cssText = String(v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    kids.flat().forEach((c) => c != null && e.append(c));
    return e;
  };

  // Defence in depth, the same rules as widget.js: the server's HTML is already inert. DOMParser builds a
  // separate document without scripting: nothing in it loads or runs, and no handler is ever compiled.
  const BAD_TAGS = 'script,style,iframe,object,embed,link,meta,base,form,frame,frameset,template,noscript,svg,math';
  const URL_ATTRS = ['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'background', 'srcset', 'data'];
  const sanitize = (html) => {
    const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${String(html || '')}</body></html>`, 'text/html');
    const body = doc.body;
    body.querySelectorAll(BAD_TAGS).forEach((e) => e.remove());
    body.querySelectorAll('*').forEach((e) => {
      for (const a of Array.from(e.attributes)) {
        const n = a.name.toLowerCase();
        const v = a.value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
        if (n.startsWith('on') || n === 'style' || n === 'srcdoc' ||
            (URL_ATTRS.includes(n) && /^(javascript|data|vbscript):/.test(v))) e.removeAttribute(a.name);
      }
      if (e.tagName === 'A') { e.setAttribute('target', '_blank'); e.setAttribute('rel', 'noopener noreferrer'); }
    });
    const f = document.createDocumentFragment();
    for (const n of Array.from(body.childNodes)) f.append(document.importNode(n, true));
    return f;
  };

  // The sign-in form (#login-form, #login-email, #login-password, #login-submit, #login-error): calls
  // onSignedIn with the agent once the server accepts; the page's api(method, url, body) does the request.
  const wireLogin = (api, onSignedIn) => {
    $('login-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const email = $('login-email').value.trim();
      const password = $('login-password').value;
      const err = $('login-error');
      if (!email || !password) { err.hidden = false; err.textContent = 'Enter your email and password.'; return; }
      $('login-submit').disabled = true;
      try {
        const r = await api('POST', '/api/agent/login', { email, password });
        if (r.status === 200 && r.data) { $('login-password').value = ''; err.hidden = true; onSignedIn(r.data); return; }
        err.hidden = false;
        err.textContent = r.status === 429 || (r.data && r.data.error === 'too_many_attempts')
          ? 'Too many failed attempts. Please wait 15 minutes before trying again.'
          : r.status === 401 ? 'Wrong email or password.' : `The server could not log you in (HTTP ${r.status}).`;
        $('login-password').select();
      } catch {
        err.hidden = false;
        err.textContent = 'The server cannot be reached. Check your connection.';
      } finally {
        $('login-submit').disabled = false;
      }
    });
  };

  window.BabelDeskPages = Object.freeze({ h, sanitize, wireLogin });
})();
