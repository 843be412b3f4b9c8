"""axe-core's WCAG 2.1 A/AA rules run in a Playwright page, offline (issue 24 §7).

Why axe-playwright-python: it ships axe.min.js inside the wheel, so the rules are injected
from disk and nothing is fetched at run time. A failure lists each rule with its impact and
the offending elements, so the message alone says what to fix.
"""

from __future__ import annotations

from typing import Any

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Any) -> list[dict[str, Any]]:
    """axe's WCAG 2.1 A/AA violations of the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    result = Axe().run(page, options=options)
    return list(result.response["violations"])


def describe(found: list[dict[str, Any]]) -> str:
    """One line per rule (id, impact, help) and one per offending element."""
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} [{len(v['nodes'])}]")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(map(str, node.get('target', [])))}: "
                         f"{node.get('html', '')[:160]}")
    return "\n".join(lines)


def assert_accessible(page: Any, name: str) -> None:
    """No WCAG 2.1 A/AA violation on the page, else every rule and element in the message."""
    found = violations(page)
    assert found == [], f"{name}: {len(found)} axe rule(s) violated\n{describe(found)}"
