// The active churn model's reliability: observed churn against predicted risk per bin, read from the hidden table;
// the axis names come translated in the chart's data attributes.
(function () {
    const node = document.getElementById('reliability-chart');
    const bins = [...document.querySelectorAll('#reliability tr')].map(r =>
        [Number(r.dataset.predicted), Number(r.dataset.observed), Number(r.dataset.rows)]);
    echarts.init(node).setOption({
        animation: false, grid: {left: 48, right: 16, top: 16, bottom: 40}, tooltip: {},
        xAxis: {type: 'value', min: 0, max: 1, name: node.dataset.predictedName, nameLocation: 'middle', nameGap: 26},
        yAxis: {type: 'value', min: 0, max: 1, name: node.dataset.observedName},
        series: [
            {type: 'line', data: [[0, 0], [1, 1]], symbol: 'none', lineStyle: {type: 'dashed', color: '#999'}, tooltip: {show: false}},
            {type: 'line', data: bins.map(b => [b[0].toFixed(3), b[1].toFixed(3), b[2]]), symbolSize: 8}
        ]
    });
})();
