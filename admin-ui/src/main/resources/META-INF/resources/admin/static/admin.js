// Small enhancements for the admin UI; every page also works without them.

// A part of the page that htmx loads after the session has ended comes back as the sign-in page:
// reload the whole page instead, so that signing in returns to it rather than to the part.
document.addEventListener('htmx:beforeSwap', (event) => {
  if (new URL(event.detail.xhr.responseURL).pathname === '/admin/sign-in') {
    event.detail.shouldSwap = false;
    window.location.reload();
  }
});

document.addEventListener('DOMContentLoaded', () => {
  // A refused form: move focus to its summary so that screen readers announce it.
  const summary = document.querySelector('form .error-summary');
  if (summary) {
    summary.focus();
  }

  // "Copy" buttons next to a read-only field, such as a new API key.
  document.querySelectorAll('button[data-copy]').forEach((button) => {
    button.addEventListener('click', async () => {
      const field = document.getElementById(button.dataset.copy);
      const status = button.closest('.secret')?.querySelector('.copy-status');
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = 'Copied to the clipboard.';
      } catch (e) {
        if (status) status.textContent = 'The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
      }
    });
  });
});

// Upload forms (data-upload) post through htmx: show how much of the file is sent, then that the
// server is importing it. htmx reports the upload's and the answer's events alike; the upload's
// loadend comes first, and after it nothing but the answer is left.
document.addEventListener('htmx:beforeRequest', (event) => {
  const form = event.target.closest('form[data-upload]');
  if (!form) return;
  form.dataset.phase = 'sending';
  form.querySelector('.upload-progress').hidden = false;
  form.querySelector('.upload-status').textContent = 'Sending the file…';
});
document.addEventListener('htmx:xhr:progress', (event) => {
  const form = event.target.closest('form[data-upload]');
  if (!form || form.dataset.phase !== 'sending' || !event.detail.lengthComputable) return;
  const percent = Math.round((100 * event.detail.loaded) / event.detail.total);
  form.querySelector('progress').value = percent;
  form.querySelector('.upload-status').textContent = `Sending the file: ${percent}%`;
});
document.addEventListener('htmx:xhr:loadend', (event) => {
  const form = event.target.closest('form[data-upload]');
  if (!form || form.dataset.phase !== 'sending') return;
  form.dataset.phase = 'processing';
  form.querySelector('progress').removeAttribute('value');
  form.querySelector('.upload-status').textContent = 'Sent. Importing: checking and storing every line…';
});
// A refused upload (422) still shows its answer: the form again with its messages.
document.addEventListener('htmx:beforeSwap', (event) => {
  if (event.target.closest('[id=upload]') && event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
document.addEventListener('htmx:afterSwap', (event) => {
  const report = event.target.querySelector?.('.upload-report, .error-summary');
  if (report && event.target.id === 'upload') report.focus();
});

// Item fields with suggestions (input role=combobox, ARIA 1.2 pattern): htmx fills the listbox as
// the operator types; arrow keys move through it, Enter or a click picks an item and sends the form,
// Escape closes it. Without JavaScript the field takes an id or text and the server offers choices.
function combobox(input) {
  const list = document.getElementById(input.getAttribute('aria-controls'));
  const options = () => [...list.querySelectorAll('[role=option]')];
  let active = -1;
  const highlight = (index) => {
    active = index;
    options().forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', options()[index].id);
      options()[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };
  const show = (open) => {
    const visible = open && options().length > 0;
    list.hidden = !visible;
    input.setAttribute('aria-expanded', String(visible));
    if (!visible) highlight(-1);
  };
  const pick = (option) => {
    input.value = option.dataset.value;
    show(false);
    input.form.requestSubmit();
  };
  list.addEventListener('htmx:afterSwap', () => {
    highlight(-1);
    show(document.activeElement === input);
  });
  input.addEventListener('keydown', (event) => {
    const count = options().length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      show(true);
      highlight((active + 1) % count);
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      show(true);
      highlight(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
      event.preventDefault();
      pick(options()[active]);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      show(false);
    }
  });
  // Keep the focus in the field while an option is clicked.
  list.addEventListener('mousedown', (event) => event.preventDefault());
  list.addEventListener('click', (event) => {
    const option = event.target.closest('[role=option]');
    if (option) pick(option);
  });
  input.addEventListener('blur', () => show(false));
}
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('input[role=combobox][aria-controls]').forEach(combobox);
});
