/* Rutin: the start page's "Nytt i rutinen sedan ditt senaste besök" (markup:
   scripts/rutin/MARKUP.md, .rutin-news). Loaded only by pages with it; site.js runs it.
   Stored, nothing else: localStorage "rutin:senaste-besok:<routine>" = the date
   (YYYY-MM-DD) of the reader's latest visit, and sessionStorage
   "rutin:nytt-sedan:<routine>" = the visit before this session began, so the news stays
   while the reader goes back and forth. The list shows when that earlier visit was
   before the new version's date (data-revision); on a first visit, without storage and
   without JavaScript it stays hidden. */
(() => {
  "use strict";
  const features = (window.rutinFeatures = window.rutinFeatures || {});

  features[".rutin-news"] = (root, helpers) => {
    const { storage: openStorage, read: readJson, write: writeJson } = helpers;
    const local = openStorage("localStorage");
    const session = openStorage("sessionStorage");
    const revision = root.dataset.revision || "";
    if (!local || !revision) {
      return;
    }
    const routine = root.dataset.routine || "";
    const visitKey = `rutin:senaste-besok:${routine}`;
    const sinceKey = `rutin:nytt-sedan:${routine}`;

    let since = readJson(session, sinceKey);
    if (typeof since !== "string") {
      const previous = readJson(local, visitKey);
      since = typeof previous === "string" ? previous : "";
      writeJson(session, sinceKey, since);
    }
    const today = new Date().toISOString().slice(0, 10);
    writeJson(local, visitKey, today);

    root.hidden = !(since && since < revision);
  };

  // After an instant navigation this script may arrive after site.js ran: run now.
  if (window.rutinInit) {
    window.rutinInit();
  }
})();
