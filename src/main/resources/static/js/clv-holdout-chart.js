// The lifetime value model's holdout check: actual against predicted purchases per group, read from the table's rows;
// the labels come translated in the chart's data attributes.
(function () {
    const node = document.getElementById('holdout-chart');
    const labels = node.dataset;
    const rows = [...document.querySelectorAll('#holdout-groups tr[data-group]')];
    echarts.init(node).setOption({
        animation: false, grid: {left: 48, right: 16, top: 32, bottom: 40}, tooltip: {trigger: 'axis'},
        legend: {data: [labels.actual, labels.predicted]},
        xAxis: {type: 'category', name: labels.repeats, nameLocation: 'middle', nameGap: 26,
            data: rows.map(r => r.dataset.group)},
        yAxis: {type: 'value'},
        series: [
            {name: labels.actual, type: 'bar', data: rows.map(r => Number(r.dataset.actual).toFixed(3))},
            {name: labels.predicted, type: 'line', data: rows.map(r => Number(r.dataset.predicted).toFixed(3))}
        ]
    });
})();
