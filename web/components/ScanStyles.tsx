import { raw } from 'hono/html';

/**
 * The scan page's own stylesheet, inlined: a consumer scans once, often on a slow mobile network
 * inside Zalo, so one response with no render-blocking second request beats a cached site-wide
 * file. Mobile first from 360 px; the same colours as the site (text at 4.5:1 or more).
 */
const SCAN_CSS = `
:root{--ink:#1b1b1b;--muted:#4b5563;--paper:#fff;--wash:#f4f6f3;--line:#d1d5db;--brand:#0b6b3a;--link:#0a558c;
--ok:#0b6b3a;--ok-bg:#e7f4ec;--caution:#7a4b00;--caution-bg:#fff4d6;--danger:#a11212;--danger-bg:#fdecea;--focus:#b45309;
font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;line-height:1.5;color:var(--ink);background:var(--paper)}
*,*::before,*::after{box-sizing:border-box}
body{margin:0}
img{max-width:100%;height:auto;display:block}
a{color:var(--link)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
h1,h2,h3{line-height:1.25}
h1{font-size:1.4rem;margin:.25rem 0}
h2{font-size:1.15rem;margin:0 0 .5rem}
.skip{position:absolute;left:-999px}
.skip:focus{left:.5rem;top:.5rem;z-index:1;background:var(--paper);padding:.5rem}
.bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;background:var(--brand)}
.bar a{color:#fff;font-weight:600}
.brand{display:flex;gap:.5rem;align-items:center;text-decoration:none}
main{max-width:40rem;margin:0 auto;padding:1rem}
footer{padding:1rem;background:var(--wash);color:var(--muted);font-size:.9rem}
.verdict{display:flex;gap:.75rem;padding:1rem;border-radius:.5rem;border:2px solid}
.verdict svg{flex:none;width:2.5rem;height:2.5rem}
.verdict p{margin:.35rem 0}
.ok{background:var(--ok-bg);border-color:var(--ok);color:var(--ok)}
.caution{background:var(--caution-bg);border-color:var(--caution);color:var(--caution)}
.danger{background:var(--danger-bg);border-color:var(--danger);color:var(--danger)}
.verdict .body,.verdict dl{color:var(--ink)}
.tone{font-weight:700;text-transform:uppercase;font-size:.85rem;letter-spacing:.04em}
.note{padding:.6rem .8rem;border-left:4px solid var(--muted);background:var(--wash);margin:.75rem 0}
.note.warn{border-color:var(--danger);background:var(--danger-bg);color:var(--danger)}
.note.good{border-color:var(--ok);background:var(--ok-bg);color:var(--ok)}
.serial{color:var(--muted);font-size:.9rem;margin:.5rem 0 0;overflow-wrap:anywhere}
section{margin:1.25rem 0;padding:1rem;border:1px solid var(--line);border-radius:.5rem}
.identity{display:grid;gap:.75rem;grid-template-columns:4.5rem 1fr;align-items:start;margin:.75rem 0;padding:.75rem}
.identity img{width:4.5rem;aspect-ratio:1;object-fit:cover;border-radius:.4rem;background:var(--wash)}
.identity h2{margin:0}
.identity p{margin:.15rem 0}
.muted{color:var(--muted)}
.stars{color:var(--caution);font-weight:700}
.stars.lapsed{color:var(--muted);font-weight:600}
dl{display:grid;grid-template-columns:minmax(6rem,40%) 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
ol,ul{list-style:none;margin:0;padding:0}
.timeline li{position:relative;padding:0 0 .9rem 1.25rem;border-left:2px solid var(--line);margin-left:.4rem}
.timeline li::before{content:'';position:absolute;left:-.45rem;top:.35rem;width:.8rem;height:.8rem;border-radius:50%;background:var(--brand)}
.timeline p,.places p{margin:.1rem 0}
.places li{padding:.5rem 0;border-top:1px solid var(--line)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.75rem}
.button,button{display:inline-block;padding:.6rem 1rem;border:0;border-radius:.4rem;background:var(--brand);color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.button.secondary{background:var(--paper);color:var(--brand);border:2px solid var(--brand)}
.button.alert{background:var(--danger)}
label{display:block;font-weight:600;margin-top:.75rem}
input,textarea{width:100%;padding:.55rem;border:1px solid #6b7280;border-radius:.3rem;font:inherit;background:var(--paper);color:var(--ink)}
input[name=pin]{font-family:ui-monospace,monospace;font-size:1.2rem;letter-spacing:.15em;text-transform:uppercase}
.hint{color:var(--muted);font-size:.9rem;margin:.15rem 0}
.error{color:var(--danger);font-weight:600;margin:.15rem 0}
form button{margin-top:.75rem}
`
  .replace(/\n/g, '')
  .trim();

export function ScanStyles() {
  return <style>{raw(SCAN_CSS)}</style>;
}
