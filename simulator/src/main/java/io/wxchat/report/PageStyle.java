package io.wxchat.report;

/**
 * The report page's inline style sheet and script: the page must read offline, from file://, and
 * from a CI artifact, so nothing is fetched (system fonts only; CJK fonts named for each platform).
 */
final class PageStyle {
  private PageStyle() {
  }

  static final String CSS = """
      :root {
        --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0a58ca;
        --ok-bg: #dafbe1; --ok-fg: #0f5323; --ok-line: #4ac26b;
        --ns-bg: #fff4c2; --ns-fg: #6b4400; --ns-line: #d4a72c;
        --ko-bg: #ffe3e0; --ko-fg: #8c0b1f; --ko-line: #f0707a;
        --un-bg: #eaeef2; --un-fg: #424a53; --un-line: #afb8c1;
        --in-bg: #ddf4ff; --in-fg: #0a3f8a; --in-line: #54aeff;
        --dv-bg: #fbe9ff; --dv-fg: #6e1a8a; --dv-line: #c06bd9;
        --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC",
          "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif;
        --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC",
          "PingFang SC", "Microsoft YaHei", monospace;
      }
      @media (prefers-color-scheme: dark) {
        :root {
          --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --soft: #151b23; --accent: #6cb6ff;
          --ok-bg: #12361f; --ok-fg: #7ee2a0; --ok-line: #2f8a4b;
          --ns-bg: #3a2d05; --ns-fg: #f2cc60; --ns-line: #9e7a14;
          --ko-bg: #47151b; --ko-fg: #ffa8a8; --ko-line: #c2434f;
          --un-bg: #262c36; --un-fg: #c2c9d1; --un-line: #59636e;
          --in-bg: #0f2c4d; --in-fg: #9fd0ff; --in-line: #2f6fb3;
          --dv-bg: #3b1746; --dv-fg: #e7aaff; --dv-line: #a35bbd;
        }
      }
      * { box-sizing: border-box; }
      html { -webkit-text-size-adjust: 100%; }
      body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 var(--sans); }
      a { color: var(--accent); text-decoration: none; }
      a:hover, a:focus-visible { text-decoration: underline; }
      code, pre, .mono { font-family: var(--mono); font-size: 13px; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
      h1, h2, h3, h4 { line-height: 1.25; margin: 0; }
      main { max-width: 1240px; margin: 0 auto; padding: 0 24px 64px; }
      .top { padding: 24px 24px 18px; border-bottom: 1px solid var(--line); background: var(--soft); }
      .top > div { max-width: 1192px; margin: 0 auto; }
      .top h1 { font-size: 22px; font-weight: 650; }
      .top .meta { color: var(--muted); margin: 6px 0 0; }
      .top .result { margin: 12px 0 0; font-size: 17px; font-weight: 600; }
      h2 { font-size: 18px; margin: 32px 0 12px; }
      .muted { color: var(--muted); }
      .badge, .v a, .v.none { font-weight: 600; }
      .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; border: 1px solid; font-size: 13px;
        white-space: nowrap; }
      .v-passed { background: var(--ok-bg); color: var(--ok-fg); border-color: var(--ok-line); }
      .v-non-strict { background: var(--ns-bg); color: var(--ns-fg); border-color: var(--ns-line); }
      .v-failed { background: var(--ko-bg); color: var(--ko-fg); border-color: var(--ko-line); }
      .v-unimplemented { background: var(--un-bg); color: var(--un-fg); border-color: var(--un-line); }
      .v-informational { background: var(--in-bg); color: var(--in-fg); border-color: var(--in-line); }
      .v-aborted { background: var(--ko-bg); color: var(--ko-fg); border-color: var(--ko-line); }
      .strict-fail { box-shadow: inset 0 0 0 2px var(--ko-line); }
      table { border-collapse: separate; border-spacing: 0; }
      .summary { width: 100%; }
      .summary th, .summary td { padding: 8px 10px; border-bottom: 1px solid var(--line); text-align: left;
        vertical-align: top; }
      .summary thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
        font-weight: 600; }
      .summary td.n { text-align: right; font-variant-numeric: tabular-nums; width: 1%; white-space: nowrap; }
      .summary td.n.zero { color: var(--line); }
      .summary thead th { white-space: nowrap; }
      .summary td.files { white-space: nowrap; }
      .summary .desc { color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
      .abort { margin: 12px 0 0; padding: 10px 14px; border: 1px solid var(--ko-line); border-left-width: 5px;
        background: var(--ko-bg); color: var(--ko-fg); border-radius: 6px; }
      .abort pre { color: var(--fg); margin-top: 4px; }
      .toolbar { display: flex; gap: 18px; align-items: center; flex-wrap: wrap; margin: 0 0 10px; }
      .toolbar button { font: inherit; font-size: 13px; padding: 4px 12px; border-radius: 6px; cursor: pointer;
        border: 1px solid var(--line); background: var(--soft); color: var(--fg); }
      .matrix { width: 100%; }
      .matrix th, .matrix td { border-bottom: 1px solid var(--line); padding: 0; text-align: left; }
      .matrix thead th { position: sticky; top: 0; z-index: 2; background: var(--bg); padding: 8px 10px;
        border-bottom: 2px solid var(--line); vertical-align: bottom; }
      .matrix thead th small { display: block; font-weight: 400; color: var(--muted); }
      .matrix tr.suite th { background: var(--soft); padding: 14px 10px 6px; font-size: 13px; text-transform: uppercase;
        letter-spacing: .05em; }
      .matrix tr.suite th small { text-transform: none; letter-spacing: 0; font-weight: 400; color: var(--muted); }
      .matrix tbody th[scope=row] { padding: 6px 10px; font-weight: 400; }
      .matrix .id { font-family: var(--mono); font-size: 13px; margin-right: 6px; white-space: nowrap; }
      .matrix td.v { width: 172px; min-width: 172px; border-left: 3px solid var(--bg); white-space: nowrap; }
      .matrix td.v a { display: block; padding: 6px 10px; color: inherit; }
      .matrix td.v.none { padding: 6px 10px; }
      .matrix td.v .dur { display: block; font-weight: 400; font-size: 12px; opacity: .85;
        font-variant-numeric: tabular-nums; }
      .matrix td.v.none { color: var(--muted); font-weight: 400; font-style: italic; background: var(--soft); }
      .matrix td.v.none small { display: block; font-size: 12px; }
      .matrix td.diff { padding: 6px 10px; font-size: 13px; white-space: nowrap; width: 1%; }
      .matrix td.diff.differ a { color: var(--dv-fg); font-weight: 600; }
      body.only-problems [data-clean="1"] { display: none; }
      .case { margin: 28px 0 0; padding: 18px 20px; border: 1px solid var(--line); border-radius: 10px; }
      .case:target, .run:target { outline: 3px solid var(--accent); outline-offset: 2px; }
      .case h3 { font-size: 17px; font-weight: 600; }
      .case h3 .id { font-family: var(--mono); font-size: 15px; margin-right: 8px; color: var(--muted); }
      .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 12px 0 0; }
      .facts dt { color: var(--muted); font-size: 13px; padding-top: 1px; }
      .facts dd { margin: 0; }
      .rule, .tag { display: inline-block; font-size: 12px; padding: 0 7px; margin: 0 4px 2px 0;
        border-radius: 4px; border: 1px solid var(--line); background: var(--soft); }
      .rule { font-weight: 600; }
      .tag { color: var(--muted); }
      .diverge-note { margin: 12px 0 0; padding: 6px 12px; border-radius: 6px; background: var(--dv-bg);
        color: var(--dv-fg); border: 1px solid var(--dv-line); }
      .diverge-note small { display: block; opacity: .85; }
      .run { margin: 16px 0 0; padding: 12px 0 0; border-top: 1px dashed var(--line); }
      .run h4 { font-size: 15px; font-weight: 600; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
      .run h4 .muted { font-weight: 400; font-size: 13px; }
      .run.none { color: var(--muted); font-style: italic; }
      .failure { margin: 10px 0 0; padding: 10px 12px; border-left: 4px solid var(--ko-line); background: var(--ko-bg);
        color: var(--fg); border-radius: 0 6px 6px 0; }
      .notes { margin: 8px 0 0; padding-left: 20px; }
      details { margin: 10px 0 0; }
      details > summary { cursor: pointer; color: var(--muted); font-size: 13px; }
      .timeline table { width: 100%; margin-top: 6px; font-size: 13px; }
      .timeline th, .timeline td { padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top;
        text-align: left; }
      .timeline th { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
        font-weight: 600; }
      .timeline td.n, .timeline td.t, .timeline td.code { font-family: var(--mono); font-size: 12px;
        white-space: nowrap; text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; }
      .timeline td.c { white-space: nowrap; font-weight: 600; }
      .timeline td.d { white-space: nowrap; font-size: 12px; }
      .timeline tr.in td.d { color: var(--ok-fg); }
      .timeline tr.out td.d { color: var(--accent); }
      .timeline tr.info td { color: var(--muted); }
      .timeline td.k { font-family: var(--mono); font-size: 12px; white-space: nowrap; }
      .timeline td.p { width: 100%; }
      .timeline td.p code { white-space: pre-wrap; overflow-wrap: anywhere; }
      .timeline td.p .full { max-height: 22em; overflow: auto; padding: 4px 6px; background: var(--soft);
        border-radius: 4px; }
      .timeline tr.diverge td { background: var(--dv-bg); }
      .timeline tr.diverge td.n { color: var(--dv-fg); font-weight: 700; box-shadow: inset 4px 0 0 var(--dv-line); }
      .timeline tr.gap td { color: var(--dv-fg); font-style: italic; }
      .flag { display: inline-block; margin-left: 8px; padding: 0 6px; border-radius: 4px; font-size: 11px;
        font-family: var(--sans); font-weight: 700; background: var(--dv-line); color: #fff; white-space: nowrap; }
      details.long { margin: 0; }
      details.long > summary { color: inherit; font-size: inherit; list-style: none; }
      details.long > summary::-webkit-details-marker { display: none; }
      details.long > summary .more { color: var(--accent); font-family: var(--sans); font-size: 12px; white-space: nowrap; }
      details.long > summary .more::before { content: "show all "; }
      details.long[open] > summary code { display: none; }
      details.long[open] > summary .more::before { content: "collapse, "; }
      .empty { font-style: italic; color: var(--muted); }
      .log pre { margin-top: 6px; padding: 8px 10px; background: var(--soft); border-radius: 6px; max-height: 360px;
        overflow: auto; }
      footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
      @media print { .toolbar { display: none; } details { display: block; } .matrix thead th { position: static; } }
      """;

  static final String SCRIPT = """
      (function () {
        var only = document.getElementById('only-problems');
        if (only) {
          only.addEventListener('change', function () { document.body.classList.toggle('only-problems', only.checked); });
        }
        var timelines = document.querySelectorAll('details.timeline');
        var toggle = document.getElementById('toggle-timelines');
        if (toggle) {
          toggle.addEventListener('click', function () {
            var open = Array.prototype.some.call(timelines, function (d) { return !d.open; });
            timelines.forEach(function (d) { d.open = open; });
            toggle.textContent = open ? 'Collapse all timelines' : 'Expand all timelines';
          });
        }
        function reveal() {
          var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
          if (target) { target.querySelectorAll('details.timeline').forEach(function (d) { d.open = true; }); }
        }
        window.addEventListener('hashchange', reveal);
        reveal();
      })();
      """;
}
