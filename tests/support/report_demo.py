"""Regenerate the README's report screenshot: `python3 tests/support/report_demo.py docs/report-demo.png`.

Builds the generated MSP share (report_corpus), runs `agent run --once` three times (a file cleaned up and
a new export appearing in between, so the history chart has a story), writes the report, screenshots it in
headless Chromium and reduces the PNG to a small palette. Everything happens in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere

from PIL import Image

from credscan.cli import main
from tests.support.report_corpus import make_corpus
from tests.support.report_fixtures import chromium


def demo_logo(path: Path) -> Path:
    """A made-up MSP logo: a coloured square and the name."""
    from PIL import ImageDraw

    logo = Image.new("RGB", (220, 56), "white")
    draw = ImageDraw.Draw(logo)
    draw.rectangle((4, 4, 52, 52), fill="#1f5fa8")
    draw.text((64, 18), "Globex IT", fill="#1f5fa8")
    logo.save(path)
    return path


def build(png: Path) -> None:
    os.environ["CREDSCAN_NO_KEYRING"] = "1"
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        share = make_corpus(tmp / "srv" / "shares")
        config = tmp / "agent.toml"
        config.write_text(
            f'[scan]\nroots = ["{share}"]\njobs = 1\n[watch]\nenabled = false\n'
            f'[state]\ndir = "{tmp / "state"}"\n'
            '[remediation]\nvault_name = "Acme Passwordstate"\nvault_url = "https://vault.acme.example/"\n'
            '[report]\nclient_name = "Acme Ltd"\nmsp_name = "Globex IT"\n'
            f'logo = "{demo_logo(tmp / "logo.png")}"\n',
            encoding="utf-8",
        )
        run = ["agent", "run", "--config", str(config), "--once"]
        assert main(run) == 0
        (share / "it" / "scripts" / "backup.cmd").write_text(
            "net use Z: \\\\nas\\backup /user:ACME\\svc_backup\n"
        )
        assert main(run) == 0
        (share / "home" / "jdoe" / "chrome-passwords.csv").write_text(
            "name,url,username,password,note\nCRM,https://crm.acme.example,jdoe,Crm!Pass-2025,\n"
        )
        assert main(run) == 0
        report = tmp / "report.html"
        assert main(["report", "--config", str(config), "-o", str(report)]) == 0
        chromium(
            [f"--screenshot={png.resolve()}", "--window-size=1280,2000", report.as_uri()], tmp / "profile"
        )
    with Image.open(png) as shot:
        small = shot.convert("RGB").quantize(colors=128, method=Image.Quantize.FASTOCTREE)
    small.save(png, optimize=True)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/report-demo.png"))
