// The route editor's form parts: rows of routing rules, filters, validation rules and tag modifications, and the
// route's destinations with their options.
//
// Every control carries data-path, its field path inside the route as the API names it in problems[].field
// (routing_rules[1].value, destinations[0].retry_count): showError puts each problem next to that control. Paths
// are renumbered whenever a row is added or removed or a destination is ticked, so they match the list the form
// sends. Keys the form has no control for (description, condition, auto_archive, ...) are kept as they were.
import { h, field, input, checkbox, select } from './ui.js';

export const OPERATORS = ['equals', 'contains', 'starts_with', 'ends_with', 'matches', 'in'];
export const VALIDATION_TYPES = ['required_tag', 'tag_value', 'tag_length', 'modality_check'];
export const ON_FAILURE = ['reject', 'warn', 'log'];
export const FILTER_ACTIONS = ['exclude', 'include'];
export const MODIFICATION_ACTIONS = ['set', 'copy_from', 'prefix', 'suffix', 'replace', 'remove', 'hash'];

const MAX_ROWS = 200;
const MAX_VALUES = 1000;
const TAG_HELP = 'A keyword (Modality) or a tag written (gggg,eeee).';

const text = (key, label, show, more = {}) => ({ key, label, kind: 'text', show, ...more });
const choice = (key, label, options, def, show) => ({ key, label, kind: 'choice', options, def, show });
const list = (key, label, show) => ({ key, label, kind: 'list', show, help: 'One value per line.' });
const number = (key, label, show) => ({ key, label, kind: 'number', show });

const name = text('name', 'Name');
const tag = text('tag', 'Tag', undefined, { help: TAG_HELP });
const notIn = (v) => v.operator !== 'in';
const isIn = (v) => v.operator === 'in';

/** What each list's rows hold; show(values of the row's selects) says whether a field applies. */
const KINDS = {
  routing_rules: { title: 'Routing rules', one: 'routing rule',
    empty: 'No rules: everything goes to every enabled destination.',
    fields: [name, tag, choice('operator', 'Operator', OPERATORS, 'equals'), text('value', 'Value', notIn),
      list('values', 'Values', isIn), { key: 'destinations', label: 'Destinations', kind: 'multi' }] },
  filters: { title: 'Filters', one: 'filter', empty: 'No filters.',
    fields: [name, tag, choice('operator', 'Operator', OPERATORS, 'equals'), text('value', 'Value', notIn),
      list('values', 'Values', isIn), choice('action', 'Action', FILTER_ACTIONS, 'exclude')] },
  validation_rules: { title: 'Validation rules', one: 'validation rule', empty: 'No validation rules.',
    fields: [name, choice('type', 'Type', VALIDATION_TYPES, 'required_tag'),
      text('tag', 'Tag', (v) => v.type !== 'modality_check', { help: TAG_HELP }),
      choice('operator', 'Operator', OPERATORS, 'equals', (v) => v.type === 'tag_value'),
      text('value', 'Value', (v) => v.type === 'tag_value' && v.operator !== 'in'),
      list('values', 'Values', (v) => (v.type === 'tag_value' && v.operator === 'in') || v.type === 'modality_check'),
      number('min_length', 'Minimum length', (v) => v.type === 'tag_length'),
      number('max_length', 'Maximum length', (v) => v.type === 'tag_length'),
      choice('on_failure', 'On failure', ON_FAILURE, 'reject')] },
  tag_modifications: { title: 'Tag modifications', one: 'tag modification', empty: 'No tag modifications.',
    fields: [name, tag, choice('action', 'Action', MODIFICATION_ACTIONS, 'set'),
      // set may set an empty value: the key must be there
      text('value', 'Value', (v) => ['set', 'prefix', 'suffix'].includes(v.action), { keepEmpty: (v) => v.action === 'set' }),
      text('source_tag', 'Source tag', (v) => v.action === 'copy_from', { help: TAG_HELP }),
      text('pattern', 'Pattern (regular expression)', (v) => v.action === 'replace'),
      text('replacement', 'Replacement', (v) => v.action === 'replace', { help: '$1 for a group.' })] },
};

export const LISTS = Object.keys(KINDS);

/**
 * The editor of one list (key: routing_rules, ...). rows: the route's current items; destinations: names a rule
 * may route to. Returns {el, read()}; read() gives the list in the config.yaml shape (undefined when empty).
 */
