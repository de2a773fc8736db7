// Character view: mood and tension, relationships with the game's players (affinity, trust) and
// what the character remembers of each with the memory's score, and the lines it said.
"use strict";
Dash.views.character = function (gameId, characterId, view) {
  const el = Dash.el;
  const g = Dash.enc(gameId);
  const base = "/games/" + g + "/characters/" + Dash.enc(characterId);
  const summary = el("div", { class: "figures", id: "character-state" });
  const relationships = el("table", { id: "relationships" });
  const memories = el("ul", { class: "plain", id: "memories" });
  const said = el("ul", { class: "plain", id: "lines" });
  const moodBox = el("div", { class: "chart", id: "relationship-chart" });
  view.append(
    el("h1", { text: "Character " + characterId }),
    el("div", { class: "grid" }, [
      el("div", { class: "card" }, [el("h2", { text: "Mood and tension (decayed to now)" }), summary]),
      el("div", { class: "card" }, [el("h2", { text: "Affinity and trust per player" }), moodBox])
    ]),
    el("div", { class: "grid" }, [
      el("div", { class: "card" }, [el("h2", { text: "Relationships" }), relationships]),
      el("div", { class: "card" }, [el("h2", { text: "Memories, by importance \u00d7 recency" }), memories]),
      el("div", { class: "card" }, [el("h2", { text: "Lines it said" }), said])
    ]));
  const chart = Dash.chart(moodBox);

  function figure(label, v, small) {
    return el("div", { class: "figure" }, [el("b", { text: v, class: small ? "text" : null }), el("small", { text: label })]);
  }

  async function players() {
    const page = await Dash.api("/games/" + g + "/sessions?limit=200");
    return Array.from(new Set((page.items || []).map((r) => r.playerId).filter((p) => p))).sort().slice(0, 40);
  }

  async function load() {
    try {
      const c = await Dash.api(base);
      summary.replaceChildren(figure("mood", Dash.num(c.mood)), figure("tension", Dash.num(c.tension)),
        figure("interactions", String(c.interactions)), figure("last player", c.lastPlayerId || "\u2013", true),
        figure("last scene", c.lastSceneId || "\u2013", true));
      const recent = c.recentLines || [];
      said.replaceChildren(...(recent.length ? recent.map((l) => el("li", {}, [
        el("div", { text: l.text }),
        el("small", { class: "muted", text: l.purpose + ", " + l.tone + ", to " + l.playerId + " at " + Dash.time(l.completedAtMs) })
      ])) : [el("li", { class: "muted", text: "nothing said yet" })]));
      const found = [];
      for (const p of await players()) {
        try { found.push(await Dash.api(base + "/players/" + Dash.enc(p) + "?limit=5")); } catch (error) {
          if (error.status !== 404) { throw error; }
        }
      }
      relationships.replaceChildren(el("thead", {}, [el("tr", {}, ["player", "affinity", "trust", "interactions", "last"].map((h) => el("th", { text: h })))]),
        el("tbody", {}, found.map((r) => el("tr", { "data-player": r.playerId }, [
          el("td", { text: r.playerId }), el("td", { text: Dash.num(r.affinity) }), el("td", { text: Dash.num(r.trust) }),
          el("td", { text: String(r.interactions) }), el("td", { text: Dash.time(r.lastInteractionMs) })]))));
      const all = found.flatMap((r) => (r.memories || []).map((m) => Object.assign({ playerId: r.playerId }, m)))
        .sort((a, b) => b.score - a.score).slice(0, 30);
      memories.replaceChildren(...(all.length ? all.map((m) => el("li", {}, [
        el("div", { text: m.summary || m.kind }),
        el("small", { class: "muted", text: m.kind + " with " + m.playerId + ", score " + Dash.num(m.score, 3) + ", importance " + Dash.num(m.importance) + ", " + Dash.time(m.timestampMs) })
      ])) : [el("li", { class: "muted", text: "no memories of the players listed" })]));
      chart.chart.setOption({
        animation: false, legend: { data: ["affinity", "trust"] }, tooltip: { trigger: "axis" },
        grid: { left: 40, right: 20, top: 30, bottom: 40 },
        xAxis: { type: "category", data: found.map((r) => r.playerId) }, yAxis: { type: "value", min: -1, max: 1 },
        series: [{ name: "affinity", type: "bar", data: found.map((r) => r.affinity) },
          { name: "trust", type: "bar", data: found.map((r) => r.trust) }]
      }, true);
      moodBox.dataset.players = String(found.length);
    } catch (error) {
      Dash.message(Dash.explain(error, gameId), true);
    }
  }

  Dash.badge("off", "refreshed every 10 s");
  load();
  const timer = setInterval(load, 10000);
  return function () { clearInterval(timer); chart.dispose(); };
};
