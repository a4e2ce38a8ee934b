/** The panel's styles, adopted as a constructable stylesheet: no `<style>` element, so no `unsafe-inline` under a strict CSP. */
export const PANEL_CSS = `
:host { all: initial; }
.panel { position: fixed; z-index: 2147483647; left: 8px; bottom: 8px; box-sizing: border-box;
  width: min(460px, calc(100vw - 16px)); max-height: min(70vh, 640px); overflow: auto;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff;
  border: 1px solid #d0d7de; border-radius: 10px; box-shadow: 0 8px 28px rgba(0, 0, 0, .18); }
header { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
  padding: 8px 10px; background: #0b3d91; color: #fff; }
h2 { flex: 1 1 auto; margin: 0; font-size: 14px; font-weight: 600; }
header .meta { color: #dbe7ff; }
.actions { display: flex; flex: 1 1 100%; gap: 6px; }
h3 { margin: 0 0 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: #57606a; }
button { font: inherit; font-size: 12px; padding: 3px 8px; border: 1px solid rgba(255, 255, 255, .7); border-radius: 6px;
  background: transparent; color: inherit; cursor: pointer; }
button:hover { background: rgba(255, 255, 255, .15); }
button:focus-visible, li:focus-visible { outline: 2px solid #fbbf24; outline-offset: 1px; }
button[data-action="close"], button[data-part="collapse"] { font-size: 16px; line-height: 1; padding: 2px 8px; }
.panel.collapsed > :not(header), .panel.collapsed .actions { display: none; }
section { padding: 8px 10px; border-top: 1px solid #eaeef2; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
dt { color: #57606a; }
dd { margin: 0; min-width: 0; overflow-wrap: break-word; }
p { margin: 0; }
.source { color: #6e7781; font-size: 11px; }
ol, ul { list-style: none; margin: 0; padding: 0; }
li { padding: 5px 6px; margin: 0 -6px; border-radius: 6px; overflow-wrap: break-word; }
li:hover, li:focus { background: #f6f8fa; }
.meta { color: #6e7781; font-size: 11px; }
.status { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 11px; font-weight: 600; background: #eaeef2; }
[data-status="recorded"] .status, [data-status="duplicate"] .status { background: #dafbe1; color: #116329; }
[data-status="not_attributed"] .status { background: #fff8c5; color: #7d4e00; }
[data-status="invalid"] .status, [data-status="rejected"] .status, [data-status="dropped"] .status { background: #ffebe9; color: #a40e26; }
[data-status="sending"] .status, [data-status="queued"] .status { background: #ddf4ff; color: #0a3069; }
.issues { margin: 2px 0 0; color: #a40e26; font-size: 12px; }
.issues li { padding: 0; margin: 0; }
[data-level="problem"] { color: #a40e26; }
.empty { color: #6e7781; }
textarea { box-sizing: border-box; width: 100%; height: 160px; font: 11px/1.4 ui-monospace, monospace; }
.outline { position: fixed; z-index: 2147483646; pointer-events: none; box-sizing: border-box;
  border: 2px solid #e11d48; border-radius: 3px; background: rgba(225, 29, 72, .08); }
[hidden] { display: none !important; }
@media (max-width: 480px) { .panel { max-height: 50vh; } }
`;