export function rowsEditor(key, rows, destinations) {
  const kind = KINDS[key];
  const body = h('div', { class: 'rows' });
  const empty = h('p', { class: 'muted', text: kind.empty });
  const addButton = h('button', { type: 'button', class: 'secondary small', 'data-add': key, text: `Add ${kind.one}`,
    onclick: () => { const row = addRow({}); row.el.querySelector('input, select, textarea').focus(); } });
  const state = [];

  function addRow(orig) {
    if (state.length >= MAX_ROWS) return state[state.length - 1];
    const controls = {};
    const wrappers = {};
    const legend = h('legend');
    const remove = h('button', { type: 'button', class: 'small danger', text: 'Remove', 'data-remove': key });
    const grid = h('div', { class: 'form-grid' });
    for (const f of kind.fields) {
      const control = controlFor(f, orig, destinations);
      control.name = `${key}.${f.key}`;
      controls[f.key] = control;
      wrappers[f.key] = field(f.label, control, f.help);
      grid.append(wrappers[f.key]);
    }
    const el = h('fieldset', { class: 'row', 'data-list': key }, legend, grid, h('div', { class: 'actions' }, remove));
    const row = { el, orig, controls, wrappers, legend, remove };
    const choices = () => Object.fromEntries(kind.fields.filter((f) => f.kind === 'choice').map((f) => [f.key, controls[f.key].value]));
    row.choices = choices;
    const applyVisibility = () => {
      const v = choices();
      for (const f of kind.fields) wrappers[f.key].hidden = f.show ? !f.show(v) : false;
    };
    el.addEventListener('change', (e) => { if (e.target.tagName === 'SELECT') applyVisibility(); });
    remove.addEventListener('click', () => {
      const i = state.indexOf(row);
      state.splice(i, 1);
      el.remove();
      renumber();
      // focus stays in the list: the next row's Remove, else the Add button
      const next = state[i] || state[i - 1];
      (next ? next.remove : addButton).focus();
    });
    applyVisibility();
    state.push(row);
    body.append(el);
    renumber();
    return row;
  }

  function renumber() {
    state.forEach((row, i) => {
      row.legend.textContent = `${cap(kind.one)} ${i + 1}`;
      row.remove.setAttribute('aria-label', `Remove ${kind.one} ${i + 1}`);
      for (const [k, c] of Object.entries(row.controls)) c.setAttribute('data-path', `${key}[${i}].${k}`);
    });
    empty.hidden = state.length > 0;
  }

  for (const r of rows || []) addRow(r && typeof r === 'object' ? r : {});
  renumber();

  const el = h('fieldset', { class: 'rows-editor', 'data-rows': key }, h('legend', { text: kind.title }), empty, body,
    h('div', { class: 'actions' }, addButton));
  return {
    el,
    read() {
      const out = state.map((row) => readRow(kind, row));
      return out.length ? out : undefined;
    },
  };
}

function controlFor(f, orig, destinations) {
  const v = orig[f.key];
  switch (f.kind) {
    case 'choice': return select(f.key, f.options, v ?? f.def);
    case 'number': return input(f.key, v ?? '', { type: 'number', min: 0 });
    case 'list': return h('textarea', { name: f.key, rows: 3, class: 'values', value: Array.isArray(v) ? v.join('\n') : '' });
    case 'multi': {
      const names = [...new Set([...destinations, ...(Array.isArray(v) ? v : [])])];
      const el = select(f.key, names, undefined, { multiple: true, size: Math.min(Math.max(names.length, 2), 5) });
      const chosen = new Set(Array.isArray(v) ? v : []);
      for (const o of el.options) o.selected = chosen.has(o.value);
      return el;
    }
    default: return input(f.key, v ?? '', { maxlength: 1024 });
  }
}

function readRow(kind, row) {
  const out = { ...row.orig };
  const v = row.choices();
  for (const f of kind.fields) {
    const c = row.controls[f.key];
    if (f.show && !f.show(v)) { delete out[f.key]; continue; }
    let value;
    if (f.kind === 'choice') value = c.value;
    else if (f.kind === 'number') value = c.value === '' ? undefined : Number(c.value);
    else if (f.kind === 'list') value = c.value.split('\n').map((s) => s.trim()).filter(Boolean).slice(0, MAX_VALUES);
    else if (f.kind === 'multi') value = [...c.selectedOptions].map((o) => o.value);
    else value = c.value.trim() === '' && !(f.keepEmpty && f.keepEmpty(v)) ? undefined : c.value.trim();
    if (value === undefined || (Array.isArray(value) && !value.length && f.kind === 'list')) delete out[f.key];
    else out[f.key] = value;
  }
  return out;
}

