// Routes: list with live listening status; create, edit (rules, filters, destinations), enable/disable, delete.
import { get, post, put, del, items, seg } from '../api.js';
import { h, clear, fill, table, badge, pageHead, dialog, confirm, field, input, checkbox, toast, pick } from '../ui.js';
import { LISTS, rowsEditor, destinationsEditor } from '../route-form.js';

export const title = 'Routes';

export async function render(root, ctx) {
  const list = h('div', { id: 'routes-list' });
  const detail = h('div', { id: 'route-detail' });
  const add = ctx.isAdmin ? h('button', { type: 'button', id: 'route-new', text: 'New route', onclick: () => edit(null) }) : null;
  root.append(pageHead(title, add), list, detail);

  async function load() {
    const routes = items(await get('/routes'), 'routes');
    fill(list, table([
      { label: 'AE title', value: (r) => h('button', { type: 'button', class: 'small secondary', text: r.ae_title, 'aria-label': `Show route ${r.ae_title}`, onclick: () => show(r) }) },
      { label: 'Port', value: (r) => r.port, num: true },
      { label: 'Enabled', value: (r) => badge(r.enabled === false ? 'disabled' : 'enabled', r.enabled === false ? 'muted' : 'ok') },
      { label: 'Listening', value: (r) => listeningBadge(r) },
      { label: 'Destinations', value: (r) => destinationNames(r).join(', ') },
      { label: 'Rules / filters', value: (r) => `${(r.routing_rules || []).length} / ${(r.filters || []).length}` },
      ...(ctx.isAdmin ? [{ label: 'Actions', value: (r) => h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'small', text: 'Edit', 'aria-label': `Edit route ${r.ae_title}`, onclick: () => edit(r) }),
        h('button', { type: 'button', class: 'small secondary', text: r.enabled === false ? 'Enable' : 'Disable',
          'aria-label': `${r.enabled === false ? 'Enable' : 'Disable'} route ${r.ae_title}`,
          onclick: async () => { await post(`/routes/${seg(r.ae_title)}/${r.enabled === false ? 'enable' : 'disable'}`); toast(`Route ${r.ae_title} ${r.enabled === false ? 'enabled' : 'disabled'}`, 'ok'); load(); } }),
        h('button', { type: 'button', class: 'small danger', text: 'Delete', 'aria-label': `Delete route ${r.ae_title}`,
          onclick: () => confirm('Delete route', `Delete route ${r.ae_title}? It stops listening at once.`, async () => { await del(`/routes/${seg(r.ae_title)}`); toast(`Route ${r.ae_title} deleted`, 'ok'); clear(detail); load(); }) })) }] : []),
    ], routes, { caption: 'Configured routes', empty: 'No routes yet.', key: (r) => r.ae_title }));
  }

  function show(r) {
    const rules = (r.routing_rules || []);
    const filters = (r.filters || []);
    fill(detail, h('section', { class: 'card', 'aria-labelledby': 'route-detail-title' },
      h('h2', { id: 'route-detail-title', text: `Route ${r.ae_title}` }),
      h('p', { class: 'muted', text: r.description || '' }),
      h('h3', { text: 'Destinations' }),
      table([
        { label: 'Destination', value: (d) => d.destination },
        { label: 'Enabled', value: (d) => (d.enabled === false ? 'no' : 'yes') },
        { label: 'Priority', value: (d) => d.priority ?? 0, num: true },
        { label: 'De-identify', value: (d) => (d.anonymize ? (d.anon_script || 'yes') : 'no') },
        { label: 'Honest broker', value: (d) => (d.use_honest_broker ? d.honest_broker : '') },
      ], (r.destinations || []).map(normDest), { empty: 'No destinations: nothing is sent.' }),
      h('h3', { text: 'Routing rules' }),
      table(ruleColumns(true), rules, { empty: 'No rules: everything goes to every enabled destination.' }),
      h('h3', { text: 'Filters' }),
      table(ruleColumns(false), filters, { empty: 'No filters.' }),
      h('h3', { text: 'Validation rules' }),
      table([
        { label: 'Name', value: (x) => x.name || '' },
        { label: 'Type', value: (x) => x.type || 'required_tag' },
        { label: 'Tag', value: (x) => x.tag || '' },
        { label: 'Check', value: (x) => validationText(x) },
        { label: 'On failure', value: (x) => x.on_failure || 'reject' },
      ], r.validation_rules || [], { empty: 'No validation rules.' }),
      h('h3', { text: 'Tag modifications' }),
      table([
        { label: 'Name', value: (x) => x.name || '' },
        { label: 'Tag', value: (x) => x.tag },
        { label: 'Action', value: (x) => x.action || 'set' },
        { label: 'With', value: (x) => [x.value, x.source_tag, x.pattern && `${x.pattern} → ${x.replacement ?? ''}`].filter((s) => s !== undefined && s !== null && s !== '').join(' ') },
      ], r.tag_modifications || [], { empty: 'No tag modifications.' })));
    detail.querySelector('h2').setAttribute('tabindex', '-1');
    detail.querySelector('h2').focus();
  }

  async function edit(r) {
    const names = async (path, key) => items(await get(path).catch(() => []), key).map((x) => x.name).filter(Boolean);
    const [destinations, scripts, brokers] = await Promise.all([names('/destinations', 'destinations'),
      names('/scripts', 'scripts'), names('/brokers', 'brokers')]);
    const dests = destinationsEditor(r ? r.destinations : [], destinations, scripts, brokers);
    const lists = LISTS.map((k) => [k, rowsEditor(k, r ? r[k] : [], destinations)]);
    dialog(r ? `Edit route ${r.ae_title}` : 'New route', (f) => {
      f.classList.add('route-form');
      f.append(h('div', { class: 'form-grid' },
        field('AE title', input('ae_title', r ? r.ae_title : '', { required: true, maxlength: 16, 'data-path': 'ae_title' }), 'At most 16 characters.'),
        field('Port', input('port', r ? r.port : '', { type: 'number', min: 1, max: 65535, required: true, 'data-path': 'port' })),
        field('Description', input('description', r ? r.description : '', { 'data-path': 'description' })),
        field('Study timeout (seconds)', input('study_timeout_seconds', r ? r.study_timeout_seconds : 30, { type: 'number', min: 1, max: 86400, 'data-path': 'study_timeout_seconds' }))),
      field('Enabled', checkbox('enabled', r ? r.enabled !== false : true)),
      field('Import uploads at once (auto import)', checkbox('auto_import', r ? !!r.auto_import : false)),
      dests.el,
      ...lists.map(([, editor]) => editor.el));
    }, async (f) => {
      const v = (name) => f.elements[name];
      const body = { ...(r || {}) };
      delete body.status; delete body.listening; delete body.problem;
      body.ae_title = v('ae_title').value.trim();
      body.port = v('port').value === '' ? undefined : Number(v('port').value);
      body.description = v('description').value;
      body.study_timeout_seconds = v('study_timeout_seconds').value === '' ? undefined : Number(v('study_timeout_seconds').value);
      body.enabled = v('enabled').checked;
      body.auto_import = v('auto_import').checked;
      body.destinations = dests.read();
      for (const [k, editor] of lists) {
        const value = editor.read();
        if (value !== undefined) body[k] = value; else delete body[k];
      }
      if (r) await put(`/routes/${seg(r.ae_title)}`, body); else await post('/routes', body);
      toast(`Route ${body.ae_title} saved`, 'ok');
      load();
    });
  }

  await load();
  ctx.every(load, 5000);
}

