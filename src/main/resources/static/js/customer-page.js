// The customer page's quick actions. Their forms post to page endpoints that answer with a redirect back to the
// customer page; this script posts them in the background and takes from that answer the sections, the timeline and
// the message — or, when the action failed, the form with its error, which stays in the open dialog. Without the
// script the forms post as usual and a dialog with an error opens again when the page loads.
(function () {
  'use strict';

  function replaceById(fresh, id) {
    const current = document.getElementById(id);
    const next = fresh.getElementById(id);
    if (current && next) {
      current.replaceWith(next);
      if (window.htmx) {
        window.htmx.process(next);
      }
    }
  }

  function showFlash(fresh) {
    const current = document.getElementById('flash');
    const next = fresh.getElementById('flash');
    if (current) {
      current.remove();
    }
    if (next) {
      document.querySelector('main').before(next);
    }
  }

  function hasError(form) {
    const error = form && form.querySelector('.quick-action-error');
    return Boolean(error && error.textContent.trim());
  }

  function failed(form, status) {
    const error = form.querySelector('.quick-action-error');
    error.textContent = form.dataset.failed + (status ? ' (' + status + ')' : '');
  }

  async function submit(event) {
    const form = event.target.closest('form[data-quick-action]');
    if (!form) {
      return;
    }
    event.preventDefault();
    const button = form.querySelector('[type=submit]');
    button.disabled = true;
    let response = null;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: {'Accept': 'text/html'},
        credentials: 'same-origin'
      });
    } catch (e) {
      response = null;
    }
    button.disabled = false;
    if (!response || !response.ok) {
      failed(form, response && response.status);
      return;
    }
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    const freshForm = fresh.getElementById(form.id);
    if (!freshForm || !fresh.getElementById('timeline')) {
      failed(form, response.status);
      return;
    }
    if (hasError(freshForm)) {
      form.replaceWith(freshForm);
      return;
    }
    replaceById(fresh, 'sections');
    replaceById(fresh, 'timeline');
    showFlash(fresh);
    const dialog = form.closest('.modal');
    dialog.addEventListener('hidden.bs.modal', () => replaceById(fresh, 'quick-actions'), {once: true});
    window.bootstrap.Modal.getOrCreateInstance(dialog).hide();
  }

  document.addEventListener('submit', submit);

  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('#quick-actions form[data-quick-action]').forEach(form => {
      if (hasError(form)) {
        window.bootstrap.Modal.getOrCreateInstance(form.closest('.modal')).show();
      }
    });
  });
})();