/** Options of a route's destination: [key, label, kind, default]. */
const DEST_OPTIONS = [
  ['enabled', 'Enabled', 'bool', true],
  ['priority', 'Priority (lower goes first)', 'int', 0],
  ['retry_count', 'Retries', 'int', 3],
  ['retry_delay_seconds', 'Seconds between retries', 'int', 60],
  ['anonymize', 'De-identify', 'bool', false],
  ['anon_script', 'De-identification script', 'script', undefined],
  ['use_honest_broker', 'Use an honest broker', 'bool', false],
  ['honest_broker', 'Honest broker', 'broker', undefined],
  ['project_id', 'XNAT project', 'text', undefined],
  ['subject_prefix', 'Subject prefix', 'text', undefined],
  ['session_prefix', 'Session prefix', 'text', undefined],
];

/**
 * The route's destinations: a box per destination to send to it and, when ticked, its options. current: the
 * route's destinations (strings or objects); names: every destination; scripts, brokers: names to choose from.
 * Returns {el, read()}; read() gives the destinations in the order shown.
 */
export function destinationsEditor(current, names, scripts, brokers) {
  const chosen = new Map((current || []).map((d) => { const n = typeof d === 'string' ? { destination: d } : d; return [n.destination, n]; }));
  const all = [...new Set([...names, ...chosen.keys()])];
  const rows = [];
  const el = h('fieldset', { class: 'rows-editor', 'data-rows': 'destinations' }, h('legend', { text: 'Destinations' }));
  if (!all.length) el.append(h('p', { class: 'muted', text: 'No destinations exist yet: create one on the Destinations page.' }));
  for (const n of all) {
    const d = chosen.get(n) || { destination: n };
    const use = checkbox(`dest:${n}`, chosen.has(n), { 'data-destination': n });
    const controls = {};
    const grid = h('div', { class: 'form-grid', 'data-options': n, hidden: !chosen.has(n) });
    for (const [key, label, kind, def] of DEST_OPTIONS) {
      let c;
      if (kind === 'bool') c = checkbox(`destination.${key}`, d[key] ?? def);
      else if (kind === 'int') c = input(`destination.${key}`, d[key] ?? '', { type: 'number', min: key === 'priority' ? undefined : 0, placeholder: String(def) });
      else if (kind === 'script' || kind === 'broker') {
        const opts = [...new Set([...(kind === 'script' ? scripts : brokers), ...(d[key] ? [d[key]] : [])])];
        c = select(`destination.${key}`, [{ value: '', label: 'none' }, ...opts.map((o) => ({ value: o, label: o }))], d[key] ?? '');
      } else c = input(`destination.${key}`, d[key] ?? '', { maxlength: 256 });
      controls[key] = c;
      grid.append(field(label, c));
    }
    const row = { name: n, orig: d, use, controls };
    use.addEventListener('change', () => { grid.hidden = !use.checked; renumber(); });
    rows.push(row);
    el.append(h('fieldset', { class: 'row', 'data-destination-row': n }, h('legend', { text: n }),
      field(`Send to ${n}`, use), grid));
  }

  function renumber() {
    let i = 0;
    for (const r of rows) {
      const idx = r.use.checked ? i++ : -1;
      const path = (k) => (idx < 0 ? null : `destinations[${idx}].${k}`);
      setPath(r.use, path('destination'));
      for (const [k, c] of Object.entries(r.controls)) setPath(c, path(k));
    }
  }
  renumber();

  return {
    el,
    read() {
      return rows.filter((r) => r.use.checked).map((r) => {
        const out = { ...r.orig, destination: r.name };
        for (const [key, , kind, def] of DEST_OPTIONS) {
          const c = r.controls[key];
          let value;
          if (kind === 'bool') value = c.checked;
          else if (kind === 'int') value = c.value === '' ? undefined : Number(c.value);
          else value = c.value.trim() === '' ? undefined : c.value.trim();
          // a default the route did not write stays unwritten: the document keeps its shape
          if (value === undefined || (value === def && !(key in r.orig))) delete out[key];
          else out[key] = value;
        }
        return out;
      });
    },
  };
}

function setPath(el, path) {
  if (path) el.setAttribute('data-path', path); else el.removeAttribute('data-path');
}

function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

