// Charts of the training and model pages (uPlot), and a job page's live updates (server-sent events).
// Every page shows the same numbers in tables without JavaScript; this only draws and refreshes them.
(() => {
  const HEIGHT = 220;
  const COLORS = ['#3d4ed8', '#c2571a'];
  const plots = [];

  const widthOf = (element) => Math.max(240, Math.floor(element.getBoundingClientRect().width));
  const fixed = (value) => (value == null ? '–' : Number(value).toFixed(4));

  window.addEventListener('resize', () => {
    plots.forEach(({ plot, element }) => plot.setSize({ width: widthOf(element), height: HEIGHT }));
  });

  function newPlot(element, options, data) {
    if (!window.uPlot) {
      return null;
    }
    const plot = new uPlot({ width: widthOf(element), height: HEIGHT, ...options }, data, element);
    plots.push({ plot, element });
    return plot;
  }

  // One curve of a job: points by epoch, drawn as a line with its points, and listed in its table.
  class Curve {
    constructor(figure, title, points) {
      this.figure = figure;
      this.title = title;
      this.points = new Map(points.map((p) => [p.step, p.value]));
      this.plot = null;
    }

    data() {
      const steps = [...this.points.keys()].sort((a, b) => a - b);
      return [steps, steps.map((step) => this.points.get(step))];
    }

    draw() {
      const data = this.data();
      this.figure.querySelector('.no-points').hidden = data[0].length > 0;
      this.figure.dataset.points = String(data[0].length);
      const body = this.figure.querySelector('table.points tbody');
      body.replaceChildren(...data[0].map((step, i) => {
        const row = document.createElement('tr');
        const epoch = document.createElement('td');
        const value = document.createElement('td');
        epoch.textContent = String(step);
        value.textContent = fixed(data[1][i]);
        value.className = 'num';
        row.append(epoch, value);
        return row;
      }));
      if (data[0].length === 0) {
        return;
      }
      if (this.plot) {
        this.plot.setData(data);
        return;
      }
      this.plot = newPlot(this.figure.querySelector('.chart'), {
        scales: { x: { time: false } },
        axes: [{ label: 'epoch' }, { size: 60 }],
        series: [
          { label: 'epoch' },
          { label: this.title, stroke: COLORS[0], width: 2, points: { show: true, size: 7 }, value: (u, v) => fixed(v) },
        ],
      }, data);
    }
  }

  function setField(live, name, text) {
    const field = live.querySelector(`[data-field="${name}"]`);
    if (field) {
      field.textContent = text == null ? '–' : String(text);
    }
  }

  function followJob(live, curves) {
    const source = new EventSource(live.dataset.live);
    source.onmessage = (event) => {
      const update = JSON.parse(event.data);
      const { summary } = update;
      const { job } = summary;
      setField(live, 'status', job.status);
      live.querySelector('[data-field="status"]').className = `status status-${job.status}`;
      setField(live, 'phase', summary.phase);
      setField(live, 'steps', summary.steps);
      setField(live, 'elapsed', summary.elapsed);
      setField(live, 'eta', summary.eta);
      setField(live, 'attempt', summary.attempt);
      setField(live, 'worker', job.worker);
      const bar = live.querySelector('[data-field="percent"]');
      if (summary.percent != null) {
        bar.setAttribute('aria-valuenow', String(summary.percent));
      }
      bar.querySelector('span').style.width = `${summary.percent || 0}%`;
      if (update.reset) {
        curves.forEach((curve) => curve.points.clear());
      }
      Object.entries(update.points).forEach(([metric, points]) => {
        const curve = curves.get(metric);
        if (curve) {
          points.forEach((p) => curve.points.set(p.step, p.value));
        }
      });
      curves.forEach((curve) => curve.draw());
      if (summary.finished) {
        // The finished page has what only the server renders: the error, the model, no cancel button.
        source.close();
        window.location.reload();
      }
    };
    source.onerror = () => {
      // A stream that cannot even start (the session ended, the job is gone): the page says why.
      if (source.readyState === EventSource.CLOSED) {
        window.location.reload();
      }
    };
  }

  function jobPage() {
    const holder = document.querySelector('[data-curves]');
    if (!holder) {
      return;
    }
    const curves = new Map();
    JSON.parse(holder.dataset.curves).forEach((c) => {
      const curve = new Curve(document.getElementById(c.id), c.title, c.points);
      curves.set(c.metric, curve);
      curve.draw();
    });
    const live = document.getElementById('job-live');
    if (live && live.dataset.live && window.EventSource) {
      followJob(live, curves);
    }
  }

  // Test NDCG@10 and Recall@10 per model, as points: the models are separate runs, not a series.
  function modelChart() {
    const figure = document.querySelector('[data-models]');
    if (!figure) {
      return;
    }
    const models = JSON.parse(figure.dataset.models);
    if (models.length === 0) {
      figure.querySelector('.chart').remove();
      figure.querySelector('figcaption').textContent = 'None of the models on this page was evaluated (uploaded vectors are not).';
      return;
    }
    const index = models.map((m, i) => i);
    const pointsOnly = (color) => ({ stroke: color, fill: color, width: 0, paths: () => null,
      points: { show: true, size: 11, fill: color }, value: (u, v) => fixed(v) });
    const plot = newPlot(figure.querySelector('.chart'), {
      scales: { x: { time: false, range: () => [-0.5, models.length - 0.5] }, y: { range: (u, min, max) => [0, Math.max(max * 1.15, 0.01)] } },
      axes: [
        { splits: () => index, values: (u, splits) => splits.map((i) => (models[i] ? `#${models[i].id} ${models[i].method}` : '')) },
        { size: 60 },
      ],
      series: [
        { label: 'model', value: (u, i) => (models[i] ? `model ${models[i].id}` : '–') },
        { label: 'test NDCG@10', ...pointsOnly(COLORS[0]) },
        { label: 'test Recall@10', ...pointsOnly(COLORS[1]) },
      ],
    }, [index, models.map((m) => m.testNdcg), models.map((m) => m.testRecall)]);
    if (plot) {
      figure.dataset.drawn = String(models.length);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    jobPage();
    modelChart();
  });
})();
