"""Printable HTML to PDF with Debian's Chromium, offline.

Why Chromium and not a PDF library: the debrief is already a printable HTML page, the
machine has ``/usr/bin/chromium`` for the browser tests (``.ci/install_browser.sh``), and
printing the same page keeps the HTML and the PDF identical. The page is self-contained
(style inlined, no scripts, no external address), and Chromium is started with its network
features off, so nothing leaves the machine.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

__all__ = ["CHROMIUM", "PdfError", "html_to_pdf"]

CHROMIUM: Final = Path("/usr/bin/chromium")
ARGS: Final = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-pdf-header-footer")
TIMEOUT_SECONDS: Final = 60


class PdfError(RuntimeError):
    """The PDF cannot be made here (no Chromium, or it failed), in one sentence."""


def html_to_pdf(html: str, chromium: Path = CHROMIUM) -> bytes:
    """The PDF of a self-contained HTML page."""
    exe = chromium if chromium.exists() else shutil.which("chromium")
    if exe is None:
        raise PdfError(f"PDF export needs Chromium ({chromium}); print the HTML page from "
                       "the browser instead")
    with tempfile.TemporaryDirectory(prefix="jobfirst-pdf-") as tmp:
        page, out = Path(tmp) / "debrief.html", Path(tmp) / "debrief.pdf"
        page.write_text(html, encoding="utf-8")
        try:
            subprocess.run([str(exe), *ARGS, f"--user-data-dir={tmp}/profile",
                            f"--print-to-pdf={out}", page.as_uri()],
                           check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
        except (OSError, subprocess.SubprocessError) as exc:
            raise PdfError(f"Chromium could not print the PDF ({type(exc).__name__}); print "
                           "the HTML page from the browser instead") from None
        if not out.is_file() or out.stat().st_size == 0:
            raise PdfError("Chromium made no PDF; print the HTML page from the browser instead")
        return out.read_bytes()
