/* Rutin: decision wizards (markup: scripts/rutin/MARKUP.md). Loaded only by pages with
   a decision table (.rutin-decision); site.js runs it. Stored, nothing else, like a
   checklist's ticks: sessionStorage "rutin:<decision>:<version>[@<task>]" = {q: input
   id → option value}, so a reload keeps the answers and a changed table starts empty
   (the version is in the key). window.rutinDecide is the evaluator the browser tests
   compare with rutin.decide. */
(() => {
  "use strict";
  const features = (window.rutinFeatures = window.rutinFeatures || {});

  function hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /* ---------- the evaluator: same semantics as rutin.decide (the reference) ---------- */
  /* A table (rutin.decide.table_json): {id, hit_policy, inputs: [{id, question, help,
     options: [{value, label}]}], rules: [{id, when: {input id: [values]}, critical}]}.
     Answers: {input id: value}. */

  /* A rule matches when every input it names is answered with one of its values. */
  function ruleMatches(rule, answers) {
    return Object.keys(rule.when).every(
      (inputId) => hasOwn(answers, inputId) && rule.when[inputId].includes(answers[inputId]));
  }

  /* The matching rule, or null. Unless the hit policy is FIRST, more than one match is
     an error in the table. */
  function evaluate(table, answers) {
    const hits = table.rules.filter((rule) => ruleMatches(rule, answers));
    if (table.hit_policy !== "FIRST" && hits.length > 1) {
      const ruleIds = hits.map((rule) => rule.id).join(", ");
      throw new Error(`${table.id}: flera regler stämmer (${ruleIds})`);
    }
    return hits[0] || null;
  }

  /* Every full set of answers that keeps the given ones (unanswered: every option). */
  function completions(table, fixed) {
    const open = table.inputs.filter((input) => !hasOwn(fixed, input.id) || fixed[input.id] == null);
    let all = [{ ...fixed }];
    for (const input of open) {
      all = all.flatMap((answers) =>
        input.options.map((option) => ({ ...answers, [input.id]: option.value })));
    }
    return all;
  }

  /* The rule every completion of the unanswered inputs leads to, else null. */
  function determined(table, partial) {
    let found = null;
    for (const answers of completions(table, partial)) {
      let rule;
      try {
        rule = evaluate(table, answers);
      } catch (error) {
        return null;
      }
      if (!rule || (found && rule.id !== found.id)) {
        return null;
      }
      found = rule;
    }
    return found;
  }

  /* The id of the rule the answers lead to; null for none and for a table error. */
  function outcomeOf(table, answers) {
    try {
      const rule = evaluate(table, answers);
      return rule ? rule.id : null;
    } catch (error) {
      return null;
    }
  }

  /* Same as rutin.decide.relevant / next_question: a question whose answer cannot
     change the outcome (given the answers so far) is never asked. */
  function relevant(table, partial, inputId) {
    const input = table.inputs.find((candidate) => candidate.id === inputId);
    const others = { ...partial };
    delete others[inputId];
    const completed = completions(table, { ...others, [inputId]: input.options[0].value });
    return completed.some((answers) => {
      const outcomes = input.options.map((option) => outcomeOf(table, { ...answers, [inputId]: option.value }));
      return new Set(outcomes).size > 1;
    });
  }

  function nextQuestion(table, partial) {
    if (determined(table, partial)) {
      return null;
    }
    const isAnswered = (input) => hasOwn(partial, input.id) && partial[input.id] != null;
    const next = table.inputs.find((input) => !isAnswered(input) && relevant(table, partial, input.id));
    return next ? next.id : null;
  }

  window.rutinDecide = { evaluate, determined, relevant, nextQuestion };

  /* ---------- the wizard ---------- */

  /* A value usable in an element id. */
  function slug(value) {
    return String(value).replace(/[^\w-]+/g, "-");
  }

  features[".rutin-decision"] = (root, helpers) => {
    const {
      el: createElement,
      $$: queryAll,
      storage: openStorage,
      read: readJson,
      write: writeJson,
    } = helpers;

    // data-table: not a <script>, which Material's instant navigation would re-run as JS.
    let table;
    try {
      table = JSON.parse(root.dataset.table);
    } catch (error) {
      return;
    }
    let answers = {};

    let form = root.querySelector("form.rutin-wizard");
    let outcome = root.querySelector(".rutin-outcome");
    if (!form) {
      form = createElement("form", { class: "rutin-wizard" });
      root.prepend(form);
    }
    if (!outcome) {
      outcome = createElement("div", { class: "rutin-outcome" });
      form.after(outcome);
    }
    outcome.setAttribute("aria-live", "polite");

    const idPrefix = `rutin-${slug(table.id)}`;

    const sources = root.querySelector(".rutin-input-sources");

    /* The build's block for an input, if it has one. */
    function sourceOf(inputId) {
      if (!sources) {
        return null;
      }
      for (const block of sources.children) {
        if (block.dataset.inputSource === inputId) {
          return block;
        }
      }
      return null;
    }

    // The build renders the questions (so nothing moves when this starts); a page from
    // an older build may not have them, and then they are built here.
    const rendered = {};
    for (const fieldset of queryAll(form, "fieldset[data-input]")) {
      rendered[fieldset.dataset.input] = fieldset;
    }

    /* One fieldset of radio buttons per input; all hidden until asked. */
    function buildQuestion(input) {
      if (rendered[input.id]) {
        const source = sourceOf(input.id);
        if (source) {
          rendered[input.id].insertBefore(source, rendered[input.id].querySelector("label"));
        }
        return rendered[input.id];
      }
      const fieldset = createElement("fieldset", { class: "rutin-question", "data-input": input.id });
      fieldset.append(createElement("legend", {}, input.question));
      if (input.help) {
        fieldset.append(createElement("p", { class: "rutin-question-help" }, input.help));
      }
      // The question's source (quotes, interpretations), rendered by the build.
      const source = sourceOf(input.id);
      if (source) {
        fieldset.append(source);
      }
      const name = `${idPrefix}-${slug(input.id)}`;
      for (const option of input.options) {
        const id = `${name}-${slug(option.value)}`;
        const label = createElement("label", { for: id });
        const radio = createElement("input", { type: "radio", name, id, value: option.value });
        label.append(radio, " ", createElement("span", {}, option.label)); // as the build writes it
        fieldset.append(label);
      }
      return fieldset;
    }

    const fieldsets = table.inputs.map(buildQuestion);
    const resetButton = createElement("button", { type: "button", class: "rutin-reset rutin-button" }, "Börja om");
    // An input the page asks elsewhere (a checklist question with data-same-as) has a
    // note in its place that points there (the build writes it): asked once per page.
    const twinNotes = {};
    for (const note of queryAll(form, "p.rutin-twin-note[data-twin-of]")) {
      twinNotes[note.dataset.twinOf] = note;
      const link = note.querySelector("a[href^='#']");
      const target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        // Scroll here ourselves (as for the rule link): Material's instant navigation
        // would render the page again for a same-page link.
        link.addEventListener("click", (event) => {
          event.preventDefault();
          event.stopPropagation();
          target.scrollIntoView({ block: "center" });
          const first = target.querySelector("input");
          if (first) {
            first.focus({ preventScroll: true });
          }
        });
      }
    }
    form.replaceChildren(...table.inputs.flatMap((input, index) =>
      twinNotes[input.id] ? [fieldsets[index], twinNotes[input.id]] : [fieldsets[index]]));
    outcome.after(resetButton);
    form.hidden = false;

    /* The outcome as the table's own row shows it (rendered once, by render.py): the
       "Kritiskt:" marker and the text in one paragraph, the actions as a list, notes
       and source quotes as blocks after it. */
    function showOutcome(row) {
      const text = createElement("p", { class: "rutin-outcome-text" });
      outcome.append(createElement("p", { class: "rutin-outcome-label" }, "Utfall"), text);
      const cellNodes = row ? row.lastElementChild.childNodes : [];
      for (const node of cellNodes) {
        const copy = node.cloneNode(true);
        if (node.nodeName === "OL") {
          copy.className = "rutin-actions";
          outcome.append(copy);
        } else if (["P", "DETAILS", "DIV"].includes(node.nodeName)) {
          outcome.append(copy);
        } else {
          text.append(copy);
        }
      }
    }

    /* "Visa regel n i tabellen": a link to the rule's row. */
    function ruleLink(rule, row) {
      const ruleNumber = table.rules.indexOf(rule) + 1;
      const link = createElement("a", { href: `#regel-${rule.id}`, class: "rutin-rule-link" },
        `Visa regel ${ruleNumber} i tabellen`);
      // Scroll here ourselves: Material's instant navigation would re-render the page
      // for a same-page link and the outcome would be lost.
      link.addEventListener("click", (event) => {
        // A modified or non-primary click (new tab, new window) is the browser's.
        const otherClick = event.metaKey || event.ctrlKey || event.shiftKey || event.button;
        if (!row || otherClick) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        const folded = row.closest("details"); // inline in a task: the rules are folded
        if (folded) {
          folded.open = true;
        }
        row.tabIndex = -1;
        row.scrollIntoView({ block: "center" });
        row.focus({ preventScroll: true });
      });
      const paragraph = createElement("p");
      paragraph.append(link);
      return paragraph;
    }

    /* The outcome for the page around the aid: a task's stop may apply only for some
       outcomes (checklist.js reads data-outcome; "" while there is none). */
    function announce(rule) {
      const ruleId = rule ? rule.id : "";
      if (root.dataset.outcome === ruleId) {
        return;
      }
      root.dataset.outcome = ruleId;
      root.dispatchEvent(new CustomEvent("rutin:outcome", { bubbles: true }));
    }

    function update() {
      const rule = determined(table, answers);
      announce(rule);
      // Answered questions stay; the next question that can still change the outcome is
      // asked until the outcome is known.
      const next = rule ? null : nextQuestion(table, answers);
      table.inputs.forEach((input, index) => {
        const note = twinNotes[input.id];
        if (note) {
          fieldsets[index].hidden = true;
          note.hidden = hasOwn(answers, input.id) || input.id !== next;
        } else {
          fieldsets[index].hidden = !(hasOwn(answers, input.id) || input.id === next);
        }
      });
      resetButton.hidden = Object.keys(answers).length === 0;
      for (const matched of queryAll(root, "tr.rutin-match")) {
        matched.classList.remove("rutin-match");
      }
      outcome.classList.toggle("rutin-critical", Boolean(rule && rule.critical));
      outcome.replaceChildren();
      if (!rule) {
        if (!next) {
          outcome.append(createElement("p", {}, "Svaren leder inte till något utfall i tabellen (anges ej i rutinen)."));
        }
        return;
      }
      const row = document.getElementById(`regel-${rule.id}`);
      showOutcome(row);
      if (row) {
        row.classList.add("rutin-match");
      }
      outcome.append(ruleLink(rule, row));
    }

    /* ---------- stored answers (option values only, never free text) ---------- */
    const storage = openStorage("sessionStorage");
    const task = root.closest(".rutin-checklist");
    const storageKey = `rutin:${root.dataset.decision}:${root.dataset.version || ""}` +
      (task ? `@${task.dataset.checklist}` : "");

    function saveAnswers() {
      writeJson(storage, storageKey, { q: answers });
    }

    /* The stored answers that are still questions and options of this table. */
    function restoreAnswers() {
      const saved = readJson(storage, storageKey) || {};
      const stored = saved.q && typeof saved.q === "object" ? saved.q : {};
      table.inputs.forEach((input, index) => {
        const value = stored[input.id];
        if (!input.options.some((option) => option.value === value)) {
          return;
        }
        answers[input.id] = value;
        for (const radio of queryAll(fieldsets[index], "input[type=radio]")) {
          radio.checked = radio.value === value;
        }
      });
    }

    /* An outcome that has just appeared is brought into view (the live region announces
       it); instantly when the reader asks for reduced motion. */
    function revealOutcome() {
      if (!outcome.childElementCount) {
        return;
      }
      const reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      outcome.scrollIntoView({ block: "nearest", behavior: reduced ? "auto" : "smooth" });
    }

    /* ---------- the same question asked twice on a page ---------- */
    /* A checklist's question marked data-same-as {decision, input, options: its value →
       the input's} is this table's input: one answer answers both. The checklist's
       answer is set by clicking its radio (checklist.js stores it as usual). */
    const twins = queryAll(document, "fieldset.rutin-question[data-same-as]").map((fieldset) => {
      let link;
      try {
        link = JSON.parse(fieldset.dataset.sameAs);
      } catch (error) {
        return null;
      }
      const decisionId = String(root.dataset.decision || "").split("/").pop();
      if (!link || link.decision !== decisionId || fieldset.closest(".rutin-decision")) {
        return null;
      }
      return { fieldset, input: link.input, options: link.options || {} };
    }).filter(Boolean);

    /* Answers the table's input (from a twin or the wizard) and shows the result. */
    function answerInput(inputId, value) {
      const index = table.inputs.findIndex((input) => input.id === inputId);
      if (index < 0 || answers[inputId] === value) {
        return;
      }
      const before = determined(table, answers);
      answers[inputId] = value;
      for (const radio of queryAll(fieldsets[index], "input[type=radio]")) {
        radio.checked = radio.value === value;
      }
      saveAnswers();
      update();
      const after = determined(table, answers);
      if (after && (!before || before.id !== after.id)) {
        revealOutcome();
      }
    }

    /* The wizard's answer given to its twins: their radio, clicked unless already so. */
    function answerTwins(inputId, value) {
      for (const twin of twins) {
        if (twin.input !== inputId) {
          continue;
        }
        const mine = Object.keys(twin.options).find((key) => twin.options[key] === value);
        const radio = queryAll(twin.fieldset, "input[type=radio]").find((r) => r.value === mine);
        if (radio && !radio.checked) {
          radio.click();
        }
      }
    }

    for (const twin of twins) {
      twin.fieldset.addEventListener("change", (event) => {
        const value = twin.options[event.target.value];
        if (value !== undefined) {
          answerInput(twin.input, value);
        }
      });
    }

    form.addEventListener("change", (event) => {
      const fieldset = event.target.closest("fieldset.rutin-question");
      if (!fieldset) {
        return;
      }
      const before = determined(table, answers);
      answers[fieldset.dataset.input] = event.target.value;
      saveAnswers();
      update();
      answerTwins(fieldset.dataset.input, event.target.value);
      const after = determined(table, answers);
      if (after && (!before || before.id !== after.id)) {
        revealOutcome();
      }
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    resetButton.addEventListener("click", () => {
      answers = {};
      if (storage) {
        try {
          storage.removeItem(storageKey);
        } catch (error) {
          // Storage refused: the answers are cleared on the page all the same.
        }
      }
      for (const input of queryAll(form, "input")) {
        input.checked = false;
      }
      adoptTwins();
      update();
      const firstInput = form.querySelector("fieldset:not([hidden]) input");
      if (firstInput) {
        firstInput.focus();
      }
    });
    /* A twin already answered (the checklist restored it, or it stays answered when the
       wizard starts over: it is the page's question) answers the wizard too. */
    function adoptTwins() {
      for (const twin of twins) {
        const checked = twin.fieldset.querySelector("input[type=radio]:checked");
        const value = checked ? twin.options[checked.value] : undefined;
        if (value !== undefined && !hasOwn(answers, twin.input)) {
          answers[twin.input] = value;
          const index = table.inputs.findIndex((input) => input.id === twin.input);
          for (const radio of queryAll(fieldsets[index] || form, "input[type=radio]")) {
            radio.checked = radio.value === value;
          }
        }
      }
    }

    restoreAnswers();
    adoptTwins();
    update();
  };

  // After an instant navigation this script may arrive after site.js ran: run now.
  if (window.rutinInit) {
    window.rutinInit();
  }
})();
