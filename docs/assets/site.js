/* Rutin: the script every page loads (markup: scripts/rutin/MARKUP.md).

   1. Features. A page loads checklist.js, decision.js or filter.js only if it has
      their markup (the hook decides at build time). Each registers itself as
      rutinFeatures[<selector>] = (element, helpers) => …; init() runs it once per
      matching element, at load and after each instant navigation (Material's
      document$), and again when a feature script arrives later (window.rutinInit).
   2. Printing. Writes the print date into .rutin-print-date ("utskriven 2026-11-25
      14:03") at load, after instant navigation and on `beforeprint`, and copies the
      page's footer (footer.rutin-print-footer) into the page margin (@page margin
      boxes: text, page number, QR code), so it sits below the content on every printed
      page and never covers a step. Without JavaScript site.css prints the footer
      element itself. `rutin pdf` calls rutinPrint.update("PDF skapad") first.
   Only enhances: without JavaScript every step and table is shown. */
(() => {
  "use strict";
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const $$ = (root, sel) => [...root.querySelectorAll(sel)];
  const el = (tag, attrs = {}, text) => {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  };
  const storage = (kind) => { try { const s = window[kind]; s.getItem("x"); return s; } catch (e) { return null; } };
  const read = (s, key) => { try { return s && JSON.parse(s.getItem(key)); } catch (e) { return null; } };
  const write = (s, key, v) => { try { if (s) s.setItem(key, JSON.stringify(v)); } catch (e) { /* full */ } };
  const pad = (n) => String(n).padStart(2, "0");
  const helpers = { has, $$, el, storage, read, write, pad };

  /* ---------- printing ---------- */
  // A constructed stylesheet, not a <style> element: the Content-Security-Policy allows
  // no inline styles (scripts/rutin/csp.py).
  // A browser without them (Safari before 16.4) prints the footer element (site.css).
  let sheet = null;
  try {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch (e) { sheet = null; }
  let dateLabel = "utskriven"; // `rutin pdf` switches it to "PDF skapad" (sticky: beforeprint follows)
  const css = (text) => `"${String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\s+/g, " ").trim()}"`;
  const text = (root, sel, without) => {
    const n = root.querySelector(sel);
    if (!n) return "";
    const copy = n.cloneNode(true);
    if (without) for (const x of $$(copy, without)) x.remove();
    return copy.textContent.replace(/[\s·]+$/, "");
  };

  function update(label) {
    const footer = document.querySelector("footer.rutin-print-footer");
    document.documentElement.classList.toggle("rutin-print-margin", !!(footer && sheet));
    if (!footer) { if (sheet) sheet.replaceSync(""); return; }
    if (label) dateLabel = label;
    const d = new Date();
    const date = `${dateLabel} ${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    for (const n of $$(footer, ".rutin-print-date")) n.textContent = date;
    if (!sheet) return;
    let page = `@bottom-left{content:${css(text(footer, ".rutin-print-title"))} "\\A " ` +
      `${css(text(footer, ".rutin-print-meta", ".rutin-print-date"))} " · sida " counter(page) " av " counter(pages) "\\A " ` +
      `${css(text(footer, ".rutin-print-url"))}}` +
      `@bottom-center{content:${css(date[0].toUpperCase() + date.slice(1) + ".")} "\\A " ${css(text(footer, ".rutin-print-outdated"))}}`;
    const svg = footer.querySelector(".rutin-print-qr svg");
    if (svg) {
      let source = svg.outerHTML;
      if (!source.includes("xmlns=")) source = source.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
      page += `@bottom-right{content:url(${css("data:image/svg+xml;charset=utf-8," + encodeURIComponent(source))})}`;
    }
    sheet.replaceSync(`@media print{@page{${page}}}`);
  }
  window.rutinPrint = { update };
  window.addEventListener("beforeprint", () => update());

  /* ---------- scrolling tables ---------- */
  /* A table wider than the screen scrolls inside its box: the box takes keyboard focus
     so it can be scrolled without a mouse (WCAG 2.1.1, axe scrollable-region-focusable),
     named after the table's caption. Only boxes that really scroll become tab stops. */
  function scrollRegions() {
    $$(document, ".md-typeset :is(.md-typeset__scrollwrap, .rutin-table-wrap)").forEach((box, n) => {
      if (box.scrollWidth > box.clientWidth + 1) {
        // Named by its caption (unique on our pages), else by its place on the page.
        const caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : `Tabell ${n + 1}`);
      } else if (box.getAttribute("role") === "region") {
        for (const a of ["tabindex", "role", "aria-label"]) box.removeAttribute(a);
      }
    });
  }
  window.addEventListener("resize", scrollRegions);

  /* ---------- features ---------- */
  /* Idempotent; runs again after each instant navigation. */
  function init() {
    scrollRegions();
    const features = window.rutinFeatures || {};
    for (const sel in features)
      for (const n of $$(document, `${sel}:not([data-rutin-ready])`)) {
        n.setAttribute("data-rutin-ready", "");
        try { features[sel](n, helpers); } catch (e) { console.error("rutin:", e); }
      }
    update();
  }
  // A feature script that loads after this one (instant navigation inserts the new
  // page's scripts, which may finish after document$) calls it itself.
  window.rutinInit = init;
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
