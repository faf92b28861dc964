/* Rutin: the start page's role choice (markup: scripts/rutin/MARKUP.md). Loaded only by
   pages with one (.rutin-roles); site.js runs it. Stored, nothing else: localStorage
   "rutin:roll:<routine>" = the chosen role id (or an alias's "<role>:<n>"). A role shows that role's tasks, on
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
    // "Visa alla" is a role button too, with an empty data-role. A button for an
    // occupation the routine does not name (an alias, data-alias-of="<role>") shows the
    // tasks of its role; its data-choice ("<role>:<n>") is what is stored, so it stays
    // the one pressed.
    const buttons = queryAll(choice, "button[data-role], button[data-alias-of]");
    const tasks = queryAll(root, "li[data-roles]");
    const aliasNotes = queryAll(root, ".rutin-role-alias[data-choice]");
    const storage = openStorage("localStorage");
    const storageKey = `rutin:roll:${root.dataset.routine || ""}`;

    const choiceOf = (button) => button.dataset.choice || button.dataset.role;
    const roleTitles = {};
    const roleOfChoice = {};
    for (const button of buttons) {
      const role = button.dataset.aliasOf || button.dataset.role;
      if (role) {
        roleTitles[choiceOf(button)] = button.textContent.trim();
        roleOfChoice[choiceOf(button)] = role;
      }
    }

    // The build writes the status line (so nothing moves when this starts).
    let status = root.querySelector(".rutin-role-status");
    if (!status) {
      status = createElement("p", { class: "rutin-role-status", role: "status" });
      choice.after(status);
    }

    /* Shows the tasks of the role chosen (`chosen`: a role id or an alias's choice, ""
       for every task) and says so in the status line. */
    function showRole(chosen) {
      if (!hasOwn(roleTitles, chosen)) {
        chosen = ""; // a stored role the routine no longer has: all
      }
      const role = chosen ? roleOfChoice[chosen] : "";
      for (const button of buttons) {
        button.setAttribute("aria-pressed", String(choiceOf(button) === chosen));
      }
      for (const note of aliasNotes) {
        note.hidden = note.dataset.choice !== chosen;
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
        ? `Visar uppgifter för: ${roleTitles[chosen]} (${shown} av ${tasks.length}).`
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
      const button = event.target.closest("button[data-role], button[data-alias-of]");
      if (!button) {
        return;
      }
      const chosen = choiceOf(button) || "";
      if (chosen) {
        writeJson(storage, storageKey, chosen);
      } else {
        forgetRole();
      }
      showRole(chosen);
    });
    choice.hidden = false;
    showRole(readJson(storage, storageKey) || "");
    // The list is filtered here now: early.js's stand-in for it (stored role, applied
    // before the first paint) stands down, so another choice shows its own tasks.
    document.documentElement.classList.remove("rutin-roll-early");
  };

  // After an instant navigation this script may arrive after site.js ran: run now.
  if (window.rutinInit) {
    window.rutinInit();
  }
})();
