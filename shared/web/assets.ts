/**
 * The UI's one script, served from /assets/app.js (the CSP allows script from self only). Everything it
 * does also works without it: the submit form falls back to a form post, the speaker filter to a query
 * parameter, polling to a <noscript> refresh.
 */

export const APP_JS = `'use strict';
(function () {
  // Submit: send the URL as JSON with the API key as a bearer token, then open the capture page.
  var form = document.querySelector('form[data-submit]');
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var out = document.getElementById('submit-status');
      var url = form.elements.namedItem('url').value;
      var key = form.elements.namedItem('key').value;
      var headers = { 'content-type': 'application/json', accept: 'application/json' };
      if (key) headers.authorization = 'Bearer ' + key;
      out.textContent = 'Submitting…';
      fetch('/v1/captures', { method: 'POST', headers: headers, body: JSON.stringify({ url: url }) })
        .then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok) throw new Error((body && body.error && body.error.message) || 'HTTP ' + response.status);
            location.assign('/captures/' + encodeURIComponent(body.id));
          });
        })
        .catch(function (error) {
          out.textContent = 'Not submitted: ' + error.message;
        });
    });
  }

  // A pending capture: poll its record and reload the page when its status changes.
  var pending = document.querySelector('[data-poll]');
  if (pending) {
    var id = pending.getAttribute('data-poll');
    var status = pending.getAttribute('data-status');
    var tick = function () {
      fetch('/v1/captures/' + encodeURIComponent(id), { headers: { accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (record) {
          if (record && record.status !== status) location.reload();
          else setTimeout(tick, 1000);
        })
        .catch(function () { setTimeout(tick, 3000); });
    };
    setTimeout(tick, 1000);
  }

  // Speaker filter: live, keeping ?speaker= in the address so the filtered view can be shared.
  var filter = document.querySelector('select[data-speaker-filter]');
  if (filter) {
    var apply = filter.form && filter.form.querySelector('button');
    if (apply) apply.hidden = true;
    var count = document.getElementById('quote-count');
    filter.addEventListener('change', function () {
      var wanted = filter.value;
      var shown = 0;
      document.querySelectorAll('li[data-speaker]').forEach(function (item) {
        var show = !wanted || item.getAttribute('data-speaker') === wanted;
        item.hidden = !show;
        if (show) shown++;
      });
      if (count) count.textContent = shown + (shown === 1 ? ' quote' : ' quotes') + (wanted ? ' by ' + wanted : '');
      var address = new URL(location.href);
      if (wanted) address.searchParams.set('speaker', wanted); else address.searchParams.delete('speaker');
      history.replaceState(null, '', address);
    });
  }

  // Copy buttons, shown only when there is a script to run them.
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      if (!source || !navigator.clipboard) return;
      navigator.clipboard.writeText(source.textContent).then(function () { button.textContent = 'Copied'; });
    });
  });
})();
`;
