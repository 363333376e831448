/**
 * The report page's whole stylesheet. It is a constant so the router can allow it by hash in the
 * Content-Security-Policy (no inline style attributes anywhere: the policy would block them).
 */
export const REPORT_CSS = `
:root{--bg:#f5f6f8;--fg:#1b1f24;--muted:#5b6470;--card:#fff;--line:#dde1e6;--failing:#c62828;--degraded:#e67700;
--unknown:#7048e8;--healthy:#2b8a3e;--idle:#8a96a3;--running:#1971c2;--accent:#1971c2;--on-pill:#fff;
color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--fg:#e6e9ed;--muted:#9aa4af;--card:#1a1f25;--line:#2c333b;
--failing:#ff6b6b;--degraded:#ffa94d;--unknown:#b197fc;--healthy:#69db7c;--idle:#7d8996;--running:#4dabf7;--accent:#4dabf7;
--on-pill:#111418}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;overflow-wrap:anywhere}
.wrap{max-width:1200px;margin:0 auto;padding:0 16px}
a{color:var(--accent)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.86em}
h1,h2,h3{line-height:1.2;margin:0}
h2{font-size:1.15rem;margin:28px 0 12px}
h3{font-size:1.05rem}
.top{color:#fff;padding:18px 0 16px}
.top.bad{background:#b02a2a}.top.warn{background:#b35c00}.top.ok{background:#2b7a3b}
.top .eyebrow{margin:0 0 4px;font-size:.85rem;opacity:.9}
.top h1{font-size:1.6rem}
.top .sub{margin:6px 0 0;font-size:.95rem;opacity:.95}
.alerts{list-style:none;margin:0;padding:0;display:grid;gap:8px}
.alert{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--idle);border-radius:6px;
padding:10px 12px}
.alert.sev-critical{border-left-color:var(--failing)}.alert.sev-warning{border-left-color:var(--degraded)}
.alert.st-pending{border-left-style:dashed}.alert.st-resolved{border-left-color:var(--healthy);opacity:.85}
.alert-head{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
.alert-head strong{font-size:1rem}
.alert p{margin:4px 0 0}
.alert .when,.note,.meta{color:var(--muted);font-size:.86rem}
.pill{display:inline-block;border-radius:999px;padding:1px 8px;font-size:.75rem;font-weight:600;letter-spacing:.02em;
text-transform:uppercase;color:var(--on-pill);background:var(--idle);white-space:nowrap}
.pill.sev-critical,.pill.h-failing{background:var(--failing)}.pill.sev-warning,.pill.h-degraded{background:var(--degraded)}
.pill.h-unknown{background:var(--unknown)}.pill.h-healthy{background:var(--healthy)}.pill.st-pending{background:var(--muted)}
.pill.st-resolved{background:var(--healthy)}
.none{color:var(--muted);margin:0}
details{margin-top:10px}
summary{cursor:pointer;color:var(--muted)}
details .alerts{margin-top:8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;min-width:0}
.card.blind{border-color:var(--failing);border-width:2px}
.card-head{display:flex;justify-content:space-between;align-items:baseline;gap:8px}
.card .meta{margin:4px 0 8px}
.card .error{color:var(--failing);font-size:.9rem;margin:6px 0}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0;padding:0;list-style:none;font-size:.85rem}
.chips li{display:flex;align-items:center;gap:4px}
.dot{width:10px;height:10px;border-radius:50%;display:inline-block;background:var(--idle)}
.dot.h-failing{background:var(--failing)}.dot.h-degraded{background:var(--degraded)}.dot.h-unknown{background:var(--unknown)}
.dot.h-healthy{background:var(--healthy)}.dot.h-idle{background:var(--idle)}
svg .h-failing{fill:var(--failing)}svg .h-degraded{fill:var(--degraded)}svg .h-unknown{fill:var(--unknown)}
svg .h-healthy{fill:var(--healthy)}svg .h-idle{fill:var(--idle)}
figure{margin:0}
.health-chart{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin-bottom:12px}
.hbar-row{display:grid;grid-template-columns:minmax(70px,160px) 1fr 3ch;gap:10px;align-items:center;margin:6px 0}
.hbar-label{font-size:.9rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.hbar{width:100%;height:16px;display:block}
.hbar .track{fill:var(--line)}
.hbar-total{text-align:right;font-variant-numeric:tabular-nums;color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;margin:8px 0 0;padding:0;list-style:none;font-size:.82rem;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:4px}
.spark{margin-top:10px}
.spark-head{display:flex;justify-content:space-between;flex-wrap:wrap;gap:4px 10px;font-size:.82rem;color:var(--muted)}
.spark svg{width:100%;height:64px;display:block;margin-top:4px;border-bottom:1px solid var(--line)}
.spark .run-line{fill:none;stroke:var(--running);stroke-width:2}
.spark .run-area{fill:var(--running);opacity:.12}
.spark .fail-bar{fill:var(--failing)}
.k-running::before,.k-failed::before{content:"";display:inline-block;width:10px;height:3px;margin-right:4px;
vertical-align:middle;background:var(--running)}
.k-failed::before{height:8px;width:4px;background:var(--failing)}
.spark-axis{display:flex;justify-content:space-between;font-size:.75rem;color:var(--muted)}
.controls{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin-bottom:8px}
.controls input{font:inherit;padding:6px 10px;border:1px solid var(--line);border-radius:6px;background:var(--card);
color:var(--fg);width:min(360px,100%);min-width:0}
.controls label{display:flex;gap:8px;align-items:center;flex:1 1 260px;white-space:nowrap}
#shown{color:var(--muted);font-size:.86rem}
.table-scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;background:var(--card);border:1px solid var(--line);
border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:.9rem;overflow-wrap:normal}
td.name,td.alerts-cell{overflow-wrap:anywhere}
td.nowrap{white-space:nowrap}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.name{min-width:160px}
td.alerts-cell{min-width:140px}
tbody tr:last-child td{border-bottom:0}
tbody tr.h-failing{background:color-mix(in srgb,var(--failing) 7%,transparent)}
th{white-space:nowrap;background:var(--bg);position:sticky;top:0}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
th[aria-sort=ascending] button::after{content:" \\25B2";font-size:.7em}
th[aria-sort=descending] button::after{content:" \\25BC";font-size:.7em}
.sub-line{display:block;color:var(--muted);font-size:.8rem}
.zero{color:var(--muted)}
.warn-num{color:var(--failing);font-weight:600}
#no-match{padding:12px;color:var(--muted);margin:0}
footer{margin:28px 0 32px;color:var(--muted);font-size:.85rem}
footer p{margin:4px 0}
@media (max-width:600px){.top h1{font-size:1.3rem}body{font-size:14px}.hbar-row{grid-template-columns:90px 1fr 3ch}}
@media print{.controls,#no-match{display:none!important}.top{color:#000;background:none!important;border-bottom:3px solid #000}
body{background:#fff;color:#000}.table-scroll{overflow:visible;border:0}th{position:static}.card,.alert{break-inside:avoid}
tbody tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;
