/**
 * The preview's stylesheet and script, written next to the pages. The script only shows the
 * provenance popup and, under `preview --watch`, reloads the page when the site is rebuilt.
 */
export const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d232a; }
header.top { background: #24313f; color: #fff; padding: 8px 20px; }
header.top a { color: #cfe3ff; }
main { max-width: 980px; margin: 0 auto; padding: 16px 20px 80px; }
table.matrix { border-collapse: collapse; font-size: 13px; }
table.matrix th, table.matrix td { border: 1px solid #ccd3da; padding: 6px 8px; vertical-align: top; text-align: left; }
table.matrix th.stack { min-width: 160px; max-width: 240px; }
.count-filled { color: #176b2c; } .count-unfilled { color: #b3261e; font-weight: 600; }
.tree { display: inline-block; margin: 2px 0; padding: 0 6px; border-radius: 8px; font-size: 12px; }
.tree.tested { background: #dff3e4; } .tree.stale { background: #fff1c2; } .tree.failing { background: #fbdcdc; }
.findings { color: #b3261e; } .findings.none { color: #5b6b7a; }
.hole.filled { background: #e4f2e7; border-bottom: 1px dotted #3a7d4a; cursor: help; }
.hole.unfilled { background: #ffd9d6; outline: 2px solid #d93025; outline-offset: 1px; cursor: help; }
.hole.unfilled.first::before { content: "не заполнено"; font: 600 10px/1 system-ui, sans-serif; background: #d93025; color: #fff; padding: 2px 4px; margin-right: 4px; border-radius: 3px; vertical-align: 1px; }
img.hole { outline: 3px solid #3a7d4a; max-width: 100%; }
pre { background: #f6f8fa; padding: 10px; overflow-x: auto; }
pre .hole.filled { background: #dcefe0; }
.snippet-source { font-size: 12px; margin: -8px 0 12px; }
#provenance { position: absolute; z-index: 10; max-width: 520px; background: #fff; border: 1px solid #8a97a5; box-shadow: 0 2px 8px rgba(0,0,0,.2); padding: 8px 10px; font: 12px/1.45 ui-monospace, monospace; white-space: pre-wrap; }
#provenance[hidden] { display: none; }
.missing-image { display: inline-block; border: 2px dashed #d93025; padding: 6px 10px; color: #b3261e; font-size: 13px; }
aside.unfilled-list { background: #fff6f5; border: 1px solid #f3c1bc; padding: 8px 14px; margin: 12px 0; font-size: 13px; }
pre.file { counter-reset: line; padding: 0; }
pre.file .line { display: block; padding: 0 10px; }
pre.file .line:target, pre.file .line.region { background: #fff4c2; }
pre.file .line::before { counter-increment: line; content: counter(line); display: inline-block; width: 3em; color: #8a97a5; }
`;

export const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('stackdoc-holes') ? document.getElementById('stackdoc-holes').textContent : '[]');
  var box = document.createElement('div');
  box.id = 'provenance';
  box.hidden = true;
  box.setAttribute('role', 'tooltip');
  document.body.appendChild(box);
  var pinned = null;
  function show(el) {
    var entry = data[Number(el.getAttribute('data-hole'))];
    if (!entry) return;
    box.textContent = entry.explain;
    var r = el.getBoundingClientRect();
    box.style.left = Math.max(8, r.left + window.scrollX) + 'px';
    box.style.top = (r.bottom + window.scrollY + 6) + 'px';
    box.hidden = false;
  }
  function hide() { if (!pinned) box.hidden = true; }
  document.addEventListener('mouseover', function (e) { var el = e.target.closest && e.target.closest('[data-hole]'); if (el) show(el); else hide(); });
  document.addEventListener('focusin', function (e) { var el = e.target.closest && e.target.closest('[data-hole]'); if (el) show(el); });
  document.addEventListener('click', function (e) {
    var el = e.target.closest && e.target.closest('[data-hole]');
    if (el) { pinned = el; show(el); } else { pinned = null; box.hidden = true; }
  });
})();
`;

/** Added to every page under `preview --watch`: the server sends an event after each rebuild. */
export const LIVE_SCRIPT = `
(function () {
  var events = new EventSource('/__stackdoc/events');
  events.addEventListener('rebuilt', function () { location.reload(); });
})();
`;
