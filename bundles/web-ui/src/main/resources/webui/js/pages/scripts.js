// Scripts: DicomEdit editor with highlighting and line-numbered problems; validate, test against a sample
// (before/after diff), save.
import { api, get, post, put, del, items, seg } from '../api.js';
import { h, clear, fill, table, badge, pageHead, field, input, select, toast, confirm, pick } from '../ui.js';
import { editor } from '../dicomedit.js';

export const title = 'Scripts';

const NEW_SCRIPT = 'version "6.3"\n\n// remove the patient\'s name\n(0010,0010) := "ANONYMOUS"\n';

export async function render(root, ctx) {
  const list = h('div', { id: 'scripts-list' });
  const work = h('section', { class: 'card', id: 'script-work', 'aria-labelledby': 'script-work-title' });
  const add = ctx.isAdmin ? h('button', { type: 'button', id: 'script-new', text: 'New script', onclick: () => open(null) }) : null;
  root.append(pageHead(title, add), list, work);
  let samples = [];
  try { samples = items(await get('/scripts/samples'), 'samples').map((s) => (typeof s === 'string' ? s : s.name)); } catch (e) { samples = []; }

  async function load() {
    const rows = items(await get('/scripts'), 'scripts');
    fill(list, table([
      { label: 'Name', value: (s) => h('button', { type: 'button', class: 'small secondary', text: s.name, 'aria-label': `Open script ${s.name}`, onclick: () => open(s) }) },
      { label: 'Kind', value: (s) => (builtIn(s) ? badge('built-in', 'muted') : badge('configured', 'ok')) },
      { label: 'Description', value: (s) => s.description || '' },
      ...(ctx.isAdmin ? [{ label: 'Actions', value: (s) => (builtIn(s) ? '' : h('button', { type: 'button', class: 'small danger', text: 'Delete', 'aria-label': `Delete script ${s.name}`,
        onclick: () => confirm('Delete script', `Delete script ${s.name}?`, async () => { await del(`/scripts/${seg(s.name)}`); toast(`Script ${s.name} deleted`, 'ok'); clear(work); load(); }) })) }] : []),
    ], rows, { caption: 'Scripts', empty: 'No scripts.', key: (s) => s.name }));
  }

  async function open(s) {
    let script = s ? await get(`/scripts/${seg(s.name)}`) : { name: '', content: NEW_SCRIPT };
    const readOnly = !ctx.isAdmin || builtIn(s || {});
    const name = input('name', script.name || '', { id: 'script-name', required: true, maxlength: 64, readonly: !!s });
    const description = input('description', script.description || '', { id: 'script-description', readonly: readOnly });
    const ed = editor('Script (DicomEdit 6)', pick(script, 'content', 'text', 'script') || '', { readOnly, id: 'script-editor' });
    const sample = samples.length ? select('sample', samples, samples[0], { id: 'script-sample' }) : null;
    const file = h('input', { type: 'file', id: 'script-sample-file', name: 'sample_file', accept: '.dcm,application/dicom' });
    const out = h('div', { id: 'script-result', 'aria-live': 'polite' });
    fill(work, h('h2', { id: 'script-work-title', tabindex: '-1', text: s ? `Script ${s.name}` : 'New script' }),
      h('div', { class: 'form-grid' }, field('Name', name), field('Description', description)),
      ed.element,
      h('div', { class: 'toolbar' },
        ctx.canOperate && sample ? field('Sample', sample) : null,
        ctx.canOperate ? field('Or a DICOM file of yours (saved scripts)', file) : null,
        ctx.canOperate ? h('button', { type: 'button', id: 'script-validate', class: 'secondary', text: 'Check syntax', onclick: validate }) : null,
        ctx.canOperate ? h('button', { type: 'button', id: 'script-test', class: 'secondary', text: 'Test', onclick: test }) : null,
        !readOnly ? h('button', { type: 'button', id: 'script-save', text: 'Save', onclick: save } ) : null),
      out);
    work.querySelector('h2').focus();

    async function validate() {
      const r = await post('/scripts/validate', { content: ed.value() });
      const problems = items(r, 'problems');
      ed.setProblems(problems);
      fill(out, problems.length ? h('p', { class: 'error', role: 'alert', text: `${problems.length} problem(s); the lines are marked.` })
        : h('p', { class: 'ok', text: 'No problems.' }));
      return problems;
    }

    async function test() {
      fill(out, h('p', { class: 'muted', text: 'Testing…' }));
      let r;
      try {
        if (file.files.length) {
          if (!s) {
            fill(out, h('p', { class: 'error', role: 'alert', text: 'Save the script first to test it on a file of yours (or test it on a sample).' }));
            return;
          }
          r = await api('POST', '/scripts/test', { body: file.files[0], contentType: 'application/dicom', query: { script: s.name }, timeout: 60000 });
        } else {
          r = await post('/scripts/test', { content: ed.value(), sample: sample ? sample.value : undefined });
        }
      } catch (e) {
        // a script that does not parse: the validator says on which lines
        const problems = e.status === 400 ? await validate().catch(() => []) : [];
        if (problems.length) {
          fill(out, h('p', { class: 'error', role: 'alert', id: 'script-test-error', text: `The script has ${problems.length} problem(s); the lines are marked.` }));
          return;
        }
        fill(out, h('p', { class: 'error', role: 'alert', id: 'script-test-error', text: e.message }));
        return;
      }
      const problems = items(pick(r, 'problems') || []);
      if (problems.length) {
        ed.setProblems(problems);
        fill(out, h('p', { class: 'error', role: 'alert', text: `The script has ${problems.length} problem(s); the lines are marked.` }));
        return;
      }
      const changes = items(r, 'changes', 'diff');
      fill(out, h('h3', { text: `Before and after (${pick(r, 'sample') || 'sample'})` }),
        pick(r, 'refused') ? h('p', { class: 'error', text: `The script refuses this instance: ${r.refused}` }) : null,
        h('div', { class: 'diff' }, table([
          { label: 'Element', value: (c) => h('span', { class: 'mono', text: c.path }) },
          { label: 'Keyword', value: (c) => c.keyword || '' },
          { label: 'Before', value: (c) => (c.before === null || c.before === undefined ? h('em', { text: '(absent)' }) : c.before) },
          { label: 'After', value: (c) => (c.after === null || c.after === undefined ? h('em', { text: '(removed)' }) : c.after) },
        ], changes, { caption: `${changes.length} element(s) changed`, empty: 'The script changed nothing in this sample.' })));
      out.querySelectorAll('tbody tr').forEach((tr) => { tr.children[2].classList.add('before'); tr.children[3].classList.add('after'); });
    }

    async function save() {
      const body = { name: name.value.trim(), description: description.value, content: ed.value() };
      try {
        if (s) await put(`/scripts/${seg(s.name)}`, body); else await post('/scripts', body);
      } catch (e) {
        if (e.problems && e.problems.some((p) => p.line)) ed.setProblems(e.problems.filter((p) => p.line));
        throw e;
      }
      toast(`Script ${body.name} saved`, 'ok');
      s = body;
      load();
    }
  }

  await load();
}

function builtIn(s) {
  return !!(pick(s, 'builtin', 'built_in', 'read_only', 'readOnly') || s.source === 'builtin' || s.kind === 'builtin');
}
