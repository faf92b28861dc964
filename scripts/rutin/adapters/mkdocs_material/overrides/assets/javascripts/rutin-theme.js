/* Theme fix (overrides/main.html). Material's JavaScript wraps things that are not
   navigation in <nav> elements, each an unnamed navigation landmark (axe
   landmark-unique): the copy button of every code block (content.code.copy) and the
   tags of every search result. They get role="none"; what they hold is unchanged.
   They are created lazily and again after instant navigation: watch for them.
   Stores nothing. */
(() => {
  const NOT_NAVIGATION = "nav.md-code__nav:not([role]), .md-search-result nav.md-tags:not([role])";

  function fixLandmarks(root) {
    for (const nav of root.querySelectorAll(NOT_NAVIGATION)) {
      nav.setAttribute("role", "none");
    }
  }

  fixLandmarks(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const added of record.addedNodes) {
        if (added.nodeType !== Node.ELEMENT_NODE) {
          continue;
        }
        // From the parent: querySelectorAll does not match the added element itself.
        fixLandmarks(added.parentNode || added);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})();

/* A search that finds nothing: the no-hit help (workers/rutin-no-hit.js, loaded then,
   with rutin-query.js and rutin-pieces.js) suggests near words and the tasks of the
   reader's role. */
(() => {
  const resultMeta = document.querySelector(".md-search-result__meta");
  const input = document.querySelector("input.md-search__input");
  if (!resultMeta || !input) {
    return;
  }
  const config = JSON.parse(document.getElementById("__config").textContent);
  // Material's "no results" sentence, as its search writes it into resultMeta.
  const noResults = (config.translations || {})["search.result.none"];
  let helpBox = null;
  let scriptsLoaded = null;

  /* Loads a script given relative to this file. */
  function loadScript(path) {
    return new Promise((resolve, reject) => {
      const thisScript = document.querySelector("script[src*='rutin-theme']");
      const script = document.createElement("script");
      script.src = new URL(path, thisScript.src).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }

  /* Once, in order: the no-hit help needs the other two. */
  function loadNoHitHelp() {
    if (!scriptsLoaded) {
      // rutin-inflate.js only where the packed pieces cannot be unpacked otherwise.
      const inflated = typeof DecompressionStream === "undefined"
        ? loadScript("workers/rutin-inflate.js") : Promise.resolve();
      scriptsLoaded = inflated.then(() => loadScript("workers/rutin-query.js"))
        .then(() => loadScript("workers/rutin-pieces.js"))
        .then(() => loadScript("workers/rutin-no-hit.js"));
    }
    return scriptsLoaded;
  }

  function onResultsChanged() {
    const nothingFound = resultMeta.textContent.trim() === noResults && input.value.trim().length >= 3;
    // Gone, not hidden, when there are results: Material's arrow keys walk every link
    // in the result area, and a hidden one would swallow the focus.
    if (!nothingFound) {
      if (helpBox) {
        helpBox.remove();
      }
      helpBox = null;
      return;
    }
    if (!helpBox) {
      helpBox = document.createElement("div");
      helpBox.className = "rutin-no-hit";
      resultMeta.after(helpBox);
    }
    helpBox.setAttribute("aria-live", "polite");
    // helpBox is read when the scripts have loaded: the box of that moment, or none if
    // results came meanwhile.
    loadNoHitHelp()
      .then(() => {
        if (helpBox) {
          window.rutinNoHit(helpBox, input);
        }
      })
      .catch(() => {});
  }

  new MutationObserver(onResultsChanged)
    .observe(resultMeta, { childList: true, characterData: true, subtree: true });
})();

/* Instant navigation: Material replaces the page's content without loading a page and
   announces each new page on its document$; the project's features (docs/assets/site.js,
   loaded before this file) start on it through window.rutinInit. */
(() => {
  if (window.document$ && typeof window.document$.subscribe === "function"
      && typeof window.rutinInit === "function") {
    window.document$.subscribe(() => window.rutinInit());
  }
})();
