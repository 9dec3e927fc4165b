// Storage: upload files, folders and archives (drag and drop), stored and failed studies per route,
// move to import, retry, delete.
import { apiKey, get, post, del, items, seg, ApiError } from '../api.js';
import { h, clear, fill, table, badge, pageHead, field, select, toast, confirm, fmtBytes, fmtTime, pick } from '../ui.js';

export const title = 'Storage';
const MAX_FILES = 20000;

export async function render(root, ctx) {
  const summary = h('div', { id: 'storage-summary' });
  const trash = h('p', { id: 'storage-trash', class: 'muted' });
  const routeSel = select('route', [], undefined, { id: 'storage-route' });
  const state = select('state', ['stored', 'importing', 'failed'].map((v) => ({ value: v, label: v })), 'stored', { id: 'storage-state' });
  const studies = h('div', { id: 'storage-studies' });
  const progress = h('div', { id: 'upload-progress', 'aria-live': 'polite' });
  const fileInput = h('input', { type: 'file', id: 'upload-files', multiple: true });
  const folderInput = h('input', { type: 'file', id: 'upload-folder', webkitdirectory: true, multiple: true });
  const drop = h('div', { class: 'dropzone', id: 'dropzone' },
    h('p', { text: 'Drop DICOM files, folders or ZIP / TAR / TAR.GZ archives here, or choose them:' }),
    h('div', { class: 'toolbar' }, field('Files or archives', fileInput), field('A folder', folderInput)));
  root.append(pageHead(title), summary, trash,
    h('section', { class: 'card', 'aria-labelledby': 'upload-title' }, h('h2', { id: 'upload-title', text: 'Upload' }),
      ctx.canOperate ? [field('To route', routeSel), drop, progress] : h('p', { class: 'muted', text: 'Uploading needs an operator or admin key.' })),
    h('section', { class: 'card', 'aria-labelledby': 'studies-title' }, h('h2', { id: 'studies-title', text: 'Studies' }),
      h('div', { class: 'toolbar' }, ctx.canOperate ? null : field('Route', routeSel), field('State', state),
        ctx.canOperate ? h('button', { type: 'button', id: 'storage-import-all', class: 'secondary', text: 'Import all stored', onclick: importAll }) : null),
      studies));
  
  async function loadSummary() {
    const data = await get('/storage');
    const routes = items(data, 'routes');
    fill(summary, table([
      { label: 'Route', value: (r) => pick(r, 'route', 'ae_title', 'name') },
      { label: 'Stored studies', value: (r) => pick(r, 'storedStudies', 'stored_studies', 'stored'), num: true },
      { label: 'Stored size', value: (r) => fmtBytes(pick(r, 'bytes', 'stored_bytes', 'size')), num: true },
      { label: 'Importing', value: (r) => pick(r, 'importingStudies', 'importing'), num: true },
      { label: 'Failed studies', value: (r) => pick(r, 'failedStudies', 'failed_studies', 'failed'), num: true },
    ], routes, { caption: 'Storage per route', empty: 'No routes.' }));
    const t = pick(data, 'trash');
    trash.textContent = t ? `Trash: ${pick(t, 'studies') ?? 0} stud${pick(t, 'studies') === 1 ? 'y' : 'ies'}, ${fmtBytes(pick(t, 'bytes') ?? 0)}; deleted studies are kept ${pick(t, 'retentionDays', 'retention_days') ?? '?'} day(s).` : '';
    const current = routeSel.value;
    const names = routes.map((r) => pick(r, 'route', 'ae_title', 'name'));
    if (names.join() !== [...routeSel.options].map((o) => o.value).join()) {
      fill(routeSel, ...names.map((n) => h('option', { value: n, text: n })));
      if (names.includes(current)) routeSel.value = current;
    }
  }

  async function loadStudies() {
    if (!routeSel.value) { fill(studies, h('p', { class: 'muted', text: 'No route selected.' })); return; }
    const rows = items(await get(`/storage/${seg(routeSel.value)}/studies`, { state: state.value }), 'studies');
    fill(studies, table([
      { label: 'Patient', value: (s) => `${pick(s, 'patient_name', 'patientName') || ''} ${pick(s, 'patient_id', 'patientId') ? '(' + pick(s, 'patient_id', 'patientId') + ')' : ''}` },
      { label: 'Study date', value: (s) => pick(s, 'study_date', 'studyDate') || '' },
      { label: 'Description', value: (s) => pick(s, 'studyDescription', 'study_description', 'description') || '' },
      { label: 'Modalities', value: (s) => [].concat(pick(s, 'modalities') || []).join(', ') },
      { label: 'Instances', value: (s) => pick(s, 'instances', 'instance_count'), num: true },
      { label: 'Size', value: (s) => fmtBytes(pick(s, 'size', 'bytes', 'size_bytes')), num: true },
      { label: 'Uploaded', value: (s) => `${fmtTime(pick(s, 'uploaded_at', 'uploadedAt'))} ${pick(s, 'uploaded_by', 'uploadedBy') || ''}` },
      { label: 'State', value: (s) => badge(pick(s, 'state') || state.value) },
      ...(ctx.canOperate ? [{ label: 'Actions', value: (s) => studyActions(s) }] : []),
    ], rows, { caption: `${state.value === 'failed' ? 'Failed' : 'Stored'} studies of ${routeSel.value}`, empty: 'No studies.', key: (s) => pick(s, 'studyInstanceUid', 'study_uid', 'studyUid') }));
  }

  function studyActions(s) {
    const uid = pick(s, 'studyInstanceUid', 'study_uid', 'studyUid');
    const base = `/storage/${seg(routeSel.value)}/studies/${seg(uid)}`;
    return h('div', { class: 'actions' },
      state.value === 'failed'
        ? h('button', { type: 'button', class: 'small', text: 'Retry', 'aria-label': `Retry study ${uid}`, onclick: async () => { await post(`${base}/retry`); toast('Import started again', 'ok'); refresh(); } })
        : h('button', { type: 'button', class: 'small', text: 'Import', 'aria-label': `Move study ${uid} to import`, onclick: async () => { const r = await post(`${base}/import`); toast(`Import started${r && r.importJob ? ' (job ' + r.importJob + ')' : ''}`, 'ok'); refresh(); } }),
      h('button', { type: 'button', class: 'small danger', text: 'Delete', 'aria-label': `Delete study ${uid}`,
        onclick: () => confirm('Delete study', `Move study ${uid} to the trash?`, async () => { await del(base); toast('Study moved to the trash', 'ok'); refresh(); }) }));
  }

  async function importAll() {
    const r = await post(`/storage/${seg(routeSel.value)}/import`);
    toast('Import of all stored studies started', 'ok');
    refresh();
  }

  async function refresh() {
    await loadSummary();
    await loadStudies();
  }

  /** Uploads files ([{file, path}]) as one multipart body; XHR for the upload progress fetch does not give. */
  function upload(entries) {
    if (!routeSel.value) { toast('Choose a route first', 'error'); return; }
    if (entries.length > MAX_FILES) { toast(`At most ${MAX_FILES} files per upload`, 'error'); return; }
    const form = new FormData();
    for (const { file, path } of entries) form.append('file', file, path || file.name);
    const bar = h('progress', { class: 'progress', max: 100, value: 0, id: 'upload-bar', 'aria-label': 'Upload progress' });
    const label = h('p', { text: `Uploading ${entries.length} file(s)…` });
    fill(progress, label, bar);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/storage/${seg(routeSel.value)}/uploads`);
    xhr.setRequestHeader('X-API-Key', apiKey());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100); };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) {
        bar.value = 100;
        label.textContent = `Uploaded: ${pick(body, 'filesStored', 'files_stored') ?? '?'} file(s) stored, ${pick(body, 'archivesExtracted', 'archives_extracted') ?? 0} archive(s) extracted, ${pick(body, 'studiesFound', 'studies_found') ?? 0} study(ies), ${pick(body, 'rejectedCount') ?? 0} file(s) not DICOM.${[].concat(pick(body, 'importJobs') || []).length ? ' Import started (auto import).' : ''}`;
        label.id = 'upload-done';
        toast('Upload finished', 'ok');
        refresh();
      } else {
        if (xhr.status === 401) window.dispatchEvent(new CustomEvent('router:unauthorized'));
        const err = new ApiError(xhr.status, (body && body.error) || `upload failed (${xhr.status})`);
        label.textContent = err.message;
        label.className = 'error';
        label.setAttribute('role', 'alert');
      }
    };
    xhr.onerror = () => { label.textContent = 'The upload was interrupted.'; label.className = 'error'; };
    xhr.send(form);
  }

  /** Walks dropped folders (File System entries), keeping each file's relative path. */
  async function collect(dataTransfer) {
    const out = [];
    const walk = async (entry, prefix) => {
      if (out.length > MAX_FILES) return;
      if (entry.isFile) {
        const file = await new Promise((res, rej) => entry.file(res, rej));
        out.push({ file, path: prefix + file.name });
      } else if (entry.isDirectory) {
        const reader = entry.createReader();
        for (;;) {
          const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
          if (!batch.length) break;
          for (const e of batch) await walk(e, `${prefix}${entry.name}/`);
        }
      }
    };
    const entries = [...dataTransfer.items].map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
    if (entries.every((e) => e)) {
      for (const e of entries) await walk(e, '');
    } else {
      for (const f of dataTransfer.files) out.push({ file: f, path: f.name });
    }
    return out;
  }

  drop.addEventListener('dragenter', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (!e.dataTransfer) return;
    const files = await collect(e.dataTransfer);
    if (!files.length) { toast('Nothing to upload was dropped', 'error'); return; }
    upload(files);
  });
  fileInput.addEventListener('change', () => { upload([...fileInput.files].map((f) => ({ file: f, path: f.name }))); fileInput.value = ''; });
  folderInput.addEventListener('change', () => { upload([...folderInput.files].map((f) => ({ file: f, path: f.webkitRelativePath || f.name }))); folderInput.value = ''; });
  routeSel.addEventListener('change', loadStudies);
  state.addEventListener('change', loadStudies);

  await loadSummary();
  ctx.every(loadStudies, 5000);
}
