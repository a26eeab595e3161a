#include "report_style.hpp"

namespace ugc::analytics {

const char* report_stylesheet() {
  return R"CSS(
:root { --ink:#1d2433; --muted:#5b6475; --line:#dfe3ea; --panel:#ffffff; --page:#f4f6f9; --accent:#0072B2; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin:0; background:var(--page); color:var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 20px 48px; }
header.report-head { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 20px; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 8px; }
h2 { font-size: 19px; margin: 0 0 4px; }
h3 { font-size: 15px; margin: 0 0 6px; }
.meta, .data-age, .note, figcaption { color: var(--muted); font-size: 13px; margin: 2px 0; }
.data-age strong { color: var(--ink); }
code { font: 13px ui-monospace, "DejaVu Sans Mono", monospace; background: #eef1f5; padding: 1px 5px; border-radius: 4px; }
section.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px;
  padding: 18px 20px; margin: 0 0 18px; }
.section-lead { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 0 0 18px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
.card .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
ul.insights { margin: 6px 0 8px; padding-left: 20px; }
ul.insights li { margin: 6px 0; }
.kind { display: inline-block; font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--accent);
  border: 1px solid #b9d3ea; border-radius: 999px; padding: 0 8px; margin-right: 6px; }
figure { margin: 0; }
svg.chart { width: 100%; height: auto; display: block; font-size: 12px; fill: var(--ink);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, "DejaVu Sans", sans-serif; }
svg.chart text { fill: var(--ink); }
svg.chart text.muted, svg.chart .axis text { fill: var(--muted); }
svg.chart text.on-dark { fill: #ffffff; }
svg.chart .grid { stroke: #e9ecf1; stroke-width: 1; }
svg.chart .baseline, svg.chart .tick { stroke: #9aa3b2; stroke-width: 1; }
svg.chart rect.empty { fill: #f1f2f4; stroke: #e2e4e8; }
svg.chart .value { font-size: 11px; fill: var(--muted); }
.top-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 14px 22px; }
.top-grid figure { border-top: 1px solid var(--line); padding-top: 8px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding: 4px 0 8px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
th { background: #f7f8fa; font-weight: 600; color: #394152; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
@media (max-width: 640px) {
  main { padding: 14px 10px 32px; }
  h1 { font-size: 22px; }
  section.panel { padding: 14px 12px; }
  .top-grid { grid-template-columns: 1fr; }
  .card .value { font-size: 20px; }
  /* Wide charts keep legible text and scroll sideways instead of shrinking. */
  figure.wide { overflow-x: auto; -webkit-overflow-scrolling: touch; }
  figure.wide svg.chart { min-width: 560px; }
}
@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section.panel, .card { border: 1px solid #ccc; border-radius: 0; box-shadow: none; }
  section.panel, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .table-wrap { overflow: visible; }
  th, td { white-space: normal; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)CSS";
}

const char* report_script() {
  return R"JS(
(function () {
  var times = document.querySelectorAll("time[data-local]");
  for (var i = 0; i < times.length; i++) {
    var d = new Date(times[i].getAttribute("datetime"));
    if (isNaN(d.getTime())) continue;
    var note = document.createElement("span");
    note.className = "local-time";
    note.textContent = " (" + d.toLocaleString() + " your time)";
    times[i].parentNode.insertBefore(note, times[i].nextSibling);
  }
  document.documentElement.setAttribute("data-report-script", "ran");
})();
)JS";
}

const char* report_content_security_policy() {
  return "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
         "base-uri 'none'; form-action 'none'";
}

}  // namespace ugc::analytics
