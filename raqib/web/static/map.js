// Raqib's live alert map: borders from /map/static/boundaries.json, alerts from the
// worker's /map/events stream (a snapshot, then every new alert version).
// Everything that comes from a report or an alert is put into the page as text
// (textContent, never innerHTML), so nothing a feed contains can run here.
"use strict";

(() => {
  const SEVERITIES = ["critical", "high", "medium", "low"];
  const EVENT_TYPES = ["strike", "troop_movement", "clash", "exercise", "other"];
  const TIME_RANGES = [["any", Infinity], ["h1", 3600e3], ["h6", 6 * 3600e3],
                       ["d1", 86400e3], ["d7", 7 * 86400e3]];
  const SVG = "http://www.w3.org/2000/svg";
  const MARKER_PIXELS = 7;
  const RETRY_MS = 5000;

  const TEXT = {
    en: {
      title: "Raqib: live alerts", mapLabel: "Map of alerts", switchTo: "العربية",
      connecting: "connecting", live: "live", reconnecting: "reconnecting",
      zoomIn: "Zoom in", zoomOut: "Zoom out", zoomReset: "Whole region",
      severity: "Severity", eventType: "Event type", actor: "Actor", timeRange: "Updated",
      all: "all", any: "any time", h1: "last hour", h6: "last 6 hours", d1: "last 24 hours",
      d7: "last 7 days",
      critical: "critical", high: "high", medium: "medium", low: "low",
      strike: "strike", troop_movement: "troop movement", clash: "clash",
      exercise: "exercise", other: "other",
      shown: (n, total) => `${n} of ${total} alerts shown`,
      close: "Close", status: "Status", version: "Version", type: "Event", place: "Place",
      actors: "Actors", window: "Window", count: "Events", sources: "Sources",
      updatedAt: "Updated", unlocated: "no place on the map", evidence: "Evidence",
      report: "report", link: "source article", none: "none",
      active: "new", updated: "updated", provisional: "provisional", closed: "closed",
      incidents: "Incidents", bordersMissing: "borders could not be loaded",
      reports: (n) => (n === 1 ? "1 report" : `${n} reports`),
      sourcesN: (n) => (n === 1 ? "1 source" : `${n} sources`),
      attribution: "Borders: Natural Earth (public domain). Places: GeoNames (CC BY 4.0).",
    },
    ar: {
      title: "رقيب: التنبيهات الحية", mapLabel: "خريطة التنبيهات", switchTo: "English",
      connecting: "جارٍ الاتصال", live: "مباشر", reconnecting: "إعادة الاتصال",
      zoomIn: "تكبير", zoomOut: "تصغير", zoomReset: "المنطقة كلها",
      severity: "الخطورة", eventType: "نوع الحدث", actor: "الجهة", timeRange: "التحديث",
      all: "الكل", any: "أي وقت", h1: "آخر ساعة", h6: "آخر 6 ساعات", d1: "آخر 24 ساعة",
      d7: "آخر 7 أيام",
      critical: "حرجة", high: "عالية", medium: "متوسطة", low: "منخفضة",
      strike: "ضربة", troop_movement: "تحرك قوات", clash: "اشتباك", exercise: "تدريب",
      other: "أخرى",
      shown: (n, total) => `${n} من ${total} تنبيهًا معروضًا`,
      close: "إغلاق", status: "الحالة", version: "الإصدار", type: "الحدث", place: "المكان",
      actors: "الجهات", window: "الفترة", count: "الأحداث", sources: "المصادر",
      updatedAt: "آخر تحديث", unlocated: "بلا موقع على الخريطة", evidence: "الأدلة",
      report: "التقرير", link: "المقال المصدر", none: "لا شيء",
      active: "جديد", updated: "محدَّث", provisional: "مبدئي", closed: "منتهٍ",
      incidents: "الحوادث", bordersMissing: "تعذّر تحميل الحدود",
      reports: (n) => `${n} ${n === 1 ? "تقرير" : "تقارير"}`,
      sourcesN: (n) => `${n} ${n === 1 ? "مصدر" : "مصادر"}`,
      attribution: "الحدود: Natural Earth (ملكية عامة). الأماكن: GeoNames ‏(CC BY 4.0).",
    },
  };

  const $ = (id) => document.getElementById(id);
  const svg = $("map");
  const alerts = new Map(); // alert_id -> latest version
  let language = chooseLanguage();
  let selected = null;
  let region = null; // [west, south, east, north]
  let view = null; // the SVG viewBox, in projected units

  // own keys only: an alert's field must not reach Object's properties ("constructor")
  const t = (key) => (Object.hasOwn(TEXT[language], key) ? TEXT[language][key]
    : Object.hasOwn(TEXT.en, key) ? TEXT.en[key] : key);

  function chooseLanguage() {
    const asked = new URLSearchParams(location.search).get("lang")
      || remembered() || navigator.language || "en";
    return asked.toLowerCase().startsWith("ar") ? "ar" : "en";
  }

  // storage can be refused (private modes, strict settings): the page works without it
  function remembered() {
    try { return localStorage.getItem("raqib.lang"); } catch { return null; }
  }

  function remember(value) {
    try { localStorage.setItem("raqib.lang", value); } catch { /* not kept */ }
  }

  function element(tag, attributes = {}, text = null) {
    const node = tag.startsWith("svg:")
      ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== null) node.textContent = text;
    return node;
  }

  // ---- projection: longitude scaled by the cosine of the region's middle latitude
  let scaleX = 1;
  const project = ([lon, lat]) => [lon * scaleX, -lat];

  function ringPath(ring) {
    return "M" + ring.map((p) => project(p).map((v) => v.toFixed(3)).join(",")).join("L") + "Z";
  }

  async function drawBorders() {
    const response = await fetch("/map/static/boundaries.json");
    if (!response.ok) throw new Error(`boundaries.json: HTTP ${response.status}`);
    const borders = await response.json();
    region = borders.bbox;
    scaleX = Math.cos(((region[1] + region[3]) / 2) * Math.PI / 180);
    // land fills first, governorate lines over them, country borders on top
    for (const feature of borders.features) {
      const d = feature.geometry.coordinates.map((polygon) => polygon.map(ringPath).join("")).join("");
      const path = element("svg:path", { d, "fill-rule": "evenodd" });
      path.append(element("svg:title", {}, feature.properties.name));
      if (feature.properties.kind === "country") {
        $("land").append(path.cloneNode(true));
        $("countries").append(path);
      } else {
        $("governorates").append(path);
      }
    }
    resetView();
  }

  // ---- pan and zoom, by changing the viewBox
  function setView(next) {
    view = next;
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    sizeMarkers();
  }

  function resetView() {
    const [west, south, east, north] = region;
    const [x0, y0] = project([west, north]);
    const [x1, y1] = project([east, south]);
    setView({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
  }

  function toMap(clientX, clientY) {
    const point = svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }

  function zoom(factor, clientX, clientY) {
    const rect = svg.getBoundingClientRect();
    const centre = toMap(clientX ?? rect.left + rect.width / 2, clientY ?? rect.top + rect.height / 2);
    setView({
      x: centre.x - (centre.x - view.x) / factor, y: centre.y - (centre.y - view.y) / factor,
      w: view.w / factor, h: view.h / factor,
    });
  }

  function enablePanZoom() {
    svg.addEventListener("wheel", (e) => {
      if (e.deltaY === 0) return; // a sideways scroll is not a zoom
      e.preventDefault();
      zoom(e.deltaY < 0 ? 1.25 : 0.8, e.clientX, e.clientY);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (e) => {
      if (e.target.classList.contains("marker")) return;
      drag = { start: toMap(e.clientX, e.clientY) };
      svg.setPointerCapture(e.pointerId);
      svg.classList.add("panning");
    });
    svg.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const here = toMap(e.clientX, e.clientY);
      setView({ ...view, x: view.x + drag.start.x - here.x, y: view.y + drag.start.y - here.y });
    });
    const stop = () => { drag = null; svg.classList.remove("panning"); };
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    $("zoom-in").addEventListener("click", () => zoom(1.5));
    $("zoom-out").addEventListener("click", () => zoom(1 / 1.5));
    $("zoom-reset").addEventListener("click", resetView);
  }

  // Markers keep their size on screen whatever the zoom; alerts at the same place are
  // set around it on a small ring, so that each can be clicked.
  function sizeMarkers() {
    if (!view) return;
    const ctm = svg.getScreenCTM();
    const unitsPerPixel = ctm && ctm.a ? 1 / ctm.a : view.w / 800;
    for (const marker of $("markers").children) {
      const count = Number(marker.dataset.count) || 1;
      const radius = MARKER_PIXELS + 2 * Math.log2(count);
      const slots = Number(marker.dataset.slots);
      const angle = (2 * Math.PI * Number(marker.dataset.slot)) / slots;
      const ring = slots > 1 ? (MARKER_PIXELS + 4) * Math.max(1, slots / 4) : 0;
      marker.setAttribute("r", radius * unitsPerPixel);
      marker.setAttribute("cx", Number(marker.dataset.x) + Math.cos(angle) * ring * unitsPerPixel);
      marker.setAttribute("cy", Number(marker.dataset.y) + Math.sin(angle) * ring * unitsPerPixel);
    }
  }

  // ---- filters
  function filters() {
    const severities = new Set([...document.querySelectorAll("#severity-filter input:checked")]
      .map((box) => box.value));
    const range = Object.fromEntries(TIME_RANGES)[$("time-filter").value] ?? Infinity;
    return { severities, type: $("type-filter").value, actor: $("actor-filter").value, range };
  }

  function passes(alert, f, now) {
    if (!f.severities.has(alert.severity)) return false;
    if (f.type && alert.event_type !== f.type) return false;
    if (f.actor && !(alert.actors || []).includes(f.actor)) return false;
    const updated = Date.parse(alert.updated_at || alert.created_at || "");
    return f.range === Infinity || (now - updated <= f.range);
  }

  function fillSelect(select, values, label) {
    const current = select.value;
    select.replaceChildren(element("option", { value: "" }, t("all")));
    for (const value of values) select.append(element("option", { value }, label(value)));
    select.value = values.includes(current) ? current : "";
  }

  function buildFilters() {
    const box = $("severity-filter");
    const checked = new Set(box.querySelectorAll("input").length
      ? [...box.querySelectorAll("input:checked")].map((i) => i.value) : SEVERITIES);
    box.querySelectorAll("label").forEach((label) => label.remove());
    for (const severity of SEVERITIES) {
      const input = element("input", { type: "checkbox", value: severity, name: "severity" });
      input.checked = checked.has(severity);
      const label = element("label", { class: `sev-${severity}` });
      label.append(input, " ", element("span", { class: "badge" }, t(severity)));
      box.append(label);
    }
    const timeSelect = $("time-filter");
    const time = timeSelect.value || "any";
    timeSelect.replaceChildren(...TIME_RANGES.map(([key]) => element("option", { value: key }, t(key))));
    timeSelect.value = time;
    refreshChoices();
  }

  function refreshChoices() {
    fillSelect($("type-filter"), EVENT_TYPES, (type) => t(type));
    const actors = [...new Set([...alerts.values()].flatMap((a) => a.actors || []))].sort();
    fillSelect($("actor-filter"), actors, (actor) => actor);
  }

  // ---- drawing the alerts
  function render() {
    const f = filters();
    const now = Date.now();
    const shown = [...alerts.values()].filter((a) => passes(a, f, now))
      .sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)));
    drawMarkers(shown);
    drawList(shown);
    $("count").textContent = t("shown")(shown.length, alerts.size);
    if (selected && alerts.has(selected)) showDetails(alerts.get(selected));
  }

  function drawMarkers(shown) {
    const layer = $("markers");
    layer.replaceChildren();
    // the most severe drawn last, on top
    const order = [...shown].sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity));
    const located = order.filter((a) => a.location && Number.isFinite(a.location.lat)
      && Number.isFinite(a.location.lon));
    const places = new Map(); // "lon,lat" -> alerts there
    for (const alert of located) {
      const key = `${alert.location.lon.toFixed(3)},${alert.location.lat.toFixed(3)}`;
      places.set(key, [...(places.get(key) || []), alert]);
    }
    for (const alert of located) {
      const [x, y] = project([alert.location.lon, alert.location.lat]);
      const here = places.get(`${alert.location.lon.toFixed(3)},${alert.location.lat.toFixed(3)}`);
      const marker = element("svg:circle", {
        class: `marker sev-${alert.severity}` + (alert.alert_id === selected ? " selected" : ""),
        "data-alert": alert.alert_id, "data-count": alert.count || 1, tabindex: 0,
        "data-x": x, "data-y": y, "data-slot": here.indexOf(alert), "data-slots": here.length,
      });
      marker.append(element("svg:title", {}, alert.title || alert.alert_id));
      marker.addEventListener("click", () => select(alert.alert_id));
      marker.addEventListener("keydown", (e) => { if (e.key === "Enter") select(alert.alert_id); });
      layer.append(marker);
    }
    sizeMarkers();
  }

  function drawList(shown) {
    const list = $("alert-list");
    list.replaceChildren();
    for (const alert of shown) {
      const button = element("button", {
        type: "button", class: `sev-${alert.severity}` + (alert.alert_id === selected ? " selected" : ""),
        "data-alert": alert.alert_id,
      });
      if (alert.fresh) button.classList.add("fresh");
      button.append(
        element("span", { class: "item-title", dir: "auto" }, alert.title || alert.alert_id),
        element("span", { class: "item-meta" },
          `${t(alert.severity)} · ${t(alert.event_type)} · v${alert.version} · ${when(alert.updated_at)}`),
      );
      button.addEventListener("click", () => select(alert.alert_id));
      const item = element("li");
      item.append(button);
      list.append(item);
      alert.fresh = false;
    }
  }

  function select(alertId) {
    selected = alertId;
    render();
  }

  function when(moment) {
    return moment ? String(moment).replace("T", " ").slice(0, 16) + " UTC" : "";
  }

  function showDetails(alert) {
    const details = $("details");
    const close = element("button", { type: "button", "aria-label": t("close") }, "×");
    close.addEventListener("click", () => { selected = null; details.hidden = true; render(); });
    const heading = element("h2");
    heading.append(element("span", { class: `badge sev-${alert.severity}` }, t(alert.severity)),
      element("span", { class: "details-title", dir: "auto" }, alert.title || alert.alert_id), close);

    const facts = element("dl");
    const place = alert.location ? alert.location.name : t("unlocated");
    const window_ = alert.window ? `${when(alert.window.start)} – ${when(alert.window.end)}` : "";
    for (const [key, value] of [
      ["status", `${t(alert.status)} (${t("version")} ${alert.version})`],
      ["type", t(alert.event_type)], ["place", place],
      ["actors", (alert.actors || []).join(", ") || t("none")],
      ["window", window_], ["count", alert.count], ["sources", alert.num_sources],
      ["updatedAt", when(alert.updated_at)],
    ]) {
      facts.append(element("dt", {}, t(key)), element("dd", { dir: "auto" }, String(value ?? "")));
    }

    const evidence = element("ol", { class: "evidence" });
    for (const item of alert.evidence || []) {
      const entry = element("li");
      entry.append(element("blockquote", { dir: "auto" }, item.sentence || ""));
      const meta = element("p", { class: "evidence-meta" },
        `${t("report")} ${item.report_id}` + (item.source ? ` · ${item.source}` : ""));
      const url = safeUrl(item.url);
      if (url) {
        meta.append(" · ", element("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, t("link")));
      }
      entry.append(meta);
      evidence.append(entry);
    }
    const incidents = element("ul", { class: "incidents" });
    for (const incident of alert.incidents || []) {
      incidents.append(element("li", {},
        `${incident.incident_id}: ${t("reports")(incident.num_reports)}, ${t("sourcesN")(incident.num_sources)}`));
    }
    details.replaceChildren(heading, element("p", { dir: "auto" }, alert.summary || ""), facts,
      element("h3", {}, t("incidents")), incidents, element("h3", {}, t("evidence")), evidence);
    details.hidden = false;
  }

  function safeUrl(value) {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch {
      return null;
    }
  }

  // ---- language
  function applyLanguage() {
    document.documentElement.lang = language;
    document.documentElement.dir = language === "ar" ? "rtl" : "ltr";
    document.title = t("title");
    document.querySelectorAll("[data-text]").forEach((node) => { node.textContent = t(node.dataset.text); });
    document.querySelectorAll("[data-title]").forEach((node) => { node.title = t(node.dataset.title); });
    const toggle = $("language");
    toggle.textContent = t("switchTo");
    toggle.lang = language === "ar" ? "en" : "ar";
    $("legend").replaceChildren(...SEVERITIES.map((s) => element("li", { class: `sev-${s}` }, t(s))));
    $("attribution").textContent = t("attribution");
    setStatus($("status").dataset.state);
    buildFilters();
    render();
  }

  function setStatus(state) {
    const status = $("status");
    status.dataset.state = state;
    status.textContent = t(state);
  }

  // ---- live updates
  function take(alert, fresh) {
    const shown = alerts.get(alert.alert_id);
    if (shown && shown.version >= alert.version) return false;
    alert.fresh = fresh;
    alerts.set(alert.alert_id, alert);
    return true;
  }

  function listen() {
    const events = new EventSource("/map/events");
    events.addEventListener("open", () => setStatus("live"));
    events.addEventListener("error", () => {
      setStatus("reconnecting");
      // the browser retries by itself, except after an HTTP error: then start again
      if (events.readyState === EventSource.CLOSED) setTimeout(listen, RETRY_MS);
    });
    events.addEventListener("snapshot", (e) => {
      // the server's alerts replace the page's (it forgets old ones), unless the page
      // already has a newer version of one
      const previous = new Map(alerts);
      alerts.clear();
      for (const alert of JSON.parse(e.data)) {
        const mine = previous.get(alert.alert_id);
        alerts.set(alert.alert_id, mine && mine.version > alert.version ? mine : alert);
      }
      refreshChoices();
      render();
    });
    events.addEventListener("alert", (e) => {
      if (take(JSON.parse(e.data), true)) {
        refreshChoices();
        render();
      }
    });
  }

  async function start() {
    $("language").addEventListener("click", () => {
      language = language === "ar" ? "en" : "ar";
      remember(language);
      applyLanguage();
    });
    $("filters").addEventListener("change", render);
    window.addEventListener("resize", sizeMarkers);
    applyLanguage();
    try {
      await drawBorders();
      enablePanZoom();
    } catch (error) {
      $("attribution").textContent = t("bordersMissing");
      console.error(error);
    }
    listen();
    setInterval(render, 60_000); // "last hour" moves on even when no alert comes
  }

  start();
})();
