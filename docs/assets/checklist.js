/* Rutin: interactive checklists (markup: scripts/rutin/MARKUP.md). Loaded only by pages
   with a checklist (.rutin-checklist); site.js runs it. Stored, nothing else:
   sessionStorage "rutin:<checklist>:<version>" = {t: step ids, s: start time,
   q: option ids}. */
(() => {
  "use strict";
  const features = (window.rutinFeatures = window.rutinFeatures || {});
  features[".rutin-checklist"] = (root, { has, $$, el, storage, read, write, pad }) => {
    const prefix = `rutin:${root.dataset.checklist}:`, key = prefix + (root.dataset.version || "");
    const ss = storage("sessionStorage");
    const steps = $$(root, "li.rutin-step");
    const questions = $$(root, "fieldset.rutin-question").filter((fs) => !fs.closest(".rutin-decision"));
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

    // A step applies when the answers so far fit its own condition and its stop's (a
    // task page groups steps in stops, section.rutin-stop); unanswered hides nothing.
    const stops = $$(root, "section.rutin-stop");
    const fits = (node) => {
      let when;
      try { when = JSON.parse(node.dataset.when || "{}") || {}; } catch (e) { return true; }
      return Object.keys(when).every((q) => !has(state.q, q) || [].concat(when[q]).includes(state.q[q]));
    };
    const applies = (li) => {
      const stop = li.closest("section.rutin-stop");
      return fits(li) && (!stop || fits(stop));
    };
    const count = (list) => {
      let total = 0, done = 0;
      for (const li of list) if (applies(li)) { total++; if (state.t.includes(li.dataset.step)) done++; }
      return [done, total];
    };
    function render() {
      for (const li of steps) {
        const cb = li.querySelector(".rutin-tick"), ticked = state.t.includes(li.dataset.step);
        if (cb) cb.checked = ticked;
        li.classList.toggle("rutin-done", ticked);
        li.classList.toggle("rutin-na", !applies(li)); // hidden on screen only (@media screen)
      }
      for (const stop of stops) {
        const [done, total] = count($$(stop, "li.rutin-step")), out = stop.querySelector(".rutin-stop-progress");
        stop.classList.toggle("rutin-na", !fits(stop));
        stop.classList.toggle("rutin-complete", total > 0 && done === total);
        if (out) out.textContent = total ? `${done} av ${total} klara i det här stoppet` : "";
      }
      const [done, total] = count(steps);
      progress.textContent = `${done} av ${total} klara`;
      bar.classList.toggle("rutin-complete", total > 0 && done === total);
      const d = state.s && new Date(state.s);
      started.textContent = d ? `Påbörjad ${pad(d.getHours())}:${pad(d.getMinutes())}` : "Inte påbörjad";
    }
    root.addEventListener("change", (e) => {
      const t = e.target, li = t.closest("li.rutin-step"), fs = t.closest("fieldset.rutin-question");
      if (t.closest(".rutin-decision")) return; // an inline decision aid keeps its own answers
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
      for (const fs of questions) for (const r of $$(fs, "input")) r.checked = false; // not an inline decision's
      if (ss) ss.removeItem(key);
      render();
    });
    render();
  };
  // After an instant navigation this script may arrive after site.js ran: run now.
  if (window.rutinInit) window.rutinInit();
})();
