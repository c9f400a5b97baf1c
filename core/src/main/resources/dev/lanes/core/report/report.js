/* lanes report: draws the charts the embedded JSON (#lanes-data) describes into the page's
   figures with uPlot. Every series is aligned over its chart's x array (null where it has no
   value), in the colours the data gives; intervals are drawn as bars by the hook below. Nothing
   here fetches anything. */
(function () {
  'use strict';

  var HEIGHT = 300;
  var LONGEST_TICK = 28;

  function format(v) {
    if (v == null || !isFinite(v)) return '–';
    var a = Math.abs(v);
    if (a === 0) return '0';
    if (a >= 1e6 || a < 1e-3) return v.toExponential(2);
    if (a >= 100) return v.toFixed(0);
    if (a >= 10) return v.toFixed(1);
    if (a >= 1) return v.toFixed(2);
    return v.toPrecision(3);
  }

  function shortened(label) {
    return label.length > LONGEST_TICK ? label.slice(0, LONGEST_TICK - 1) + '…' : label;
  }

  /** What x position idx is: its category, or what sits there, or the value itself. */
  function xName(chart, idx) {
    if (idx == null) return '–';
    if (chart.categories) return chart.xLabels[Math.round(chart.xs[idx])] || format(chart.xs[idx]);
    return chart.xLabels.length && chart.xLabels[idx] ? chart.xLabels[idx] + ' (' + format(chart.xs[idx]) + ')'
      : format(chart.xs[idx]);
  }

  /** A scale's range from its series' values and intervals, from zero where the axis says so. */
  function range(chart, axis, right) {
    var min = Infinity, max = -Infinity;
    chart.series.forEach(function (s) {
      if (s.right !== right) return;
      [s.values, s.low, s.high].forEach(function (values) {
        values.forEach(function (v) {
          if (v == null || !isFinite(v) || (axis.log && v <= 0)) return;
          min = Math.min(min, v);
          max = Math.max(max, v);
        });
      });
    });
    if (min === Infinity) return axis.log ? [1, 10] : [0, 1];
    if (axis.log) return uPlot.rangeLog(min, max, 10, false);
    if (axis.fromZero) min = Math.min(0, min);
    return uPlot.rangeNum(min, max, 0.1, true);
  }

  /** Draws each value's interval as a bar with caps, in its series' colour, inside the plotting area. */
  function intervals(chart, colours) {
    return {
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx;
          var cap = 4 * devicePixelRatio;
          ctx.save();
          ctx.beginPath();
          ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
          ctx.clip();
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          chart.series.forEach(function (s, i) {
            if (!s.low.length || !u.series[i + 1].show) return;
            var scale = s.right ? 'y2' : 'y';
            var log = (s.right ? chart.y2 : chart.y).log;
            ctx.strokeStyle = colours[i];
            ctx.beginPath();
            for (var j = 0; j < chart.xs.length; j++) {
              var low = s.low[j], high = s.high[j];
              if (low == null || high == null || s.values[j] == null || (log && low <= 0)) continue;
              var x = u.valToPos(chart.xs[j], 'x', true);
              var y0 = u.valToPos(low, scale, true);
              var y1 = u.valToPos(high, scale, true);
              ctx.moveTo(x, y0);
              ctx.lineTo(x, y1);
              ctx.moveTo(x - cap, y0);
              ctx.lineTo(x + cap, y0);
              ctx.moveTo(x - cap, y1);
              ctx.lineTo(x + cap, y1);
            }
            ctx.stroke();
          });
          ctx.restore();
        }]
      }
    };
  }

  function seriesOptions(s, colour) {
    var markers = s.style === 'points' || s.style === 'line-points';
    var options = {
      label: s.label,
      stroke: colour,
      width: s.style === 'points' ? 0 : 2,
      scale: s.right ? 'y2' : 'y',
      spanGaps: true,
      points: { show: markers, size: s.style === 'points' ? 6 : 7, fill: colour, stroke: colour, space: 0 },
      value: function (u, v) { return format(v); }
    };
    if (s.style === 'points') options.paths = function () { return null; };
    if (s.style === 'dashed') options.dash = [8, 5];
    return options;
  }

  function xAxis(chart) {
    var axis = { label: chart.x.label, stroke: '#333', grid: { stroke: '#eee' } };
    if (chart.x.whole) axis.incrs = [1, 2, 4, 5, 10, 16, 20, 32, 50, 64, 100, 128, 256, 512, 1024];
    if (!chart.categories) return axis;
    var longest = chart.xLabels.reduce(function (m, l) { return Math.max(m, shortened(l).length); }, 0);
    var tilted = chart.xLabels.length > 3 || longest > 14;
    axis.splits = function () { return chart.xLabels.map(function (_, i) { return i; }); };
    axis.values = function (u, splits) { return splits.map(function (i) { return shortened(chart.xLabels[i] || ''); }); };
    axis.grid = { show: false };
    axis.rotate = tilted ? -30 : 0;
    axis.size = tilted ? Math.min(170, 30 + 5.5 * longest) : 50;
    return axis;
  }

  function draw(chart, element) {
    var colours = chart.series.map(function (s) { return s.colour; });
    var scales = { x: { time: false }, y: { range: function () { return range(chart, chart.y, false); } } };
    if (chart.x.log) scales.x.distr = 3;
    if (chart.categories) scales.x.range = [-0.6, chart.xLabels.length - 0.4];
    if (chart.y.log) scales.y.distr = 3;
    var axes = [xAxis(chart), { scale: 'y', label: chart.y.label, stroke: '#333', grid: { stroke: '#eee' }, size: 60 }];
    if (chart.y2) {
      scales.y2 = { range: function () { return range(chart, chart.y2, true); } };
      if (chart.y2.log) scales.y2.distr = 3;
      axes.push({ scale: 'y2', side: 1, label: chart.y2.label, stroke: '#333', grid: { show: false }, size: 60 });
    }
    var options = {
      width: Math.max(320, element.clientWidth || 640),
      height: HEIGHT,
      scales: scales,
      axes: axes,
      series: [{ label: chart.x.label, value: function (u, v, si, idx) { return xName(chart, idx); } }]
        .concat(chart.series.map(function (s, i) { return seriesOptions(s, colours[i]); })),
      plugins: [intervals(chart, colours)],
      legend: { live: true },
      cursor: { points: { size: 9 } }
    };
    var data = [chart.xs].concat(chart.series.map(function (s) { return s.values; }));
    return new uPlot(options, data, element);
  }

  var report = { charts: [], errors: [] };
  window.lanesReport = report;
  var data = JSON.parse(document.getElementById('lanes-data').textContent);
  var charts = [];
  data.runs.forEach(function (run) { charts = charts.concat(run.charts); });
  charts = charts.concat(data.comparison);
  charts.forEach(function (chart) {
    var figure = document.getElementById(chart.id);
    var element = figure && figure.querySelector('.plot');
    try {
      if (!element) throw new Error('no figure in the page');
      report.charts.push({ id: chart.id, plot: draw(chart, element) });
    } catch (e) {
      report.errors.push(chart.id + ': ' + e.message);
      console.error('lanes report: chart ' + chart.id + ' was not drawn: ' + e.message);
      if (element) element.textContent = 'This chart could not be drawn: ' + e.message;
    }
  });
  window.addEventListener('resize', function () {
    report.charts.forEach(function (c) {
      var width = c.plot.root.parentNode.clientWidth;
      if (width && Math.abs(width - c.plot.width) > 4) c.plot.setSize({ width: width, height: HEIGHT });
    });
  });
  document.documentElement.setAttribute('data-charts-drawn', String(report.charts.length));
})();
