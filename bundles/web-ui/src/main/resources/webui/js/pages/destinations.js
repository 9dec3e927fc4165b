// Destinations: list with health and last error, create/edit/delete, health check.
import { get, post, put, del, items, seg } from '../api.js';
import { h, clear, fill, table, badge, pageHead, dialog, confirm, field, input, checkbox, select, toast, pick, jsonText, parseJson } from '../ui.js';

export const title = 'Destinations';

/** The common keys of each built-in type, as form fields; every other key goes through the JSON box. */
const TYPE_FIELDS = {
  dicom: [['ae_title', 'AE title', 'text'], ['host', 'Host', 'text'], ['port', 'Port', 'number'], ['calling_ae_title', 'Calling AE title', 'text']],
  file: [['path', 'Directory', 'text'], ['directory_pattern', 'Directory pattern', 'text']],
  xnat: [['url', 'URL', 'text'], ['username', 'User', 'text'], ['password', 'Password (or ${ENV_VAR})', 'password']],
};
const COMMON = ['name', 'type', 'description', 'enabled'];
const LIVE = ['status', 'health', 'healthy', 'last_error', 'lastError', 'queue', 'queue_depths', 'used_by', 'routes'];

export async function render(root, ctx) {
  const list = h('div', { id: 'destinations-list' });
  const result = h('div', { id: 'destination-check', 'aria-live': 'polite' });
  const add = ctx.isAdmin ? h('button', { type: 'button', id: 'destination-new', text: 'New destination', onclick: () => edit(null) }) : null;
  root.append(pageHead(title, add), result, list);

  async function load() {
    const rows = items(await get('/destinations'), 'destinations');
    fill(list, table([
      { label: 'Name', value: (d) => d.name },
      { label: 'Type', value: (d) => d.type },
      { label: 'Enabled', value: (d) => badge(d.enabled === false ? 'disabled' : 'enabled', d.enabled === false ? 'muted' : 'ok') },
      { label: 'Health', value: (d) => healthBadge(d) },
      { label: 'Queued', value: (d) => queued(d), num: true },
      { label: 'Last error', value: (d) => pick(d, 'last_error', 'lastError') || pick(d.status || {}, 'last_error', 'problem') || '' },
      { label: 'Used by', value: (d) => [].concat(pick(d.status || {}, 'used_by') || []).join(', ') },
      { label: 'Actions', value: (d) => h('div', { class: 'actions' },
        ctx.canOperate ? h('button', { type: 'button', class: 'small secondary', text: 'Check', 'aria-label': `Check destination ${d.name}`, onclick: () => check(d) }) : null,
        ctx.isAdmin ? h('button', { type: 'button', class: 'small', text: 'Edit', 'aria-label': `Edit destination ${d.name}`, onclick: () => edit(d) }) : null,
        ctx.isAdmin ? h('button', { type: 'button', class: 'small danger', text: 'Delete', 'aria-label': `Delete destination ${d.name}`,
          onclick: () => confirm('Delete destination', `Delete destination ${d.name}?`, async () => { await del(`/destinations/${seg(d.name)}`); toast(`Destination ${d.name} deleted`, 'ok'); load(); }) }) : null) },
    ], rows, { caption: 'Configured destinations', empty: 'No destinations yet.', key: (d) => d.name }));
  }

  async function check(d) {
    fill(result, h('p', { class: 'muted', text: `Checking ${d.name}…` }));
    try {
      const r = await post(`/destinations/${seg(d.name)}/check`);
      const ok = /^(UP|OK|SUCCESS|HEALTHY)$/i.test(String(pick(r, 'status') ?? (r.ok ? 'OK' : 'FAILED')));
      fill(result, h('div', { class: 'card' }, h('strong', { text: `${d.name}: ` }), badge(pick(r, 'status') || (ok ? 'OK' : 'FAILED'), ok ? 'ok' : 'danger'),
        ` ${pick(r, 'detail', 'message') || ''} `, h('span', { class: 'muted', text: pick(r, 'elapsed_ms', 'elapsedMs') !== undefined ? `(${pick(r, 'elapsed_ms', 'elapsedMs')} ms)` : '' })));
    } catch (e) {
      fill(result, h('div', { class: 'card error', role: 'alert', text: `${d.name}: ${e.message}` }));
    }
  }

  function edit(d) {
    const original = d ? { ...d } : { enabled: true, type: 'dicom' };
    for (const k of LIVE) delete original[k];
    const typeSel = select('type', [...new Set(['dicom', 'file', 'xnat', original.type])].map((t) => ({ value: t, label: t })), original.type);
    const typeBox = h('div', { class: 'form-grid' });
    const extra = h('textarea', { name: 'extra', class: 'code', rows: 6, spellcheck: 'false' });
    const paintType = () => {
      const fields = TYPE_FIELDS[typeSel.value] || [];
      fill(typeBox, ...fields.map(([k, label, type]) => field(label, input(k, original[k] ?? '', { type }))));
      const known = new Set([...COMMON, ...fields.map((x) => x[0])]);
      const rest = Object.fromEntries(Object.entries(original).filter(([k]) => !known.has(k)));
      extra.value = Object.keys(rest).length ? jsonText(rest) : '';
    };
    typeSel.addEventListener('change', paintType);
    paintType();
    dialog(d ? `Edit destination ${d.name}` : 'New destination', (f) => {
      f.append(h('div', { class: 'form-grid' },
        field('Name', input('name', original.name || '', { required: true, maxlength: 64, readonly: !!d })),
        field('Type', typeSel),
        field('Description', input('description', original.description || ''))),
      field('Enabled', checkbox('enabled', original.enabled !== false)),
      typeBox,
      field('Other settings (JSON)', extra, 'Any other keys of this type, as in config.yaml (e.g. {"timeout": 30}).'));
    }, async (f) => {
      const body = { name: f.elements.name.value.trim(), type: typeSel.value, description: f.elements.description.value, enabled: f.elements.enabled.checked };
      for (const [k, , type] of TYPE_FIELDS[typeSel.value] || []) {
        const v = f.elements[k].value;
        if (v !== '') body[k] = type === 'number' ? Number(v) : v;
      }
      Object.assign(body, parseJson(extra.value, 'Other settings') || {});
      if (d) await put(`/destinations/${seg(d.name)}`, body); else await post('/destinations', body);
      toast(`Destination ${body.name} saved`, 'ok');
      load();
    });
  }

  await load();
  ctx.every(load, 5000);
}

function healthBadge(d) {
  const s = pick(d, 'health', 'healthy', 'available') ?? pick(d.status || {}, 'health', 'healthy', 'available', 'status');
  if (s === undefined) return badge('unknown', 'muted');
  if (typeof s === 'boolean') return badge(s ? 'healthy' : 'unhealthy', s ? 'ok' : 'danger');
  return badge(String(s));
}

function queued(d) {
  const q = pick(d, 'queue', 'queue_depths') || pick(d.status || {}, 'queue', 'queue_depths') || d.status || {};
  const v = pick(q, 'pending', 'queued', 'PENDING');
  return v === undefined ? '' : v;
}
