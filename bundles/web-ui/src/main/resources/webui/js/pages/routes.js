// Routes: list with live listening status; create, edit (rules, filters, destinations), enable/disable, delete.
import { get, post, put, del, items, seg } from '../api.js';
import { h, clear, fill, table, badge, pageHead, dialog, confirm, field, input, checkbox, toast, pick, jsonText, parseJson } from '../ui.js';

export const title = 'Routes';

const ADVANCED = ['routing_rules', 'filters', 'validation_rules', 'tag_modifications'];

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
      table(ruleColumns(false), filters, { empty: 'No filters.' })));
    detail.querySelector('h2').setAttribute('tabindex', '-1');
    detail.querySelector('h2').focus();
  }

  async function edit(r) {
    const destinations = items(await get('/destinations').catch(() => []), 'destinations').map((d) => d.name);
    const chosen = new Map((r ? r.destinations || [] : []).map((d) => { const n = normDest(d); return [n.destination, n]; }));
    const advanced = {};
    for (const k of ADVANCED) if (r && r[k] && r[k].length) advanced[k] = r[k];
    dialog(r ? `Edit route ${r.ae_title}` : 'New route', (f) => {
      f.append(h('div', { class: 'form-grid' },
        field('AE title', input('ae_title', r ? r.ae_title : '', { required: true, maxlength: 16 }), 'At most 16 characters.'),
        field('Port', input('port', r ? r.port : '', { type: 'number', min: 1, max: 65535, required: true })),
        field('Description', input('description', r ? r.description : '')),
        field('Study timeout (seconds)', input('study_timeout_seconds', r ? r.study_timeout_seconds : 30, { type: 'number', min: 1, max: 86400 }))),
      field('Enabled', checkbox('enabled', r ? r.enabled !== false : true)),
      field('Import uploads at once (auto import)', checkbox('auto_import', r ? !!r.auto_import : false)),
      h('fieldset', {}, h('legend', { text: 'Destinations' }),
        destinations.length ? destinations.map((n) => field(n, checkbox('dest:' + n, chosen.has(n), { 'data-destination': n })))
          : h('p', { class: 'muted', text: 'No destinations exist yet: create one on the Destinations page.' })),
      field('Rules, filters, validation rules and tag modifications (JSON)',
        h('textarea', { name: 'advanced', class: 'code', rows: 8, spellcheck: 'false', value: Object.keys(advanced).length ? jsonText(advanced) : '' }),
        'An object with any of routing_rules, filters, validation_rules, tag_modifications (lists, as in config.yaml).'));
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
      body.destinations = [...f.querySelectorAll('[data-destination]')].filter((c) => c.checked)
        .map((c) => chosen.get(c.dataset.destination) || { destination: c.dataset.destination });
      const adv = parseJson(v('advanced').value, 'Rules and filters') || {};
      for (const k of ADVANCED) {
        if (adv[k] !== undefined) body[k] = adv[k]; else delete body[k];
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
