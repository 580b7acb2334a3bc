"""`make audit`: Lighthouse (mobile profile) on each page type in both languages, and the Nu Html Checker
over the whole site. Builds into a temporary folder, serves it on 127.0.0.1, prints figures next to the
targets (accessibility, best practices, SEO 100; performance >= 95; 0 validator errors apart from the
documented theme error) and exits 1 if a target is missed.

The local server compresses text files with gzip when the browser accepts it, as the production host
(GitHub Pages, see .github/workflows/deploy.yml) does; without that, Lighthouse would time a transfer
four to six times larger than any visitor gets. Building, serving and finding Chromium are the
shared helpers of tools/devkit.py. Needs `make` to have installed tools/audit/node_modules, and Java."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import devkit  # tools/devkit.py, next to this file

sys.path.insert(0, str(devkit.ROOT))  # the core, for where each language's pages are
from exitguide.labels import LANGUAGES, language_folder  # noqa: E402

NODE = devkit.ROOT / "tools" / "audit" / "node_modules"
PAGES = ["", "program/goteborg-avhopparverksamhet/", "jamforelse/", "arbetet/", "ordlista/"]
# Material's own markup, documented in README.md: (1) <input type="checkbox" autocomplete="off"> on its
# drawer and search toggles, on every page; (2) on pages outside the navigation (the generated programme
# pages), its table-of-contents <label for="__toc"> without the matching toggle.
THEME_ERROR = r".*(Attribute .autocomplete. is only allowed when the input type is|The value of the .for. attribute of the .label. element must be the ID of a non-hidden form control).*"


def lighthouse(base: str, work: Path, env: dict, chromium: str) -> int:
    """Scores per page; the number of pages that miss a target."""
    missed = 0
    print(f"{'page':48} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}")
    for prefix in map(language_folder, LANGUAGES):
        for path in PAGES:
            out = work / "report.json"
            subprocess.run(["node", str(NODE / "lighthouse" / "cli" / "index.js"), base + prefix + path, "--quiet",
                            f"--chrome-flags={' '.join(devkit.CHROMIUM_ARGS)}", "--output=json", f"--output-path={out}"],
                           env={**env, "CHROME_PATH": chromium}, check=True)
            categories = json.loads(out.read_text())["categories"]
            scores = {k: round(100 * (categories[k]["score"] or 0)) for k in ("performance", "accessibility", "best-practices", "seo")}
            ok = scores["performance"] >= 95 and all(scores[k] == 100 for k in ("accessibility", "best-practices", "seo"))
            missed += not ok
            print(f"/{prefix + path:47} {scores['performance']:5} {scores['accessibility']:5} {scores['best-practices']:5} "
                  f"{scores['seo']:5} {'' if ok else ' MISS'}")
    return missed


def html_checker(site: Path) -> int:
    """The Nu Html Checker over every page; 1 if it reports an error of ours, else 0."""
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
    return int(bool(ours))


def main() -> int:
    env = devkit.build_env(source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH", "1795392000"))
    chromium = devkit.require_chromium()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        built = devkit.strict_build(devkit.ROOT, site, env=env)
        if built.returncode != 0:
            print(built.stdout + built.stderr, file=sys.stderr)
            return 1
        with devkit.serve_site(site, compress=True) as served:
            missed = lighthouse(served.url + "/", Path(tmp), env, chromium)
        missed += html_checker(site)
    print("audit: all targets met" if not missed else f"audit: {missed} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
