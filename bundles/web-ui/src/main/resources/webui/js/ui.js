// Small DOM helpers: element builder, tables, forms, dialogs, toasts, formatting.

/**
 * Builds an element. attrs: class, text, html is NOT supported (no string is ever parsed as HTML),
 * on<Event> handlers, boolean attributes, dataset via data-*, anything else as attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const ns = attrs && attrs.ns;
  const el = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false || k === 'ns') continue;
    if (k === 'text') el.textContent = String(v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'value' && !ns) el.value = v;
    else if (k === 'checked' && !ns) el.checked = !!v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/**
 * Replaces an element's content (nulls and false skipped, arrays flattened, strings as text). Live views repaint
 * every few seconds: a control that had the focus is found again in the new content and focused, so a keyboard
 * user does not lose their place.
 */
export function fill(el, ...children) {
  const active = document.activeElement;
  const sig = active && active !== el && el.contains(active) ? focusSignature(active) : null;
  append(clear(el), children);
  if (sig) {
    const again = findBySignature(el, sig);
    if (again) again.focus({ preventScroll: true });
  }
  return el;
}

/** What names a control across a repaint: its tag, its row's data-key and its label (or id). */
function focusSignature(el) {
  const row = el.closest('[data-key]');
  return { tag: el.tagName, id: el.id || null, key: row ? row.getAttribute('data-key') : null,
    label: el.getAttribute('aria-label') || el.textContent };
}

function findBySignature(root, sig) {
  for (const e of root.querySelectorAll(sig.tag)) {
    const row = e.closest('[data-key]');
    if ((row ? row.getAttribute('data-key') : null) !== sig.key) continue;
    if ((sig.id && e.id === sig.id) || (e.getAttribute('aria-label') || e.textContent) === sig.label) return e;
  }
  return null;
}

let idCounter = 0;
export const uid = (prefix = 'f') => `${prefix}-${++idCounter}`;

/** A labelled field: label + control (+ help). The control gets an id if it has none. */
export function field(label, control, help) {
  if (!control.id) control.id = uid();
  const parts = [h('label', { for: control.id, text: label }), control];
  if (help) {
    const helpId = control.id + '-help';
    control.setAttribute('aria-describedby', helpId);
    parts.push(h('span', { class: 'help', id: helpId, text: help }));
  }
  const problem = h('span', { class: 'problem', id: control.id + '-problem', role: 'alert' });
  parts.push(problem);
  return h('div', { class: control.type === 'checkbox' ? 'field checkbox' : 'field', 'data-field': control.name || '' },
    control.type === 'checkbox' ? [control, parts[0], ...parts.slice(2)] : parts);
}

export function input(name, value = '', attrs = {}) {
  return h('input', { name, type: 'text', value: value === undefined || value === null ? '' : value, ...attrs });
}

export function checkbox(name, checked, attrs = {}) {
  return h('input', { name, type: 'checkbox', checked: !!checked, ...attrs });
}

export function select(name, options, value, attrs = {}) {
  const el = h('select', { name, ...attrs },
    options.map((o) => (typeof o === 'object' ? h('option', { value: o.value, text: o.label }) : h('option', { value: o, text: o }))));
  if (value !== undefined && value !== null) el.value = value;
  return el;
}

/**
 * A table. columns: [{label, value: row => Node|string, num: bool}]. Rows get data-key when key(row) is given.
 */
export function table(columns, rows, { caption, empty = 'Nothing yet.', key, rowClass } = {}) {
  if (!rows.length) return h('p', { class: 'muted empty', text: empty });
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', { text: caption }) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-key': key ? key(r) : null, class: rowClass ? rowClass(r) : null },
      columns.map((c) => {
        const v = c.value(r);
        return h('td', { class: c.num ? 'num' : null }, v === undefined || v === null ? '' : v);
      }))))));
}

/** A status word as a badge: the text says it; the colour only adds to it. */
export function badge(text, kind) {
  const t = String(text ?? '');
  const k = kind || statusKind(t);
  return h('span', { class: `badge ${k}`, text: t });
}

export function statusKind(s) {
  const u = String(s).toUpperCase();
  if (/^(UP|OK|DONE|COMPLETED?|DELIVERED|SUCCESS|SUCCEEDED|LISTENING|HEALTHY|ENABLED|STORED|FINISHED|TRUE)$/.test(u)) return 'ok';
  if (/(FAIL|ERROR|DOWN|REJECT|UNHEALTHY|CANCEL)/.test(u)) return 'danger';
  if (/(PENDING|QUEUED|RUNNING|PROGRESS|RETRY|SCANNING|DEGRADED|WARN|STARTING)/.test(u)) return 'warn';
  return 'muted';
}

export function toast(message, kind = 'info', ms = 5000) {
  const box = document.getElementById('toasts');
  const t = h('div', { class: `toast ${kind}`, text: message });
  box.append(t);
  setTimeout(() => t.remove(), ms);
}

