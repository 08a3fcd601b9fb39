// The tenant's dashboard: every figure comes from /v1/dashboard/* with the tenant's API key, which
// lives in this tab's sessionStorage only. Text from the API is set with textContent, never as HTML.
"use strict";

(function () {
  const KEY = "stevedore.apiKey";
  const REFRESH_MS = 15000;
  const COLORS = ["#0b6bcb", "#e07b00", "#2e9d57", "#b42318", "#7a4cc2", "#00858a", "#a15c00"];
  const $ = (id) => document.getElementById(id);
  let chart = null;
  let timer = null;
  let devicesCursor = null;
  let eventsCursor = null;

  class Unauthorized extends Error {}

  async function api(path) {
    const response = await fetch(path, {
      headers: { Authorization: "Bearer " + sessionStorage.getItem(KEY) },
      cache: "no-store",
    });
    if (response.status === 401 || response.status === 403) {
      const problem = await response.json().catch(() => ({}));
      throw new Unauthorized(problem.detail || "The key was refused");
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || path + " answered " + response.status);
    }
    return response.json();
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text == null ? "–" : String(text);
    if (className) td.className = className;
    row.appendChild(td);
  }

  async function loadQueue() {
    const queue = await api("/v1/dashboard/queue");
    $("queue-ready").textContent = queue.ready;
    $("queue-delayed").textContent = queue.delayed;
    $("queue-dead-lettered").textContent = queue.deadLettered;
    $("queue-dead-lettered").classList.toggle("bad", queue.deadLettered > 0);
  }

  async function loadDevices(more) {
    const cursor = more && devicesCursor ? "&cursor=" + encodeURIComponent(devicesCursor) : "";
    const page = await api("/v1/dashboard/devices?limit=20" + cursor);
    const body = $("devices");
    if (!more) body.replaceChildren();
    for (const device of page.devices) {
      const row = document.createElement("tr");
      row.dataset.device = device.deviceId;
      cell(row, device.deviceId);
      cell(row, device.lastEventAt);
      body.appendChild(row);
    }
    devicesCursor = page.next;
    $("more-devices").hidden = !page.next;
  }

  async function loadEvents(older) {
    const cursor = older && eventsCursor ? "&cursor=" + encodeURIComponent(eventsCursor) : "";
    const page = await api("/v1/dashboard/events?limit=20" + cursor);
    const body = $("events");
    if (!older) body.replaceChildren();
    for (const event of page.events) {
      const row = document.createElement("tr");
      row.dataset.eventId = event.eventId;
      cell(row, event.timestamp);
      cell(row, event.deviceId);
      cell(row, event.type);
      cell(row, event.eventId);
      cell(row, JSON.stringify(event.payload), "payload");
      body.appendChild(row);
    }
    eventsCursor = page.next;
    $("older-events").hidden = !page.next;
  }

  async function loadCounts() {
    const counts = await api("/v1/dashboard/counts");
    const types = Object.keys(counts.counts);
    const data = [counts.minutes].concat(types.map((type) => counts.counts[type]));
    const total = types.reduce((sum, t) => sum + counts.counts[t].reduce((a, b) => a + b, 0), 0);
    $("counts-total").textContent =
      total + " events stored in the last hour" + (types.length ? " (" + types.join(", ") + ")" : "");
    const panel = $("chart");
    const width = Math.max(320, panel.clientWidth);
    const options = {
      width: width,
      height: 240,
      scales: { x: { time: true } },
      series: [{}].concat(
        types.map((type, i) => ({
          label: type,
          stroke: COLORS[i % COLORS.length],
          width: 2,
          // A step per minute: each count holds for its whole minute.
          paths: uPlot.paths.stepped({ align: 1 }),
          points: { show: false },
        }))
      ),
      axes: [{}, { label: "events / minute" }],
    };
    if (chart) chart.destroy();
    panel.replaceChildren();
    chart = new uPlot(options, data, panel);
    panel.dataset.types = types.join(",");
  }

  async function refresh() {
    $("status").textContent = "Loading…";
    try {
      await Promise.all([loadQueue(), loadDevices(false), loadEvents(false), loadCounts()]);
      $("status").textContent = "Updated " + new Date().toLocaleTimeString();
      document.body.dataset.loaded = "true";
    } catch (e) {
      if (e instanceof Unauthorized) {
        signOut(e.message);
      } else {
        $("status").textContent = "Could not load: " + e.message;
      }
    }
  }

  function show(signedIn) {
    $("sign-in").hidden = signedIn;
    $("dashboard").hidden = !signedIn;
    $("refresh").hidden = !signedIn;
    $("sign-out").hidden = !signedIn;
  }

  function signIn() {
    show(true);
    refresh();
    timer = setInterval(refresh, REFRESH_MS);
  }

  function signOut(reason) {
    sessionStorage.removeItem(KEY);
    clearInterval(timer);
    if (chart) chart.destroy();
    chart = null;
    ["devices", "events", "chart"].forEach((id) => $(id).replaceChildren());
    delete document.body.dataset.loaded;
    $("status").textContent = "";
    $("sign-in-error").textContent = reason || "";
    show(false);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("sign-in").addEventListener("submit", (e) => {
      e.preventDefault();
      sessionStorage.setItem(KEY, $("api-key").value.trim());
      $("api-key").value = "";
      signIn();
    });
    $("sign-out").addEventListener("click", () => signOut());
    $("refresh").addEventListener("click", refresh);
    $("more-devices").addEventListener("click", () => loadDevices(true));
    $("older-events").addEventListener("click", () => loadEvents(true));
    if (sessionStorage.getItem(KEY)) signIn();
  });
})();
