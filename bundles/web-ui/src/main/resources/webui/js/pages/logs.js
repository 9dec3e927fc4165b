// Logs: live tail (every 2 s) with a level filter, and the logs directory with downloads.
import { api, get, items, seg } from '../api.js';
import { h, clear, fill, table, pageHead, field, select, input, checkbox, fmtBytes, fmtTime, toast, pick } from '../ui.js';

export const title = 'Logs';

export async function render(root, ctx) {
  const level = select('level', ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'], 'INFO', { id: 'log-level' });
  const lines = input('lines', 200, { type: 'number', min: 10, max: 5000, id: 'log-lines' });
  const follow = checkbox('follow', true, { id: 'log-follow' });
  const out = h('pre', { class: 'log', id: 'log-tail', tabindex: '0', 'aria-label': 'Log lines' });
  const files = h('div', { id: 'log-files' });
  root.append(pageHead(title),
    h('div', { class: 'toolbar' }, field('Least level', level), field('Lines', lines), field('Live (every 2 s)', follow)),
    out, h('h2', { text: 'Log files' }), files);

  async function tail() {
    if (!follow.checked && out.childNodes.length) return;
    const data = await get('/logs', { level: level.value, lines: Math.min(5000, Math.max(10, Number(lines.value) || 200)) });
    const rows = Array.isArray(data) ? data : items(data, 'lines', 'entries');
    const atBottom = out.scrollTop + out.clientHeight >= out.scrollHeight - 20;
    fill(out, ...rows.map((l) => {
      const text = typeof l === 'string' ? l : pick(l, 'line', 'text', 'message') || JSON.stringify(l);
      const lvl = (typeof l === 'object' && l.level) || (/\b(ERROR|WARN|INFO|DEBUG|TRACE)\b/.exec(text) || [])[1] || '';
      return h('span', { class: `lvl-${lvl}` }, text, '\n');
    }));
    if (atBottom) out.scrollTop = out.scrollHeight;
  }

  async function download(name) {
    const r = await api('GET', `/logs/files/${seg(name)}`, { raw: true, headers: { Accept: '*/*' }, timeout: 120000 });
    if (!r.ok) { toast(`Download failed: ${r.status}`, 'error'); return; }
    const url = URL.createObjectURL(await r.blob());
    const a = h('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function listFiles() {
    const rows = items(await get('/logs/files'), 'files');
    fill(files, table([
      { label: 'File', value: (f) => f.name },
      { label: 'Size', value: (f) => fmtBytes(pick(f, 'size', 'bytes')), num: true },
      { label: 'Modified', value: (f) => fmtTime(pick(f, 'modifiedAt', 'modified')) },
      { label: 'Download', value: (f) => h('button', { type: 'button', class: 'small secondary', text: 'Download', 'aria-label': `Download ${f.name}`, onclick: () => download(f.name) }) },
    ], rows, { caption: 'Logs directory', empty: 'No log files.' }));
  }

  level.addEventListener('change', () => { clear(out); tail(); });
  ctx.every(tail, 2000);
  listFiles().catch((e) => files.append(h('p', { class: 'error', text: e.message })));
}
