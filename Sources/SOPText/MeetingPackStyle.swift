/// The meeting pack's one stylesheet, inline. System fonts only (no web font to fetch). Every series
/// differs by its mark or pattern as well as its colour, so the charts read on a grey printer, and
/// the print rules keep each chart and table whole on its page.
enum MeetingPackStyle {
    static let css = """
    :root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #d0d4da; --accent: #1f5fa8; --short: #b3261e; --late: #9a5b00; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1180px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
    h1 { font-size: 26px; margin: 0 0 8px; }
    h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); break-after: avoid; }
    h3 { font-size: 16px; margin: 18px 0 6px; break-after: avoid; }
    header dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 12px; }
    header dt { font-weight: 600; }
    header dd { margin: 0; }
    nav ol { columns: 2; margin: 8px 0 0; padding-left: 22px; }
    nav a { color: var(--accent); }
    p.label { margin: 12px 0 4px; }
    ul, ol { margin: 4px 0 10px; padding-left: 22px; }
    li.none { list-style: none; margin-left: -22px; color: var(--muted); }
    table { border-collapse: collapse; margin: 8px 0 14px; font-size: 14px; break-inside: avoid; }
    caption { text-align: left; font-weight: 600; padding: 0 0 4px; }
    th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--ink); }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .text { text-align: left; }
    tbody tr:last-child th, tbody tr:last-child td { border-bottom: 1px solid var(--ink); }
    blockquote { margin: 4px 0 8px 0; padding: 4px 12px; border-left: 3px solid var(--line); white-space: pre-wrap; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 13px; overflow-wrap: anywhere; }
    del.superseded { color: var(--muted); text-decoration-thickness: 2px; }
    article.proposal { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 8px; margin: 10px 0; break-inside: avoid; }
    figure { margin: 10px 0 14px; break-inside: avoid; }
    figcaption { color: var(--muted); font-size: 13px; margin-bottom: 4px; }
    .charts { display: grid; grid-template-columns: 1fr; gap: 12px; }
    figure.family .charts { grid-template-columns: 16fr 9fr; align-items: start; }
    .family-block { break-inside: avoid; }
    ul.exceptions li { color: var(--short); }
    footer { margin-top: 36px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); }
    svg.patterns { position: absolute; width: 0; height: 0; }
    /* A chart is drawn for about 640 px; on a wide screen it grows only so far, so its labels stay
       the size of the text around it. */
    svg.chart { width: 100%; max-width: 820px; height: auto; display: block; font-size: 11px; }
    figure.family { max-width: 1180px; }
    figure.family svg.chart { max-width: none; }
    svg .tick { fill: var(--muted); font-size: 10px; }
    svg .legend { fill: var(--ink); font-size: 11px; }
    svg .label, svg .stage-name { fill: var(--ink); font-size: 11px; }
    svg .value { fill: var(--ink); font-size: 10px; }
    svg .value-below { fill: var(--short); font-size: 10px; font-weight: 700; }
    svg .grid { stroke: #e4e7eb; stroke-width: 1; }
    svg .zero { stroke: var(--ink); stroke-width: 1.2; }
    svg .lane { stroke: #eef0f2; stroke-width: 1; }
    svg .hatch-ground { fill: #fff; }
    svg .hatch-line { stroke-width: 2.5; }
    svg .demand { fill: #c9ced6; stroke: #8a929c; stroke-width: 0.6; }
    svg .supply { fill: none; stroke: #2b2b2b; stroke-width: 1.6; }
    svg .supply-mark { fill: #fff; stroke: #2b2b2b; stroke-width: 1.4; }
    svg .inventory { fill: none; stroke: var(--accent); stroke-width: 2.4; }
    svg .inventory-mark { fill: var(--accent); stroke: #fff; stroke-width: 0.8; }
    svg .inventory-low { fill: #e8a33c; stroke: var(--ink); stroke-width: 1; }
    svg .inventory-short { fill: none; stroke: var(--short); stroke-width: 2.6; }
    svg .safety { stroke: var(--ink); stroke-width: 1.4; stroke-dasharray: 6 4; fill: none; }
    svg .safety-label { fill: var(--ink); font-size: 10px; font-style: italic; }
    svg .short-month { fill: url(#hatch-short); opacity: 0.35; }
    svg .short-label { fill: var(--short); font-size: 9px; font-weight: 700; }
    svg .actual { fill: none; stroke: var(--ink); stroke-width: 2; }
    svg .actual-mark { fill: var(--ink); }
    svg .forecast { fill: none; stroke: var(--accent); stroke-width: 1.8; stroke-dasharray: 5 3; }
    svg .forecast-mark { fill: #fff; stroke: var(--accent); stroke-width: 1.4; }
    svg .wmape { fill: none; stroke: var(--accent); stroke-width: 2.2; }
    svg .wmape-mark { fill: var(--accent); }
    svg .bias { fill: none; stroke: var(--late); stroke-width: 1.8; stroke-dasharray: 5 3; }
    svg .bias-mark { fill: #fff; stroke: var(--late); stroke-width: 1.4; }
    svg .due-mark { fill: #fff; stroke: var(--ink); stroke-width: 1.5; }
    svg .done-mark { fill: var(--accent); }
    svg .waived-mark { fill: none; stroke: var(--muted); stroke-width: 2; }
    svg .late-bar { fill: url(#hatch-late); stroke: var(--late); stroke-width: 1; }
    svg .overdue-bar { fill: url(#hatch-short); stroke: var(--short); stroke-width: 1; }
    svg .today { stroke: var(--short); stroke-width: 1.4; stroke-dasharray: 3 3; }
    svg .today-label { fill: var(--short); font-size: 10px; font-weight: 700; }
    svg .status-late, svg .status-overdue { fill: var(--short); font-size: 10.5px; font-weight: 700; }
    svg [class^="status-"] { font-size: 10.5px; fill: var(--ink); }
    svg .revenue { fill: var(--accent); }
    svg .budget { fill: url(#hatch-grey); stroke: #555; stroke-width: 0.8; }
    svg .shortage-bar { fill: url(#hatch-short); stroke: var(--short); stroke-width: 1; }
    svg .ending-bar { fill: var(--accent); }
    @media (max-width: 820px) { figure.family .charts { grid-template-columns: 1fr; } nav ol { columns: 1; } body { padding: 12px; } }
    /* Paper: the printer's own size (A4 or US Letter) with 12 mm margins; the layout fits the
       narrower of the two (A4, 186 mm of text), so neither cuts a chart. */
    @page { size: auto; margin: 12mm; }
    @page :first { margin-top: 10mm; }
    @media print {
      body { max-width: none; padding: 0; font-size: 10.5pt; }
      nav { display: none; }
      h2 { margin-top: 18px; }
      /* A section runs on across pages (forcing each onto its own would leave half-empty sheets);
         what must not be cut is each table, chart, proposal and review. */
      section { break-inside: auto; }
      table, div.table, figure, article, .review, .family-block, li { break-inside: avoid; }
      figure.family .charts { grid-template-columns: 16fr 9fr; }
      svg.chart, svg .short-month, svg .late-bar, svg .overdue-bar, svg .budget { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
