"""A local web page for writers: draft a section from notes, see the fact check and the style check.

``govtext serve`` starts it on http://127.0.0.1:8765 (standard library only; local use, no login).
JSON endpoints: ``POST /api/draft`` {theme, kind, notes: [..]}, ``POST /api/check`` {text},
``GET /api/search?q=..&theme=..``.
"""

from __future__ import annotations

import html
import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from govtext.themes import KIND_NAMES, THEMES

__all__ = ["make_server", "serve", "handle_api"]

log = logging.getLogger(__name__)

_PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>govtext 起草助手</title>
<style>body{{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;max-width:960px;margin:2em auto;color:#222}}
textarea{{width:100%;height:9em;font-size:15px}} select,button{{font-size:15px;margin:.3em}} .ok{{color:#080}} .bad{{color:#b00}}
#out{{white-space:pre-wrap;border:1px solid #ccc;padding:1em;margin-top:1em;line-height:1.8}} li{{margin:.2em 0}}</style></head>
<body><h1>govtext 起草助手</h1>
<p>每行写一条要点（含数字），选择主题，生成段落。所有数字都来自要点，系统会逐一核对。</p>
<select id="theme">{themes}</select><select id="kind">{kinds}</select>
<textarea id="notes" placeholder="开展廉政警示教育 6次&#10;签订党风廉政建设责任书 42份"></textarea>
<button onclick="go()">生成段落</button><button onclick="chk()">检查上方文字</button>
<div id="out"></div><ul id="issues"></ul>
<script>
async function post(u,b){{const r=await fetch(u,{{method:'POST',headers:{{'Content-Type':'application/json'}},body:JSON.stringify(b)}});return r.json()}}
function esc(s){{return s.replace(/[&<>]/g,c=>({{'&':'&amp;','<':'&lt;','>':'&gt;'}}[c]))}}
async function go(){{const notes=document.getElementById('notes').value.split('\\n').filter(x=>x.trim());
 const r=await post('/api/draft',{{theme:theme.value,kind:kind.value,notes}});
 if(r.error){{out.innerHTML='<span class=bad>'+esc(r.error)+'</span>';return}}
 out.innerHTML=esc(r.text)+'<p class='+(r.check.ok?'ok':'bad')+'>'+(r.check.ok?'✓ 数字核对通过':'✗ 数字核对未通过')+
 ' · 要点 '+r.check.facts_stated.length+'/'+r.facts.length+' · 由 '+r.engine+' 生成</p>';}}
async function chk(){{const r=await post('/api/check',{{text:document.getElementById('notes').value}});
 issues.innerHTML=(r.issues||[]).map(i=>'<li>'+esc(i.rule+'：'+i.message)+'</li>').join('')||'<li class=ok>未发现问题</li>'}}
</script></body></html>"""


def page() -> str:
    themes = "".join(f'<option value="{t}">{html.escape(th.name)}</option>' for t, th in THEMES.items())
    kinds = "".join(f'<option value="{k}">{html.escape(n)}</option>' for k, n in KIND_NAMES.items())
    return _PAGE.format(themes=themes, kinds=kinds)


def handle_api(path: str, payload: dict[str, Any] | None, query: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
    """Route one API call; returns (HTTP status, JSON body). Errors become 400 with a message."""
    try:
        if path == "/api/draft":
            from govtext.draft import draft

            p = payload or {}
            notes = [n for n in p.get("notes", []) if str(n).strip()]
            r = draft(p.get("theme", "overview"), notes, kind=p.get("kind", "work_summary"), engine=p.get("engine", "auto"),
                      lead=p.get("lead"))
            return 200, r.to_dict()
        if path == "/api/check":
            from govtext.lint import check

            issues = check((payload or {}).get("text", ""))
            return 200, {"issues": [{"rule": i.rule, "severity": i.severity, "message": i.message, "start": i.start,
                                     "end": i.end, "suggestion": getattr(i, "suggestion", "")} for i in issues]}
        if path == "/api/search":
            from govtext.draft import _default_index

            q = (query.get("q") or [""])[0]
            th = (query.get("theme") or [None])[0] or None
            hits = _default_index().search(q, theme=th, k=5, unit="paragraph")
            return 200, {"hits": [{"text": h.text, "theme": h.theme, "source": h.source} for h in hits]}
        return 404, {"error": f"no endpoint {path}"}
    except (ValueError, KeyError, TypeError) as e:
        return 400, {"error": str(e)}


class _Handler(BaseHTTPRequestHandler):
    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        u = urlparse(self.path)
        if u.path in ("/", "/index.html"):
            self._send(200, page().encode("utf-8"), "text/html; charset=utf-8")
        else:
            status, body = handle_api(u.path, None, parse_qs(u.query))
            self._send(status, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802
        n = int(self.headers.get("Content-Length", "0") or 0)
        if n > 1_000_000:
            self._send(413, b'{"error": "request too large"}', "application/json")
            return
        try:
            payload = json.loads(self.rfile.read(n).decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            self._send(400, json.dumps({"error": "body must be UTF-8 JSON"}).encode(), "application/json")
            return
        status, body = handle_api(urlparse(self.path).path, payload, {})
        self._send(status, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def log_message(self, fmt: str, *args: Any) -> None:
        log.info("%s - %s", self.address_string(), fmt % args)


def make_server(host: str = "127.0.0.1", port: int = 8765) -> ThreadingHTTPServer:
    return ThreadingHTTPServer((host, port), _Handler)


def serve(host: str = "127.0.0.1", port: int = 8765) -> None:
    srv = make_server(host, port)
    log.info("govtext draft helper on http://%s:%d", host, srv.server_address[1])
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
