// Honest brokers: CRUD, crosswalk browse/search/export, lookup test.
import { api, get, post, put, del, items, seg } from '../api.js';
import { h, clear, fill, table, badge, pageHead, dialog, confirm, field, input, checkbox, select, toast, pick, jsonText, parseJson } from '../ui.js';

export const title = 'Brokers';
const PAGE = 50;
const TYPES = ['patient_id', 'patient_name', 'study_uid', 'series_uid', 'sop_uid', 'accession_number'];

export async function render(root, ctx) {
  const list = h('div', { id: 'brokers-list' });
  const cross = h('section', { class: 'card', id: 'crosswalk', 'aria-labelledby': 'crosswalk-title' });
  const add = ctx.isAdmin ? h('button', { type: 'button', id: 'broker-new', text: 'New broker', onclick: () => edit(null) }) : null;
  root.append(pageHead(title, add), list, cross);

  async function load() {
    const rows = items(await get('/brokers'), 'brokers');
    fill(list, table([
      { label: 'Name', value: (b) => h('button', { type: 'button', class: 'small secondary', text: b.name, 'aria-label': `Open crosswalk of ${b.name}`, onclick: () => crosswalk(b) }) },
      { label: 'Type', value: (b) => pick(b, 'type', 'broker_type') || 'local' },
      { label: 'Enabled', value: (b) => badge(b.enabled === false ? 'disabled' : 'enabled', b.enabled === false ? 'muted' : 'ok') },
      { label: 'Description', value: (b) => b.description || '' },
      ...(ctx.isAdmin ? [{ label: 'Actions', value: (b) => h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'small', text: 'Edit', 'aria-label': `Edit broker ${b.name}`, onclick: () => edit(b) }),
        h('button', { type: 'button', class: 'small danger', text: 'Delete', 'aria-label': `Delete broker ${b.name}`,
          onclick: () => confirm('Delete broker', `Delete broker ${b.name}?`, async () => { await del(`/brokers/${seg(b.name)}`); toast(`Broker ${b.name} deleted`, 'ok'); load(); }) })) }] : []),
    ], rows, { caption: 'Honest brokers', empty: 'No honest brokers.', key: (b) => b.name }));
  }

  function edit(b) {
    const rest = { ...(b || {}) };
    for (const k of ['name', 'type', 'broker_type', 'description', 'enabled']) delete rest[k];
    dialog(b ? `Edit broker ${b.name}` : 'New broker', (f) => {
      f.append(h('div', { class: 'form-grid' },
        field('Name', input('name', b ? b.name : '', { required: true, readonly: !!b, maxlength: 64 })),
        field('Type', input('type', b ? pick(b, 'type', 'broker_type') || 'local' : 'local')),
        field('Description', input('description', b ? b.description : ''))),
      field('Enabled', checkbox('enabled', b ? b.enabled !== false : true)),
      field('Other settings (JSON)', h('textarea', { name: 'extra', class: 'code', rows: 6, value: Object.keys(rest).length ? jsonText(rest) : '' }),
        'e.g. {"naming_scheme": "..."} or the URL and credentials of a remote broker (use ${ENV_VAR} for secrets).'));
    }, async (f) => {
      const body = { name: f.elements.name.value.trim(), type: f.elements.type.value.trim(), description: f.elements.description.value,
        enabled: f.elements.enabled.checked, ...(parseJson(f.elements.extra.value, 'Other settings') || {}) };
      if (b) await put(`/brokers/${seg(b.name)}`, body); else await post('/brokers', body);
      toast(`Broker ${body.name} saved`, 'ok');
      load();
    });
  }

  function crosswalk(b) {
    let offset = 0;
    const q = input('q', '', { type: 'search', id: 'crosswalk-q' });
    const type = select('type', [{ value: '', label: 'any' }, ...TYPES.map((t) => ({ value: t, label: t }))], '', { id: 'crosswalk-type' });
    const rows = h('div', { id: 'crosswalk-rows' });
    const lookupType = select('lookup_type', TYPES, 'patient_id', { id: 'lookup-type' });
    const lookupValue = input('lookup_value', '', { id: 'lookup-value' });
    const lookupOut = h('p', { id: 'lookup-result', 'aria-live': 'polite' });
    const search = async () => {
      const data = await get(`/brokers/${seg(b.name)}/crosswalk`, { q: q.value.trim(), type: type.value, limit: PAGE, offset });
      const list2 = items(data, 'entries', 'mappings');
      fill(rows, table([
        { label: 'Type', value: (e) => pick(e, 'type', 'id_type') },
        { label: 'Original', value: (e) => pick(e, 'original', 'original_value', 'value') },
        { label: 'Research ID', value: (e) => pick(e, 'research', 'research_id', 'mapped', 'pseudonym') },
        { label: 'Created', value: (e) => pick(e, 'created_at', 'created') || '' },
      ], list2, { caption: `Crosswalk of ${b.name}`, empty: 'No entries match.' }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'small secondary', text: 'Previous', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - PAGE); search(); } }),
        h('button', { type: 'button', class: 'small secondary', text: 'Next', disabled: list2.length < PAGE, onclick: () => { offset += PAGE; search(); } })));
    };
    const exportCsv = async () => {
      const r = await api('GET', `/brokers/${seg(b.name)}/crosswalk.csv`, { raw: true, headers: { Accept: 'text/csv' }, timeout: 300000 });
      if (!r.ok) { toast(`Export failed: ${r.status}`, 'error'); return; }
      const url = URL.createObjectURL(await r.blob());
      const a = h('a', { href: url, download: `${b.name}-crosswalk.csv` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    };
    const lookup = async (e) => {
      e.preventDefault();
      try {
        const r = await post(`/brokers/${seg(b.name)}/lookup`, { type: lookupType.value, value: lookupValue.value });
        // the answer echoes the value asked for: only research_id (with found) is the mapping
        const found = r && r.found === false ? undefined : pick(r, 'research_id', 'research');
        lookupOut.className = found ? 'ok' : 'muted';
        lookupOut.textContent = found ? `${lookupValue.value} → ${found}` : `${lookupValue.value} has no research ID yet (nothing was assigned).`;
      } catch (err) {
        lookupOut.className = 'error';
        lookupOut.textContent = err.message;
      }
    };
    fill(cross, h('h2', { id: 'crosswalk-title', tabindex: '-1', text: `Crosswalk of ${b.name}` }),
      h('form', { class: 'toolbar', role: 'search', onsubmit: (e) => { e.preventDefault(); offset = 0; search(); } },
        field('Search', q), field('Type', type), h('button', { type: 'submit', text: 'Search' }),
        h('button', { type: 'button', class: 'secondary', text: 'Export CSV', onclick: exportCsv })),
      rows,
      h('h3', { text: 'Lookup test' }),
      h('form', { class: 'toolbar', onsubmit: lookup }, field('Type', lookupType), field('Value', lookupValue), h('button', { type: 'submit', text: 'Look up' })),
      lookupOut);
    cross.querySelector('h2').focus();
    search().catch((e) => rows.append(h('p', { class: 'error', text: e.message })));
  }

  await load();
}
