"""The timeline as one self-contained HTML page (``--format html``) that works offline.

Everything is inline: styles, the script and the data. Nothing is fetched (no
CDN, fonts, tiles or images), and a Content-Security-Policy allows no network
access and no script but the page's own (pinned by its SHA-256 hash), so even
a bug in escaping could not run a script smuggled in through an article.

The entries are embedded as JSON in ``<script type="application/json"
id="kb-data">`` with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc., so a
``</script>`` in a headline cannot end the element. The script builds the page
with ``textContent`` and DOM calls only (never ``innerHTML`` with data) and
links only http(s) URLs.

The page shows the timeline grouped by month (year-precision events under
their year, undated ones last; an imported incident's card has the dataset's
description of the event, ACLED's notes, under its headline, in ``p.notes``), filters by actor, place (including the places
a place lies within) and event type, and a map: an equirectangular SVG plot
of the places with coordinates, fitted to their bounding box. Filters can be
preselected with the URL hash: ``#actor=<id>``, ``#place=<id>``, ``#type=<key>``
(repeatable, or comma-separated), combined with ``&``. Entries that a filter
hides carry the ``hidden`` attribute.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from html import escape
from typing import Any, TextIO

from kb.timeline.exporters._common import (
    display_date,
    group_by_period,
    iso_utc,
    precision,
    type_label,
    type_name,
)

_CSS = """
:root{--bg:#f4f5f7;--card:#fff;--ink:#1c2230;--muted:#5b6576;--line:#dde1e7;--accent:#2458c6;
--hedged:#8a5200;--hedged-bg:#fff1d6;--neg:#a1262b;--neg-bg:#fde6e6;--map-bg:#eaf1f7;
--dot:#d2461a;--shadow:0 1px 2px rgba(16,24,40,.05),0 1px 3px rgba(16,24,40,.08)}
@media (prefers-color-scheme:dark){:root{--bg:#13161b;--card:#1c2027;--ink:#e5e8ee;
--muted:#98a2b3;--line:#2d333d;--accent:#86a8ff;--hedged:#ffc46b;--hedged-bg:#3a2c12;
--neg:#ff8f8f;--neg-bg:#3b1d20;--map-bg:#18212d;--dot:#ff7a45}}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,
sans-serif}
.masthead{padding:26px 32px 16px;background:var(--card);border-bottom:1px solid var(--line)}
.masthead h1{margin:0 0 4px;font-size:26px;line-height:1.2;letter-spacing:-.01em}
.meta{margin:0;color:var(--muted);font-size:13px}
.controls{display:flex;flex-wrap:wrap;gap:12px 22px;align-items:flex-end;padding:12px 32px;
background:var(--card);border-bottom:1px solid var(--line);position:sticky;top:0;z-index:5}
.field{display:flex;flex-direction:column;gap:4px}
.field-label{font-size:11px;color:var(--muted);font-weight:650;text-transform:uppercase;
letter-spacing:.05em}
select{font:inherit;font-size:14px;padding:6px 8px;border:1px solid var(--line);border-radius:6px;
background:var(--card);color:var(--ink);min-width:190px;max-width:280px}
fieldset{border:0;padding:0;margin:0;min-width:0}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{display:inline-flex;align-items:center;gap:6px;padding:3px 10px 3px 8px;font-size:13px;
border:1px solid var(--line);border-radius:999px;cursor:pointer;background:var(--bg)}
.chip input{margin:0;accent-color:hsl(var(--hue) 55% 45%)}
.chip .n{color:var(--muted);font-size:12px}
button{font:inherit;font-size:13px;padding:6px 12px;border-radius:6px;border:1px solid var(--line);
background:var(--bg);color:var(--ink);cursor:pointer}
button:hover{border-color:var(--muted)}
#kb-status{margin:0 0 4px auto;font-size:13px;color:var(--muted);white-space:nowrap}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 420px;gap:28px;padding:24px 32px;
max-width:1400px;margin:0 auto}
.mapbox{position:sticky;top:96px;align-self:start;background:var(--card);
border:1px solid var(--line);border-radius:10px;padding:14px 16px;box-shadow:var(--shadow)}
.mapbox h2{margin:0 0 8px;font-size:15px}
.period{margin:0 0 26px}
.period-title{display:flex;justify-content:space-between;align-items:baseline;margin:0 0 10px;
padding-bottom:6px;border-bottom:1px solid var(--line);font-size:13px;text-transform:uppercase;
letter-spacing:.07em;color:var(--muted)}
.period-title .n{font-weight:400;text-transform:none;letter-spacing:0}
.entries{margin:0 0 0 6px;padding:0 0 0 22px;border-left:2px solid var(--line)}
.entry{position:relative;display:grid;grid-template-columns:128px minmax(0,1fr);gap:16px;
background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;
margin:0 0 12px;box-shadow:var(--shadow)}
.entry::before{content:"";position:absolute;left:-31px;top:18px;width:12px;height:12px;
border-radius:50%;background:hsl(var(--hue) 60% 48%);border:2px solid var(--bg)}
.when time{display:block;font-weight:650;line-height:1.3}
.when .how{display:block;margin-top:2px;font-size:11px;color:var(--muted);text-transform:uppercase;
letter-spacing:.05em}
.badges{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:4px}
.type,.badge{font-size:12px;font-weight:600;padding:1px 8px;border-radius:999px}
.type{background:hsl(var(--hue) 60% 50% / .15)}
.badge.hedged{background:var(--hedged-bg);color:var(--hedged)}
.badge.negated{background:var(--neg-bg);color:var(--neg)}
.headline{margin:2px 0 8px;font-size:17px;line-height:1.35;overflow-wrap:anywhere}
.notes{margin:0 0 8px;font-size:14px;white-space:pre-line;overflow-wrap:anywhere}
.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 10px;margin:0 0 8px;
font-size:14px}
.facts dt{color:var(--muted)}
.facts dd{margin:0;overflow-wrap:anywhere}
.sources{font-size:13px;border-top:1px dashed var(--line);padding-top:8px}
.sources h4{margin:0 0 4px;font-size:11px;text-transform:uppercase;color:var(--muted);
letter-spacing:.05em}
.sources ul{margin:0;padding-left:18px}
.sources li{margin:0 0 4px;overflow-wrap:anywhere}
.sources .by,.sources .pub{color:var(--muted)}
a{color:var(--accent)}
details summary{cursor:pointer;color:var(--muted);font-size:12px}
blockquote{margin:4px 0;padding:2px 10px;border-left:3px solid var(--line);color:var(--muted);
font-style:italic}
.empty{color:var(--muted);font-style:italic}
#kb-map svg{display:block;width:100%;height:auto;background:var(--map-bg);border-radius:8px}
.frame{fill:none;stroke:var(--line)}
.grat{stroke:var(--line);stroke-width:.7;fill:none}
.grat-label{fill:var(--muted)}
.dot{cursor:pointer}
.dot circle{fill:var(--dot);fill-opacity:.85;stroke:var(--card);stroke-width:1.5}
.dot text{fill:var(--ink);paint-order:stroke;stroke:var(--map-bg);stroke-width:3px;
stroke-linejoin:round}
.dot.dim circle{fill:var(--muted);fill-opacity:.35}
.dot.dim text{fill:var(--muted)}
.dot.selected circle{stroke:var(--ink);stroke-width:2.5}
.dot:focus{outline:none}
.dot:focus circle{stroke:var(--accent);stroke-width:3}
.note{font-size:12px;color:var(--muted);margin:8px 0 0}
@media (max-width:980px){.layout{grid-template-columns:1fr}.mapbox{position:static}}
@media (max-width:640px){.entry{grid-template-columns:1fr;gap:4px}.controls{position:static}}
@media print{.controls,.mapbox{display:none}.layout{display:block}
.entry{box-shadow:none;break-inside:avoid}}
"""

# The page's only script. It must stay free of data: the data is read from the
# JSON island, and the CSP pins this exact text by hash.
_JS = r"""
(() => {
  "use strict";
  const SVGNS = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("kb-data").textContent);
  const entries = Array.isArray(data.entries) ? data.entries : [];
  const views = Array.isArray(data.views) ? data.views : [];
  // Every type's own name, broader ones included ("attack" above "bombing").
  const typeLabels =
    data.type_labels && typeof data.type_labels === "object" ? data.type_labels : {};
  const groups = Array.isArray(data.groups) ? data.groups : [];
  const $ = (id) => document.getElementById(id);
  const str = (x) => (x === null || x === undefined ? "" : String(x));
  const list = (x) => (Array.isArray(x) ? x.filter((v) => v && typeof v === "object") : []);

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }
  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }
  function hue(key) {
    let h = 7;
    for (const ch of str(key)) h = (h * 31 + ch.codePointAt(0)) % 360;
    return h;
  }
  function humanize(key) {
    const text = str(key).replace(/[_-]+/g, " ").trim();
    return text ? text[0].toUpperCase() + text.slice(1) : "Unknown type";
  }
  const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");

  // Facets: what each entry can be filtered by, and the names to show.
  const actorNames = new Map();
  const placeNames = new Map();
  const typeNames = new Map();
  const remember = (map, id, name) => {
    if (!map.has(id) || (name && map.get(id) === id)) map.set(id, str(name) || id);
  };
  const facets = entries.map((entry) => {
    const actors = new Set();
    const places = new Set();
    const types = new Set();
    for (const a of list(entry.actors).concat(list(entry.targets))) {
      if (a.id === null || a.id === undefined) continue;
      actors.add(str(a.id));
      remember(actorNames, str(a.id), a.name);
    }
    for (const p of list(entry.places)) {
      if (p.id === null || p.id === undefined) continue;
      places.add(str(p.id));
      remember(placeNames, str(p.id), p.name);
      for (const w of list(p.within)) {
        if (w.id === null || w.id === undefined) continue;
        places.add(str(w.id));
        remember(placeNames, str(w.id), w.name);
      }
    }
    const primary = str(entry.type) || "unknown";
    const keys = (Array.isArray(entry.types) ? entry.types.map(str) : []).filter(Boolean);
    if (!keys.includes(primary)) keys.unshift(primary);
    for (const t of keys) {
      types.add(t);
      if (typeLabels[t]) typeNames.set(t, str(typeLabels[t]));
      else if (t === primary && entry.type_label) typeNames.set(t, str(entry.type_label));
      else if (!typeNames.has(t)) typeNames.set(t, humanize(t));
    }
    return { actors, places, types };
  });
  const byName = (map) =>
    [...map.entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));

  // Filter state, read from and written to the URL hash.
  const state = { actor: "", place: "", types: null };
  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    state.actor = params.get("actor") || "";
    state.place = params.get("place") || "";
    const types = params
      .getAll("type")
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
    state.types = types.length ? new Set(types) : null;
  }
  function writeHash() {
    const params = new URLSearchParams();
    if (state.actor) params.set("actor", state.actor);
    if (state.place) params.set("place", state.place);
    if (state.types) for (const t of state.types) params.append("type", t);
    const hash = params.toString();
    try {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch (err) {
      /* some browsers refuse history changes on file: pages; the filter still works */
    }
  }

  // Controls.
  const actorSelect = $("f-actor");
  const placeSelect = $("f-place");
  const typeBox = $("f-types");
  function fillSelect(select, map, allLabel) {
    select.replaceChildren(el("option", null, allLabel));
    select.firstChild.value = "";
    for (const [id, name] of byName(map)) {
      const option = el("option", null, name);
      option.value = id;
      select.append(option);
    }
  }
  function ensureOption(select, id) {
    // A hash may name something absent from this timeline: show it, match nothing.
    if (!id || [...select.options].some((o) => o.value === id)) return;
    const option = el("option", null, id + " (not in this timeline)");
    option.value = id;
    select.append(option);
  }
  fillSelect(actorSelect, actorNames, "All actors");
  fillSelect(placeSelect, placeNames, "All places");
  const typeCounts = new Map();
  facets.forEach((f) => f.types.forEach((t) => typeCounts.set(t, (typeCounts.get(t) || 0) + 1)));
  const typeInputs = [];
  for (const [key, name] of byName(typeNames)) {
    const label = el("label", "chip");
    label.style.setProperty("--hue", String(hue(key)));
    const input = el("input");
    input.type = "checkbox";
    input.value = key;
    label.append(input, el("span", null, name), el("span", "n", typeCounts.get(key) || 0));
    typeBox.append(label);
    typeInputs.push(input);
  }

  // Timeline.
  const timeline = $("kb-timeline");
  const cards = [];
  const sections = [];

  function fact(dl, label, value) {
    if (!value) return;
    dl.append(el("dt", null, label), el("dd", null, value));
  }
  function names(items, withRole) {
    return list(items)
      .map((a) => {
        const role = withRole && a.role && a.role !== "agent" ? " (" + a.role + ")" : "";
        return str(a.name || a.id) + role;
      })
      .filter(Boolean)
      .join(", ");
  }
  function renderSources(entry) {
    const mentions = list(entry.mentions);
    if (!mentions.length) return null;
    const box = el("div", "sources");
    const n = Number(entry.sources) || mentions.length;
    const outlets = Number(entry.outlets) || 0;
    const heading = plural(n, "source") + (outlets ? " · " + plural(outlets, "outlet") : "");
    box.append(el("h4", null, heading));
    const ul = el("ul");
    // One item per article: an article that reports the incident in several passages
    // (a lead and a later detail) is one source, with each passage quoted under it.
    const groups = new Map();
    for (const m of mentions) {
      const article = m.article && typeof m.article === "object" ? m.article : {};
      const id = str(article.id) || "#" + groups.size;
      if (!groups.has(id)) groups.set(id, { article, items: [] });
      groups.get(id).items.push(m);
    }
    for (const { article, items } of groups.values()) {
      const li = el("li");
      const label =
        [article.outlet, article.title].map(str).filter(Boolean).join(": ") ||
        str(article.id) ||
        "source";
      const url = safeUrl(article.url);
      if (url) {
        const a = el("a", null, label);
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        li.append(a);
      } else {
        li.append(el("span", null, label));
      }
      if (article.published) li.append(" ", el("span", "pub", "(" + str(article.published) + ")"));
      const bys = [];
      for (const m of items) {
        const att = m.attribution && typeof m.attribution === "object" ? m.attribution : {};
        const by = [
          att.reported_by ? "reported by " + str(att.reported_by) : "",
          att.citing ? "citing " + str(att.citing) : "",
        ]
          .filter(Boolean)
          .join(", ");
        if (by && !bys.includes(by)) bys.push(by);
      }
      if (bys.length) li.append(" ", el("span", "by", "· " + bys.join("; ")));
      const quoted = items.filter((m) => m.text);
      if (quoted.length) {
        const details = el("details");
        const n = quoted.length;
        details.append(el("summary", null, n > 1 ? "Quoted text (" + n + " passages)" : "Quoted text"));
        for (const m of quoted) details.append(el("blockquote", null, m.text));
        li.append(details);
      }
      ul.append(li);
    }
    box.append(ul);
    return box;
  }
  function renderEntry(entry, view, index) {
    const card = el("article", "entry");
    card.id = "entry-" + index;
    card.dataset.key = str(entry.key);
    card.style.setProperty("--hue", String(hue(entry.type)));
    const date = entry.date && typeof entry.date === "object" ? entry.date : {};
    const when = el("div", "when");
    const time = el("time", null, view.display || "date unknown");
    if (date.value) time.setAttribute("datetime", str(date.value));
    when.append(time);
    const how = [];
    if (view.precision) how.push(view.precision === "day" ? "exact day" : view.precision + " only");
    if (date.basis === "relative") how.push("relative date");
    if (date.basis === "publication") how.push("publication date");
    if (how.length) when.append(el("span", "how", how.join(" · ")));
    if (date.text) when.title = "The article says: " + str(date.text);
    const body = el("div", "body");
    const badges = el("div", "badges");
    badges.append(el("span", "type", view.type_label || humanize(entry.type)));
    if (entry.certainty === "hedged") badges.append(el("span", "badge hedged", "hedged"));
    if (entry.negated) {
      badges.append(el("span", "badge negated", "reported as not having happened"));
    }
    body.append(badges, el("h3", "headline", entry.headline || view.type_label || "Event"));
    if (typeof entry.notes === "string" && entry.notes.trim()) {
      body.append(el("p", "notes", entry.notes.trim()));
    }
    const dl = el("dl", "facts");
    fact(dl, "Actors", names(entry.actors, true));
    fact(dl, "Targets", names(entry.targets, false));
    fact(dl, "Places", names(entry.places, false));
    const q = entry.quantities && typeof entry.quantities === "object" ? entry.quantities : {};
    const figures = Object.entries(q).map(([k, v]) => k.replace(/_/g, " ") + ": " + str(v));
    fact(dl, "Figures", figures.join(", "));
    if (dl.childNodes.length) body.append(dl);
    const sources = renderSources(entry);
    if (sources) body.append(sources);
    card.append(when, body);
    return card;
  }
  for (const group of groups) {
    const items = (Array.isArray(group.items) ? group.items : []).filter((i) => entries[i]);
    const section = el("section", "period");
    section.dataset.period = str(group.key);
    const h2 = el("h2", "period-title", group.label);
    const count = el("span", "n");
    h2.append(count);
    const box = el("div", "entries");
    for (const i of items) {
      cards[i] = renderEntry(entries[i], views[i] || {}, i);
      box.append(cards[i]);
    }
    section.append(h2, box);
    timeline.append(section);
    sections.push({ section, items, count });
  }
  const nothing = el(
    "p",
    "empty",
    entries.length ? "No event matches these filters." : "No events in this timeline."
  );
  timeline.append(nothing);

  // Map: equirectangular plot of the places with coordinates, fitted to their bounding box.
  const mapBox = $("kb-map");
  const mapNote = $("kb-map-note");
  const dots = [];
  function niceStep(span) {
    for (const s of [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 45, 90]) if (span / s <= 5) return s;
    return 90;
  }
  function renderMap() {
    const points = new Map();
    let unlocated = 0;
    entries.forEach((entry, i) => {
      let located = false;
      for (const p of list(entry.places)) {
        const lat = p.lat;
        const lon = p.lon;
        if (typeof lat !== "number" || typeof lon !== "number") continue;
        if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
        located = true;
        const id = str(p.id || p.name || lat + "," + lon);
        if (!points.has(id)) points.set(id, { id, name: str(p.name || p.id), lat, lon, items: [] });
        const point = points.get(id);
        if (!point.items.includes(i)) point.items.push(i);
      }
      if (!located) unlocated += 1;
    });
    if (unlocated) {
      const missing = plural(unlocated, "event") + " without coordinates not on the map. ";
      mapNote.textContent = missing + mapNote.textContent;
    }
    if (!points.size) {
      mapBox.append(el("p", "empty", "No place in this timeline has coordinates."));
      return;
    }
    const all = [...points.values()];
    let minLat = Math.min(...all.map((p) => p.lat));
    let maxLat = Math.max(...all.map((p) => p.lat));
    let minLon = Math.min(...all.map((p) => p.lon));
    let maxLon = Math.max(...all.map((p) => p.lon));
    const padLat = Math.max((maxLat - minLat) * 0.15, 0.5);
    const padLon = Math.max((maxLon - minLon) * 0.15, 0.5);
    minLat = Math.max(-90, minLat - padLat);
    maxLat = Math.min(90, maxLat + padLat);
    minLon = Math.max(-180, minLon - padLon);
    maxLon = Math.min(180, maxLon + padLon);
    // Equirectangular with the standard parallel at the middle latitude, so
    // shapes near the plotted area keep roughly their proportions.
    const k = Math.max(Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180), 0.2);
    const spanX = (maxLon - minLon) * k;
    const spanY = maxLat - minLat;
    const scale = Math.min(400 / spanX, 420 / spanY);
    const W = spanX * scale;
    const H = spanY * scale;
    const x = (lon) => (lon - minLon) * k * scale;
    const y = (lat) => (maxLat - lat) * scale;
    const fs = Math.max(W, H) / 30;
    const root = svg("svg", { viewBox: "0 0 " + W.toFixed(2) + " " + H.toFixed(2), role: "img" });
    root.append(svg("title"));
    root.firstChild.textContent = "Map of " + plural(all.length, "place");
    const step = niceStep(Math.max(spanY, maxLon - minLon));
    const grat = svg("g");
    for (let v = Math.ceil(minLat / step) * step; v <= maxLat; v += step) {
      grat.append(svg("line", { class: "grat", x1: 0, x2: W, y1: y(v), y2: y(v) }));
      const t = svg("text", { class: "grat-label", x: 3, y: y(v) - 2, "font-size": fs * 0.75 });
      t.textContent = Math.abs(+v.toFixed(1)) + "°" + (v >= 0 ? "N" : "S");
      grat.append(t);
    }
    for (let v = Math.ceil(minLon / step) * step; v <= maxLon; v += step) {
      grat.append(svg("line", { class: "grat", x1: x(v), x2: x(v), y1: 0, y2: H }));
      const t = svg("text", { class: "grat-label", x: x(v) + 2, y: H - 3, "font-size": fs * 0.75 });
      t.textContent = Math.abs(+v.toFixed(1)) + "°" + (v >= 0 ? "E" : "W");
      grat.append(t);
    }
    root.append(grat, svg("rect", { class: "frame", x: 0, y: 0, width: W, height: H }));
    // Big dots first so small ones stay clickable on top; labels avoid each other.
    all.sort((a, b) => b.items.length - a.items.length || a.name.localeCompare(b.name));
    const boxes = [];
    const clash = (b) => b.x < 0 || b.x + b.w > W || b.y < 0 || b.y + b.h > H ||
      boxes.some((o) => b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h);
    for (const p of all) {
      const cx = x(p.lon);
      const cy = y(p.lat);
      const r = fs * (0.35 + 0.22 * Math.sqrt(p.items.length));
      boxes.push({ x: cx - r, y: cy - r, w: 2 * r, h: 2 * r });
    }
    for (const p of all) {
      const cx = x(p.lon);
      const cy = y(p.lat);
      const r = fs * (0.35 + 0.22 * Math.sqrt(p.items.length));
      const g = svg("g", { class: "dot", tabindex: 0, role: "button" });
      const many = plural(p.items.length, "event");
      g.setAttribute("aria-label", p.name + ": " + many + ". Filter by this place.");
      const tip = svg("title");
      tip.textContent = p.name + " — " + many;
      g.append(tip, svg("circle", { cx, cy, r }));
      const w = p.name.length * fs * 0.56;
      // Above and below, a label slides along so as to stay within the frame.
      const mid = Math.min(Math.max(cx - w / 2, 0), Math.max(W - w, 0));
      const candidates = [
        { x: cx + r + 3, y: cy - fs * 0.6 },
        { x: cx - r - 3 - w, y: cy - fs * 0.6 },
        { x: mid, y: cy - r - fs * 1.3 },
        { x: mid, y: cy + r + 2 },
      ];
      const inside = (c) => c.x >= 0 && c.x + w <= W && c.y >= 0 && c.y + fs * 1.2 <= H;
      // No free spot: overlap another label rather than run off the map (the frame cuts).
      const spot =
        candidates.find((c) => !clash({ x: c.x, y: c.y, w, h: fs * 1.2 })) ||
        candidates.find(inside) ||
        candidates[0];
      boxes.push({ x: spot.x, y: spot.y, w, h: fs * 1.2 });
      const label = svg("text", { x: spot.x, y: spot.y + fs * 0.95, "font-size": fs });
      label.textContent = p.name;
      g.append(label);
      const choose = () => {
        state.place = state.place === p.id ? "" : p.id;
        writeHash();
        apply();
      };
      g.addEventListener("click", choose);
      g.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          choose();
        }
      });
      root.append(g);
      dots.push({ g, id: p.id, items: p.items });
    }
    mapBox.append(root);
  }
  renderMap();

  function matches(i) {
    const f = facets[i];
    if (state.actor && !f.actors.has(state.actor)) return false;
    if (state.place && !f.places.has(state.place)) return false;
    if (state.types && ![...f.types].some((t) => state.types.has(t))) return false;
    return true;
  }
  function apply() {
    ensureOption(actorSelect, state.actor);
    ensureOption(placeSelect, state.place);
    actorSelect.value = state.actor;
    placeSelect.value = state.place;
    for (const input of typeInputs) input.checked = !state.types || state.types.has(input.value);
    let shown = 0;
    cards.forEach((card, i) => {
      if (!card) return;
      const ok = matches(i);
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    for (const s of sections) {
      const visible = s.items.filter((i) => cards[i] && !cards[i].hidden).length;
      s.section.hidden = visible === 0;
      s.count.textContent =
        visible === s.items.length ? plural(visible, "event") : visible + " of " + s.items.length;
    }
    for (const d of dots) {
      d.g.classList.toggle("dim", !d.items.some((i) => cards[i] && !cards[i].hidden));
      d.g.classList.toggle("selected", state.place === d.id);
    }
    nothing.hidden = shown > 0;
    $("kb-status").textContent = "Showing " + shown + " of " + plural(entries.length, "event");
    document.body.dataset.shown = String(shown);
  }

  actorSelect.addEventListener("change", () => {
    state.actor = actorSelect.value;
    writeHash();
    apply();
  });
  placeSelect.addEventListener("change", () => {
    state.place = placeSelect.value;
    writeHash();
    apply();
  });
  typeBox.addEventListener("change", () => {
    const checked = typeInputs.filter((i) => i.checked).map((i) => i.value);
    state.types = checked.length === typeInputs.length ? null : new Set(checked);
    writeHash();
    apply();
  });
  $("f-reset").addEventListener("click", () => {
    state.actor = "";
    state.place = "";
    state.types = null;
    writeHash();
    apply();
  });
  window.addEventListener("hashchange", () => {
    readHash();
    apply();
  });
  readHash();
  apply();
  document.body.dataset.ready = "true";
})();
"""

_CSP = (
    "default-src 'none'; script-src '{script_hash}'; style-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def script_hash() -> str:
    """The CSP source expression (``sha256-...``) of the page's script."""
    digest = hashlib.sha256(_JS.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def embed_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` can only occur inside JSON strings, where ``\\u003c``
    etc. mean the same; written that way no ``</script>`` or ``<!--`` can end
    or confuse the element. U+2028/U+2029 are escaped for old JS parsers.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def payload(entries: list[dict[str, Any]], *, title: str, generated: str) -> dict[str, Any]:
    """The data the page's script reads: entries in display order and their groups."""
    groups = group_by_period(entries)
    ordered: list[dict[str, Any]] = []
    out_groups = []
    for group in groups:
        start = len(ordered)
        ordered.extend(group.entries)
        out_groups.append(
            {"key": group.key, "label": group.label, "items": list(range(start, len(ordered)))}
        )
    views = [
        {"display": display_date(e), "precision": precision(e), "type_label": type_label(e)}
        for e in ordered
    ]
    keys = {str(k) for e in ordered for k in [e.get("type"), *(e.get("types") or [])] if k}
    return {
        "title": title,
        "generated": generated,
        "entries": ordered,
        "views": views,
        "groups": out_groups,
        "type_labels": {k: type_name(k) for k in sorted(keys)},
    }


def export(
    entries: list[dict[str, Any]],
    out: TextIO,
    *,
    title: str = "kb timeline",
    generated: dt.datetime | None = None,
) -> None:
    """Write the timeline as one self-contained, offline HTML page."""
    stamp = iso_utc(generated)
    data = payload(entries, title=title, generated=stamp)
    n = len(entries)
    t = escape(title)
    out.write(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" '
        f'content="{escape(_CSP.format(script_hash=script_hash()))}">\n'
        '<meta name="generator" content="kb">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{t}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header class="masthead">\n<h1 id="kb-title">{t}</h1>\n'
        f'<p class="meta">{n} event{"" if n == 1 else "s"} · generated '
        f'<time datetime="{stamp}">{stamp}</time> by kb</p>\n</header>\n'
        '<nav class="controls" aria-label="Filters">\n'
        '<label class="field"><span class="field-label">Actor</span>'
        '<select id="f-actor"></select></label>\n'
        '<label class="field"><span class="field-label">Place</span>'
        '<select id="f-place"></select></label>\n'
        '<fieldset class="field"><legend class="field-label">Event type</legend>'
        '<div class="chips" id="f-types"></div></fieldset>\n'
        '<button type="button" id="f-reset">Show all</button>\n'
        '<p id="kb-status" role="status"></p>\n</nav>\n'
        '<div class="layout">\n<main id="kb-timeline" aria-label="Timeline">\n'
        "<noscript><p>This page needs JavaScript to show the timeline; its data is "
        'in the element with id "kb-data".</p></noscript>\n</main>\n'
        '<aside class="mapbox" aria-label="Map">\n<h2>Places</h2>\n<div id="kb-map"></div>\n'
        '<p class="note" id="kb-map-note">Equirectangular plot of the places with '
        "coordinates (no base map). Dot size grows with the number of events; "
        "click a dot to filter by that place.</p>\n</aside>\n</div>\n"
        f'<script type="application/json" id="kb-data">{embed_json(data)}</script>\n'
        f"<script>{_JS}</script>\n</body>\n</html>\n"
    )
