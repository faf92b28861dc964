/* Rutin: the function filter of a routine overview (markup: scripts/rutin/MARKUP.md).
   Loaded only by pages with one (.rutin-function-filter); site.js runs it. Stored,
   nothing else: localStorage "rutin:functions" = {unused: function ids}. */
(() => {
  "use strict";
  const features = (window.rutinFeatures = window.rutinFeatures || {});
  features[".rutin-function-filter"] = (box, { $$, el, storage, read, write }) => {
    let fns, unused;
    try { fns = JSON.parse(box.dataset.functions) || []; } catch (e) { return; }
    if (!fns.length) return;
    const ls = storage("localStorage"), pref = read(ls, "rutin:functions");
    // Only functions offered here can be unused (a stored choice may name an old one).
    unused = (pref && Array.isArray(pref.unused) ? pref.unused : []).filter((id) => fns.some((f) => f.id === id));
    const scope = box.closest("article") || document.body;
    const fs = el("fieldset", { class: "rutin-question rutin-filter" });
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
  };
  // After an instant navigation this script may arrive after site.js ran: run now.
  if (window.rutinInit) window.rutinInit();
})();
