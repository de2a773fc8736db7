// Game overview: rates, LLM usage, emotion shares, and the sessions active now, sortable and
// filterable, refreshed every few seconds and updated in place by the game's live stream.
"use strict";
Dash.views.overview = function (gameId, view) {
  const el = Dash.el;
  const g = Dash.enc(gameId);
  const filter = { activeWithin: "10m", emotion: "", phase: "", dominantFor: "" };
  const sort = { key: "lastActiveMs", asc: false };
  let rows = [];
  const timers = [];

  const figures = el("div", { class: "figures", id: "rates" });
  const usage = el("div", { class: "figures", id: "usage" });
  const sharesBox = el("div", { class: "chart", id: "shares-chart" });
  const count = el("span", { class: "muted", id: "session-count" });
  const table = el("table", { id: "sessions" });
  const characters = el("div", { id: "characters", class: "muted" });

  view.append(
    el("h1", { text: "Game " + gameId }),
    el("div", { class: "grid" }, [
      el("div", { class: "card" }, [el("h2", { text: "Pipeline, per second (last 10 s)" }), figures]),
      el("div", { class: "card" }, [el("h2", { text: "LLM usage" }), usage]),
      el("div", { class: "card" }, [el("h2", { text: "Dominant emotions, last 5 minutes" }), sharesBox])
    ]),
    el("div", { class: "card" }, [
      el("h2", {}, [document.createTextNode("Sessions "), count]),
      filters(), table, el("h2", { text: "Characters" }), characters
    ]));
  const shares = Dash.chart(sharesBox);

  function filters() {
    const select = (name, options) => el("select", { name, onchange: (e) => { filter[name] = e.target.value; loadSessions(); } },
      options.map(([v, label]) => el("option", { value: v, text: label })));
    return el("div", { class: "filters" }, [
      el("label", { text: "active within" }, [select("activeWithin",
        [["10m", "10 minutes"], ["1m", "1 minute"], ["1h", "1 hour"], ["", "any time"]])]),
      el("label", { text: "emotion" }, [select("emotion", [["", "any"]].concat(Dash.EMOTIONS.map((e) => [e, e])))]),
      el("label", { text: "for at least (minutes)" }, [el("input", { name: "dominantFor", type: "number", min: "0", step: "0.5",
        onchange: (e) => { filter.dominantFor = e.target.value ? Math.round(e.target.value * 60000) + "" : ""; loadSessions(); } })]),
      el("label", { text: "pacing phase" }, [select("phase", [["", "any"]].concat(Dash.PHASES.map((p) => [p, p.replace("_", " ")])))])
    ]);
  }

  const columns = [
    ["sessionId", "session"], ["playerId", "player"], ["dominantEmotion", "emotion"],
    ["confidence", "confidence"], ["dominantFor", "emotion for"], ["phase", "phase"],
    ["phaseFor", "phase for"], ["intensity", "intensity"], ["dialogueTone", "tone"],
    ["lastActiveMs", "last active"]
  ];

  function value(row, k) {
    const now = Date.now();
    if (k === "dominantFor") { return row.dominantSinceMs ? now - row.dominantSinceMs : -1; }
    if (k === "phaseFor") { return row.phaseSinceMs ? now - row.phaseSinceMs : -1; }
    return row[k];
  }

  function render() {
    const sorted = rows.slice().sort((a, b) => {
      const x = value(a, sort.key), y = value(b, sort.key);
      const c = x === y ? 0 : (x === null || x === undefined) ? 1 : (y === null || y === undefined) ? -1 : x < y ? -1 : 1;
      return sort.asc ? c : -c;
    });
    const head = el("tr", {}, columns.map(([k, label]) => el("th", {
      "data-key": k, text: label, class: sort.key === k ? "sorted" + (sort.asc ? " asc" : "") : null,
      onclick: () => { sort.asc = sort.key === k ? !sort.asc : false; sort.key = k; render(); }
    })));
    const body = sorted.map((r) => {
      const link = el("a", { href: "#/games/" + g + "/sessions/" + Dash.enc(r.sessionId), text: r.sessionId });
      return el("tr", { "data-session": r.sessionId, "data-emotion": r.dominantEmotion || "" }, [
        el("td", {}, [link]), el("td", { text: r.playerId || "\u2013" }),
        el("td", {}, [Dash.dot(r.dominantEmotion), document.createTextNode(r.dominantEmotion || "\u2013")]),
        el("td", { text: Dash.num(r.confidence) }), el("td", { text: Dash.duration(value(r, "dominantFor")) }),
        el("td", { text: r.phase || "\u2013" }), el("td", { text: Dash.duration(value(r, "phaseFor")) }),
        el("td", { text: Dash.num(r.intensity) }), el("td", { text: r.dialogueTone || "\u2013" }),
        el("td", { text: Dash.time(r.lastActiveMs) })
      ]);
    });
    table.replaceChildren(el("thead", {}, [head]), el("tbody", {}, body));
    count.textContent = "(" + rows.length + (rows.length === 1 ? " session)" : " sessions)");
    renderCharacters();
  }

  function renderCharacters() {
    const ids = Array.from(new Set(rows.map((r) => r.characterId).filter((c) => c))).sort();
    characters.replaceChildren(...(ids.length ? ids.map((c) => el("a", {
      href: "#/games/" + g + "/characters/" + Dash.enc(c), text: c, style: "margin-right:12px"
    })) : [document.createTextNode("no character seen yet")]));
  }

  async function loadSessions() {
    const q = new URLSearchParams({ limit: "200" });
    Object.entries(filter).forEach(([k, v]) => { if (v) { q.set(k, v); } });
    try {
      const page = await Dash.api("/games/" + g + "/sessions?" + q);
      rows = page.items || [];
      Dash.message(rows.length ? null : "No session matches: none was active in the window, or the filter keeps none.");
      render();
    } catch (error) {
      rows = [];
      render();
      Dash.message(Dash.explain(error, gameId), true);
    }
  }

  function figure(label, v, unit) {
    return el("div", { class: "figure" }, [el("b", { text: v }), el("small", { text: label + (unit ? " " + unit : "") })]);
  }

  async function loadRates() {
    try {
      const r = await Dash.api("/games/" + g + "/rates");
      figures.replaceChildren(
        figure("predictions", Dash.num(r.predictionsPerSecond, 1)), figure("decisions", Dash.num(r.decisionsPerSecond, 1)),
        figure("lines", Dash.num(r.linesPerSecond, 1)), figure("failed lines", Dash.num(r.failedLinesPerSecond, 1)),
        figure("dead letters", Dash.num(r.deadLettersPerSecond, 1)),
        figure("projection lag", r.projectionLagRecords < 0 ? "\u2013" : String(r.projectionLagRecords), "records"));
      const sharesNow = r.emotionShares || {};
      const names = Object.keys(sharesNow);
      shares.chart.setOption({
        animation: false, grid: { left: 90, right: 20, top: 10, bottom: 20 },
        xAxis: { type: "value", max: 1, axisLabel: { formatter: (v) => Math.round(v * 100) + "%" } },
        yAxis: { type: "category", data: names },
        series: [{ type: "bar", data: names.map((n) => ({ value: sharesNow[n], itemStyle: { color: Dash.emotionColor(n) } })) }],
        tooltip: { trigger: "item", valueFormatter: (v) => Math.round(v * 100) + "%" }
      }, true);
    } catch (error) {
      figures.replaceChildren(el("span", { class: "muted", text: error.status === 503 ? "rates need Kafka" : Dash.explain(error, gameId) }));
    }
    try {
      const u = (await Dash.api("/games/" + g + "/usage")).total;
      usage.replaceChildren(figure("requests", String(u.requests)), figure("succeeded", String(u.succeeded)),
        figure("failed", String(u.failed)), figure("cached", String(u.cached)),
        figure("tokens", String((u.tokensIn || 0) + (u.tokensOut || 0))), figure("cost", "$" + Dash.num(u.costUsd, 4)));
    } catch (error) {
      usage.replaceChildren(el("span", { class: "muted", text: Dash.explain(error, gameId) }));
    }
  }

  // The newest emotion and decision of each session, applied to the rows already listed.
  function onBatch(batch) {
    const byId = new Map(rows.map((r) => [r.sessionId, r]));
    (batch.emotions || []).forEach((e) => {
      const r = byId.get(e.sessionId);
      if (!r) { return; }
      if (e.dominantEmotion !== r.dominantEmotion) { r.dominantSinceMs = e.timestampMs; }
      Object.assign(r, { dominantEmotion: e.dominantEmotion, confidence: e.confidence, lastActiveMs: Math.max(r.lastActiveMs, e.timestampMs) });
    });
    (batch.decisions || []).forEach((d) => {
      const r = byId.get(d.sessionId);
      if (!r) { return; }
      Object.assign(r, { phase: d.phase, phaseSinceMs: d.phaseSinceMs, intensity: d.intensity, dialogueTone: d.dialogueTone });
    });
    render();
  }

  loadSessions();
  loadRates();
  timers.push(setInterval(loadSessions, 5000), setInterval(loadRates, 2000));
  const closeLive = Dash.live(gameId, null, onBatch);
  return function () { timers.forEach(clearInterval); closeLive(); shares.dispose(); };
};
