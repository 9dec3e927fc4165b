// DicomEdit 6 syntax highlighting and a code editor with line numbers and line-marked problems.
// The editor is a plain <textarea> (so typing, selection, undo and screen readers work as usual) laid over a
// highlighted copy of its text.
import { h, clear, fill, uid } from './ui.js';

const KEYWORDS = new Set(['version', 'removeAllPrivateTags', 'retainPrivateTags', 'new', 'UID', 'describe', 'export']);
const FUNCTIONS = new Set(['hashUID', 'format', 'lowercase', 'uppercase', 'replace', 'substring', 'match', 'lookup',
  'shiftDateTimeByIncrement', 'alterPixels', 'blankValues']);

const RULES = [
  ['comment', /^\/\/.*/],
  ['string', /^"(?:[^"\\\n]|\\.)*"?/],
  ['tag', /^\([0-9A-Fa-fXx@]{4},[0-9A-Fa-fXx@]{4}\)/],
  ['number', /^-?\d+(?:\.\d+)?/],
  ['word', /^[A-Za-z_][A-Za-z0-9_]*/],
  ['operator', /^(?::=|\?=|!=|!~|[=~?:\-\[\],/*+])/],
  ['space', /^\s+/],
  ['other', /^./],
];

/** Splits a script into [kind, text] tokens; kinds: comment string tag number keyword function variable operator plain. */
export function tokenize(text) {
  const out = [];
  let rest = text;
  while (rest.length) {
    for (const [kind, re] of RULES) {
      const m = re.exec(rest);
      if (!m) continue;
      let k = kind;
      if (kind === 'word') k = KEYWORDS.has(m[0]) ? 'keyword' : FUNCTIONS.has(m[0]) ? 'function' : 'variable';
      if (kind === 'space' || kind === 'other') k = 'plain';
      out.push([k, m[0]]);
      rest = rest.slice(m[0].length);
      break;
    }
  }
  return out;
}

/** Highlighted nodes of a script (spans with tok-* classes, text nodes for the rest). */
export function highlight(text) {
  return tokenize(text).map(([kind, t]) => (kind === 'plain' ? document.createTextNode(t) : h('span', { class: `tok-${kind}`, text: t })));
}

/**
 * An editor: returns {element, textarea, value(), setValue(text), setProblems([{line, column, message}])}.
 * readOnly for built-in scripts.
 */
export function editor(label, value = '', { readOnly = false, name = 'content', id = uid('editor') } = {}) {
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const pre = h('pre', { 'aria-hidden': 'true' });
  const textarea = h('textarea', { id, name, class: 'code', spellcheck: 'false', autocomplete: 'off', wrap: 'off',
    readonly: readOnly, 'aria-describedby': id + '-problems' });
  textarea.value = value;
  const problemsList = h('ul', { id: id + '-problems', class: 'error script-problems', 'aria-live': 'polite' });
  let problems = [];

  function paint() {
    const text = textarea.value;
    fill(pre, ...highlight(text), '\n');
    const lines = text.split('\n').length;
    const bad = new Set(problems.map((p) => p.line));
    clear(gutter);
    for (let i = 1; i <= lines; i++) {
      gutter.append(bad.has(i) ? h('span', { class: 'bad', title: 'problem on this line', text: `! ${i}` }) : String(i), i < lines ? '\n' : '');
    }
    // the textarea sizes the stack: as tall and wide as its content, so the page (not the textarea) scrolls
    textarea.style.height = '0px';
    textarea.style.height = Math.max(textarea.scrollHeight, pre.scrollHeight) + 'px';
  }

  function goTo(line, column) {
    const rows = textarea.value.split('\n');
    let pos = 0;
    for (let i = 0; i < Math.min(line - 1, rows.length); i++) pos += rows[i].length + 1;
    pos += Math.max(0, (column || 1) - 1);
    textarea.focus();
    textarea.setSelectionRange(pos, pos);
  }

  textarea.addEventListener('input', () => {
    problems = [];
    clear(problemsList);
    paint();
  });
  textarea.addEventListener('keydown', (e) => {
    // Tab inserts spaces; Escape then Tab leaves the editor (keyboard users are never trapped)
    if (e.key === 'Tab' && !e.shiftKey && !readOnly && !textarea.dataset.escaped) {
      e.preventDefault();
      textarea.setRangeText('    ', textarea.selectionStart, textarea.selectionEnd, 'end');
      textarea.dispatchEvent(new Event('input'));
    }
    if (e.key === 'Escape') textarea.dataset.escaped = '1';
    else if (e.key !== 'Tab') delete textarea.dataset.escaped;
  });
  const element = h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    h('span', { class: 'help', id: id + '-help', text: readOnly ? 'Read only.' : 'Tab indents; press Escape, then Tab, to leave the editor.' }),
    h('div', { class: 'editor' }, gutter, h('div', { class: 'stack' }, pre, textarea)),
    problemsList);
  queueMicrotask(paint);
  return {
    element,
    textarea,
    value: () => textarea.value,
    setValue(text) { textarea.value = text; problems = []; clear(problemsList); paint(); },
    setProblems(list) {
      problems = list || [];
      clear(problemsList);
      for (const p of problems) {
        problemsList.append(h('li', { 'data-line': p.line },
          h('button', { type: 'button', class: 'small secondary', text: `line ${p.line}, column ${p.column}`, onclick: () => goTo(p.line, p.column) }),
          ' ', p.message));
      }
      paint();
    },
  };
}
