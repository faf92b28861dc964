/* Rutin: the function filter of a routine overview (markup: scripts/rutin/MARKUP.md).
   Loaded only by pages with one (.rutin-function-filter); site.js runs it. Stored,
   nothing else: localStorage "rutin:functions" = {unused: function ids}. */
(() => {
  "use strict";
  const features = (window.rutinFeatures = window.rutinFeatures || {});
  const STORAGE_KEY = "rutin:functions";

  features[".rutin-function-filter"] = (box, helpers) => {
    const {
      $$: queryAll,
      el: createElement,
      storage: openStorage,
      read: readJson,
      write: writeJson,
    } = helpers;

    // data-functions: [{id, title}], the functions (features of the system) offered here.
    let functions;
    try {
      functions = JSON.parse(box.dataset.functions) || [];
    } catch (error) {
      return;
    }
    if (!functions.length) {
      return;
    }
    const isOffered = (functionId) => functions.some((offered) => offered.id === functionId);

    const storage = openStorage("localStorage");
    const saved = readJson(storage, STORAGE_KEY);
    const savedUnused = saved && Array.isArray(saved.unused) ? saved.unused : [];
    // Only functions offered here can be unused (a stored choice may name an old one).
    let unused = savedUnused.filter(isOffered);
    const scope = box.closest("article") || document.body;

    /* ---------- the form ---------- */

    const fieldset = createElement("fieldset", { class: "rutin-question rutin-filter" });
    fieldset.append(createElement("legend", {}, "Vår enhet använder:"));
    for (const offered of functions) {
      const label = createElement("label");
      const checkbox = createElement("input", { type: "checkbox", value: offered.id });
      checkbox.checked = !unused.includes(offered.id);
      label.append(checkbox, ` ${offered.title}`);
      fieldset.append(label);
    }
    const note = createElement("p", { class: "rutin-filter-note", "aria-live": "polite" });
    const hiddenCount = createElement("span");
    const showAllButton = createElement("button", { type: "button" }, "visa alla");
    note.append(hiddenCount, showAllButton);
    box.replaceChildren(fieldset, note);
    const checkboxes = queryAll(fieldset, "input");

    /* ---------- filtering ---------- */

    /* Hidden only when every function of the item is one the unit does not use. */
    function isUnusedItem(item) {
      const itemFunctions = item.dataset.functions.split(/\s+/).filter(Boolean);
      return itemFunctions.length > 0 && itemFunctions.every((functionId) => unused.includes(functionId));
    }

    /* A group whose every item is hidden hides with its heading. */
    function hideEmptyGroups() {
      for (const list of queryAll(scope, "ul.rutin-items")) {
        const entries = [...list.children];
        const empty = entries.length > 0 && entries.every((entry) => entry.matches(".rutin-filtered"));
        const heading = list.previousElementSibling;
        list.classList.toggle("rutin-filtered", empty);
        if (heading && /^H\d$/.test(heading.tagName)) {
          heading.classList.toggle("rutin-filtered", empty);
        }
      }
    }

    function apply() {
      // The filter's own box carries data-functions too.
      const items = queryAll(scope, "[data-functions]").filter((node) => !box.contains(node));
      for (const item of items) {
        item.classList.toggle("rutin-filtered", isUnusedItem(item));
      }
      hideEmptyGroups();
      // Count innermost items only, hidden themselves or inside a hidden group.
      const hidden = items.filter(
        (item) => !item.querySelector("[data-functions]") && item.closest(".rutin-filtered")).length;
      hiddenCount.textContent = `${hidden} ${hidden === 1 ? "dold" : "dolda"} – `;
      note.hidden = !hidden;
    }

    function save() {
      unused = checkboxes.filter((checkbox) => !checkbox.checked).map((checkbox) => checkbox.value);
      writeJson(storage, STORAGE_KEY, { unused });
      apply();
    }

    fieldset.addEventListener("change", save);
    showAllButton.addEventListener("click", () => {
      for (const checkbox of checkboxes) {
        checkbox.checked = true;
      }
      save();
    });
    apply();
  };

  // After an instant navigation this script may arrive after site.js ran: run now.
  if (window.rutinInit) {
    window.rutinInit();
  }
})();
