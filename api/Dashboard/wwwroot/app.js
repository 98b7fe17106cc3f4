// The Bos dashboard: plain JS, no build step, nothing fetched from outside the API. Every call carries the tenant
// (Cray-Tenant-Name) and the bearer token when set; live views read the API's Server-Sent Events feeds through
// fetch (EventSource cannot send headers) and reconnect with a fresh snapshot after a drop.
"use strict";

const settings = {
  get tenant() { return sessionStorage.getItem("bos.tenant") || ""; },
  get token() { return sessionStorage.getItem("bos.token") || ""; },
  save(tenant, token) { sessionStorage.setItem("bos.tenant", tenant.trim()); sessionStorage.setItem("bos.token", token.trim()); },
};
const view = document.getElementById("view");
// The API's root as the page was reached: "" for /ui/, "/apis/bos" behind the API gateway's prefix.
const root = location.pathname.replace(/\/ui\/?[^/]*$/, "");
let closeView = () => {};

function headers() {
  const h = { "Accept": "application/json" };
  if (settings.tenant) h["Cray-Tenant-Name"] = settings.tenant;
  if (settings.token) h["Authorization"] = "Bearer " + settings.token;
  return h;
}

const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

async function api(path) {
  const response = await fetch(root + path, { headers: headers() });
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw Object.assign(new Error(body?.detail || response.statusText), { status: response.status });
  return body;
}

function setLive(on, text) {
  const live = document.getElementById("live");
  live.className = "live " + (on ? "on" : "off");
  live.textContent = text;
}

// Reads a Server-Sent Events stream; onEvent(type, data) per event. Returns a function that stops it.
function stream(path, onEvent, onProblem) {
  let stopped = false, controller = null, retry = 500;
  (async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch(root + path, { headers: { ...headers(), "Accept": "text/event-stream" }, signal: controller.signal });
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          onProblem(response.status, problem.detail || response.statusText);
          if (response.status >= 400 && response.status < 500) { setLive(false, "offline"); return; }
          throw new Error(response.statusText);
        }
        setLive(true, "live"); retry = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "", ended = false;
        while (!stopped) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end); buffer = buffer.slice(end + 2);
            let type = "message", data = [];
            for (const line of block.split("\n")) {
              if (line.startsWith("event:")) type = line.slice(6).trim();
              else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
            }
            if (type === "keepalive") continue; // the server's sign of life on a quiet stream
            if (data.length) { if (onEvent(type, JSON.parse(data.join("\n"))) === false) ended = true; }
          }
        }
        if (ended) { setLive(false, "ended"); return; }
      } catch (e) {
        if (stopped) return;
      }
      setLive(false, "reconnecting");
      await new Promise(r => setTimeout(r, retry));
      retry = Math.min(retry * 2, 10000);
    }
  })();
  return () => { stopped = true; controller?.abort(); };
}

function duration(seconds) {
  if (seconds == null) return "";
  seconds = Math.round(seconds);
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return (h ? h + "h " : "") + (h || m ? m + "m " : "") + s + "s";
}

function etaText(eta, status) {
  if (status === "complete") return "done";
  if (!eta) return "";
  if (eta.remaining_seconds == null) return '<span class="muted">no estimate yet</span>';
  return `~${duration(eta.remaining_seconds)} <span class="muted">(${esc(eta.basis.replace("_", " "))})</span>`;
}

function progressBar(status) {
  const p = status.phases || {};
  const parts = [["stable", status.percent_successful], ["failed", status.percent_failed],
    ["configuring", p.percent_configuring], ["powering_on", p.percent_powering_on], ["powering_off", p.percent_powering_off],
    ["staged", status.percent_staged]];
  return `<div class="bar" title="${status.percent_successful}% successful, ${status.percent_failed}% failed">` +
    parts.filter(([, v]) => v > 0).map(([k, v]) => `<span style="width:${v}%;background:var(--${k})"></span>`).join("") + "</div>";
}

