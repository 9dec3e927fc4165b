// Transfers: filters, live list (every 2 s), per-instance detail, retry and cancel.
import { get, post, items, seg } from '../api.js';
import { h, clear, fill, table, badge, pageHead, field, input, select, toast, fmtBytes, fmtTime, pick } from '../ui.js';

export const title = 'Transfers';
const PAGE = 50;

export async function render(root, ctx) {
  const form = h('form', { class: 'toolbar', id: 'transfer-filters', role: 'search', 'aria-label': 'Filter transfers' },
    field('Status', select('status', ['', 'QUEUED', 'SENDING', 'RETRYING', 'DONE', 'PARTIAL', 'FAILED', 'REJECTED', 'CANCELLED'].map((s) => ({ value: s, label: s || 'any' })))),
    field('Route', input('route', '', { size: 12 })),
    field('Destination', input('destination', '', { size: 14 })),
    field('Study UID', input('study', '', { size: 24 })),
    field('From', input('from', '', { type: 'datetime-local' })),
    field('To', input('to', '', { type: 'datetime-local' })),
    h('button', { type: 'submit', text: 'Apply' }));
  const summary = h('p', { class: 'muted', 'aria-live': 'polite' });
  const list = h('div', { id: 'transfers-list' });
  const pager = h('div', { class: 'actions' });
  const detail = h('div', { id: 'transfer-detail' });
  root.append(pageHead(title), form, summary, list, pager, detail);
  let offset = 0;

  const filters = () => {
    const f = form.elements;
    const iso = (v) => (v ? new Date(v).toISOString() : undefined);
    return { status: f.status.value, route: f.route.value.trim(), destination: f.destination.value.trim(), study: f.study.value.trim(),
      from: iso(f.from.value), to: iso(f.to.value), limit: PAGE, offset };
  };

  async function load() {
    const data = await get('/transfers', filters());
    const rows = items(data, 'transfers');
    const total = pick(data, 'total', 'count');
    summary.textContent = total !== undefined ? `${total} transfers; showing ${rows.length ? offset + 1 : 0}–${offset + rows.length}` : `Showing ${rows.length}`;
    fill(list, table([
      { label: 'ID', value: (t) => h('a', { href: `#/transfers/${t.id}`, text: t.id }) },
      { label: 'Study', value: (t) => h('span', { class: 'mono', text: pick(t, 'studyInstanceUid', 'study_uid') }) },
      { label: 'Route', value: (t) => pick(t, 'route_ae', 'routeAe', 'route') },
      { label: 'Destination', value: (t) => pick(t, 'destination') || '' },
      { label: 'Status', value: (t) => badge(t.status) },
      { label: 'Instances', value: (t) => progress(t), num: true },
      { label: 'Size', value: (t) => fmtBytes(pick(t, 'totalBytes', 'total_bytes')), num: true },
      { label: 'Started', value: (t) => fmtTime(pick(t, 'startedAt', 'started_at')) },
      { label: 'Last error', value: (t) => pick(t, 'lastError') || '' },
      { label: 'Actions', value: (t) => actions(t) },
    ], rows, { caption: 'Transfers, newest first', empty: 'No transfers match.', key: (t) => t.id }));
    fill(pager, 
      h('button', { type: 'button', class: 'secondary small', text: 'Previous', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - PAGE); load(); } }),
      h('button', { type: 'button', class: 'secondary small', text: 'Next', disabled: rows.length < PAGE, onclick: () => { offset += PAGE; load(); } }));
  }

  /** Retry where something failed or was cancelled; Cancel while something is still queued (or waits for a retry). */
  function actions(t) {
    if (!ctx.canOperate) return '';
    const st = String(t.status || '').toUpperCase();
    const after = () => { load(); if (ctx.params[0]) showDetail(ctx.params[0]); };
    return h('div', { class: 'actions' },
      /^(FAILED|PARTIAL|CANCELLED)$/.test(st) ? h('button', { type: 'button', class: 'small', text: 'Retry', 'aria-label': `Retry transfer ${t.id}`,
        onclick: async () => {
          const r = await post(`/transfers/${seg(t.id)}/retry`);
          const n = pick(r, 'requeued') ?? 0;
          toast(n ? `Transfer ${t.id}: ${n} instance(s) queued again` : `Transfer ${t.id}: nothing to retry`, n ? 'ok' : 'info');
          after();
        } }) : null,
      /^(QUEUED|SENDING|RETRYING)$/.test(st) ? h('button', { type: 'button', class: 'small danger', text: 'Cancel', 'aria-label': `Cancel transfer ${t.id}`,
        onclick: async () => {
          const r = await post(`/transfers/${seg(t.id)}/cancel`);
          toast(`Transfer ${t.id}: ${pick(r, 'cancelled') ?? 0} queued instance(s) cancelled`, 'ok');
          after();
        } }) : null);
  }

  async function showDetail(id) {
    const t = await get(`/transfers/${seg(id)}`);
    const instances = items(pick(t, 'instances') || [], 'instances');
    fill(detail, h('section', { class: 'card', 'aria-labelledby': 'transfer-detail-title' },
      h('h2', { id: 'transfer-detail-title', tabindex: '-1', text: `Transfer ${t.id}` }),
      h('p', {}, badge(t.status), ` ${pick(t, 'route_ae', 'route') || ''} → ${pick(t, 'destination') || ''}, study `, h('span', { class: 'mono', text: pick(t, 'studyInstanceUid', 'study_uid') })),
      h('p', { class: 'muted', text: `${progress(t)} instance(s) delivered, ${pick(t, 'instancesFailed') ?? 0} failed, attempt(s) ${pick(t, 'attempts') ?? 0}; started ${fmtTime(pick(t, 'startedAt'))}${pick(t, 'completedAt') ? ', ended ' + fmtTime(pick(t, 'completedAt')) : ''}` }),
      pick(t, 'lastError', 'error_message') ? h('p', { class: 'error', text: pick(t, 'lastError', 'error_message') }) : null,
      actions(t),
      table([
        { label: 'SOP instance', value: (i) => h('span', { class: 'mono', text: pick(i, 'sopInstanceUid', 'sop_instance_uid') }) },
        { label: 'Series', value: (i) => h('span', { class: 'mono', text: pick(i, 'seriesInstanceUid', 'series_uid') || '' }) },
        { label: 'Status', value: (i) => badge(i.status) },
        { label: 'Size', value: (i) => fmtBytes(pick(i, 'fileSize', 'file_size')), num: true },
        { label: 'DIMSE status', value: (i) => pick(i, 'dimseStatus', 'dimse_status') ?? '' },
        { label: 'Received', value: (i) => fmtTime(pick(i, 'receivedAt', 'received_at')) },
        { label: 'Error', value: (i) => pick(i, 'error', 'error_message') || '' },
      ], instances, { caption: 'Instances', empty: 'No instances recorded.', key: (i) => pick(i, 'sopInstanceUid', 'sop_instance_uid') }),
      t.instancesTruncated ? h('p', { class: 'muted', text: 'Only the first instances are shown.' }) : null));
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); offset = 0; load(); });
  ctx.every(load, 2000);
  if (ctx.params[0]) {
    ctx.every(() => showDetail(ctx.params[0]), 2000);
  }
}

function progress(t) {
  const n = pick(t, 'fileCount', 'file_count');
  const done = pick(t, 'instancesDone', 'delivered');
  return done !== undefined && n !== undefined ? `${done} / ${n}` : n ?? '';
}
