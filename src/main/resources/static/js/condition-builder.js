// The condition builder: edits the JSON condition tree (kept in #condition) as nested groups and criteria, and shows
// a live count and sample of matching customers, with each problem shown at the criterion it concerns.
(function () {
  const root = document.getElementById('builder');
  const textarea = document.getElementById('condition');
  const form = document.getElementById('audience-form');
  const mode = document.getElementById('mode');
  const text = root.dataset;
  const NO_VALUE = ['is_empty', 'is_not_empty', 'is_true', 'is_false'];
  const DAYS = ['in_last_days', 'in_next_days', 'more_than_days_ago', 'anniversary_in_next_days'];
  let fields = [];
  let tree;
  let timer;

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (key.startsWith('on')) node.addEventListener(key.substring(2), value);
      else if (value !== undefined && value !== null) node.setAttribute(key, value);
    });
    children.flat().forEach(child => node.append(child));
    return node;
  };
  const field = name => fields.find(f => f.name === name);

  // The tree in memory: {group: 'and'|'or', not, items: [...]} or {field, op, value, params, not}.
  function read(json) {
    if (json && json.not) return Object.assign(read(json.not), {not: true});
    if (json && (json.and || json.or)) {
      const group = json.and ? 'and' : 'or';
      return {group, not: false, items: json[group].map(read)};
    }
    return Object.assign({field: fields[0].name, op: fields[0].operators[0], params: {}}, json || {}, {not: false});
  }

  function write(node, path, paths) {
    let json;
    const inner = node.not ? path + '.not' : path;
    paths.set(node, inner);
    if (node.group) {
      json = {[node.group]: node.items.map((item, i) => write(item, inner + '.' + node.group + '[' + i + ']', paths))};
    } else {
      json = {field: node.field, op: node.op};
      if (node.value !== undefined && !NO_VALUE.includes(node.op)) json.value = node.value;
      const params = Object.fromEntries(Object.entries(node.params || {}).filter(([, v]) => v !== '' && v !== null));
      if (Object.keys(params).length) json.params = params;
    }
    return node.not ? {not: json} : json;
  }

  function changed() {
    const paths = new Map();
    textarea.value = JSON.stringify(write(tree, 'condition', paths));
    render(paths);
    clearTimeout(timer);
    timer = setTimeout(preview, 500);
  }

  function render(paths) {
    root.replaceChildren(renderNode(tree, null, paths));
  }

  function renderNode(node, parent, paths) {
    const remove = parent ? el('button', {type: 'button', class: 'btn btn-sm btn-link text-danger', title: text.remove,
      onclick: () => { parent.items.splice(parent.items.indexOf(node), 1); changed(); }}, '×') : '';
    const not = el('label', {class: 'form-check-label small me-2'},
      el('input', {type: 'checkbox', class: 'form-check-input me-1', ...(node.not ? {checked: ''} : {}),
        onchange: e => { node.not = e.target.checked; changed(); }}), text.not);
    if (node.group) {
      const select = el('select', {class: 'form-select form-select-sm w-auto d-inline-block', 'aria-label': 'group',
        onchange: e => { node.group = e.target.value; changed(); }},
        el('option', {value: 'and', ...(node.group === 'and' ? {selected: ''} : {})}, text.all),
        el('option', {value: 'or', ...(node.group === 'or' ? {selected: ''} : {})}, text.any));
      return el('div', {class: 'border rounded p-2 mb-2 condition-group', 'data-path': paths.get(node)},
        el('div', {class: 'd-flex align-items-center gap-2 mb-2'}, not, select, remove),
        node.items.map(item => renderNode(item, node, paths)),
        el('div', {class: 'problem text-danger small'}),
        el('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary me-2 add-condition',
          onclick: () => { node.items.push(read(null)); changed(); }}, text.addCondition),
        el('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary add-group',
          onclick: () => { node.items.push({group: 'and', not: false, items: [read(null)]}); changed(); }}, text.addGroup));
    }
    return el('div', {class: 'd-flex flex-wrap align-items-center gap-2 mb-2 criterion', 'data-path': paths.get(node)},
      not, fieldSelect(node), opSelect(node), parameterInputs(node), valueInputs(node), remove,
      el('div', {class: 'problem text-danger small w-100'}));
  }

  function fieldSelect(node) {
    const groups = {};
    fields.forEach(f => (groups[f.name.split('.')[0]] = groups[f.name.split('.')[0]] || []).push(f));
    return el('select', {class: 'form-select form-select-sm w-auto field', 'aria-label': 'field',
      onchange: e => { node.field = e.target.value; node.op = field(node.field).operators[0]; node.value = undefined;
        node.params = {}; changed(); }},
      Object.entries(groups).map(([group, list]) => el('optgroup', {label: group},
        list.map(f => el('option', {value: f.name, ...(f.name === node.field ? {selected: ''} : {})}, f.name)))));
  }

  function opSelect(node) {
    const f = field(node.field);
    return el('select', {class: 'form-select form-select-sm w-auto op', 'aria-label': 'operator',
      onchange: e => { node.op = e.target.value; node.value = undefined; changed(); }},
      (f ? f.operators : []).map(op => el('option', {value: op, ...(op === node.op ? {selected: ''} : {})}, op)));
  }

  function parameterInputs(node) {
    const f = field(node.field);
    return (f ? f.parameters : []).map(p => {
      const value = (node.params || {})[p.name] ?? '';
      const set = raw => { node.params = node.params || {};
        node.params[p.name] = p.type === 'NUMBER' ? (raw === '' ? null : Number(raw)) : raw; changed(); };
      const input = p.options.length
        ? el('select', {class: 'form-select form-select-sm w-auto', name: 'param-' + p.name, onchange: e => set(e.target.value)},
            el('option', {value: ''}, '—'), p.options.map(o => el('option', {value: o, ...(o === value ? {selected: ''} : {})}, o)))
        : el('input', {class: 'form-control form-control-sm', style: 'width: 8rem', name: 'param-' + p.name,
            type: p.type === 'NUMBER' ? 'number' : 'text', value, placeholder: p.name + (p.required ? ' *' : ''),
            onchange: e => set(e.target.value)});
      return el('span', {class: 'small text-secondary'}, p.name + ' ', input);
    });
  }

  function valueInputs(node) {
    const f = field(node.field);
    if (!f || NO_VALUE.includes(node.op)) return '';
    const number = f.type === 'NUMBER' || DAYS.includes(node.op);
    const cast = raw => number ? (raw === '' ? null : Number(raw)) : raw;
    const type = DAYS.includes(node.op) || f.type === 'NUMBER' ? 'number' : f.type === 'DATE' ? 'date' : 'text';
    const input = (value, set) => f.type === 'ENUM' && !['in', 'not_in'].includes(node.op)
      ? el('select', {class: 'form-select form-select-sm w-auto value', onchange: e => set(e.target.value)},
          el('option', {value: ''}, '—'), f.options.map(o => el('option', {value: o, ...(o === value ? {selected: ''} : {})}, o)))
      : el('input', {class: 'form-control form-control-sm value', style: 'width: 9rem', type, step: 'any',
          value: value ?? '', onchange: e => set(e.target.value)});
    if (node.op === 'between') {
      const range = Array.isArray(node.value) ? node.value : [null, null];
      return [0, 1].map(i => input(range[i], raw => { range[i] = cast(raw); node.value = range; changed(); }));
    }
    if (node.op === 'in' || node.op === 'not_in') {
      return el('input', {class: 'form-control form-control-sm value', style: 'width: 14rem', placeholder: 'a, b, c',
        value: Array.isArray(node.value) ? node.value.join(', ') : '',
        onchange: e => { node.value = e.target.value.split(',').map(s => s.trim()).filter(Boolean).map(cast); changed(); }});
    }
    return input(node.value, raw => { node.value = cast(raw); changed(); });
  }

  async function preview() {
    const count = document.getElementById('preview-count');
    const problems = document.getElementById('preview-errors');
    const sample = document.getElementById('preview-sample');
    root.querySelectorAll('.problem').forEach(p => (p.textContent = ''));
    problems.textContent = '';
    if (mode && mode.value === 'MANUAL') return;
    const response = await fetch(text.preview, {method: 'POST', body: textarea.value, headers: {
      'Content-Type': 'application/json', 'X-CSRF-TOKEN': form.querySelector('input[name=_csrf]').value}});
    const body = await response.json();
    if (!response.ok) {
      count.textContent = '—';
      sample.replaceChildren();
      problems.textContent = problems.dataset.title;
      Object.entries(body.errors || {}).forEach(([path, message]) => {
        const target = [...root.querySelectorAll('[data-path]')]
          .filter(n => path === n.dataset.path || path.startsWith(n.dataset.path + '.'))
          .sort((a, b) => b.dataset.path.length - a.dataset.path.length)[0];
        const line = (target ? '' : path + ': ') + message;
        if (target) target.querySelector(':scope > .problem').textContent = message;
        else problems.append(el('div', {}, line));
      });
      return;
    }
    count.textContent = body.count.toLocaleString();
    sample.replaceChildren(...body.sample.map(m => el('li', {},
      el('a', {href: '/customers/' + m.customerId}, m.name), ' ',
      el('span', {class: 'text-secondary'}, Object.entries(m.values).map(([k, v]) => k + ' = ' + v).join(' · ')))));
  }

  function showForMode() {
    document.getElementById('condition-card').hidden = mode && mode.value === 'MANUAL';
    document.getElementById('preview').hidden = mode && mode.value === 'MANUAL';
  }

  fetch(root.dataset.fields).then(r => r.json()).then(list => {
    fields = list;
    let json = null;
    try { json = textarea.value.trim() ? JSON.parse(textarea.value) : null; } catch (e) { json = null; }
    tree = json ? read(json) : {group: 'and', not: false, items: [read(null)]};
    if (!tree.group) tree = {group: 'and', not: false, items: [tree]};
    changed();
  });
  textarea.addEventListener('change', () => {
    try { tree = read(JSON.parse(textarea.value)); if (!tree.group) tree = {group: 'and', not: false, items: [tree]}; changed(); }
    catch (e) { document.getElementById('preview-errors').textContent = e.message; }
  });
  if (mode) { mode.addEventListener('change', () => { showForMode(); changed(); }); showForMode(); }
  form.addEventListener('submit', () => { if (mode && mode.value === 'MANUAL') textarea.value = ''; });
})();
