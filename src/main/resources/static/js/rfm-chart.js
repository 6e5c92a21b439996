// The RFM page's chart: customers per RFM segment, read from the segment table's rows.
(function () {
    const rows = [...document.querySelectorAll('#rfm-segments tr[data-segment]')];
    echarts.init(document.getElementById('segment-chart')).setOption({
        animation: false, grid: {left: 130, right: 24, top: 8, bottom: 24}, tooltip: {},
        yAxis: {type: 'category', inverse: true, data: rows.map(r => r.dataset.label)},
        xAxis: {type: 'value', minInterval: 1},
        series: [{type: 'bar', data: rows.map(r => Number(r.dataset.customers))}]
    });
})();