function normDest(d) {
  return typeof d === 'string' ? { destination: d } : d;
}

function destinationNames(r) {
  return (r.destinations || []).map((d) => normDest(d).destination);
}

function listeningBadge(r) {
  const st = r.status || {};
  const on = pick(r, 'listening') ?? pick(st, 'listening');
  const problem = pick(r, 'problem') || pick(st, 'problem');
  if (on === undefined) return badge('unknown', 'muted');
  return h('span', {}, badge(on ? 'listening' : 'not listening', on ? 'ok' : 'danger'), problem ? h('span', { class: 'error', text: ` ${problem}` }) : null);
}

function ruleColumns(isRule) {
  return [
    { label: 'Name', value: (x) => x.name || '' },
    { label: 'Tag', value: (x) => x.tag },
    { label: 'Operator', value: (x) => x.operator || 'equals' },
    { label: 'Value', value: (x) => (x.values ? x.values.join(', ') : x.value ?? '') },
    isRule ? { label: 'Destinations', value: (x) => (x.destinations || []).join(', ') } : { label: 'Action', value: (x) => x.action || 'exclude' },
  ];
}

function validationText(x) {
  const type = x.type || 'required_tag';
  if (type === 'tag_value') return `${x.operator || 'equals'} ${x.values ? x.values.join(', ') : x.value ?? ''}`;
  if (type === 'tag_length') return `length ${x.min_length ?? 0}..${x.max_length ?? '∞'}`;
  if (type === 'modality_check') return (x.values || []).join(', ');
  return 'present';
}
