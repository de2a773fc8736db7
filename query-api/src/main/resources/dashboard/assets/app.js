// Shared helpers of the dashboard: the key (kept in this tab's sessionStorage only), calls to the
// /v1 API with it, live streams with reconnection, and small DOM and formatting helpers.
"use strict";
window.Dash = (function () {
  const KEY = "empath.key";
  const GAME = "empath.game";

  const EMOTION_COLORS = {
    joy: "#f2b705", excitement: "#e4572e", calm: "#4daf7c",
    boredom: "#8d99ae", frustration: "#c0392b", anxiety: "#7b4fb0"
  };
  const PHASE_COLORS = {
    build_up: "rgba(66, 135, 245, 0.12)", sustain_peak: "rgba(228, 87, 46, 0.16)",
    peak_fade: "rgba(242, 183, 5, 0.16)", relax: "rgba(77, 175, 124, 0.14)"
  };

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && problem.detail) || ("HTTP " + status));
      this.status = status;
      this.problem = problem || {};
    }
  }

  function key() { return sessionStorage.getItem(KEY); }
  function game() { return sessionStorage.getItem(GAME); }
  function remember(k, g) {
    if (k) { sessionStorage.setItem(KEY, k); }
    if (g) { sessionStorage.setItem(GAME, g); }
  }
  function forget() { sessionStorage.removeItem(KEY); sessionStorage.removeItem(GAME); }

  function enc(id) { return encodeURIComponent(id); }

  async function api(path, options) {
    const opts = Object.assign({ method: "GET" }, options || {});
    opts.headers = Object.assign({ "Authorization": "Bearer " + key(), "Accept": "application/json" },
      opts.headers || {});
    const response = await fetch("/v1" + path, opts);
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (!response.ok) { throw new ApiError(response.status, body); }
    return body;
  }

  // The answer as text, whatever its type (the story may be text or JSON).
  async function apiText(path) {
    const response = await fetch("/v1" + path, { headers: { "Authorization": "Bearer " + key() } });
    const text = await response.text();
    if (!response.ok) {
      let problem = null;
      try { problem = JSON.parse(text); } catch (e) { problem = null; }
      throw new ApiError(response.status, problem);
    }
    return { text, type: response.headers.get("Content-Type") || "" };
  }

  // Why a call failed, in words a reader can act on.
  function explain(error, gameId) {
    if (!(error instanceof ApiError)) { return "The API did not answer: " + error.message; }
    switch (error.status) {
      case 401: return "The API key is not known to this server (401). Change the key.";
      case 403: return "This API key may not read game \u201c" + gameId + "\u201d (403 forbidden): " +
        "it sees none of its sessions. Use a key issued for this game.";
      case 404: return "Not found (404): " + error.message;
      case 429: return "Too many requests for this key (429); retrying shortly.";
      default: return "The API answered " + error.status + ": " + error.message;
    }
  }

  // Live updates over Server-Sent Events. EventSource cannot send headers, so a short-lived token
  // is fetched with the key first; on a lost connection the page says so and reconnects with a
  // fresh token, backing off up to 10 s.
  function live(gameId, sessionId, onBatch, onReady) {
    let source = null;
    let closed = false;
    let retryMs = 1000;
    let timer = null;
    const base = "/games/" + enc(gameId) + (sessionId ? "/sessions/" + enc(sessionId) : "") + "/live";
    async function connect() {
      if (closed) { return; }
      try {
        const issued = await api("/games/" + enc(gameId) + "/live/token", { method: "POST" });
        if (closed) { return; }
        source = new EventSource("/v1" + base + "?token=" + enc(issued.token));
        source.addEventListener("ready", () => {
          retryMs = 1000;
          badge("on", "live");
          if (onReady) { onReady(); }
        });
        source.addEventListener("update", (e) => onBatch(JSON.parse(e.data)));
        source.addEventListener("ping", () => badge("on", "live"));
        source.onerror = () => { source.close(); lost(); };
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 403 ||
            error.status === 503)) {
          badge("off", error.status === 503 ? "no live updates" : "offline");
          return;
        }
        lost();
      }
    }
    function lost() {
      if (closed) { return; }
      badge("lost", "connection lost \u2014 reconnecting in " + Math.round(retryMs / 1000) + " s");
      timer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10000);
    }
    connect();
    return function close() {
      closed = true;
      if (timer) { clearTimeout(timer); }
      if (source) { source.close(); }
      badge("off", "offline");
    };
  }

  function badge(kind, text) {
    const b = document.getElementById("live");
    b.className = "badge " + kind;
    b.textContent = text;
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined) { return; }
      if (k === "text") { node.textContent = v; } else if (k.startsWith("on")) {
        node.addEventListener(k.substring(2), v);
      } else { node.setAttribute(k, v); }
    });
    (children || []).forEach((c) => node.append(c));
    return node;
  }

  function message(text, isError) {
    const m = document.getElementById("message");
    m.hidden = !text;
    m.textContent = text || "";
    m.className = "message" + (isError ? " error" : "");
  }

  function duration(ms) {
    if (!(ms >= 0)) { return "\u2013"; }
    const s = Math.floor(ms / 1000);
    if (s < 60) { return s + " s"; }
    const m = Math.floor(s / 60);
    if (m < 60) { return m + " min " + (s % 60) + " s"; }
    return Math.floor(m / 60) + " h " + (m % 60) + " min";
  }

  function time(ms) { return ms ? new Date(ms).toLocaleTimeString() : "\u2013"; }
  function num(v, digits) { return typeof v === "number" ? v.toFixed(digits === undefined ? 2 : digits) : "\u2013"; }
  function emotionColor(e) { return EMOTION_COLORS[e] || "#999"; }
  function phaseColor(p) { return PHASE_COLORS[p] || "rgba(0,0,0,0.04)"; }
  function dot(e) { return el("span", { class: "emotion", style: "background:" + emotionColor(e) }); }

  function chart(container) {
    const c = echarts.init(container, null, { renderer: "canvas" });
    const resize = () => c.resize();
    window.addEventListener("resize", resize);
    return { chart: c, dispose() { window.removeEventListener("resize", resize); c.dispose(); } };
  }

  return {
    ApiError, key, game, remember, forget, enc, api, apiText, explain, live, badge, el, message, duration, time,
    num, emotionColor, phaseColor, dot, chart, EMOTIONS: Object.keys(EMOTION_COLORS),
    PHASES: Object.keys(PHASE_COLORS), views: {}
  };
})();
