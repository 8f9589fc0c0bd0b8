// The desk page: sends a report to POST /desk with the token kept in this tab's
// session storage, and shows the names fixed (undoable), the summary with its scores and
// the memory's suggestions with a word diff. No framework, nothing fetched from elsewhere.
"use strict";

const tokenKey = "byline-token";
const $ = (id) => document.getElementById(id);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function token() { return sessionStorage.getItem(tokenKey); }

function showSignIn() {
  const known = token() !== null;
  $("sign-in").hidden = known;
  $("signed-in").hidden = !known;
  $("run").disabled = !known;
  if (known) $("who").textContent = "Signed in with a token.";
}

async function call(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: Object.assign({ "Authorization": "Bearer " + token() },
                           body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({ error: "the service answered " + response.status }));
  if (response.status === 401) {
    sessionStorage.removeItem(tokenKey);
    showSignIn();
  }
  if (!response.ok) {
    let where = "";
    if (answer.where && answer.where.field) where = " (field " + answer.where.field + ")";
    if (answer.where && answer.where.line) where = " (line " + answer.where.line + ", column " + answer.where.column + ")";
    throw new Error((answer.error || ("status " + response.status)) + where);
  }
  return answer;
}

// Offsets in answers count Unicode scalars; a JavaScript string counts UTF-16 units.
function scalars(text) { return Array.from(text); }

let current = null;   // { text, names, undone: Set }

function renderText() {
  const box = $("text");
  box.replaceChildren();
  const chars = scalars(current.text);
  let at = 0;
  current.names.forEach((name, index) => {
    if (name.start < at) return;
    box.append(chars.slice(at, name.start).join(""));
    const undone = current.undone.has(index);
    const mark = element("mark", undone ? name.from : name.to, "fix" + (undone ? " undone" : ""));
    mark.title = (undone ? "kept as written; the desk suggests “" + name.to + "”" : "was “" + name.from + "”") +
      " — " + name.reason + " (" + name.kind + ", " + Math.round(name.confidence * 100) + " % sure)";
    mark.dataset.index = index;
    mark.addEventListener("click", () => {
      if (current.undone.has(index)) current.undone.delete(index); else current.undone.add(index);
      renderText();
    });
    box.append(mark);
    at = name.end;
  });
  box.append(chars.slice(at).join(""));
  const fixed = current.names.length - current.undone.size;
  $("text-note").textContent = current.names.length === 0 ? "(no names to fix)" :
    "(" + fixed + " of " + current.names.length + " name fix" + (current.names.length === 1 ? "" : "es") + " applied)";
}

function correctedText() {
  const chars = scalars(current.text);
  let out = "", at = 0;
  current.names.forEach((name, index) => {
    if (name.start < at) return;
    out += chars.slice(at, name.start).join("") + (current.undone.has(index) ? name.from : name.to);
    at = name.end;
  });
  return out + chars.slice(at).join("");
}

function renderDiff(diff) {
  const line = element("div", null, "diff");
  diff.forEach((step, index) => {
    if (index > 0) line.append(" ");
    if ("same" in step) line.append(step.same);
    if ("stored" in step) line.append(element("del", step.stored));
    if ("stored" in step && "report" in step) line.append(" ");
    if ("report" in step) line.append(element("ins", step.report));
  });
  return line;
}

function renderSummary(report) {
  const list = $("summary");
  list.replaceChildren();
  for (const pick of report.summary) {
    const item = element("li");
    item.append(element("div", pick.text));
    const features = Object.entries(pick.features || {}).map(([name, value]) => name + " " + value.toFixed(2)).join(" · ");
    item.append(element("div", "score " + pick.score.toFixed(3) + (features ? " — " + features : ""), "scores"));
    for (const [language, matches] of Object.entries(pick.suggestions || {})) {
      for (const match of matches) {
        const box = element("div", null, "suggestion");
        box.append(element("span", language, "lang"), " ");
        box.append(element("span", match.score.toFixed(1) + " %", "percent"), " ");
        box.append(element("span", match.target));
        const label = match.label + (match.numbers_replaced ? ", numbers replaced" : "");
        box.append(" ", element("span", "(" + label + ")", "quiet"));
        if (match.diff && match.diff.length) box.append(renderDiff(match.diff));
        item.append(box);
      }
    }
    list.append(item);
  }
  if (report.summary.length === 0) list.append(element("li", "The report has no sentence to pick.", "quiet"));
}

function renderFurniture(report) {
  const list = $("furniture");
  list.replaceChildren();
  for (const piece of report.furniture || []) {
    list.append(element("li", (piece.text || "").trim() + " — " + piece.reason));
  }
  if ((report.furniture || []).length === 0) list.append(element("li", "nothing"));
}

function render(report, text) {
  current = { text, names: report.names || [], undone: new Set() };
  renderText();
  renderSummary(report);
  renderFurniture(report);
  const warnings = $("warnings");
  warnings.replaceChildren();
  for (const warning of report.warnings || []) warnings.append(element("p", "Note: " + warning, "quiet"));
  $("results").hidden = false;
}

async function run(event) {
  event.preventDefault();
  const text = $("report").value;
  if (!text.trim()) { $("status").textContent = "Paste a report first."; return; }
  const body = { text };
  if ($("lang").value) body.lang = $("lang").value;
  const sentences = parseInt($("sentences").value, 10);
  if (sentences > 0) body.n = sentences;
  if ($("targets").value.trim()) body.to = $("targets").value.trim();
  const minimum = parseFloat($("minimum").value);
  if (!Number.isNaN(minimum)) body.min = minimum;
  $("run").disabled = true;
  $("status").className = "";
  $("status").textContent = "Working…";
  const started = performance.now();
  try {
    const report = await call("/desk", body);
    render(report, text);
    const detected = report.detected ? ", detected " + Math.round(report.detected.confidence * 100) + " % sure" : "";
    $("status").textContent = "Language " + report.language + detected + " · " +
      Math.round(performance.now() - started) + " ms";
  } catch (error) {
    $("status").className = "error";
    $("status").textContent = error.message;
  } finally {
    $("run").disabled = token() === null;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  showSignIn();
  $("sign-in").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("token").value.trim();
    if (!value) return;
    sessionStorage.setItem(tokenKey, value);
    $("token").value = "";
    showSignIn();
    call("/tm/stats").then((stats) => {
      $("memory").textContent = "Memory: " + stats.units + " units in " + Object.keys(stats.languages).join(", ") + ".";
    }).catch((error) => { $("status").className = "error"; $("status").textContent = error.message; });
  });
  $("sign-out").addEventListener("click", () => { sessionStorage.removeItem(tokenKey); showSignIn(); });
  $("report-form").addEventListener("submit", run);
  $("file").addEventListener("change", () => {
    const file = $("file").files[0];
    if (!file) return;
    file.text().then((text) => { $("report").value = text; });
  });
  $("copy").addEventListener("click", () => {
    if (!current) return;
    navigator.clipboard.writeText(correctedText()).then(
      () => { $("copied").textContent = "copied"; },
      () => { $("copied").textContent = "the browser did not allow copying"; });
  });
  if (token() !== null) {
    call("/tm/stats").then((stats) => {
      $("memory").textContent = "Memory: " + stats.units + " units in " + Object.keys(stats.languages).join(", ") + ".";
    }).catch(() => {});
  }
});
