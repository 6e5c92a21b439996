// A segment's size over time, from the chart's data-days and data-members lists.
(function () {
    const node = document.getElementById('size-chart');
    const list = text => text.replace(/^\[|\]$/g, '').split(',').map(s => s.trim()).filter(Boolean);
    echarts.init(node).setOption({
        animation: false, grid: {left: 48, right: 12, top: 12, bottom: 24}, tooltip: {trigger: 'axis'},
        xAxis: {type: 'category', data: list(node.dataset.days)},
        yAxis: {type: 'value', minInterval: 1},
        series: [{type: 'line', data: list(node.dataset.members).map(Number), areaStyle: {opacity: 0.1}}]
    });
})();
