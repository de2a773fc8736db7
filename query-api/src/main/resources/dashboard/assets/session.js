// Session view: valence and arousal and the six scores over time, pacing phases as coloured
// bands, hints, difficulty and tone changes and generated lines as markers (hover: what and why),
// the current state, and a link to the story. Live updates append to the charts.
"use strict";
Dash.views.session = function (gameId, sessionId, view) {
  const el = Dash.el;
  const base = "/games/" + Dash.enc(gameId) + "/sessions/" + Dash.enc(sessionId);
  const emotions = [];
  const seen = new Set();
  let decisions = [];
  const lines = [];
  let closeLive = null;
  let disposed = false;

  const affectBox = el("div", { class: "chart tall", id: "affect-chart" });
  const scoresBox = el("div", { class: "chart", id: "scores-chart" });
  const state = el("dl", { class: "state", id: "current-state" });
  view.append(
    el("h1", { text: "Session " + sessionId }),
    el("p", {}, [el("a", { id: "story-link", href: "#" + location.hash.substring(1) + "/story", text: "Read its story \u2192" })]),
    el("div", { class: "grid" }, [
      el("div", { class: "card", style: "grid-column: span 2" }, [el("h2", { text: "Valence and arousal, pacing phases, what the director did" }), affectBox]),
      el("div", { class: "card" }, [el("h2", { text: "Now" }), state])
    ]),
    el("div", { class: "card" }, [el("h2", { text: "Emotion scores" }), scoresBox]));
  const affect = Dash.chart(affectBox);
  const scores = Dash.chart(scoresBox);

  function add(list) {
    list.forEach((e) => {
      if (!seen.has(e.predictionId)) { seen.add(e.predictionId); emotions.push(e); }
    });
    emotions.sort((a, b) => a.timestampMs - b.timestampMs);
    while (emotions.length > 2000) { seen.delete(emotions.shift().predictionId); }
  }

  function bands() {
    const out = [];
    decisions.forEach((d, i) => {
      const end = i + 1 < decisions.length ? decisions[i + 1].timestampMs : (emotions.length ? emotions[emotions.length - 1].timestampMs : d.timestampMs);
      const last = out[out.length - 1];
      if (last && last.phase === d.phase) { last.end = end; } else { out.push({ phase: d.phase, start: d.timestampMs, end }); }
    });
    return out.map((b) => [{ xAxis: b.start, name: b.phase.replace("_", " "), itemStyle: { color: Dash.phaseColor(b.phase) } }, { xAxis: b.end }]);
  }

  function reasons(d, aspect) {
    const r = (d.reasons || []).filter((x) => !aspect || x.aspect === aspect);
    return (r.length ? r : (d.reasons || [])).map((x) => escape(x.aspect + ": " + x.code + (x.detail ? " \u2014 " + x.detail : ""))).join("<br>");
  }

  function markers() {
    const out = [];
    decisions.forEach((d, i) => {
      const p = i > 0 ? decisions[i - 1] : null;
      if (d.offerHint && !(p && p.offerHint)) { out.push(marker(d.timestampMs, 1.05, "pin", "#7b4fb0", "hint offered", reasons(d, "hint"))); }
      if (p && Math.abs(d.difficultyAdjustment - p.difficultyAdjustment) > 0.001) {
        out.push(marker(d.timestampMs, 0.95, "triangle", "#c0392b", "difficulty " + Dash.num(p.difficultyAdjustment) + " \u2192 " + Dash.num(d.difficultyAdjustment), reasons(d, "difficulty")));
      }
      if (p && d.dialogueTone !== p.dialogueTone) {
        out.push(marker(d.timestampMs, 0.85, "diamond", "#1d6fb8", "tone " + p.dialogueTone + " \u2192 " + d.dialogueTone, reasons(d, "tone")));
      }
    });
    lines.forEach((l) => out.push(marker(l.completedAtMs, 0.75, "circle", "#4daf7c",
      (l.characterId || "line") + " (" + l.status + ")", escape(l.text || l.reason || ""))));
    return out;
  }

  function marker(t, y, symbol, color, title, why) {
    return { value: [t, y], symbol, symbolSize: 12, itemStyle: { color }, title, why };
  }

  function escape(s) { const d = document.createElement("div"); d.textContent = s; return d.innerHTML; }

  function draw() {
    const t = (e) => e.timestampMs;
    affect.chart.setOption({
      animation: false,
      legend: { data: ["valence", "arousal", "director"] },
      grid: { left: 40, right: 20, top: 30, bottom: 30 },
      xAxis: { type: "time" }, yAxis: { type: "value", min: -1, max: 1.1 },
      tooltip: { trigger: "item", formatter: (p) => p.data && p.data.title ? "<b>" + escape(p.data.title) + "</b><br>" + p.data.why
        : p.seriesName + " " + Dash.num(p.value[1]) + " at " + Dash.time(p.value[0]) },
      series: [
        { name: "valence", type: "line", showSymbol: false, data: emotions.map((e) => [t(e), e.valence]),
          markArea: { silent: false, label: { position: "insideTop", color: "#44506a" }, data: bands() } },
        { name: "arousal", type: "line", showSymbol: false, data: emotions.map((e) => [t(e), e.arousal]) },
        { name: "director", type: "scatter", data: markers() }
      ]
    }, true);
    scores.chart.setOption({
      animation: false, legend: { data: Dash.EMOTIONS },
      grid: { left: 40, right: 20, top: 30, bottom: 30 }, tooltip: { trigger: "axis" },
      xAxis: { type: "time" }, yAxis: { type: "value", min: 0, max: 1 },
      series: Dash.EMOTIONS.map((name) => ({ name, type: "line", showSymbol: false, lineStyle: { width: 1.5 },
        itemStyle: { color: Dash.emotionColor(name) }, data: emotions.map((e) => [t(e), (e.scores || {})[name] || 0]) }))
    }, true);
    const last = emotions[emotions.length - 1];
    affectBox.dataset.points = String(emotions.length);
    affectBox.dataset.firstMs = emotions.length ? String(emotions[0].timestampMs) : "";
    affectBox.dataset.lastMs = last ? String(last.timestampMs) : "";
    affectBox.dataset.lastPrediction = last ? last.predictionId : "";
    affectBox.dataset.markers = String(markers().length);
    showState(last, decisions[decisions.length - 1]);
  }

  function showState(e, d) {
    const rows = [];
    const row = (k, v) => rows.push(el("dt", { text: k }), el("dd", { text: v }));
    if (e) {
      row("emotion", e.dominantEmotion + " (" + Dash.num(e.confidence) + ")");
      row("valence / arousal", Dash.num(e.valence) + " / " + Dash.num(e.arousal));
      row("player", e.playerId); row("scene", e.sceneId || "\u2013");
      row("predicted at", Dash.time(e.timestampMs));
    }
    if (d) {
      row("phase", d.phase + " for " + Dash.duration(Date.now() - d.phaseSinceMs));
      row("intensity", Dash.num(d.intensity)); row("difficulty", Dash.num(d.difficultyAdjustment));
      row("tone", d.dialogueTone); row("hint", d.offerHint ? "offered" : "no"); row("policy", d.policyVersion);
    }
    state.replaceChildren(...rows);
  }

  async function all(path) {
    const items = [];
    let cursor = null;
    do {
      const page = await Dash.api(path + (path.indexOf("?") < 0 ? "?" : "&") + "order=asc&limit=1000" + (cursor ? "&cursor=" + cursor : ""));
      items.push(...(page.items || []));
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  async function catchUp() {
    const from = emotions.length ? emotions[emotions.length - 1].timestampMs : 0;
    try {
      add(await all(base + "/emotion/timeline?from=" + from));
      draw();
    } catch (error) { Dash.message(Dash.explain(error, gameId), true); }
  }

  function onBatch(batch) {
    add((batch.emotions || []));
    if ((batch.decisions || []).length) {
      const ids = new Set(decisions.map((d) => d.decisionId));
      decisions = decisions.concat((batch.decisions || []).filter((d) => !ids.has(d.decisionId))).sort((a, b) => a.timestampMs - b.timestampMs);
    }
    lines.push(...(batch.lines || []));
    draw();
  }

  async function load() {
    try {
      add(await all(base + "/emotion/timeline"));
      try { decisions = await all(base + "/decisions"); } catch (error) { if (error.status !== 404) { throw error; } }
      const companion = emotions.length ? emotions[emotions.length - 1].characterId : null;
      if (companion) {
        try {
          const c = await Dash.api("/games/" + Dash.enc(gameId) + "/characters/" + Dash.enc(companion));
          (c.recentLines || []).filter((l) => l.sessionId === sessionId)
            .forEach((l) => lines.push(Object.assign({ characterId: companion, status: "succeeded" }, l)));
        } catch (error) { if (error.status !== 404) { throw error; } }
      }
      if (disposed) { return; }
      draw();
      closeLive = Dash.live(gameId, sessionId, onBatch, catchUp);
    } catch (error) {
      Dash.message(Dash.explain(error, gameId), true);
    }
  }

  load();
  return function () { disposed = true; if (closeLive) { closeLive(); } affect.dispose(); scores.dispose(); };
};

// The session's story, from the time-travel endpoint when the server has it, else its timeline.
Dash.views.story = function (gameId, sessionId, view) {
  const base = "/games/" + Dash.enc(gameId) + "/sessions/" + Dash.enc(sessionId);
  const out = Dash.el("pre", { class: "story", id: "story", text: "loading\u2026" });
  view.append(Dash.el("h1", { text: "Story of " + sessionId }), out);
  (async function () {
    try {
      const story = await Dash.apiText(base + "/story");
      out.textContent = story.type.indexOf("json") >= 0 ? JSON.stringify(JSON.parse(story.text), null, 2) : story.text;
    } catch (error) {
      if (error.status !== 404) { Dash.message(Dash.explain(error, gameId), true); return; }
      Dash.message("No story for this session on this server; its emotion timeline instead.");
      try {
        const page = await Dash.api(base + "/emotion/timeline?order=asc&limit=200");
        out.textContent = (page.items || []).map((e) => Dash.time(e.timestampMs) + "  " + e.dominantEmotion +
          " (" + Dash.num(e.confidence) + ")  valence " + Dash.num(e.valence) + "  arousal " + Dash.num(e.arousal)).join("\n");
      } catch (inner) { Dash.message(Dash.explain(inner, gameId), true); }
    }
  })();
  return function () {};
};
