/** The page's CSS: light and dark, readable tables, the timeline's lanes and marks. */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--ok:#2da44e;--err:#cf222e;--oth:#bf8700;--den:#0969da;--line:#8884;--bg:#fff;--fg:#1f2328}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3}}
body{font:14px/1.45 system-ui,sans-serif;margin:24px;background:var(--bg);color:var(--fg)}
h1{font-size:22px;margin:0 0 12px}h2{font-size:17px;margin:28px 0 8px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:90px}
.card b{display:block;font-size:20px}.card.err b{color:var(--err)}.note{color:#888;font-size:13px}
.tl{display:flex;border:1px solid var(--line);border-radius:6px;overflow:hidden}
.lanes{flex:none;max-width:220px;border-right:1px solid var(--line);font-size:11px}
.lanes div{height:16px;line-height:16px;padding:0 6px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.plot{flex:1;min-width:0;position:relative}#tl{display:block;width:100%;cursor:grab;background:repeating-linear-gradient(#8881 0 16px,transparent 16px 32px)}
#tl rect{shape-rendering:crispEdges}.s{fill:var(--ok)}.e{fill:var(--err)}.o{fill:var(--oth)}.d{fill:var(--den)}
.axis{position:relative;height:18px;font-size:11px;color:#888;border-top:1px solid var(--line)}.axis span{position:absolute;transform:translateX(-50%);white-space:nowrap}
.zoom{margin:6px 0}.zoom button{font:inherit;margin-right:4px}
table{border-collapse:collapse}th,td{padding:3px 10px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}th{cursor:pointer;user-select:none}th[data-dir="1"]::after{content:" ▲"}th[data-dir="-1"]::after{content:" ▼"}
td.name{max-width:360px;overflow:hidden;text-overflow:ellipsis}svg.h{width:120px;height:22px;display:block}svg.h rect{fill:var(--den)}
.bad{color:var(--err)}.good{color:var(--ok)}.slower{color:var(--err);font-weight:600}.faster{color:var(--ok);font-weight:600}
details{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 10px}summary{cursor:pointer}
pre{white-space:pre-wrap;word-break:break-all;font-size:12px}
#tip{position:fixed;pointer-events:none;background:#222;color:#fff;padding:4px 8px;border-radius:4px;font-size:12px;max-width:560px;white-space:pre-wrap;z-index:9}
`;
