import json
import threading
import urllib.request

import pytest

from govtext.server import handle_api, make_server


@pytest.fixture()
def server():
    srv = make_server("127.0.0.1", 0)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def _post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode("utf-8"))


def test_page_and_api(server):
    with urllib.request.urlopen(server + "/", timeout=10) as r:
        page = r.read().decode("utf-8")
    assert "起草助手" in page and 'value="integrity"' in page
    status, body = _post(server + "/api/draft", {"theme": "integrity", "notes": ["开展廉政警示教育 6次"], "engine": "template"})
    assert status == 200 and body["check"]["ok"] and "6次" in body["text"]
    status, body = _post(server + "/api/check", {"text": "累计撰写调研报告*篇。"})
    assert status == 200 and any(i["rule"] == "placeholder" for i in body["issues"])
    status, body = _post(server + "/api/draft", {"theme": "bogus", "notes": ["x 1次"]})
    assert status == 400 and "theme" in body["error"]


def test_unknown_endpoint():
    assert handle_api("/api/nope", {}, {})[0] == 404
