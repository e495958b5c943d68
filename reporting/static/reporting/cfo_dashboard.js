/* Draws the CFO dashboard's charts from the JSON the page embeds (id="cfo-data"). */
(function () {
  "use strict";
  const el = document.getElementById("cfo-data");
  if (!el || typeof Chart === "undefined") { return; }
  const data = JSON.parse(el.textContent);
  const palette = {
    mrr: "#264b5d", mrr_new: "#2e9e5b", mrr_expansion: "#7cc68d", mrr_contraction: "#f0a04b", mrr_churn: "#c0392b",
    billings: "#417690", credited: "#f0a04b", collections: "#2e9e5b", cash: "#264b5d", accounts_receivable: "#c0392b",
    recognised: "#2e9e5b", deferred: "#417690", unbilled: "#9b59b6", dso: "#264b5d", recovery_rate: "#2e9e5b",
  };
  const money = new Intl.NumberFormat(undefined, { style: "currency", currency: data.currency, maximumFractionDigits: 0 });
  const fmt = (unit, v) => (v === null ? "-" : unit === "money" ? money.format(v) : unit === "percent" ? v + "%" : String(v));
  Chart.defaults.animation = false;  // screenshots and slow laptops
  data.charts.forEach(function (chart) {
    const canvas = document.getElementById("chart-" + chart.key);
    if (!canvas) { return; }
    const unit = chart.datasets[0].unit;
    const datasets = chart.datasets.map(function (d) {
      const isLine = chart.kind === "line" || (chart.kind === "stacked" && d.key === "mrr");
      return {
        label: d.label, data: d.data, type: isLine ? "line" : "bar",
        backgroundColor: palette[d.key] || "#888", borderColor: palette[d.key] || "#888",
        stack: chart.kind === "stacked" && !isLine ? "movements" : undefined, tension: 0.2, spanGaps: true,
        order: isLine ? 0 : 1,
      };
    });
    new Chart(canvas, {
      type: "bar",
      data: { labels: data.months, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false,  // the card (.rp-chart) sets the height
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { stacked: chart.kind === "stacked" },
          y: { stacked: false, ticks: { callback: (v) => fmt(unit, v) } },
        },
        plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + fmt(unit, c.raw) } } },
      },
    });
  });
  // The currency column sticks right after the series label when a long period scrolls sideways.
  document.querySelectorAll("table.rp-months").forEach(function (table) {
    const label = table.querySelector("thead th.rp-sticky");
    if (label) { table.style.setProperty("--rp-label-width", label.getBoundingClientRect().width + "px"); }
  });
  const top = document.getElementById("chart-top_customers");
  if (top) {
    new Chart(top, {
      type: "bar",
      data: { labels: data.top_customers.labels, datasets: [{ label: "Billed (" + data.currency + ")", data: data.top_customers.data, backgroundColor: "#417690" }] },
      options: { indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false, scales: { x: { ticks: { callback: (v) => money.format(v) } } } },
    });
  }
})();
