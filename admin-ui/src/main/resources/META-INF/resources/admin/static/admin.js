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
