// Routing: #/ (overview of the remembered game), #/games/{g}, #/games/{g}/sessions/{s},
// #/games/{g}/sessions/{s}/story, #/games/{g}/characters/{c}. A #key=...&game=... fragment
// is taken into this tab's storage and removed from the address bar.
"use strict";
(function () {
  let cleanup = null;

  function takeKeyFromFragment() {
    const hash = location.hash.substring(1);
    if (!hash.startsWith("key=") && hash.indexOf("&key=") < 0) { return; }
    const params = new URLSearchParams(hash);
    Dash.remember(params.get("key"), params.get("game"));
    const g = params.get("game") || Dash.game();
    history.replaceState(null, "", location.pathname + (g ? "#/games/" + Dash.enc(g) : "#/"));
  }

  function crumbs(parts) {
    const nav = document.getElementById("crumbs");
    nav.replaceChildren();
    parts.forEach(([label, href], i) => {
      if (i > 0) { nav.append(Dash.el("span", { text: "/" })); }
      nav.append(href ? Dash.el("a", { href, text: label }) : Dash.el("span", { text: label }));
    });
  }

  function route() {
    if (cleanup) { cleanup(); cleanup = null; }
    Dash.message(null);
    const view = document.getElementById("view");
    view.replaceChildren();
    const login = document.getElementById("login");
    if (!Dash.key()) {
      login.hidden = false;
      crumbs([]);
      return;
    }
    login.hidden = true;
    const path = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    if (path[0] !== "games" || !path[1]) {
      if (Dash.game()) { location.hash = "#/games/" + Dash.enc(Dash.game()); return; }
      login.hidden = false;
      return;
    }
    const g = path[1];
    Dash.remember(null, g);
    const home = ["game " + g, "#/games/" + Dash.enc(g)];
    if (path[2] === "sessions" && path[3]) {
      const sessionHref = "#/games/" + Dash.enc(g) + "/sessions/" + Dash.enc(path[3]);
      if (path[4] === "story") {
        crumbs([home, ["session " + path[3], sessionHref], ["story", null]]);
        cleanup = Dash.views.story(g, path[3], view);
      } else {
        crumbs([home, ["session " + path[3], null]]);
        cleanup = Dash.views.session(g, path[3], view);
      }
    } else if (path[2] === "characters" && path[3]) {
      crumbs([home, ["character " + path[3], null]]);
      cleanup = Dash.views.character(g, path[3], view);
    } else {
      crumbs([home]);
      cleanup = Dash.views.overview(g, view);
    }
  }

  document.getElementById("login-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const g = document.getElementById("login-game").value.trim();
    Dash.remember(document.getElementById("login-key").value.trim(), g);
    location.hash = "#/games/" + Dash.enc(g);
    route();
  });
  document.getElementById("forget").addEventListener("click", () => {
    Dash.forget();
    location.hash = "#/";
    route();
  });
  window.addEventListener("hashchange", () => { takeKeyFromFragment(); route(); });
  takeKeyFromFragment();
  route();
})();
