// Settings: the resilience and settings sections as a form; configuration history with rollback and export.
import { api, get, put, post, items, seg } from '../api.js';
import { h, clear, fill, table, pageHead, field, input, checkbox, toast, showError, confirm, fmtTime, pick } from '../ui.js';

export const title = 'Settings';

export async function render(root, ctx) {
  const formBox = h('div', { id: 'settings-form' });
  const history = h('div', { id: 'config-history' });
  const exportBtn = h('button', { type: 'button', class: 'secondary', id: 'config-export', text: 'Export config.yaml', onclick: exportYaml });
  root.append(pageHead(title, exportBtn), formBox, h('h2', { text: 'Configuration history' }), history);

  async function loadForm() {
    const r = await get('/settings', undefined, { withHeaders: true });
    const data = r.data || {};
    const etag = r.headers.get('ETag');
    const form = h('form', { novalidate: true, id: 'settings' });
    for (const [section, stored] of Object.entries(data)) {
      if (!stored || typeof stored !== 'object' || Array.isArray(stored)) continue;
      // the documented keys always show (empty = the default); any other stored key too
      const keys = [...new Set([...Object.keys(DEFAULTS[section] || {}), ...Object.keys(stored)])];
      form.append(h('fieldset', {}, h('legend', { text: section }),
        h('div', { class: 'form-grid' }, keys.map((k) => control(section, k, stored[k], DEFAULTS[section] && DEFAULTS[section][k], !ctx.isAdmin)))));
    }
    form.append(h('ul', { class: 'form-problems error', role: 'alert' }));
    if (ctx.isAdmin) form.append(h('button', { type: 'submit', id: 'settings-save', text: 'Save settings' }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = JSON.parse(JSON.stringify(data));
      for (const el of form.elements) {
        if (!el.dataset.section) continue;
        const numeric = el.type === 'number';
        if (el.type !== 'checkbox' && el.value === '') delete body[el.dataset.section][el.dataset.key];
        else body[el.dataset.section][el.dataset.key] = el.type === 'checkbox' ? el.checked : numeric ? Number(el.value) : el.value;
      }
      try {
        await put('/settings', body, etag ? { headers: { 'If-Match': etag } } : {});
        toast('Settings saved', 'ok');
        loadForm();
        loadHistory();
      } catch (err) {
        showError(err, form);
      }
    });
    fill(formBox, form);
  }

  async function loadHistory() {
    const rows = items(await get('/config/versions', { limit: 20 }), 'versions');
    fill(history, table([
      { label: 'Version', value: (v) => pick(v, 'version', 'id') },
      { label: 'When', value: (v) => fmtTime(pick(v, 'created_at', 'createdAt', 'time')) },
      { label: 'Author', value: (v) => pick(v, 'author', 'actor') || '' },
      { label: 'Comment', value: (v) => pick(v, 'comment', 'summary') || '' },
      ...(ctx.isAdmin ? [{ label: 'Actions', value: (v) => h('button', { type: 'button', class: 'small secondary', text: 'Roll back to this',
        'aria-label': `Roll back to version ${pick(v, 'version', 'id')}`,
        onclick: () => confirm('Roll back', `Make version ${pick(v, 'version', 'id')} the current configuration again?`, async () => {
          await post(`/config/versions/${seg(pick(v, 'version', 'id'))}/rollback`); toast('Rolled back', 'ok'); loadForm(); loadHistory(); }, 'Roll back') }) }] : []),
    ], rows, { caption: 'Last 20 versions', empty: 'No versions yet.' }));
  }

  async function exportYaml() {
    const r = await api('GET', '/config/export', { raw: true, headers: { Accept: 'text/yaml' } });
    if (!r.ok) { toast(`Export failed: ${r.status}`, 'error'); return; }
    const url = URL.createObjectURL(await r.blob());
    const a = h('a', { href: url, download: 'config.yaml' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  loadForm().catch((e) => formBox.append(h('p', { class: 'error', text: e.message })));
  loadHistory().catch((e) => history.append(h('p', { class: 'error', text: e.message })));
}

/** The documented keys of each section and their defaults (docs/configuration.md). */
const DEFAULTS = {
  resilience: { max_retries: 10, retry_delay: 300, retention_days: 30 },
  settings: { upload_max_bytes: 10737418240, upload_max_entries: 100000, upload_max_ratio: 100, trash_retention_days: 30, import_max_errors_listed: 1000 },
};

function control(section, key, value, fallback, readOnly) {
  const label = key.replace(/_/g, ' ');
  const attrs = { 'data-section': section, 'data-key': key, readonly: readOnly, disabled: readOnly && typeof value === 'boolean' };
  if (typeof value === 'boolean') return field(label, checkbox(`${section}.${key}`, value, attrs));
  if (typeof value === 'number' || (value === undefined && typeof fallback === 'number')) {
    return field(label, input(`${section}.${key}`, value ?? '', { type: 'number', min: 0, placeholder: `default ${fallback ?? ''}`, ...attrs }),
      fallback !== undefined ? `Empty: the default, ${fallback}.` : undefined);
  }
  // nested values are shown, not edited here (no data-section: the save keeps them as they are)
  if (value !== null && typeof value === 'object') return field(label, input(`${section}.${key}`, JSON.stringify(value), { readonly: true }), 'Edit in config.yaml.');
  return field(label, input(`${section}.${key}`, value ?? '', attrs));
}
