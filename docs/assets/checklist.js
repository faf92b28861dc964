/* Rutin: interactive checklists (markup: scripts/rutin/MARKUP.md). Loaded only by pages
   with a checklist (.rutin-checklist); site.js runs it. Stored, nothing else:
   sessionStorage "rutin:<checklist>:<version>" = {t: step ids, s: start time,
   q: option ids}. */
(() => {
  "use strict";
  const features = (window.rutinFeatures = window.rutinFeatures || {});

  features[".rutin-checklist"] = (root, helpers) => {
    const {
      has: hasOwn,
      $$: queryAll,
      el: createElement,
      storage: openStorage,
      read: readJson,
      write: writeJson,
      pad: twoDigits,
    } = helpers;

    const storagePrefix = `rutin:${root.dataset.checklist}:`;
    const storageKey = storagePrefix + (root.dataset.version || "");
    const storage = openStorage("sessionStorage");
    const steps = queryAll(root, "li.rutin-step");
    // A decision aid inline in the checklist has questions of its own (decision.js).
    const questions = queryAll(root, "fieldset.rutin-question").filter(
      (fieldset) => !fieldset.closest(".rutin-decision"));
    // A task page groups its steps in stops, each with a condition and a progress line.
    const stops = queryAll(root, "section.rutin-stop");

    /* ---------- state: what is stored ---------- */

    let ticked = [];       // ids of the ticked steps, in the order they were ticked
    let startedAt = null;  // when the first step was ticked or question answered (ms)
    let answers = {};      // question id → the chosen option's value

    function saveState() {
      writeJson(storage, storageKey, { t: ticked, s: startedAt, q: answers });
    }

    /* A changed checklist never shows stale ticks: drop the state of other versions. */
    function forgetOtherVersions() {
      if (!storage) {
        return;
      }
      for (let index = storage.length - 1; index >= 0; index--) {
        const key = storage.key(index);
        if (key && key.startsWith(storagePrefix) && key !== storageKey) {
          storage.removeItem(key);
        }
      }
    }

    /* The stored state, keeping only steps that still exist, and the radio buttons
       checked as it says. */
    function restoreState() {
      const saved = readJson(storage, storageKey) || {};
      const stepIds = steps.map((step) => step.dataset.step);
      startedAt = typeof saved.s === "number" ? saved.s : null;
      for (const id of Array.isArray(saved.t) ? saved.t : []) {
        if (stepIds.includes(id) && !ticked.includes(id)) {
          ticked.push(id);
        }
      }
      for (const fieldset of questions) {
        const questionId = fieldset.dataset.question;
        const savedAnswer = saved.q && saved.q[questionId];
        for (const radio of queryAll(fieldset, "input[type=radio]")) {
          radio.checked = radio.value === savedAnswer;
          if (radio.checked) {
            answers[questionId] = savedAnswer;
          }
        }
      }
    }

    forgetOtherVersions();
    restoreState();

    /* ---------- toolbar ---------- */

    let toolbar = root.querySelector(".rutin-toolbar");
    if (!toolbar) {
      toolbar = createElement("div", { class: "rutin-toolbar" });
      root.prepend(toolbar);
    }
    const progress = createElement("p", { class: "rutin-progress", role: "status", "aria-live": "polite" });
    const started = createElement("p", { class: "rutin-started" });
    const resetButton = createElement("button", { type: "button", class: "rutin-reset rutin-button" }, "Börja om");
    toolbar.replaceChildren(progress, started, resetButton);
    toolbar.hidden = false;

    /* ---------- which steps apply ---------- */

    /* Whether the answers so far fit the node's data-when ({question: [options]}).
       An unanswered question hides nothing; an unreadable condition hides nothing. */
    function fitsAnswers(node) {
      let condition;
      try {
        condition = JSON.parse(node.dataset.when || "{}") || {};
      } catch (error) {
        return true;
      }
      return Object.keys(condition).every((questionId) => {
        if (!hasOwn(answers, questionId)) {
          return true;
        }
        const accepted = [].concat(condition[questionId]);
        return accepted.includes(answers[questionId]);
      });
    }

    /* Whether the outcomes of earlier decision aids fit a stop's data-gate ({table id:
       [rule ids]}, decision.js sets data-outcome). No outcome yet, or an aid in a stop
       that does not apply, hides nothing (rutin.tasks.task_view). */
    function fitsOutcomes(stop) {
      let gate;
      try {
        gate = JSON.parse(stop.dataset.gate || "{}") || {};
      } catch (error) {
        return true;
      }
      return Object.keys(gate).every((tableId) => {
        const aid = queryAll(root, ".rutin-decision[data-decision]").find(
          (node) => node.dataset.decision.split("/").pop() === tableId);
        const outcome = aid ? aid.dataset.outcome : "";
        if (!outcome) {
          return true;
        }
        const home = aid.closest("section.rutin-stop");
        if (home && home !== stop && !stopApplies(home)) {
          return true;
        }
        return [].concat(gate[tableId]).includes(outcome);
      });
    }

    function stopApplies(stop) {
      return fitsAnswers(stop) && fitsOutcomes(stop);
    }

    /* A step applies when the answers fit its own condition and its stop's. */
    function applies(step) {
      const stop = step.closest("section.rutin-stop");
      return fitsAnswers(step) && (!stop || stopApplies(stop));
    }

    function isTicked(step) {
      return ticked.includes(step.dataset.step);
    }

    /* [done, total] among the steps that apply. */
    function countProgress(stepList) {
      let total = 0;
      let done = 0;
      for (const step of stepList) {
        if (!applies(step)) {
          continue;
        }
        total++;
        if (isTicked(step)) {
          done++;
        }
      }
      return [done, total];
    }

    /* ---------- rendering ---------- */

    function formatStarted() {
      if (!startedAt) {
        return "Inte påbörjad";
      }
      const date = new Date(startedAt);
      return `Påbörjad ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
    }

    function render() {
      for (const step of steps) {
        const checkbox = step.querySelector(".rutin-tick");
        const stepTicked = isTicked(step);
        if (checkbox) {
          checkbox.checked = stepTicked;
        }
        step.classList.toggle("rutin-done", stepTicked);
        step.classList.toggle("rutin-na", !applies(step)); // hidden on screen only (@media screen)
      }
      for (const stop of stops) {
        const [done, total] = countProgress(queryAll(stop, "li.rutin-step"));
        const stopProgress = stop.querySelector(".rutin-stop-progress");
        stop.classList.toggle("rutin-na", !stopApplies(stop));
        // A stop an aid's outcome has closed says so where it stood (task_page.py).
        const closed = stop.dataset.gate ?
          root.querySelector(`[data-closed-stop="${stop.dataset.stop}"]`) : null;
        if (closed) {
          closed.hidden = !(fitsAnswers(stop) && !fitsOutcomes(stop));
        }
        stop.classList.toggle("rutin-complete", total > 0 && done === total);
        if (stopProgress) {
          stopProgress.textContent = total ? `${done} av ${total} klara i det här stoppet` : "";
        }
      }
      const [done, total] = countProgress(steps);
      progress.textContent = `${done} av ${total} klara`;
      toolbar.classList.toggle("rutin-complete", total > 0 && done === total);
      started.textContent = formatStarted();
    }

    /* ---------- events ---------- */

    function onChange(event) {
      const target = event.target;
      if (target.closest(".rutin-decision")) {
        return; // an inline decision aid keeps its own answers
      }
      const step = target.closest("li.rutin-step");
      const fieldset = target.closest("fieldset.rutin-question");
      if (step && target.classList.contains("rutin-tick")) {
        const stepId = step.dataset.step;
        ticked = ticked.filter((id) => id !== stepId);
        if (target.checked) {
          ticked.push(stepId);
        }
      } else if (fieldset && target.type === "radio") {
        answers[fieldset.dataset.question] = target.value;
      } else {
        return;
      }
      if (!startedAt) {
        startedAt = Date.now();
      }
      saveState();
      render();
    }

    // Clicks on these keep their own meaning instead of ticking the step: links,
    // controls, labels (they tick natively) and phrase blocks (copying text).
    const OWN_CLICKS = "a,button,input,label,select,textarea,summary,.rutin-phrase";

    /* The whole row ticks its step. */
    function onClick(event) {
      const step = event.target.closest("li.rutin-step");
      if (!step || event.target.closest(OWN_CLICKS)) {
        return;
      }
      if (String(window.getSelection())) {
        return; // the user is selecting text
      }
      const checkbox = step.querySelector(".rutin-tick");
      if (checkbox) {
        checkbox.click(); // a change event, handled above
      }
    }

    function onReset() {
      ticked = [];
      startedAt = null;
      answers = {};
      for (const fieldset of questions) {
        // Only the checklist's own questions: an inline decision aid keeps its answers.
        for (const input of queryAll(fieldset, "input")) {
          input.checked = false;
        }
      }
      if (storage) {
        try {
          storage.removeItem(storageKey);
        } catch (error) {
          // Storage refused: the ticks are cleared on the page all the same.
        }
      }
      render();
    }

    /* "Börja om" clears every tick and answer on the page: with work on it, the first
       press only asks ("Rensa alla bockar och svar?") and the second clears; the
       question goes back after a few seconds or when the button loses focus. A stray tap
       mid-task loses nothing. */
    let asking = null;
    function stopAsking() {
      clearTimeout(asking);
      asking = null;
      resetButton.textContent = "Börja om";
      resetButton.classList.remove("rutin-reset-asking");
    }
    function onResetPress() {
      const work = ticked.length > 0 || Object.keys(answers).length > 0;
      if (work && asking === null) {
        resetButton.textContent = "Rensa alla bockar och svar?";
        resetButton.classList.add("rutin-reset-asking");
        asking = setTimeout(stopAsking, 6000);
        return;
      }
      stopAsking();
      onReset();
    }

    root.addEventListener("change", onChange);
    // An inline decision aid's outcome may show or hide a later stop (never a tick).
    root.addEventListener("rutin:outcome", render);
    root.addEventListener("click", onClick);
    resetButton.addEventListener("click", onResetPress);
    resetButton.addEventListener("blur", stopAsking);
    render();
  };

  // After an instant navigation this script may arrive after site.js ran: run now.
  if (window.rutinInit) {
    window.rutinInit();
  }
})();
