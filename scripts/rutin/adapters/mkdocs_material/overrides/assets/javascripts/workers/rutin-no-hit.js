/* Rutin: when a search finds nothing, offer words of the site near the query ("Menade
   du …", rutin-query.js) and the tasks of the reader's role (the start page's choice,
   localStorage "rutin:roll:<routine>"; without one, every task). Loaded by
   rutin-theme.js only then, with rutin-query.js and rutin-pieces.js. Reads the search
   manifest and the query's word pieces. Stores nothing. */
(function () {
  "use strict";
  const siteConfig = JSON.parse(document.getElementById("__config").textContent);
  const siteRoot = new URL(siteConfig.base.replace(/\/?$/, "/"), location.href);
  let manifestLoaded = null; // a promise of the search manifest, fetched once
  let pieces = null;         // rutin-pieces.js for the manifest, made once

  /* Loads a script (a search piece) by its absolute URL. */
  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }

  /* The manifest: Material's index file, fetched (and cached by the browser) online;
     inlined as `__index` by the offline build, where fetch cannot read files. */
  function loadManifest() {
    if (!manifestLoaded) {
      manifestLoaded = location.protocol === "file:" && window.__index
        ? Promise.resolve(window.__index)
        : fetch(new URL("search/search_index.json", siteRoot)).then((response) => response.json());
    }
    return manifestLoaded;
  }

  /* [the search config, a vocabulary with the query's words]: from the word pieces
     (rutin-pieces.js), or from the whole index when it was not split. */
  function vocabulary(query) {
    return loadManifest().then((data) => {
      const searchConfig = data.config || {};
      if (!searchConfig.rutin_pieces) {
        const texts = [];
        for (const doc of data.docs || []) {
          texts.push(doc.title, doc.text, (doc.tags || []).join(" "));
        }
        return [searchConfig, self.rutinQuery.vocabulary(texts, searchConfig.rutin_aids)];
      }
      if (!pieces) {
        pieces = self.rutinPieces(searchConfig.rutin_pieces, siteRoot, loadScript, searchConfig.rutin_aids);
      }
      return pieces.words(query).then((queryVocabulary) => [searchConfig, queryVocabulary]);
    });
  }

  function createElement(tag, attributes, text) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      element.setAttribute(name, value);
    }
    if (text != null) {
      element.textContent = text;
    }
    return element;
  }

  /* The role chosen on the start page of a routine these tasks belong to, or null.
     roles.js stores it as JSON: a quoted string. */
  function chosenRole(tasks) {
    const routines = [...new Set(tasks.map((task) => task.routine))];
    for (const routine of routines) {
      let stored = null;
      try {
        stored = localStorage.getItem(`rutin:roll:${routine}`);
      } catch (error) {
        // Storage refused (private mode): no role.
      }
      if (stored) {
        return stored.replace(/^"|"$/g, "");
      }
    }
    return null;
  }

  /* "Menade du: a b c": each word a button that searches for it. */
  function suggestionsParagraph(words, input) {
    const paragraph = createElement("p", { class: "rutin-no-hit-words" }, "Menade du: ");
    words.forEach((word, index) => {
      const button = createElement("button", { type: "button", class: "rutin-suggestion" }, word);
      button.addEventListener("click", () => {
        input.value = word;
        input.focus();
        // Material searches when a key is released in the field.
        input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Enter" }));
      });
      const isLast = index === words.length - 1;
      paragraph.append(button, isLast ? "" : " ");
    });
    return paragraph;
  }

  function taskList(tasks) {
    const list = createElement("ul", { class: "rutin-no-hit-list" });
    for (const task of tasks) {
      const item = createElement("li");
      const link = createElement("a", { href: new URL(task.location, siteRoot).href }, task.title);
      item.append(link);
      list.append(item);
    }
    return list;
  }

  /* Fill `box` with the help for `query` (the input's value when nothing was found). */
  window.rutinNoHit = function (box, input) {
    const query = input.value;
    vocabulary(query).then(([searchConfig, queryVocabulary]) => {
      if (input.value !== query || !box.isConnected) {
        return; // typed on meanwhile, or results came and the box is gone
      }
      const words = self.rutinQuery.suggest(queryVocabulary, query, 5);
      const tasks = searchConfig.rutin_tasks || [];
      const role = chosenRole(tasks);
      const shownTasks = tasks.filter((task) => !role || task.roles.includes(role));
      box.replaceChildren();
      if (words.length) {
        box.append(suggestionsParagraph(words, input));
      }
      if (shownTasks.length) {
        const heading = role ? "Uppgifter för din roll:" : "Uppgifter – checklistor för arbetet:";
        box.append(createElement("p", { class: "rutin-no-hit-tasks" }, heading));
        box.append(taskList(shownTasks));
      }
    }).catch(() => {
      box.replaceChildren();
    });
  };
})();
