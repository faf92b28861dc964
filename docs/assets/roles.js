/* Rutin: the start page's role choice (markup: scripts/rutin/MARKUP.md). Loaded only by
   pages with one (.rutin-roles); site.js runs it. Stored, nothing else: localStorage
   "rutin:roll:<routine>" = the chosen role id. A role shows that role's tasks, on
   screen only (.rutin-filtered): "Visa alla" is always there, print and a browser
   without JavaScript list every task, and no task page hides anything by role. */
(() => {
  "use strict";
  const features = (window.rutinFeatures = window.rutinFeatures || {});
  features[".rutin-roles"] = (root, { has, $$, el, storage, read, write }) => {
    const group = root.querySelector(".rutin-role-choice");
    if (!group) return;
    const buttons = $$(group, "button[data-role]"), items = $$(root, "li[data-roles]");
    const ls = storage("localStorage"), key = `rutin:roll:${root.dataset.routine || ""}`;
    const titles = {};
    for (const b of buttons) if (b.dataset.role) titles[b.dataset.role] = b.textContent.trim();
    const status = el("p", { class: "rutin-role-status", role: "status" });
    group.after(status);

    function apply(role) {
      if (!has(titles, role)) role = ""; // a stored role the routine no longer has: all
      let shown = 0;
      for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.role === role));
      for (const li of items) {
        const on = !role || li.dataset.roles.split(/\s+/).includes(role);
        li.classList.toggle("rutin-filtered", !on);
        if (on) shown++;
      }
      status.textContent = role
        ? `Visar uppgifter för: ${titles[role]} (${shown} av ${items.length}).`
        : `Visar alla uppgifter (${items.length}).`;
    }
    group.addEventListener("click", (e) => {
      const b = e.target.closest("button[data-role]");
      if (!b) return;
      if (b.dataset.role) write(ls, key, b.dataset.role);
      else if (ls) try { ls.removeItem(key); } catch (err) { /* storage refused */ }
      apply(b.dataset.role);
    });
    group.hidden = false;
    apply(read(ls, key) || "");
  };
  // After an instant navigation this script may arrive after site.js ran: run now.
  if (window.rutinInit) window.rutinInit();
})();
