/* Rutin: decision wizards (markup: scripts/rutin/MARKUP.md). Loaded only by pages with
   a decision table (.rutin-decision); site.js runs it. Stores nothing: a wizard starts
   empty on every visit. window.rutinDecide is the evaluator the browser tests compare
   with rutin.decide. */
(() => {
  "use strict";
  const features = (window.rutinFeatures = window.rutinFeatures || {});
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

  /* Decision tables, same semantics as rutin.decide (the reference). */
  const matches = (rule, answers) =>
    Object.keys(rule.when).every((k) => has(answers, k) && rule.when[k].includes(answers[k]));
  function evaluate(table, answers) {
    const hits = table.rules.filter((r) => matches(r, answers));
    if (table.hit_policy !== "FIRST" && hits.length > 1)
      throw new Error(`${table.id}: flera regler stämmer (${hits.map((r) => r.id).join(", ")})`);
    return hits[0] || null;
  }
  /* Every full set of answers that keeps the given ones (unanswered: every option). */
  function completions(table, fixed) {
    const open = table.inputs.filter((q) => !has(fixed, q.id) || fixed[q.id] == null);
    let all = [{ ...fixed }];
    for (const q of open) all = all.flatMap((a) => q.options.map((o) => ({ ...a, [q.id]: o.value })));
    return all;
  }
  /* The rule every completion of the unanswered inputs leads to, else null. */
  function determined(table, partial) {
    let found = null, rule;
    for (const a of completions(table, partial)) {
      try { rule = evaluate(table, a); } catch (e) { return null; }
      if (!rule || (found && rule.id !== found.id)) return null;
      found = rule;
    }
    return found;
  }
  /* Same as rutin.decide.relevant / next_question: a question whose answer cannot
     change the outcome (given the answers so far) is never asked. */
  const outcomeOf = (table, a) => {
    try { const r = evaluate(table, a); return r ? r.id : null; } catch (e) { return null; }
  };
  function relevant(table, partial, id) {
    const q = table.inputs.find((x) => x.id === id), others = { ...partial };
    delete others[id];
    return completions(table, { ...others, [id]: q.options[0].value }).some((c) =>
      new Set(q.options.map((o) => outcomeOf(table, { ...c, [id]: o.value }))).size > 1);
  }
  function nextQuestion(table, partial) {
    if (determined(table, partial)) return null;
    const q = table.inputs.find((x) => !(has(partial, x.id) && partial[x.id] != null) && relevant(table, partial, x.id));
    return q ? q.id : null;
  }
  window.rutinDecide = { evaluate, determined, relevant, nextQuestion };

  const slug = (s) => String(s).replace(/[^\w-]+/g, "-");

  features[".rutin-decision"] = (root, { el, $$ }) => {
    // data-table: not a <script>, which Material's instant navigation would re-run as JS.
    let table, answers = {};
    try { table = JSON.parse(root.dataset.table); } catch (e) { return; }
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
      // Answered questions stay; the next question that can still change the outcome is
      // asked until the outcome is known.
      const next = rule ? null : nextQuestion(table, answers);
      table.inputs.forEach((q, i) => {
        sets[i].hidden = !(has(answers, q.id) || q.id === next);
      });
      reset.hidden = !n;
      for (const tr of $$(root, "tr.rutin-match")) tr.classList.remove("rutin-match");
      out.classList.toggle("rutin-critical", !!(rule && rule.critical));
      out.replaceChildren();
      if (!rule) {
        if (!next)
          out.append(el("p", {}, "Svaren leder inte till något utfall i tabellen (anges ej i rutinen)."));
        return;
      }
      // The outcome as the table's own row shows it (rendered once, by render.py):
      // the "Kritiskt:" marker and the text in one paragraph, the actions as a list.
      const row = document.getElementById(`regel-${rule.id}`), text = el("p", { class: "rutin-outcome-text" });
      out.append(el("p", { class: "rutin-outcome-label" }, "Utfall"), text);
      for (const node of row ? row.lastElementChild.childNodes : []) {
        const copy = node.cloneNode(true);
        if (node.nodeName === "OL") { copy.className = "rutin-actions"; out.append(copy); }
        else if (["P", "DETAILS", "DIV"].includes(node.nodeName)) out.append(copy);
        else text.append(copy);
      }
      if (row) row.classList.add("rutin-match");
      const p = el("p"), nr = table.rules.indexOf(rule) + 1;
      const a = el("a", { href: `#regel-${rule.id}`, class: "rutin-rule-link" }, `Visa regel ${nr} i tabellen`);
      // Scroll here ourselves: Material's instant navigation would re-render the page
      // for a same-page link and the outcome would be lost.
      a.addEventListener("click", (e) => {
        if (!row || e.metaKey || e.ctrlKey || e.shiftKey || e.button) return;
        e.preventDefault();
        e.stopPropagation();
        const folded = row.closest("details"); // inline in a task: the rules are folded
        if (folded) folded.open = true;
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
  };
  // After an instant navigation this script may arrive after site.js ran: run now.
  if (window.rutinInit) window.rutinInit();
})();
