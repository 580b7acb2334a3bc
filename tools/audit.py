"""`make audit`: Lighthouse (mobile profile) on each page type in both languages, and the Nu Html Checker
over the whole site. Builds into a temporary folder, serves it on 127.0.0.1, prints figures next to the
targets (accessibility, best practices, SEO 100; performance >= 95; 0 validator errors apart from the
documented theme error) and exits 1 if a target is missed.

The local server compresses text files with gzip when the browser accepts it, as the production host
(GitHub Pages, see .github/workflows/deploy.yml) does; without that, Lighthouse would time a transfer
four to six times larger than any visitor gets."""
from __future__ import annotations

import functools
import gzip
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "tools" / "audit" / "node_modules"
PAGES = ["", "program/goteborg-avhopparverksamhet/", "jamforelse/", "arbetet/", "ordlista/"]
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
# Material's own markup, documented in README.md: (1) <input type="checkbox" autocomplete="off"> on its
# drawer and search toggles, on every page; (2) on pages outside the navigation (the generated programme
# pages), its table-of-contents <label for="__toc"> without the matching toggle.
THEME_ERROR = r".*(Attribute .autocomplete. is only allowed when the input type is|The value of the .for. attribute of the .label. element must be the ID of a non-hidden form control).*"


class CompressingHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the request accepts gzip."""
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", "")) \
                or not self.path.split("?")[0].endswith(("/", path.name)):
            return super().send_head()  # directories without a slash (redirects), binaries, 404s
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def main() -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1795392000")}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CompressingHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        missed = 0
        print(f"{'page':48} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}")
        for prefix in ("", "en/"):
            for path in PAGES:
                out = Path(tmp) / "report.json"
                subprocess.run(["node", str(NODE / "lighthouse" / "cli" / "index.js"), base + prefix + path, "--quiet",
                                f"--chrome-flags={FLAGS}", "--output=json", f"--output-path={out}"],
                               env={**env, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}, check=True)
                categories = json.loads(out.read_text())["categories"]
                scores = {k: round(100 * (categories[k]["score"] or 0)) for k in ("performance", "accessibility", "best-practices", "seo")}
                ok = scores["performance"] >= 95 and all(scores[k] == 100 for k in ("accessibility", "best-practices", "seo"))
                missed += not ok
                print(f"/{prefix + path:47} {scores['performance']:5} {scores['accessibility']:5} {scores['best-practices']:5} "
                      f"{scores['seo']:5} {'' if ok else ' MISS'}")
        server.shutdown()
        server.server_close()
        vnu = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
        everything = subprocess.run(["java", "-jar", str(vnu), "--skip-non-html", "--errors-only", "--format", "json", str(site)],
                                    capture_output=True, text=True)
        messages = json.loads(everything.stderr or '{"messages": []}')["messages"]
        theme = [m for m in messages if re.match(THEME_ERROR, m.get("message", ""))]
        ours = [m for m in messages if m not in theme]
        print(f"Nu Html Checker: {len(ours)} error(s) (target 0); {len(theme)} documented theme error(s) filtered "
              "(Material's checkbox toggles and table-of-contents label)")
        for message in ours[:20]:
            print(f"  {message.get('url', '')}: {message.get('message')}")
        missed += bool(ours)
    print("audit: all targets met" if not missed else f"audit: {missed} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
