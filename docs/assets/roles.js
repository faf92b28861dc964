/* Rutin: the start page's role choice (markup: scripts/rutin/MARKUP.md). Loaded only by
   pages with one (.rutin-roles); site.js runs it. Stored, nothing else: localStorage
   "rutin:roll:<routine>" = the chosen role id. A role shows that role's tasks, on
   screen only (.rutin-filtered): "Visa alla" is always there, print and a browser
   without JavaScript list every task, and no task page hides anything by role. */
(() => {
  "use strict";
  const features = (window.rutinFeatures = window.rutinFeatures || {});

  features[".rutin-roles"] = (root, helpers) => {
    const {
      has: hasOwn,
      $$: queryAll,
      el: createElement,
      storage: openStorage,
      read: readJson,
      write: writeJson,
    } = helpers;

    const choice = root.querySelector(".rutin-role-choice");
    if (!choice) {
      return;
    }
    // "Visa alla" is a role button too, with an empty data-role.
    const buttons = queryAll(choice, "button[data-role]");
    const tasks = queryAll(root, "li[data-roles]");
    const storage = openStorage("localStorage");
    const storageKey = `rutin:roll:${root.dataset.routine || ""}`;

    const roleTitles = {};
    for (const button of buttons) {
      if (button.dataset.role) {
        roleTitles[button.dataset.role] = button.textContent.trim();
      }
    }

    const status = createElement("p", { class: "rutin-role-status", role: "status" });
    choice.after(status);

    /* Shows the tasks of `role` ("" for every task) and says so in the status line. */
    function showRole(role) {
      if (!hasOwn(roleTitles, role)) {
        role = ""; // a stored role the routine no longer has: all
      }
      for (const button of buttons) {
        button.setAttribute("aria-pressed", String(button.dataset.role === role));
      }
      let shown = 0;
      for (const task of tasks) {
        const visible = !role || task.dataset.roles.split(/\s+/).includes(role);
        task.classList.toggle("rutin-filtered", !visible);
        if (visible) {
          shown++;
        }
      }
      status.textContent = role
        ? `Visar uppgifter för: ${roleTitles[role]} (${shown} av ${tasks.length}).`
        : `Visar alla uppgifter (${tasks.length}).`;
    }

    function forgetRole() {
      if (!storage) {
        return;
      }
      try {
        storage.removeItem(storageKey);
      } catch (error) {
        // Storage refused: the choice is simply not forgotten.
      }
    }

    choice.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-role]");
      if (!button) {
        return;
      }
      const role = button.dataset.role;
      if (role) {
        writeJson(storage, storageKey, role);
      } else {
        forgetRole();
      }
      showRole(role);
    });
    choice.hidden = false;
    showRole(readJson(storage, storageKey) || "");
  };

  // After an instant navigation this script may arrive after site.js ran: run now.
  if (window.rutinInit) {
    window.rutinInit();
  }
})();
