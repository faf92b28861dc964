/* Rutin: the script every page loads (markup: scripts/rutin/MARKUP.md).

   1. Features. A page loads checklist.js, decision.js, filter.js or roles.js only if it
      has their markup (the hook decides at build time). Each registers itself as
      rutinFeatures[<selector>] = (element, helpers) => …; initPage() runs it once per
      matching element, at load, after each instant navigation (the theme's script
      calls window.rutinInit: for Material, the adapter's rutin-theme.js) and when a
      feature script arrives later (it calls window.rutinInit too).
   2. Printing. Writes the print date into .rutin-print-date ("utskriven 2026-11-25
      14:03") at load, after instant navigation and on `beforeprint`, and copies the
      page's footer (footer.rutin-print-footer) into the page margin (@page margin
      boxes: text, page number, QR code), so it sits below the content on every printed
      page and never covers a step. Without JavaScript site.css prints the footer
      element itself. `rutin pdf` calls rutinPrint.update("PDF skapad") first.
   3. Wide tables. A table that scrolls sideways becomes a focusable, named region.
   Stores nothing itself. Only enhances: without JavaScript every step and table is shown. */
(() => {
  "use strict";

  // JavaScript runs: nojs.css (linked in <noscript>) stands down (see its header).
  document.documentElement.classList.add("rutin-js");

  /* ---------- helpers for the feature scripts ---------- */

  function hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function queryAll(root, selector) {
    return [...root.querySelectorAll(selector)];
  }

  function createElement(tag, attributes = {}, text) {
    const element = document.createElement(tag);
    for (const name in attributes) {
      element.setAttribute(name, attributes[name]);
    }
    if (text != null) {
      element.textContent = text;
    }
    return element;
  }

  /* window.sessionStorage or window.localStorage, or null where the browser refuses it
     (blocked cookies, some private modes throw on access or on first use). */
  function openStorage(kind) {
    try {
      const storage = window[kind];
      storage.getItem("x");
      return storage;
    } catch (error) {
      return null;
    }
  }

  /* Stored JSON; null when nothing (valid) is stored or there is no storage. */
  function readJson(storage, key) {
    if (!storage) {
      return null;
    }
    try {
      return JSON.parse(storage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function writeJson(storage, key, value) {
    if (!storage) {
      return;
    }
    try {
      storage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Storage full or refused: the page keeps working, it just forgets.
    }
  }

  function twoDigits(number) {
    return String(number).padStart(2, "0");
  }

  // The second argument of every feature. Its short keys are shared with the feature
  // scripts (each renames them on receipt); a page may run one script version against
  // another after a deploy, so the keys stay as they are.
  const helpers = {
    has: hasOwn,
    $$: queryAll,
    el: createElement,
    storage: openStorage,
    read: readJson,
    write: writeJson,
    pad: twoDigits,
  };

  /* ---------- printing ---------- */

  // A constructed stylesheet, not a <style> element: the Content-Security-Policy allows
  // no inline styles (scripts/rutin/csp.py). A browser without constructed stylesheets
  // (Safari before 16.4) prints the footer element instead (site.css).
  function createMarginSheet() {
    try {
      const sheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      return sheet;
    } catch (error) {
      return null;
    }
  }
  const marginSheet = createMarginSheet();

  // `rutin pdf` switches this to "PDF skapad". It sticks, so the beforeprint that
  // follows keeps it.
  let dateLabel = "utskriven";

  // A line break inside a margin box's `content:`.
  const LINE_BREAK = '"\\A "';

  /* A CSS string for `content:`: one line, backslashes and quotes escaped. */
  function cssString(text) {
    const escaped = String(text)
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')
      .replace(/\s+/g, " ")
      .trim();
    return `"${escaped}"`;
  }

  /* The text of the footer's `selector` element without the parts matching `leaveOut`
     and without trailing separators ("·"), or "" when the footer has no such element. */
  function footerText(footer, selector, leaveOut) {
    const node = footer.querySelector(selector);
    if (!node) {
      return "";
    }
    const copy = node.cloneNode(true);
    if (leaveOut) {
      for (const part of queryAll(copy, leaveOut)) {
        part.remove();
      }
    }
    return copy.textContent.replace(/[\s·]+$/, "");
  }

  /* "2026-11-25 14:03" in the reader's time zone. */
  function formatDateTime(date) {
    const day = `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
    return `${day} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
  }

  /* The QR code as an image URL. Inside HTML an <svg> needs no xmlns; as an image of
     its own (a data: URL) it does not render without one. */
  function svgDataUrl(svg) {
    let source = svg.outerHTML;
    if (!source.includes("xmlns=")) {
      source = source.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
    }
    return "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
  }

  /* The @page margin boxes built from the footer. Left: titles, version, page number,
     address. Centre: the print date and the "may be outdated" sentence. Right: QR. */
  function marginBoxes(footer, printDate) {
    const title = cssString(footerText(footer, ".rutin-print-title"));
    const meta = cssString(footerText(footer, ".rutin-print-meta", ".rutin-print-date"));
    const pageNumber = '" · sida " counter(page) " av " counter(pages)';
    const address = cssString(footerText(footer, ".rutin-print-url"));
    const left = `@bottom-left{content:${title} ${LINE_BREAK} ${meta} ${pageNumber} ${LINE_BREAK} ${address}}`;

    const dateSentence = cssString(printDate[0].toUpperCase() + printDate.slice(1) + ".");
    const outdated = cssString(footerText(footer, ".rutin-print-outdated"));
    const centre = `@bottom-center{content:${dateSentence} ${LINE_BREAK} ${outdated}}`;

    const svg = footer.querySelector(".rutin-print-qr svg");
    if (!svg) {
      return left + centre;
    }
    const right = `@bottom-right{content:url(${cssString(svgDataUrl(svg))})}`;
    return left + centre + right;
  }

  /* Writes the print date into the footer and the footer into the page margin.
     `label` replaces "utskriven" from now on (only when the page has a footer). */
  function updatePrintFooter(label) {
    const footer = document.querySelector("footer.rutin-print-footer");
    // site.css hides the footer element when the margin boxes carry it.
    document.documentElement.classList.toggle("rutin-print-margin", Boolean(footer && marginSheet));
    if (!footer) {
      // Instant navigation to a page without a footer: no margin text from the last one.
      if (marginSheet) {
        marginSheet.replaceSync("");
      }
      return;
    }
    if (label) {
      dateLabel = label;
    }
    const printDate = `${dateLabel} ${formatDateTime(new Date())}`;
    for (const node of queryAll(footer, ".rutin-print-date")) {
      node.textContent = printDate;
    }
    if (!marginSheet) {
      return;
    }
    marginSheet.replaceSync(`@media print{@page{${marginBoxes(footer, printDate)}}}`);
  }

  window.rutinPrint = { update: updatePrintFooter };
  // Without arguments: the event is not a label.
  window.addEventListener("beforeprint", () => updatePrintFooter());

  /* ---------- scrolling tables ---------- */

  /* A table wider than the screen scrolls inside its box: the box takes keyboard focus
     so it can be scrolled without a mouse (WCAG 2.1.1, axe scrollable-region-focusable),
     named after the table's caption. Only boxes that really scroll become tab stops. */
  function updateScrollRegions() {
    const boxes = queryAll(document, ".rutin-typeset :is(.rutin-table-scroll, .rutin-table-wrap)");
    boxes.forEach((box, index) => {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls) {
        // Named by its caption (unique on our pages), else by its place on the page.
        const caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : `Tabell ${index + 1}`);
      } else if (box.getAttribute("role") === "region") {
        for (const name of ["tabindex", "role", "aria-label"]) {
          box.removeAttribute(name);
        }
      }
    });
  }
  window.addEventListener("resize", updateScrollRegions);

  /* ---------- the lean view's switch ---------- */

  /* "Visa underlag" (#rutin-underlag, a checkbox; site.css shows the underlag while it
     is checked) is remembered across pages and visits: localStorage "rutin:underlag"
     = true or false, nothing else. */
  /* early.js set <html class="rutin-underlag-on"> from the stored value before the page
     was drawn; from here the class follows the switch. */
  const UNDERLAG_KEY = "rutin:underlag";
  const UNDERLAG_CLASS = "rutin-underlag-on";
  window.rutinFeatures = window.rutinFeatures || {};
  window.rutinFeatures["#rutin-underlag"] = (toggle) => {
    const storage = openStorage("localStorage");
    const root = document.documentElement;
    toggle.checked = readJson(storage, UNDERLAG_KEY) === true;
    root.classList.toggle(UNDERLAG_CLASS, toggle.checked);
    toggle.addEventListener("change", () => {
      root.classList.toggle(UNDERLAG_CLASS, toggle.checked);
      writeJson(storage, UNDERLAG_KEY, toggle.checked);
    });
  };

  /* ---------- features ---------- */

  /* Runs every registered feature once on each of its elements that has not had it
     (data-rutin-ready), so it is safe to call again: after each instant navigation and
     whenever a feature script arrives. A failing feature does not stop the others. */
  function initPage() {
    updateScrollRegions();
    const features = window.rutinFeatures || {};
    for (const selector of Object.keys(features)) {
      for (const element of queryAll(document, `${selector}:not([data-rutin-ready])`)) {
        element.setAttribute("data-rutin-ready", "");
        try {
          features[selector](element, helpers);
        } catch (error) {
          console.error("rutin:", error);
        }
      }
    }
    updatePrintFooter();
  }

  // The theme calls it after each instant navigation, and a feature script that loads
  // after this one (instant navigation inserts the new page's scripts, which may
  // finish after the theme's call) calls it itself.
  window.rutinInit = initPage;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initPage);
  } else {
    initPage();
  }
})();
