/** The report's only stylesheet, inlined: the page makes no network request. */
export const HTML_STYLE = `
:root { --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; --bg2: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif, "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"; margin: 0; color: #1f2328; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { border-bottom: 1px solid var(--line); }
h1 { font-size: 26px; margin: 4px 0 8px; }
h2 { font-size: 21px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 18px; margin: 0 0 8px; }
h4 { font-size: 15px; margin: 16px 0 6px; }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
.meta code { font-size: 12px; }
.explain { color: var(--muted); max-width: 80ch; }
.gates { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.gate { color: inherit; text-decoration: none; border: 2px solid var(--line); border-radius: 10px; padding: 10px 16px; min-width: 220px; display: flex; align-items: center; gap: 14px; }
.gate .badge { font-size: 28px; font-weight: 800; letter-spacing: .04em; color: #fff; border-radius: 8px; padding: 4px 14px; }
.gate .name { font-size: 18px; font-weight: 700; display: block; }
.gate .counts { font-size: 13px; color: var(--muted); }
.gate.v-pass { border-color: var(--pass); } .gate.v-pass .badge { background: var(--pass); }
.gate.v-fail { border-color: var(--fail); } .gate.v-fail .badge { background: var(--fail); }
.gate.v-notrun .badge { background: var(--muted); }
.gate.v-error { border-color: var(--warn); } .gate.v-error .badge { background: var(--warn); }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg2); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.verdict { font-weight: 700; white-space: nowrap; }
.verdict a { color: inherit; }
.verdict.passed { color: var(--pass); } .verdict.failed { color: var(--fail); } .verdict.error { color: var(--warn); } .verdict.skipped { color: var(--muted); }
.failure { border: 2px solid var(--fail); border-radius: 10px; padding: 14px 18px; margin: 16px 0; }
.message { font-weight: 600; white-space: pre-wrap; overflow-wrap: anywhere; }
pre { background: var(--bg2); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px; }
.compare { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; margin: 10px 0 18px; }
@media (max-width: 900px) { .compare { grid-template-columns: 1fr; } }
.compare > div { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; min-width: 0; overflow-x: auto; }
.compare h5 { font-size: 14px; margin: 0 0 6px; }
.fields th { width: 9em; }
.fields td { overflow-wrap: anywhere; }
.differs, td.differs, th.differs { background: #ffebe9; color: var(--fail); font-weight: 700; outline: 2px solid var(--fail); outline-offset: -2px; }
.new-value { display: block; font-size: 11px; color: var(--fail); }
.habits td, .habits th { text-align: center; padding: 2px 6px; font-size: 13px; }
.habits th.habit-name, .habits td.habit-name { text-align: left; }
.s-green { background: #dafbe1; } .s-yellow { background: #fff8c5; } .s-red { background: #ffebe9; } .s-none { background: #fff; color: var(--muted); }
.s-null, .s-missing { color: var(--muted); font-style: italic; } .s-odd { background: #fbefff; font-family: ui-monospace, monospace; }
.nodata { color: var(--muted); font-style: italic; }
.legend { font-size: 12px; color: var(--muted); }
.killed { color: var(--pass); font-weight: 700; text-align: center; } .notkilled { color: #8c959f; text-align: center; }
.notkilled.expected { color: var(--fail); }
.survived { color: var(--fail); font-weight: 800; }
.matrix th.prop { font-size: 12px; font-weight: 500; vertical-align: bottom; padding: 6px 3px; }
.matrix th.prop span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
.matrix td.killed, .matrix td.notkilled { min-width: 2.2em; }
.chart text { font: 12px system-ui, sans-serif; fill: #1f2328; }
.chart .err { fill: var(--fail); font-weight: 700; }
details > summary { cursor: pointer; color: #0969da; }
.totals { font-weight: 600; margin: 4px 0; }
.toc { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; margin: 12px 0 4px; background: var(--bg2); max-width: 80ch; }
.toc ol { margin: 4px 0; padding-left: 22px; columns: 2; }
h2 a.anchor { color: inherit; text-decoration: none; }
h2 a.anchor:hover::after { content: " #"; color: var(--muted); }
section { scroll-margin-top: 8px; }
h3 .counts { font-size: 13px; font-weight: 400; color: var(--muted); margin-left: 8px; }
.why { border-left: 4px solid var(--fail); background: #fff8f7; padding: 6px 12px; margin: 8px 0 12px; }
.why .rule { color: var(--muted); margin: 4px 0; }
.not-checked .why { border-left-color: var(--warn); background: #fff8e6; }
.not-checked { border: 2px solid var(--warn); border-radius: 10px; padding: 14px 18px; margin: 16px 0; }
ul.reasons { margin: 4px 0 8px; padding-left: 20px; }
ul.reasons li { margin: 2px 0; overflow-wrap: anywhere; }
.compare .new ul.reasons li { color: var(--fail); font-weight: 600; }
.answer { font-size: 16px; margin: 8px 0; }
.over { color: var(--fail); font-weight: 800; } .under { color: var(--pass); font-weight: 700; }
.unchanged { color: var(--pass); }
.stall-top td.step { max-width: 30ch; overflow-wrap: anywhere; }
.stall-top td.bar-cell { width: 280px; min-width: 200px; vertical-align: middle; }
.bar-track { position: relative; height: 14px; background: var(--bg2); }
.bar { position: absolute; left: 0; top: 0; bottom: 0; } .bar.under { background: #8fd19e; } .bar.over { background: #e5534b; }
.limit-line { position: absolute; top: -3px; bottom: -3px; width: 0; border-left: 2px dashed #1f2328; }
.stall-top tr.is-over td { background: #fff5f5; }
.access tr.beyond td { background: #fff0f0; } .access li.granted { color: #075; } .access li.revoked { color: #a30; } .access ul { margin: 0; padding-left: 1em; }
footer { color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
`;
