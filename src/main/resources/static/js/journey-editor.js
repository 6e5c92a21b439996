// The journey's step editor and flow chart. The JSON text area stays the one thing the form submits: the editor
// reads it, shows each node as a card (type, parameters, where it goes next), and writes every change back to it.
(function () {
    const area = document.getElementById('graph');
    const editor = document.getElementById('step-editor');
    const root = document.getElementById('journey-editor');
    const text = JSON.parse(root.dataset.labels);
    const types = JSON.parse(root.dataset.nodeTypes);
    // the graph keeps the codes (add_tag); people read the labels of their language
    const typeLabels = JSON.parse(root.dataset.nodeTypeLabels || '{}');
    const typeLabel = t => typeLabels[t] || t;
    const counts = JSON.parse(root.dataset.counts);
    const examples = {
        wait: {days: 1}, branch: {since: 'ordered'}, split: {weights: {a: 50, b: 50}}, exit: {},
        send_email: {templateId: 0, marketing: true}, send_sms: {templateId: 0}, send_webhook: {templateId: 0},
        issue_coupon: {campaignId: 0}, award_points: {points: 100, note: ''}, add_tag: {tagId: 0}, remove_tag: {tagId: 0},
        create_task: {title: '', kind: 'CALL', dueInDays: 1}, update_field: {field: 'lifecycle_stage', value: 'REPEAT'},
        create_ticket: {subject: '', body: '', priority: 'NORMAL'}
    };
    const branchKeys = {branch: ['yes', 'no'], wait: ['event']};
    let graph;

    function read() {
        try {
            graph = JSON.parse(area.value);
            graph.nodes = graph.nodes || {};
            return true;
        } catch (e) {
            editor.replaceChildren(element('div', 'alert alert-warning small', text.invalidJson + ' ' + e.message));
            return false;
        }
    }

    function write() {
        area.value = JSON.stringify(graph, null, 2);
        drawFlow();
    }

    function element(tag, className, content) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        if (content !== undefined) node.textContent = content;
        return node;
    }

    function targetSelect(value, onChange, label) {
        const select = element('select', 'form-select form-select-sm w-auto');
        select.setAttribute('aria-label', label);
        select.append(new Option('—', ''));
        Object.keys(graph.nodes).forEach(id => select.append(new Option(id, id, false, id === value)));
        select.addEventListener('change', () => onChange(select.value || undefined));
        return select;
    }

    function render() {
        if (!read()) return;
        editor.replaceChildren();
        const start = element('div', 'd-flex gap-2 align-items-center mb-2 small');
        start.append(element('span', 'text-secondary', text.start));
        start.append(targetSelect(graph.start, value => { graph.start = value; write(); }, text.start));
        editor.append(start);
        Object.entries(graph.nodes).forEach(([id, node]) => editor.append(card(id, node)));
        const add = element('div', 'd-flex gap-2 mt-2');
        const newId = element('input', 'form-control form-control-sm');
        newId.id = 'new-node-id';
        newId.placeholder = text.newNode;
        newId.setAttribute('aria-label', text.newNode);
        const newType = element('select', 'form-select form-select-sm');
        newType.id = 'new-node-type';
        newType.setAttribute('aria-label', text.type);
        types.forEach(t => newType.append(new Option(typeLabel(t), t)));
        const addButton = element('button', 'btn btn-outline-secondary btn-sm text-nowrap', text.addNode);
        addButton.type = 'button';
        addButton.id = 'add-node';
        addButton.addEventListener('click', () => {
            const id = newId.value.trim();
            if (!id || graph.nodes[id]) return;
            graph.nodes[id] = {type: newType.value, params: examples[newType.value] || {}};
            if (!graph.start) graph.start = id;
            write();
            render();
        });
        add.append(newId, newType, addButton);
        editor.append(add);
    }

    function card(id, node) {
        const box = element('div', 'border rounded p-2 mb-2 small node-card');
        box.dataset.node = id;
        const head = element('div', 'd-flex gap-2 align-items-center mb-1');
        head.append(element('span', 'font-monospace fw-semibold', id));
        const type = element('select', 'form-select form-select-sm w-auto node-type');
        type.setAttribute('aria-label', text.type + ' ' + id);
        types.forEach(t => type.append(new Option(typeLabel(t), t, false, t === node.type)));
        type.addEventListener('change', () => {
            node.type = type.value;
            node.params = examples[type.value] || {};
            write();
            render();
        });
        head.append(type);
        if (counts[id]) {
            head.append(element('span', 'text-secondary ms-auto', Object.entries(counts[id]).map(([k, v]) => k + ' ' + v).join(' · ')));
        }
        const remove = element('button', 'btn btn-link btn-sm text-danger p-0 ms-2', text.remove);
        remove.type = 'button';
        remove.addEventListener('click', () => {
            delete graph.nodes[id];
            write();
            render();
        });
        head.append(remove);
        box.append(head);

        const params = element('input', 'form-control form-control-sm font-monospace node-params');
        params.value = JSON.stringify(node.params || {});
        params.setAttribute('aria-label', text.params + ' ' + id);
        params.addEventListener('change', () => {
            try {
                node.params = JSON.parse(params.value);
                params.classList.remove('is-invalid');
                write();
            } catch (e) {
                params.classList.add('is-invalid');
            }
        });
        box.append(params);

        const links = element('div', 'd-flex flex-wrap gap-2 align-items-center mt-1');
        if (node.type !== 'exit') {
            links.append(element('span', 'text-secondary', text.next));
            links.append(targetSelect(node.next, value => { node.next = value; write(); }, text.next + ' ' + id));
        }
        const keys = branchKeys[node.type] || (node.type === 'split' ? Object.keys((node.params || {}).weights || {}) : []);
        keys.forEach(key => {
            links.append(element('span', 'text-secondary', key + ' →'));
            links.append(targetSelect((node.branches || {})[key], value => {
                node.branches = node.branches || {};
                if (value) node.branches[key] = value; else delete node.branches[key];
                write();
            }, key + ' ' + id));
        });
        box.append(links);
        return box;
    }

    // The flow: nodes placed by their distance from the start, edges labelled with the branch.
    const chart = echarts.init(document.getElementById('journey-flow'));
    function drawFlow() {
        let current;
        try {
            current = JSON.parse(area.value);
        } catch (e) {
            return;
        }
        const nodes = current.nodes || {};
        const level = {};
        const queue = current.start ? [current.start] : [];
        if (current.start) level[current.start] = 0;
        const edges = [];
        while (queue.length) {
            const id = queue.shift();
            const node = nodes[id];
            if (!node) continue;
            const targets = Object.entries(node.branches || {}).map(([key, to]) => [key, to]);
            if (node.next) targets.push(['', node.next]);
            targets.forEach(([key, to]) => {
                edges.push({source: id, target: to, label: {show: !!key, formatter: key}});
                if (nodes[to] && level[to] === undefined) {
                    level[to] = level[id] + 1;
                    queue.push(to);
                }
            });
        }
        const rows = {};
        const data = Object.keys(nodes).map(id => {
            const depth = level[id] === undefined ? -1 : level[id];
            rows[depth] = (rows[depth] || 0) + 1;
            const acted = counts[id] ? Object.values(counts[id]).reduce((a, b) => Math.max(a, b), 0) : 0;
            return {name: id, x: rows[depth] * 160, y: (depth + 1) * 70, value: acted,
                label: {formatter: id + '\n' + typeLabel(nodes[id].type) + (acted ? ' · ' + acted : '')},
                itemStyle: {color: depth < 0 ? '#dc3545' : nodes[id].type === 'exit' ? '#6c757d' : '#0d6efd'}};
        });
        chart.setOption({
            animation: false, tooltip: {},
            series: [{type: 'graph', layout: 'none', symbol: 'roundRect', symbolSize: [110, 34], roam: true,
                label: {show: true, color: '#fff', fontSize: 10}, edgeSymbol: ['none', 'arrow'],
                edgeLabel: {fontSize: 10}, data: data, links: edges.filter(e => nodes[e.target])}]
        }, true);
    }

    // Results: conversion rate and revenue per entrant, treatment against holdout.
    const results = document.getElementById('results-chart');
    const [rateLabel, revenueLabel, treatmentLabel, holdoutLabel] = results.dataset.labels.split('|');
    const treatment = results.dataset.treatment.split('|').map(Number);
    const holdout = results.dataset.holdout.split('|').map(Number);
    echarts.init(results).setOption({
        animation: false, tooltip: {}, legend: {top: 0}, grid: {left: 50, right: 60, top: 30, bottom: 24},
        xAxis: {type: 'category', data: [treatmentLabel, holdoutLabel]},
        yAxis: [{type: 'value', axisLabel: {formatter: v => Math.round(v * 100) + '%'}}, {type: 'value'}],
        series: [
            {name: rateLabel, type: 'bar', data: [treatment[0], holdout[0]]},
            {name: revenueLabel, type: 'bar', yAxisIndex: 1, data: [treatment[1], holdout[1]]}
        ]
    });

    area.addEventListener('change', () => { render(); drawFlow(); });
    render();
    drawFlow();
})();
