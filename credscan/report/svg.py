"""Inline SVG charts drawn in Python: no chart library, no script, nothing fetched — they print as they show.

Every bar and point carries ``data-label``/``data-count`` (and ``data-series``) attributes so tests and
people reading the source can check the numbers without measuring pixels. All text is escaped here.
"""

from __future__ import annotations

from html import escape

from credscan.report.data import HistoryPoint

BAR_WIDTH = 640
LABEL_WIDTH = 260
BAR_HEIGHT = 22
BAR_GAP = 6
LABEL_CHARS = 40
"""Longer labels (deep paths) are shortened in the middle; the full text is in the bar's <title>."""

LINE_WIDTH = 640
LINE_HEIGHT = 220
PAD = 36


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    if len(text) <= limit:
        return text
    keep = (limit - 1) // 2
    return text[:keep] + "…" + text[-(limit - 1 - keep) :]


def bar_chart(
    title: str, items: list[tuple[str, int]], empty_text: str = "No findings.", strip_prefix: str = ""
) -> str:
    """A horizontal bar chart, one bar per (label, count), longest bar = largest count.

    ``strip_prefix`` is cut from the shown labels (folders below a common root); data-label keeps it all.
    """
    if not items:
        return f'<p class="chart-empty">{escape(empty_text)}</p>'
    largest = max(count for _, count in items) or 1
    span = BAR_WIDTH - LABEL_WIDTH - 50
    height = len(items) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    rows = []
    for index, (label, count) in enumerate(items):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = max(2, round(span * count / largest))
        text_y = y + BAR_HEIGHT * 0.7
        shown = label[len(strip_prefix) :] if strip_prefix and label.startswith(strip_prefix) else label
        rows.append(
            f'<g class="bar" data-label="{escape(label)}" data-count="{count}">'
            f"<title>{escape(label)}: {count}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{text_y:.1f}" text-anchor="end">'
            f"{escape(shorten(shown or label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" rx="3"></rect>'
            f'<text class="count" x="{LABEL_WIDTH + width + 6}" y="{text_y:.1f}">{count}</text>'
            "</g>"
        )
    return (
        f'<svg class="chart bars" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {BAR_WIDTH} {height}" width="{BAR_WIDTH}" height="{height}">{"".join(rows)}</svg>'
    )


def history_chart(points: list[HistoryPoint] | None) -> str:
    """Open and resolved findings over time, two polylines; a sentence instead when there is no history."""
    if points is None:
        return (
            '<p class="chart-empty" id="history-none">No history: this report was made from a single '
            "on-demand scan. Reports from the agent's store (<code>credscan report --config FILE</code>) "
            "show open and resolved findings over time.</p>"
        )
    if not points:
        return '<p class="chart-empty" id="history-none">No history recorded yet.</p>'
    largest = max(max(p.open, p.resolved) for p in points) or 1
    plot_w = LINE_WIDTH - 2 * PAD
    plot_h = LINE_HEIGHT - 2 * PAD
    step = plot_w / max(1, len(points) - 1)

    def xy(index: int, value: int) -> tuple[float, float]:
        return PAD + index * step, PAD + plot_h - plot_h * value / largest

    parts = [
        f'<line class="axis" x1="{PAD}" y1="{PAD + plot_h}" x2="{PAD + plot_w}" y2="{PAD + plot_h}"></line>',
        f'<text class="tick" x="{PAD - 6}" y="{PAD + 4}" text-anchor="end">{largest}</text>',
        f'<text class="tick" x="{PAD - 6}" y="{PAD + plot_h + 4}" text-anchor="end">0</text>',
    ]
    for series in ("open", "resolved"):
        coords = [xy(i, getattr(p, series)) for i, p in enumerate(points)]
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline class="series-{series}" points="{line}"></polyline>')
        for (x, y), point in zip(coords, points, strict=True):
            when = point.when.strftime("%Y-%m-%d %H:%M")
            count = getattr(point, series)
            parts.append(
                f'<circle class="series-{series}" cx="{x:.1f}" cy="{y:.1f}" r="3" '
                f'data-series="{series}" data-when="{when}" data-count="{count}">'
                f"<title>{when}: {count} {series}</title></circle>"
            )
    first, last = points[0].when.strftime("%Y-%m-%d"), points[-1].when.strftime("%Y-%m-%d")
    parts.append(f'<text class="tick" x="{PAD}" y="{LINE_HEIGHT - 10}">{first}</text>')
    parts.append(
        f'<text class="tick" x="{PAD + plot_w}" y="{LINE_HEIGHT - 10}" text-anchor="end">{last}</text>'
    )
    parts.append(
        f'<text class="legend series-open" x="{PAD}" y="14">● open now: {points[-1].open}</text>'
        f'<text class="legend series-resolved" x="{PAD + 160}" y="14">'
        f"● resolved so far: {points[-1].resolved}</text>"
    )
    return (
        f'<svg class="chart history" role="img" aria-label="Open and resolved findings over time" '
        f'viewBox="0 0 {LINE_WIDTH} {LINE_HEIGHT}" width="{LINE_WIDTH}" height="{LINE_HEIGHT}">'
        f"{''.join(parts)}</svg>"
    )
