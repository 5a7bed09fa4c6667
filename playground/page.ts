/** The playground's page: a static shell that the script fills from the block's data. */

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #59636e; --line: #d1d9e0; --accent: #1f6feb; --bad: #b42318; --ok: #1a7f37; --panel: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; padding: 10px 16px; border-bottom: 1px solid var(--line); }
header h1 { font-size: 16px; margin: 0; }
main { display: grid; grid-template-columns: 200px minmax(260px, 1fr) minmax(340px, 1.3fr); min-height: calc(100vh - 54px); }
section { padding: 12px 16px; border-right: 1px solid var(--line); }
section:last-child { border-right: 0; }
h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 4px 0 10px; }
fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 10px; align-items: end; flex-wrap: wrap; }
legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
.palette-item { display: flex; gap: 8px; align-items: center; padding: 8px; border: 1px solid var(--line); border-radius: 8px; background: #fff; cursor: grab; margin-bottom: 8px; }
.palette-item img { width: 24px; height: 24px; }
.palette-item .add { margin-left: auto; }
#canvas { list-style: none; margin: 0; padding: 8px; min-height: 240px; border: 2px dashed var(--line); border-radius: 10px; }
#canvas.drop-target { border-color: var(--accent); background: #eef4ff; }
#canvas:empty::before { content: "Drag the Intercom block here, or use its Add button."; color: var(--muted); }
.node { border: 1px solid var(--line); border-radius: 8px; padding: 8px; margin-bottom: 8px; background: #fff; }
.node[aria-current="true"] { border-color: var(--accent); box-shadow: 0 0 0 1px var(--accent); }
.node .row { display: flex; gap: 6px; align-items: center; }
.node .select { flex: 1; text-align: left; background: none; border: 0; padding: 4px; font: inherit; cursor: pointer; }
.node .status { font-size: 12px; }
.node .status.success { color: var(--ok); }
.node .status.error { color: var(--bad); }
.field { margin: 10px 0; }
.field label, .field .label { display: block; font-weight: 600; margin-bottom: 2px; }
.field .hint { color: var(--muted); font-size: 12px; margin: 2px 0; }
.field .error { color: var(--bad); font-size: 13px; margin: 2px 0; }
.req { color: var(--bad); }
input[type=text], input[type=password], input[type=number], select, textarea { width: 100%; font: inherit; padding: 5px 7px; border: 1px solid #8c959f; border-radius: 6px; background: #fff; }
header input, header select { width: auto; }
textarea.code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; min-height: 72px; }
[aria-invalid="true"] { border-color: var(--bad) !important; box-shadow: 0 0 0 1px var(--bad); }
button { font: inherit; padding: 5px 10px; border-radius: 6px; border: 1px solid #8c959f; background: #f6f8fa; cursor: pointer; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
:focus-visible { outline: 3px solid #fb8f44; outline-offset: 2px; }
.switch-row { display: flex; gap: 8px; align-items: center; }
.output { margin-top: 16px; border-top: 1px solid var(--line); padding-top: 8px; }
.tree { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.tree details { margin-left: 14px; }
.tree summary { cursor: pointer; }
.tree .leaf { margin-left: 14px; }
.tree .key { color: #8250df; }
.tree .str { color: #0a3069; }
.tree .num, .tree .bool, .tree .null { color: #953800; }
.error-box { border: 1px solid var(--bad); background: #fff1f0; border-radius: 6px; padding: 8px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`

/** The page, with a script reference to the bundle served beside it. */
export function pageHtml(script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>intercom-blocks playground</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>intercom-blocks playground</h1>
  <fieldset id="connection">
    <legend>Connection</legend>
    <div><label for="conn-token">Access token (empty: the embedded sandbox)</label>
      <input id="conn-token" type="password" autocomplete="off" placeholder="kept in this page only"></div>
    <div><label for="conn-region">Region</label>
      <select id="conn-region"><option value="us">US</option><option value="eu">EU</option><option value="au">AU</option></select></div>
    <p id="conn-status" class="hint" aria-live="polite"></p>
  </fieldset>
  <button id="run" class="primary" type="button">Run workflow</button>
</header>
<main>
  <section aria-labelledby="palette-title"><h2 id="palette-title">Blocks</h2><div id="palette"></div></section>
  <section aria-labelledby="canvas-title"><h2 id="canvas-title">Workflow</h2>
    <p class="hint">Blocks run from top to bottom. A field may use an earlier block's output, e.g. <code>{{block1.id}}</code>.</p>
    <ol id="canvas" aria-label="Workflow canvas"></ol></section>
  <section aria-labelledby="panel-title"><h2 id="panel-title">Block settings</h2><div id="panel"><p class="hint">Add a block and select it to configure it.</p></div></section>
</main>
<div id="announcer" class="sr-only" role="status" aria-live="assertive"></div>
<script src="/${script}"></script>
</body>
</html>
`
}
