// The dashboard's charts, drawn from the JSON the page carries in data attributes (the same data the tables and downloads show).
(function () {
    const carrier = document.getElementById('dashboard-data').dataset;
    const data = JSON.parse(carrier.charts);
    const labels = JSON.parse(carrier.labels);
    const label = key => labels[key] || key;

    document.querySelectorAll('#presets button').forEach(button => button.addEventListener('click', () => {
        document.getElementById('from').value = button.dataset.from;
        document.getElementById('to').value = button.dataset.to;
        document.getElementById('filters').submit();
    }));

    // Cohorts: a heat map of the customer share (or revenue) by cohort month and months since.
    const cohorts = data.cohorts.cohorts;
    const cohortChart = echarts.init(document.getElementById('cohort-chart'));
    const months = Array.from({length: data.cohorts.maxMonthsSince + 1}, (_, i) => 'M' + i);
    function drawCohorts(byRevenue) {
        const points = [];
        let max = 0;
        cohorts.forEach((cohort, row) => cohort.cells.forEach(cell => {
            const value = byRevenue ? Number(cell.revenue) : Math.round(cell.share * 1000) / 10;
            max = Math.max(max, value);
            points.push([cell.monthsSince, row, value]);
        }));
        cohortChart.setOption({
            animation: false,
            tooltip: {formatter: p => cohorts[p.value[1]].month.substring(0, 7) + ' M' + p.value[0] + ': '
                    + p.value[2].toLocaleString() + (byRevenue ? '' : '%')},
            grid: {left: 70, right: 16, top: 8, bottom: 60},
            xAxis: {type: 'category', data: months},
            yAxis: {type: 'category', inverse: true, data: cohorts.map(c => c.month.substring(0, 7))},
            visualMap: {min: 0, max: max || 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
                itemHeight: 120, inRange: {color: ['#f7fbff', '#6baed6', '#08306b']}},
            series: [{name: label(byRevenue ? 'analytics.cohortRevenue' : 'analytics.cohortShare'), type: 'heatmap',
                data: points, label: {show: !byRevenue && months.length <= 13, fontSize: 10}}]
        }, true);
    }
    drawCohorts(false);
    const shareButton = document.getElementById('cohort-share');
    const revenueButton = document.getElementById('cohort-revenue');
    shareButton.addEventListener('click', () => {
        shareButton.classList.add('active'); revenueButton.classList.remove('active'); drawCohorts(false);
    });
    revenueButton.addEventListener('click', () => {
        revenueButton.classList.add('active'); shareButton.classList.remove('active'); drawCohorts(true);
    });

    // Lifecycle: the funnel stages, then the two risk stages.
    echarts.init(document.getElementById('lifecycle-chart')).setOption({
        animation: false, tooltip: {}, grid: {left: 90, right: 24, top: 8, bottom: 24},
        yAxis: {type: 'category', inverse: true, data: data.lifecycle.map(s => label(s.stage))},
        xAxis: {type: 'value', minInterval: 1},
        series: [{type: 'bar', name: label('analytics.customers'), data: data.lifecycle.map((s, i) =>
                ({value: s.customers, itemStyle: {color: i >= 5 ? '#dc3545' : '#0d6efd'}}))}]
    });

    // RFM: customers per segment.
    const segments = Object.entries(data.rfm.segments);
    echarts.init(document.getElementById('rfm-chart')).setOption({
        animation: false, tooltip: {}, grid: {left: 130, right: 24, top: 8, bottom: 24},
        yAxis: {type: 'category', inverse: true, data: segments.map(([key]) => label(key))},
        xAxis: {type: 'value', minInterval: 1},
        series: [{type: 'bar', name: label('analytics.customers'), data: segments.map(([, share]) => share.customers)}]
    });

    // Segment sizes over the period.
    const sizeNode = document.getElementById('segment-size-chart');
    if (sizeNode) {
        const days = [...new Set(data.segmentSizes.flatMap(s => Object.keys(s.members)))].sort();
        echarts.init(sizeNode).setOption({
            animation: false, tooltip: {trigger: 'axis'}, legend: {top: 0},
            grid: {left: 60, right: 16, top: 30, bottom: 24},
            xAxis: {type: 'category', data: days}, yAxis: {type: 'value', minInterval: 1},
            series: data.segmentSizes.map(s => ({name: s.name, type: 'line', showSymbol: false,
                data: days.map(d => s.members[d] ?? null)}))
        });
    }

    // RFM migration between two dates, asked for on demand (it reads the whole RFM history).
    document.getElementById('migration-compare').addEventListener('click', async () => {
        const from = document.getElementById('migration-from').value;
        const to = document.getElementById('migration-to').value;
        const table = document.getElementById('migration-table');
        const response = await fetch('/analytics/rfm-migration?from=' + from + '&to=' + to);
        if (!response.ok) {
            table.textContent = (await response.json()).detail || response.statusText;
            return;
        }
        const matrix = await response.json();
        const columns = [...new Set(Object.values(matrix).flatMap(row => Object.keys(row)))];
        table.replaceChildren();
        const head = table.createTHead().insertRow();
        head.insertCell().textContent = from + ' → ' + to;
        columns.forEach(c => head.insertCell().textContent = label(c));
        const body = table.createTBody();
        Object.entries(matrix).forEach(([rowKey, row]) => {
            const tr = body.insertRow();
            tr.dataset.from = rowKey;
            tr.insertCell().textContent = label(rowKey);
            columns.forEach(c => {
                const cell = tr.insertCell();
                cell.className = 'text-end';
                cell.textContent = (row[c] || 0).toLocaleString();
            });
        });
    });
})();