// --- Sessions list -----------------------------------------------------------------------------------------------
function sessionsView() {
  view.innerHTML = `<h1>Sessions</h1><table id="sessions"><thead><tr><th>Name</th><th>Operation</th><th>Template</th>
    <th>Status</th><th>Progress</th><th>Nodes</th><th>ETA</th><th>Started</th><th>Duration</th></tr></thead><tbody></tbody></table>
    <p class="muted" id="sessions-empty">No sessions.</p>`;
  const rows = new Map();
  const draw = () => {
    const body = view.querySelector("#sessions tbody");
    const sorted = [...rows.values()].sort((a, b) => (b.session.status?.start_time || "").localeCompare(a.session.status?.start_time || ""));
    view.querySelector("#sessions-empty").hidden = sorted.length > 0;
    body.innerHTML = sorted.map(({ session: s, extended_status: x }) => {
      const link = "#/sessions/" + encodeURIComponent(s.name) + (s.tenant ? "?tenant=" + encodeURIComponent(s.tenant) : "");
      const label = s.status?.status || "";
      return `<tr data-session="${esc(s.name)}" data-status="${esc(label)}"><td><a href="${link}">${esc(s.name)}</a>${s.tenant ? ` <span class="muted">${esc(s.tenant)}</span>` : ""}</td>
        <td>${esc(s.operation)}</td><td>${esc(s.template_name)}</td>
        <td class="status status-${esc(label)}">${esc(label)}${s.status?.error ? ` <span class="error">${esc(s.status.error)}</span>` : ""}</td>
        <td>${progressBar(x)} <span class="percent">${x.percent_successful}%</span></td><td>${x.managed_components_count}</td>
        <td class="eta">${etaText(x.eta, label)}</td><td>${esc(s.status?.start_time)}</td><td>${esc(x.timing?.duration)}</td></tr>`;
    }).join("");
  };
  return stream("/ui/api/sessions/events", (type, data) => {
    if (type !== "sessions") return;
    for (const key of data.remove) rows.delete(key);
    for (const row of data.upsert) rows.set(row.key, row);
    draw();
  }, (status, detail) => { view.querySelector("#sessions-empty").textContent = `${status}: ${detail}`; });
}

// --- One session: status, ETA and the grid of its nodes ------------------------------------------------------------
function sessionView(name) {
  view.innerHTML = `<h1>Session ${esc(name)} <span id="session-status" class="muted"></span></h1>
    <div class="summary" id="summary"></div><p id="eta" class="muted"></p><div id="errors"></div>
    <div class="legend" id="legend"></div>
    <div class="grid-wrap"><canvas id="grid"></canvas><div id="tip"></div></div>
    <p class="muted" id="grid-render"></p>`;
  const grid = new NodeGrid(view.querySelector("#grid"), view.querySelector("#tip"), id => { location.hash = "#/components/" + encodeURIComponent(id); });
  window.bosGrid = grid;
  const legend = () => {
    const counts = grid.counts();
    view.querySelector("#legend").innerHTML = grid.legend.map((state, i) =>
      `<span data-state="${state}"><i style="background:var(--${state})"></i>${state.replace("_", " ")} <b>${counts[i]}</b></span>`).join("");
  };
  const rendered = () => {
    view.querySelector("#grid-render").textContent = `${grid.ids.length.toLocaleString()} nodes drawn in ${grid.lastRenderMs.toFixed(1)} ms`;
    view.querySelector("#grid-render").dataset.ms = grid.lastRenderMs.toFixed(2);
  };
  const resize = () => { if (grid.ids.length) { grid.render(); rendered(); } };
  window.addEventListener("resize", resize);
  const stop = stream("/ui/api/sessions/" + encodeURIComponent(name) + "/events", (type, data) => {
    if (type === "status") {
      view.querySelector("#session-status").textContent = data.status || "";
      view.querySelector("#session-status").dataset.status = data.status || "";
      view.querySelector("#summary").innerHTML = `<div>${progressBar(data)}</div>
        <div>nodes <b>${data.managed_components_count}</b></div><div>successful <b>${data.percent_successful}%</b></div>
        <div>failed <b>${data.percent_failed}%</b></div><div>started <b>${esc(data.timing?.start_time)}</b></div>
        <div>duration <b>${esc(data.timing?.duration)}</b></div><div>ETA <b>${etaText(data.eta, data.status)}</b></div>`;
      view.querySelector("#eta").textContent = data.eta?.explanation || "";
      const errors = Object.entries(data.error_summary || {});
      view.querySelector("#errors").innerHTML = errors.length ? "<h2>Errors</h2><table>" + errors.map(([text, e]) =>
        `<tr><td class="error">${esc(text)}</td><td>${e.count}</td><td>${esc(e.list)}</td></tr>`).join("") + "</table>" : "";
    } else if (type === "nodes") {
      grid.setNodes(data.legend, data.ids, data.codes); legend(); rendered();
    } else if (type === "changes") {
      grid.apply(data.changes); legend();
    } else if (type === "gone") {
      view.querySelector("#session-status").textContent = "deleted"; return false;
    }
  }, (status, detail) => { view.querySelector("#session-status").textContent = `${status}: ${detail}`; });
  return () => { stop(); window.removeEventListener("resize", resize); };
}

