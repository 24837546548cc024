// The sign-in form of the agent console and the admin page (the same markup: #login-form, #login-email,
// #login-password, #login-submit, #login-error). Loaded before the page's own script, which calls
// BabelDeskLogin.wire(api, onSignedIn) with its JSON helper and what to do with the signed-in agent.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);

  const wire = (api, onSignedIn) => {
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

  window.BabelDeskLogin = Object.freeze({ wire });
})();
