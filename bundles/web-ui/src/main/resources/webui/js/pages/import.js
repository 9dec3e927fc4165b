// Import: scan a directory (study preview), start an import job, follow its progress live (every 2 s).
import { get, post, del, items, seg } from '../api.js';
import { h, clear, fill, table, badge, pageHead, field, input, checkbox, select, toast, showError, fmtBytes, fmtTime, pick } from '../ui.js';

export const title = 'Import';

export async function render(root, ctx) {
  const routes = items(await get('/routes').catch(() => []), 'routes').map((r) => r.ae_title);
  const form = h('form', { id: 'import-form', novalidate: true },
    h('div', { class: 'form-grid' },
      field('Directory on the router', input('path', '', { id: 'import-path', required: true, placeholder: '/data/incoming' }), 'An absolute path on the router\'s machine.'),
      field('Route', select('route', routes, routes[0], { id: 'import-route' }))),
    field('Include sub-directories', checkbox('recursive', true, { id: 'import-recursive' })),
    field('Delete each file once it is safely received (move)', checkbox('move', false, { id: 'import-move' })),
    field('Dry run (count only, import nothing)', checkbox('dry_run', false, { id: 'import-dry-run' })),
    h('ul', { class: 'form-problems error', role: 'alert' }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'import-scan', class: 'secondary', text: 'Scan (preview)', onclick: scan }),
      h('button', { type: 'submit', id: 'import-start', text: 'Start import' })));
  const preview = h('div', { id: 'import-preview', 'aria-live': 'polite' });
  const jobs = h('div', { id: 'import-jobs' });
  root.append(pageHead(title),
    ctx.canOperate ? h('section', { class: 'card', 'aria-labelledby': 'import-new' }, h('h2', { id: 'import-new', text: 'New import' }), form, preview)
      : h('p', { class: 'muted', text: 'Starting imports needs an operator or admin key.' }),
    h('section', { class: 'card', 'aria-labelledby': 'import-jobs-title' }, h('h2', { id: 'import-jobs-title', text: 'Import jobs' }), jobs));

  const values = () => ({ path: form.elements.path.value.trim(), route: form.elements.route.value,
    recursive: form.elements.recursive.checked, move: form.elements.move.checked, dry_run: form.elements.dry_run.checked });

  async function scan() {
    fill(preview, h('p', { class: 'muted', text: 'Scanning…' }));
    try {
      const r = await post('/imports/scan', { path: values().path, recursive: values().recursive }, { timeout: 300000 });
      fill(preview, h('p', { id: 'import-scan-summary', text: `${pick(r, 'files_total', 'files') ?? '?'} file(s), ${fmtBytes(pick(r, 'bytes_total', 'bytes'))}; ${pick(r, 'skipped') ?? 0} not DICOM, ${pick(r, 'failed') ?? 0} unreadable.` }),
        studyTable(items(r, 'studies', 'preview')));
    } catch (e) {
      clear(preview);
      showError(e, form);
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const job = await post('/imports', values());
      toast(`Import job ${job.id} started`, 'ok');
      loadJobs();
    } catch (err) {
      showError(err, form);
    }
  });

  async function loadJobs() {
    const rows = items(await get('/imports'), 'jobs', 'imports');
    fill(jobs, table([
      { label: 'Job', value: (j) => j.id },
      { label: 'Route', value: (j) => j.route },
      { label: 'Path', value: (j) => h('span', { class: 'mono', text: j.path }) },
      { label: 'State', value: (j) => badge(pick(j, 'state', 'status')) },
      { label: 'Progress', value: (j) => jobProgress(j) },
      { label: 'Imported', value: (j) => pick(j, 'imported'), num: true },
      { label: 'Filtered', value: (j) => pick(j, 'filtered'), num: true },
      { label: 'Skipped', value: (j) => pick(j, 'skipped'), num: true },
      { label: 'Failed', value: (j) => pick(j, 'failed'), num: true },
      { label: 'Started', value: (j) => fmtTime(pick(j, 'started_at', 'startedAt', 'created_at')) },
      ...(ctx.canOperate ? [{ label: 'Actions', value: (j) => (/^(RUNNING|SCANNING|QUEUED|PENDING)$/i.test(pick(j, 'state', 'status') || '')
        ? h('button', { type: 'button', class: 'small danger', text: 'Cancel', 'aria-label': `Cancel import ${j.id}`, onclick: async () => { await del(`/imports/${seg(j.id)}`); toast(`Import ${j.id} cancelled`, 'ok'); loadJobs(); } }) : '') }] : []),
    ], rows, { caption: 'Import jobs, newest first', empty: 'No import jobs.', key: (j) => j.id }));
  }

  ctx.every(loadJobs, 2000);
}

function jobProgress(j) {
  const p = j.progress || j;
  const done = pick(p, 'files_done', 'filesDone', 'done');
  const total = pick(p, 'files_total', 'filesTotal', 'total');
  if (done === undefined || !total) return '';
  return h('span', {}, h('progress', { class: 'progress', max: total, value: done, 'aria-label': `${done} of ${total} files` }), ` ${done} / ${total}`);
}

function studyTable(rows) {
  return table([
    { label: 'Study UID', value: (s) => h('span', { class: 'mono', text: pick(s, 'study_instance_uid', 'study_uid', 'studyInstanceUid') }) },
    { label: 'Patient', value: (s) => `${pick(s, 'patient_name', 'patientName') || ''} ${pick(s, 'patient_id', 'patientId') || ''}` },
    { label: 'Date', value: (s) => pick(s, 'study_date', 'studyDate') || '' },
    { label: 'Description', value: (s) => pick(s, 'study_description', 'description') || '' },
    { label: 'Modalities', value: (s) => [].concat(pick(s, 'modalities') || []).join(', ') },
    { label: 'Instances', value: (s) => pick(s, 'instances'), num: true },
    { label: 'Size', value: (s) => fmtBytes(pick(s, 'bytes', 'size')), num: true },
  ], rows, { caption: 'Studies found', empty: 'No DICOM studies found.' });
}
