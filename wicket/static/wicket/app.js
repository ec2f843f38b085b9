// Wicket's only script besides the vendored libraries. No inline script anywhere (CSP).
(function () {
  "use strict";

  // Charts: <div data-chart="ID"> takes its ECharts option from <script type="application/json" id="ID">.
  // A data point with a `url` opens the list behind it when clicked.
  function initCharts(root) {
    if (!window.echarts) return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.chartReady) return;
      var src = document.getElementById(el.dataset.chart);
      if (!src) return;
      var option = JSON.parse(src.textContent);
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      if (!option.textStyle) option.textStyle = { fontFamily: "Noto Sans CJK SC, Microsoft YaHei, sans-serif" };
      chart.setOption(option);
      chart.on("click", function (params) {
        var url = (params.data && params.data.url) || (option.wicketUrls && option.wicketUrls[params.name]);
        if (url) window.location.href = url;
      });
      el.dataset.chartReady = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  // Forms that must ask before doing something final: <form data-confirm="...">.
  document.addEventListener("submit", function (ev) {
    var msg = ev.target.dataset && ev.target.dataset.confirm;
    if (msg && !window.confirm(msg)) ev.preventDefault();
  });

  // Long uploads: <form data-progress> shows a progress bar while the file is sent.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.hasAttribute || !form.hasAttribute("data-progress") || ev.defaultPrevented) return;
    var bar = form.querySelector(".progress");
    if (!bar || !window.XMLHttpRequest) return;
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    var inner = bar.querySelector(".progress-bar");
    bar.classList.remove("d-none");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var pct = Math.round((e.loaded / e.total) * 100);
        inner.style.width = pct + "%";
        inner.textContent = pct + "%";
      }
    });
    xhr.addEventListener("load", function () {
      document.open();
      document.write(xhr.responseText);
      document.close();
      if (xhr.responseURL) window.history.replaceState(null, "", xhr.responseURL);
    });
    xhr.open(form.method || "POST", form.action || window.location.href);
    xhr.send(new FormData(form));
  });

  document.addEventListener("DOMContentLoaded", function () { initCharts(document); });
  document.addEventListener("htmx:afterSettle", function (ev) { initCharts(ev.target); });
})();
