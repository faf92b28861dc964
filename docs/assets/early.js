/* Rutin: the stored view, applied before the page is first drawn (markup:
   scripts/rutin/MARKUP.md "Underlag"). Loaded in <head> of every page, synchronously,
   so a stored choice never moves the page once it is shown (no layout shift). It sets
   classes on <html>; site.js and roles.js take over when they run:

   - rutin-underlag-on: "Visa underlag" is stored as on (localStorage "rutin:underlag"
     = true, written by site.js). site.css shows the underlag while the class is set or
     the switch is checked (the switch alone works without JavaScript).

   - rutin-roll-early: a role is stored for a routine (localStorage "rutin:roll:<routine>"
     = its role id, or an alias's "<role>:<n>", written by roles.js). A constructed
     stylesheet (CSSOM: the Content-Security-Policy allows no inline style) hides the
     start page's tasks of other roles while the class is set; roles.js then filters
     the list itself (the same tasks) and removes the class.

   Stores nothing. Where storage is refused the page opens in the default view. */
(() => {
  "use strict";
  const root = document.documentElement;
  let storage = null;
  try {
    storage = window.localStorage;
    if (JSON.parse(storage.getItem("rutin:underlag")) === true) {
      root.classList.add("rutin-underlag-on");
    }
  } catch (error) {
    return; // No storage: the default view.
  }

  const ROLE_KEY = "rutin:roll:";
  const rules = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key || !key.startsWith(ROLE_KEY)) {
        continue;
      }
      const choice = JSON.parse(storage.getItem(key));
      if (typeof choice !== "string" || !choice) {
        continue;
      }
      const routine = CSS.escape(key.slice(ROLE_KEY.length));
      const role = CSS.escape(choice.split(":")[0]);
      const scope = `html.rutin-roll-early .rutin-roles[data-routine="${routine}"]`;
      rules.push(`${scope} li[data-roles]:not([data-roles~="${role}"]){display:none}`,
        `${scope} .rutin-role-alias[data-choice="${CSS.escape(choice)}"]{display:block}`);
    }
    if (rules.length) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(rules.join(""));
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      root.classList.add("rutin-roll-early");
    }
  } catch (error) {
    // A stored value that is not ours, or no constructed stylesheets: roles.js filters.
  }
})();