/** Shows an API error: a toast, and field problems next to the fields of a form (by data-field path). */
export function showError(err, form) {
  toast(err.message || String(err), 'error', 8000);
  if (!form) return;
  form.querySelectorAll('.problem').forEach((p) => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-problems');
  if (general) clear(general);
  for (const p of err.problems || []) {
    const control = controlForPath(form, String(p.field || ''));
    const slot = control && form.querySelector(`#${CSS.escape(control.id)}-problem`);
    if (slot) {
      slot.textContent = p.message;
      control.setAttribute('aria-invalid', 'true');
    } else if (general) {
      general.append(h('li', { text: `${p.field ? p.field + ': ' : ''}${p.message}` }));
    }
  }
}

/**
 * The control a problem's field path names. Controls may carry data-path (routing_rules[1].value): the longest
 * tail of the path that one names wins, so routes[3].routing_rules[1].value finds routing_rules[1].value; a path
 * into a list item (destinations[0]) also finds the list's control. Otherwise the control named like the path's
 * last key.
 */
function controlForPath(form, path) {
  if (!path) return null;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    const tail = parts.slice(i).join('.');
    for (const candidate of [tail, tail.replace(/\[\d+\]$/, '')]) {
      const c = form.querySelector(`[data-path="${CSS.escape(candidate)}"]`);
      if (c) return c;
    }
  }
  const name = parts.pop().replace(/\[\d+\]$/, '');
  return name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
}

/**
 * A modal dialog (the native <dialog>: focus stays inside, Escape closes). build(form) fills the form;
 * onSubmit(form) returns a promise; the dialog closes when it resolves and shows the error when it fails.
 */
export function dialog(title, build, onSubmit, { submitLabel = 'Save', danger = false } = {}) {
  const titleId = uid('dlg');
  const form = h('form', { method: 'dialog', novalidate: true });
  const problems = h('ul', { class: 'form-problems error', role: 'alert' });
  const dlg = h('dialog', { 'aria-labelledby': titleId }, h('h2', { id: titleId, text: title }), form);
  build(form);
  const submit = h('button', { type: 'submit', class: danger ? 'danger' : null, text: submitLabel });
  const cancel = h('button', { type: 'button', class: 'secondary', text: 'Cancel', onclick: () => dlg.close() });
  form.append(problems, h('div', { class: 'dialog-buttons' }, cancel, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      await onSubmit(form);
      dlg.close();
    } catch (err) {
      showError(err, form);
    } finally {
      submit.disabled = false;
    }
  });
  const opener = document.activeElement;
  const openerSig = opener && opener !== document.body ? focusSignature(opener) : null;
  dlg.addEventListener('close', () => {
    dlg.remove();
    // the opener may have been repainted by a live view meanwhile: its successor takes the focus
    const target = opener && opener.isConnected ? opener : openerSig && findBySignature(document.getElementById('page') || document.body, openerSig);
    if (target) target.focus();
  });
  document.body.append(dlg);
  dlg.showModal();
  const first = form.querySelector('input, select, textarea');
  if (first) first.focus();
  return dlg;
}

export function confirm(title, text, action, label = 'Delete') {
  return dialog(title, (f) => f.append(h('p', { text })), action, { submitLabel: label, danger: true });
}

export function fmtBytes(n) {
  if (n === undefined || n === null || isNaN(n)) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Number(n);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i === 0 || v >= 100 ? 0 : 1)} ${units[i]}`;
}

export function fmtTime(t) {
  if (!t) return '';
  const d = new Date(t);
  return isNaN(d) ? String(t) : d.toLocaleString();
}

export function fmtNumber(n, digits = 0) {
  return n === undefined || n === null || isNaN(n) ? '' : Number(n).toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** First defined value among keys: tolerant of snake_case and camelCase answers. */
export function pick(obj, ...keys) {
  if (!obj) return undefined;
  for (const k of keys) {
    if (obj[k] !== undefined && obj[k] !== null) return obj[k];
  }
  return undefined;
}

/** Reads a form's named controls into an object (checkboxes as booleans, number inputs as numbers). */
export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') out[el.name] = el.checked;
    else if (el.type === 'number') out[el.name] = el.value === '' ? undefined : Number(el.value);
    else if (el.multiple) out[el.name] = [...el.selectedOptions].map((o) => o.value);
    else out[el.name] = el.value;
  }
  return out;
}

export function pageHead(title, ...tools) {
  return h('div', { class: 'page-head' }, h('h1', { text: title, tabindex: '-1', class: 'page-title' }), h('div', { class: 'actions' }, tools));
}

export function jsonText(v) {
  return JSON.stringify(v, null, 2);
}

/** Parses JSON typed by the user, with a clear message. */
export function parseJson(text, what) {
  try {
    return text.trim() ? JSON.parse(text) : undefined;
  } catch (e) {
    const err = new Error(`${what}: not valid JSON (${e.message})`);
    err.problems = [];
    throw err;
  }
}
