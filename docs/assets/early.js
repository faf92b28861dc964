/* Rutin: the stored view, applied before the page is first drawn (markup:
   scripts/rutin/MARKUP.md "Underlag"). Loaded in <head> of every page, synchronously
   and before any stylesheet of ours, so a stored choice never moves the page once it
   is shown (no layout shift). It only sets a class on <html>; site.js keeps it in step
   with the switch afterwards:

   - rutin-underlag-on: "Visa underlag" is stored as on (localStorage "rutin:underlag"
     = true, written by site.js). site.css shows the underlag while the class is set or
     the switch is checked (the switch alone works without JavaScript).

   Stores nothing. Where storage is refused the page opens in the lean view. */
(() => {
  "use strict";
  try {
    if (JSON.parse(window.localStorage.getItem("rutin:underlag")) === true) {
      document.documentElement.classList.add("rutin-underlag-on");
    }
  } catch (error) {
    // No storage: the default view.
  }
})();
