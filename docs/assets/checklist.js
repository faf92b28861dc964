/* Rutin: interactive checklists, function filter, decision wizards (markup:
   scripts/rutin/MARKUP.md). Only enhances: without JS every step and table is shown.
   Stored, nothing else: sessionStorage "rutin:<checklist>:<version>" = {t: step ids,
   s: start time, q: option ids}; localStorage "rutin:functions" = {unused: function ids}. */
(() => {
  "use strict";
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const $$ = (root, sel) => [...root.querySelectorAll(sel)];

  /* Decision tables, same semantics as rutin.decide (the reference). */
  const matches = (rule, answers) =>
    Object.keys(rule.when).every((k) => has(answers, k) && rule.when[k].includes(answers[k]));
  function evaluate(table, answers) {
    const hits = table.rules.filter((r) => matches(r, answers));
    if (table.hit_policy !== "FIRST" && hits.length > 1)
      throw new Error(`${table.id}: flera regler stämmer (${hits.map((r) => r.id).join(", ")})`);
    return hits[0] || null;
  }
  /* The rule every completion of the unanswered inputs leads to, else null. */
  function determined(table, partial) {
    const fixed = {}, open = [];
    for (const q of table.inputs) {
      if (has(partial, q.id) && partial[q.id] != null) fixed[q.id] = partial[q.id];
      else open.push(q);
    }
    if (open.some((q) => !q.options.length)) return null;
    const idx = open.map(() => 0);
    let found = null, rule, i;
    for (;;) {
      const a = { ...fixed };
      open.forEach((q, n) => { a[q.id] = q.options[idx[n]].value; });
      try { rule = evaluate(table, a); } catch (e) { return null; }
      if (!rule || (found && rule.id !== found.id)) return null;
      found = rule;
      for (i = open.length - 1; i >= 0 && ++idx[i] === open[i].options.length; i--) idx[i] = 0;
      if (i < 0) return found;
    }
  }
  window.rutinDecide = { evaluate, determined };

  const el = (tag, attrs = {}, text) => {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  };
  const storage = (kind) => { try { const s = window[kind]; s.getItem("x"); return s; } catch (e) { return null; } };
  const read = (s, key) => { try { return s && JSON.parse(s.getItem(key)); } catch (e) { return null; } };
  const write = (s, key, v) => { try { if (s) s.setItem(key, JSON.stringify(v)); } catch (e) { /* full */ } };
  const pad = (n) => String(n).padStart(2, "0");
  const slug = (s) => String(s).replace(/[^\w-]+/g, "-");
  /* YAML inline Markdown as render.py allows it: escape, then https links, bold, italic. */
  const inline = (md) => String(md)
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s()<>]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])/g, "<em>$1</em>");

  /* ---------- checklists ---------- */
  function checklist(root) {
    const prefix = `rutin:${root.dataset.checklist}:`, key = prefix + (root.dataset.version || "");
    const ss = storage("sessionStorage");
    const steps = $$(root, "li.rutin-step"), questions = $$(root, "fieldset.rutin-question");
    // A changed checklist never shows stale ticks: drop the state of other versions.
    if (ss) for (let i = ss.length - 1; i >= 0; i--) {
      const k = ss.key(i);
      if (k && k.startsWith(prefix) && k !== key) ss.removeItem(k);
    }
    const saved = read(ss, key) || {}, ids = steps.map((li) => li.dataset.step);
    let state = { t: [], s: typeof saved.s === "number" ? saved.s : null, q: {} };
    for (const id of Array.isArray(saved.t) ? saved.t : [])
      if (ids.includes(id) && !state.t.includes(id)) state.t.push(id);
    for (const fs of questions) {
      const q = fs.dataset.question, v = saved.q && saved.q[q];
      for (const r of $$(fs, "input[type=radio]")) if ((r.checked = r.value === v)) state.q[q] = v;
    }
    let bar = root.querySelector(".rutin-toolbar");
    if (!bar) root.prepend((bar = el("div", { class: "rutin-toolbar" })));
    const progress = el("p", { class: "rutin-progress", role: "status", "aria-live": "polite" });
    const started = el("p", { class: "rutin-started" });
    const reset = el("button", { type: "button", class: "rutin-reset md-button" }, "Börja om");
    bar.replaceChildren(progress, started, reset);
    bar.hidden = false;

    const applies = (li) => {
      let when;
      try { when = JSON.parse(li.dataset.when || "{}") || {}; } catch (e) { return true; }
      return Object.keys(when).every((q) => !has(state.q, q) || [].concat(when[q]).includes(state.q[q]));
    };
    function render() {
      let total = 0, done = 0;
      for (const li of steps) {
        const on = applies(li), cb = li.querySelector(".rutin-tick");
        const ticked = state.t.includes(li.dataset.step);
        if (cb) cb.checked = ticked;
        li.classList.toggle("rutin-done", ticked);
        li.classList.toggle("rutin-na", !on); // hidden on screen only (@media screen)
        if (on) { total++; if (ticked) done++; }
      }
      progress.textContent = `${done} av ${total} klara`;
      bar.classList.toggle("rutin-complete", total > 0 && done === total);
      const d = state.s && new Date(state.s);
      started.textContent = d ? `Påbörjad ${pad(d.getHours())}:${pad(d.getMinutes())}` : "Inte påbörjad";
    }
    root.addEventListener("change", (e) => {
      const t = e.target, li = t.closest("li.rutin-step"), fs = t.closest("fieldset.rutin-question");
      if (li && t.classList.contains("rutin-tick")) {
        state.t = state.t.filter((id) => id !== li.dataset.step);
        if (t.checked) state.t.push(li.dataset.step);
      } else if (fs && t.type === "radio") state.q[fs.dataset.question] = t.value;
      else return;
      if (!state.s) state.s = Date.now();
      write(ss, key, state);
      render();
    });
    // The whole row ticks; links, controls, labels (native) and phrase blocks keep their own clicks.
    root.addEventListener("click", (e) => {
      const li = e.target.closest("li.rutin-step");
      if (!li || e.target.closest("a,button,input,label,select,textarea,summary,.rutin-phrase")) return;
      if (String(window.getSelection())) return; // the user is selecting text
      const cb = li.querySelector(".rutin-tick");
      if (cb) cb.click();
    });
    reset.addEventListener("click", () => {
      state = { t: [], s: null, q: {} };
      for (const r of $$(root, "fieldset.rutin-question input")) r.checked = false;
      if (ss) ss.removeItem(key);
      render();
    });
    render();
  }

  /* ---------- function filter (routine overview) ---------- */
  function filter(box) {
    let fns, unused;
    try { fns = JSON.parse(box.dataset.functions) || []; } catch (e) { return; }
    if (!fns.length) return;
    const ls = storage("localStorage"), pref = read(ls, "rutin:functions");
    unused = pref && Array.isArray(pref.unused) ? pref.unused : [];
    const scope = box.closest("article") || document.body;
    const fs = el("fieldset", { class: "rutin-filter" });
    fs.append(el("legend", {}, "Vår enhet använder:"));
    for (const f of fns) {
      const lab = el("label"), cb = el("input", { type: "checkbox", value: f.id });
      cb.checked = !unused.includes(f.id);
      lab.append(cb, ` ${f.title}`);
      fs.append(lab);
    }
    const note = el("p", { class: "rutin-filter-note", "aria-live": "polite" }), count = el("span");
    const showAll = el("button", { type: "button" }, "visa alla");
    note.append(count, showAll);
    box.replaceChildren(fs, note);
    const boxes = $$(fs, "input");
    function apply() {
      const items = $$(scope, "[data-functions]").filter((n) => !box.contains(n));
      for (const n of items) {
        const own = n.dataset.functions.split(/\s+/).filter(Boolean);
        // Hidden only when every function of the item is one the unit does not use.
        n.classList.toggle("rutin-filtered", own.length > 0 && own.every((f) => unused.includes(f)));
      }
      // A group whose every item is hidden hides with its heading.
      for (const ul of $$(scope, "ul.rutin-items")) {
        const off = !!ul.children.length && [...ul.children].every((li) => li.matches(".rutin-filtered"));
        const h = ul.previousElementSibling;
        ul.classList.toggle("rutin-filtered", off);
        if (h && /^H\d$/.test(h.tagName)) h.classList.toggle("rutin-filtered", off);
      }
      const hidden = items.filter((n) => !n.querySelector("[data-functions]") && n.closest(".rutin-filtered")).length;
      count.textContent = `${hidden} ${hidden === 1 ? "dold" : "dolda"} – `;
      note.hidden = !hidden;
    }
    const save = () => {
      unused = boxes.filter((c) => !c.checked).map((c) => c.value);
      write(ls, "rutin:functions", { unused });
      apply();
    };
    fs.addEventListener("change", save);
    showAll.addEventListener("click", () => { for (const c of boxes) c.checked = true; save(); });
    apply();
  }

  /* ---------- decision wizards ---------- */
  function decision(root) {
    // data-table: not a <script>, which Material's instant navigation would re-run as JS.
    const data = root.querySelector("script.rutin-decision-data");
    let table, answers = {};
    try { table = JSON.parse(root.dataset.table || data.textContent); } catch (e) { return; }
    let form = root.querySelector("form.rutin-wizard"), out = root.querySelector(".rutin-outcome");
    if (!form) root.prepend((form = el("form", { class: "rutin-wizard" })));
    if (!out) form.after((out = el("div", { class: "rutin-outcome" })));
    out.setAttribute("aria-live", "polite");
    const base = `rutin-${slug(table.id)}`;
    const sets = table.inputs.map((q) => {
      const fs = el("fieldset", { class: "rutin-question", "data-input": q.id });
      fs.append(el("legend", {}, q.question));
      if (q.help) fs.append(el("p", { class: "rutin-question-help" }, q.help));
      for (const o of q.options) {
        const id = `${base}-${slug(q.id)}-${slug(o.value)}`, lab = el("label", { for: id });
        lab.append(el("input", { type: "radio", name: `${base}-${slug(q.id)}`, id, value: o.value }), ` ${o.label}`);
        fs.append(lab);
      }
      return fs;
    });
    const reset = el("button", { type: "button", class: "rutin-reset md-button" }, "Börja om");
    form.replaceChildren(...sets);
    out.after(reset);
    form.hidden = false;

    function update() {
      const rule = determined(table, answers), n = Object.keys(answers).length;
      let ask = !rule; // answered questions stay; the first open one is asked until the outcome is known
      table.inputs.forEach((q, i) => {
        const answered = has(answers, q.id);
        sets[i].hidden = !(answered || ask);
        if (!answered) ask = false;
      });
      reset.hidden = !n;
      for (const tr of $$(root, "tr.rutin-match")) tr.classList.remove("rutin-match");
      out.classList.toggle("rutin-critical", !!(rule && rule.critical));
      out.replaceChildren();
      if (!rule) {
        if (n === table.inputs.length)
          out.append(el("p", {}, "Svaren leder inte till något utfall i tabellen. Följ rutinen och rådgör med ansvarig."));
        return;
      }
      const text = el("p", { class: "rutin-outcome-text" });
      text.innerHTML = inline(rule.outcome);
      if (rule.critical) text.prepend(el("span", { class: "rutin-critical-marker" }, "Kritiskt: "));
      out.append(el("p", { class: "rutin-outcome-label" }, "Utfall"), text);
      if (rule.actions && rule.actions.length) {
        const ol = el("ol", { class: "rutin-actions" });
        for (const a of rule.actions) { const li = el("li"); li.innerHTML = inline(a); ol.append(li); }
        out.append(ol);
      }
      const row = document.getElementById(`regel-${rule.id}`);
      if (row) row.classList.add("rutin-match");
      const p = el("p"), nr = table.rules.indexOf(rule) + 1;
      const a = el("a", { href: `#regel-${rule.id}`, class: "rutin-rule-link" }, `Visa regel ${nr} i tabellen`);
      // Scroll here ourselves: Material's instant navigation would re-render the page
      // for a same-page link and the outcome would be lost.
      a.addEventListener("click", (e) => {
        if (!row || e.metaKey || e.ctrlKey || e.shiftKey || e.button) return;
        e.preventDefault();
        e.stopPropagation();
        row.tabIndex = -1;
        row.scrollIntoView({ block: "center" });
        row.focus({ preventScroll: true });
      });
      p.append(a);
      out.append(p);
    }
    form.addEventListener("change", (e) => {
      const fs = e.target.closest("fieldset.rutin-question");
      if (fs) { answers[fs.dataset.input] = e.target.value; update(); }
    });
    form.addEventListener("submit", (e) => e.preventDefault());
    reset.addEventListener("click", () => {
      answers = {};
      for (const r of $$(form, "input")) r.checked = false;
      update();
      const first = form.querySelector("input");
      if (first) first.focus();
    });
    update();
  }

  /* Idempotent; runs again after each instant navigation (Material's document$). */
  function init() {
    for (const [sel, fn] of [[".rutin-checklist", checklist], [".rutin-function-filter", filter], [".rutin-decision", decision]])
      for (const n of $$(document, `${sel}:not([data-rutin-ready])`)) {
        n.setAttribute("data-rutin-ready", "");
        try { fn(n); } catch (e) { console.error("rutin:", e); }
      }
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