// --- One node: its record and its history ---------------------------------------------------------------------------
async function componentView(id) {
  view.innerHTML = `<h1>Node ${esc(id)}</h1><div id="record" class="muted">loading…</div><h2>History</h2><div id="history" class="muted">loading…</div>`;
  try {
    const c = await api("/v2/components/" + encodeURIComponent(id));
    const fields = [["status", c.status?.status], ["phase", c.status?.phase], ["status override", c.status?.status_override],
      ["enabled", c.enabled], ["session", c.session], ["error", c.error], ["last action", `${c.last_action?.action ?? ""} ${c.last_action?.failed ? "(failed)" : ""} ${c.last_action?.last_updated ?? ""}`],
      ["desired kernel", c.desired_state?.boot_artifacts?.kernel], ["actual kernel", c.actual_state?.boot_artifacts?.kernel],
      ["configuration", c.desired_state?.configuration], ["staged session", c.staged_state?.session], ["retry policy", c.retry_policy]];
    view.querySelector("#record").outerHTML = `<dl id="record">${fields.map(([k, v]) => `<dt>${k}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`;
  } catch (e) {
    view.querySelector("#record").innerHTML = `<span class="error">${esc(e.status)}: ${esc(e.message)}</span>`;
  }
  try {
    const history = await api("/v2/components/" + encodeURIComponent(id) + "/history");
    const entries = history.entries || [];
    view.querySelector("#history").outerHTML = entries.length === 0 ? '<p id="history" class="muted">no history available</p>' :
      `<table id="history"><thead><tr><th>Time</th><th>Kind</th><th>Session</th><th>Summary</th></tr></thead><tbody>` +
      entries.map(e => `<tr><td>${esc(e.time)}</td><td>${esc(e.kind)}</td><td>${esc(e.session)}</td><td title="${esc(JSON.stringify(e.details ?? {}))}">${esc(e.summary)}</td></tr>`).join("") +
      "</tbody></table>";
  } catch (e) {
    // 404: this Bos has no history endpoint yet, or nothing recorded for the node.
    view.querySelector("#history").outerHTML = `<p id="history" class="muted">no history available${e.status === 404 ? "" : ` (${esc(e.status)}: ${esc(e.message)})`}</p>`;
  }
  return () => {};
}

// --- Templates and options, read only ------------------------------------------------------------------------------
async function templatesView() {
  view.innerHTML = '<h1>Session templates</h1><div id="templates" class="muted">loading…</div>';
  try {
    const templates = await api("/v2/sessiontemplates");
    view.querySelector("#templates").outerHTML = `<div id="templates">${templates.length === 0 ? '<p class="muted">No templates.</p>' : ""}` +
      templates.map(t => {
        const sets = Object.entries(t.boot_sets || {}).map(([name, b]) =>
          `${esc(name)}: ${esc([...(b.node_list || []), ...(b.node_groups || []), ...(b.node_roles_groups || [])].join(", "))} <span class="muted">${esc(b.arch || "")} ${esc(b.path)}</span>`).join("<br>");
        return `<details data-template="${esc(t.name)}"><summary><b>${esc(t.name)}</b> ${t.tenant ? `<span class="muted">${esc(t.tenant)}</span>` : ""}
          · ${esc(t.cfs?.configuration || "no CFS configuration")} · ${t.enable_cfs === false ? "CFS off" : "CFS on"}<br>${sets}</summary>
          <pre>${esc(JSON.stringify(t, null, 2))}</pre></details>`;
      }).join("") + "</div>";
  } catch (e) {
    view.querySelector("#templates").innerHTML = `<span class="error">${esc(e.status)}: ${esc(e.message)}</span>`;
  }
  return () => {};
}

async function optionsView() {
  view.innerHTML = '<h1>Options</h1><div id="options" class="muted">loading…</div>';
  try {
    const options = await api("/v2/options");
    view.querySelector("#options").outerHTML = `<table id="options"><thead><tr><th>Option</th><th>Value</th></tr></thead><tbody>` +
      Object.keys(options).sort().map(k => `<tr data-option="${esc(k)}"><td>${esc(k)}</td><td>${esc(JSON.stringify(options[k]))}</td></tr>`).join("") +
      "</tbody></table>";
  } catch (e) {
    view.querySelector("#options").innerHTML = `<span class="error">${esc(e.status)}: ${esc(e.message)}</span>`;
  }
  return () => {};
}

// --- Routing --------------------------------------------------------------------------------------------------------
async function route() {
  closeView();
  closeView = () => {};
  setLive(false, "not live");
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const tenant = new URLSearchParams(query || "").get("tenant");
  if (tenant !== null && tenant !== settings.tenant) { settings.save(tenant, settings.token); document.getElementById("tenant").value = tenant; }
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const section = parts[0] || "sessions";
  document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.nav === section || (section === "components" && a.dataset.nav === "sessions")));
  if (section === "sessions" && parts[1]) closeView = sessionView(parts[1]);
  else if (section === "components" && parts[1]) closeView = await componentView(parts[1]);
  else if (section === "templates") closeView = await templatesView();
  else if (section === "options") closeView = await optionsView();
  else closeView = sessionsView();
}

document.getElementById("tenant").value = settings.tenant;
document.getElementById("token").value = settings.token;
document.getElementById("settings").addEventListener("submit", e => {
  e.preventDefault();
  settings.save(document.getElementById("tenant").value, document.getElementById("token").value);
  route();
});
window.addEventListener("hashchange", route);
route();
