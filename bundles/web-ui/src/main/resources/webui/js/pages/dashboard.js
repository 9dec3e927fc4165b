// Dashboard: health, routes listening, destinations healthy, queue depths, recent transfers, throughput.
import { get, items } from '../api.js';
import { h, clear, fill, table, badge, pageHead, fmtBytes, fmtTime, pick } from '../ui.js';
import { lineChart } from '../chart.js';

export const title = 'Dashboard';

export async function render(root, ctx) {
  const status = h('div', { class: 'grid', id: 'dash-status' });
  const routes = h('section', { class: 'card', 'aria-labelledby': 'dash-routes' }, h('h2', { id: 'dash-routes', text: 'Routes' }), h('div'));
  const dests = h('section', { class: 'card', 'aria-labelledby': 'dash-dests' }, h('h2', { id: 'dash-dests', text: 'Destinations' }), h('div'));
  const charts = h('section', { class: 'card', 'aria-labelledby': 'dash-tp' }, h('h2', { id: 'dash-tp', text: 'Throughput, last hour' }), h('div', { class: 'charts' }));
  const recent = h('section', { class: 'card', 'aria-labelledby': 'dash-recent' }, h('h2', { id: 'dash-recent', text: 'Recent transfers' }), h('div'));
  root.append(pageHead(title), status, routes, dests, charts, recent);

  ctx.every(async () => {
    const [health, sys] = await Promise.all([get('/health').catch((e) => e.body || { status: 'DOWN' }), get('/system/status').catch(() => null)]);
    fill(status, 
      stat('Router', badge(health.status), `version ${pick(sys, 'version') || health.version || ''}, up ${health.uptimeText || ''}`),
      stat('Database', badge(pick(health.database, 'status') || '?'), pick(health.database, 'detail') || ''),
      spoolStat(sys), memoryStat(sys));
    const routeRows = items(pick(sys, 'routes') || []);
    fill(routes.lastChild, table([
      { label: 'AE title', value: (r) => h('a', { href: '#/routes', text: pick(r, 'ae_title', 'aeTitle', 'name') }) },
      { label: 'Port', value: (r) => pick(r, 'port'), num: true },
      { label: 'Listening', value: (r) => badge(listening(r) ? 'listening' : 'not listening', listening(r) ? 'ok' : 'danger') },
      { label: 'Problem', value: (r) => pick(r, 'problem', 'error') || '' },
    ], routeRows, { empty: sys ? 'No routes configured.' : 'System status unavailable.' }));
    const destRows = items(pick(sys, 'destinations') || []);
    fill(dests.lastChild, table([
      { label: 'Name', value: (d) => pick(d, 'name') },
      { label: 'Type', value: (d) => pick(d, 'type') },
      { label: 'Health', value: (d) => { const ok = healthy(d); return badge(ok === null ? 'unknown' : ok ? 'healthy' : 'unhealthy', ok === null ? 'muted' : ok ? 'ok' : 'danger'); } },
      { label: 'Queued', value: (d) => queue(d, 'pending', 'queued', 'PENDING'), num: true },
      { label: 'In progress', value: (d) => queue(d, 'in_progress', 'inProgress', 'IN_PROGRESS'), num: true },
      { label: 'Failed', value: (d) => queue(d, 'failed', 'FAILED'), num: true },
      { label: 'Last error', value: (d) => pick(d, 'problem', 'lastError', 'last_error') || '' },
    ], destRows, { empty: sys ? 'No destinations configured.' : 'System status unavailable.' }));
  }, 5000);

  ctx.every(async () => {
    const t = await get('/transfers', { limit: 10 });
    fill(recent.lastChild, table([
      { label: 'ID', value: (r) => h('a', { href: `#/transfers/${r.id}`, text: r.id }) },
      { label: 'Study', value: (r) => h('span', { class: 'mono', text: pick(r, 'studyInstanceUid', 'study_uid') }) },
      { label: 'Route', value: (r) => pick(r, 'route', 'route_ae') },
      { label: 'Destination', value: (r) => pick(r, 'destination') },
      { label: 'Status', value: (r) => badge(r.status) },
      { label: 'Started', value: (r) => fmtTime(pick(r, 'startedAt', 'started_at')) },
    ], items(t, 'transfers'), { empty: 'No transfers yet.' }));
  }, 5000);

  ctx.every(async () => {
    const m = await get('/metrics/throughput', { minutes: 60 });
    const pts = items(m, 'points');
    const inst = pts.map((p) => ({ t: new Date(p.minute), a: (p.received_instances || 0) / 60, b: (p.delivered_instances || 0) / 60 }));
    const mb = pts.map((p) => ({ t: new Date(p.minute), a: (p.received_bytes || 0) / 60 / 1048576, b: (p.delivered_bytes || 0) / 60 / 1048576 }));
    const labels = { a: 'received', b: 'delivered' };
    fill(charts.lastChild, 
      h('div', {}, h('h3', { text: 'Instances per second' }), lineChart(inst, { title: 'Instances per second over the last hour', labels, unit: 'instances/s', digits: 2 })),
      h('div', {}, h('h3', { text: 'MB per second' }), lineChart(mb, { title: 'Megabytes per second over the last hour', labels, unit: 'MB/s', digits: 2 })));
  }, 15000);
}

function stat(label, value, detail) {
  return h('div', { class: 'card' }, h('div', { class: 'stat-label', text: label }), h('div', { class: 'stat' }, value), h('div', { class: 'muted', text: detail }));
}

function spoolStat(sys) {
  const spool = pick(sys, 'spool', 'disk') || {};
  const free = pick(spool, 'free_bytes', 'freeBytes', 'free');
  const total = pick(spool, 'total_bytes', 'totalBytes', 'total');
  return stat('Spool disk', free === undefined ? '?' : `${fmtBytes(free)} free`, total ? `of ${fmtBytes(total)}` : '');
}

function memoryStat(sys) {
  const mem = pick(sys, 'memory', 'jvm') || {};
  const used = pick(mem, 'heapUsedBytes', 'used_bytes');
  const max = pick(mem, 'heapMaxBytes', 'max_bytes');
  return stat('JVM heap', used === undefined ? '?' : fmtBytes(used), max ? `of ${fmtBytes(max)}` : '');
}

function listening(r) {
  const v = pick(r, 'listening');
  return v === true || String(pick(r, 'status', 'state') || '').toUpperCase() === 'LISTENING';
}

function healthy(d) {
  const v = pick(d, 'healthy', 'available', 'up');
  if (v !== undefined) return !!v;
  const s = pick(d, 'status', 'health');
  return s === undefined ? null : /^(UP|OK|HEALTHY|AVAILABLE)$/i.test(String(s));
}

function queue(d, ...keys) {
  const q = pick(d, 'queue', 'queue_depths', 'queueDepths') || d;
  const v = pick(q, ...keys);
  return v === undefined ? '' : v;
}
