/* Rutin: when a search finds nothing, offer words of the site near the query ("Menade
   du …", rutin-query.js) and the tasks of the reader's role (the start page's choice,
   localStorage "rutin:roll:<routine>"; without one, every task). Loaded by
   rutin-theme.js only then, with rutin-query.js and rutin-pieces.js. Reads the search
   manifest and the query's word pieces. Stores nothing. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  let loaded = null;

  const load = (src) => new Promise((done, fail) => {
    const s = document.createElement("script");
    s.src = src; s.onload = done; s.onerror = fail;
    document.head.append(s);
  });

  /* The manifest (Material's index file: fetched, cached, online; inlined as `__index`
     on disk) and, for the query's words, the word pieces (rutin-pieces.js). */
  function vocabulary(query) {
    if (!loaded) loaded = (location.protocol === "file:" && window.__index)
      ? Promise.resolve(window.__index)
      : fetch(new URL("search/search_index.json", root)).then((r) => r.json());
    return loaded.then((data) => {
      const config = data.config || {};
      if (!config.rutin_pieces) { // an index that was not split: its own words
        const texts = [];
        for (const d of data.docs || []) texts.push(d.title, d.text, (d.tags || []).join(" "));
        return [config, self.rutinQuery.vocabulary(texts, config.rutin_aids)];
      }
      data.pieces = data.pieces || self.rutinPieces(config.rutin_pieces, root, load, config.rutin_aids);
      return data.pieces.words(query).then((voc) => [config, voc]);
    });
  }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  }

  function role(tasks) {
    const routines = [...new Set(tasks.map((t) => t.routine))];
    for (const r of routines) {
      let chosen = null;
      try { chosen = localStorage.getItem(`rutin:roll:${r}`); } catch (e) { /* private mode */ }
      if (chosen) return chosen.replace(/^"|"$/g, "");
    }
    return null;
  }

  /* Fill `box` with the help for `query` (the input's value when nothing was found). */
  window.rutinNoHit = function (box, input) {
    const query = input.value;
    vocabulary(query).then(([config, voc]) => {
      if (input.value !== query) return; // typed on meanwhile
      const words = self.rutinQuery.suggest(voc, query, 5);
      const tasks = config.rutin_tasks || [];
      const mine = role(tasks), shown = tasks.filter((t) => !mine || t.roles.includes(mine));
      box.replaceChildren();
      if (words.length) {
        const p = el("p", { class: "rutin-no-hit-words" }, "Menade du: ");
        words.forEach((w, i) => {
          const b = el("button", { type: "button", class: "rutin-suggestion" }, w);
          b.addEventListener("click", () => {
            input.value = w;
            input.focus();
            // Material searches when a key is released in the field.
            input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Enter" }));
          });
          p.append(b, i < words.length - 1 ? " " : "");
        });
        box.append(p);
      }
      if (shown.length) {
        box.append(el("p", { class: "rutin-no-hit-tasks" },
          mine ? "Uppgifter för din roll:" : "Uppgifter – checklistor för arbetet:"));
        const ul = el("ul", { class: "rutin-no-hit-list" });
        for (const t of shown) {
          const li = el("li"), a = el("a", { href: new URL(t.location, root).href }, t.title);
          li.append(a);
          ul.append(li);
        }
        box.append(ul);
      }
    }).catch(() => { box.replaceChildren(); });
  };
})();
