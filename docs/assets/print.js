/* Printing: the print date and the footer on every printed page.
 *
 * The footer (footer.rutin-print-footer, see scripts/rutin/MARKUP.md) is built at build
 * time. This script
 *   1. writes the print date into .rutin-print-date ("Utskriven 2026-11-25 14:03"),
 *      at load, after instant navigation and on `beforeprint`;
 *   2. copies the footer into the page margin (@page margin boxes: text, page number,
 *      QR code as an image), so it sits below the content on every printed page and
 *      can never cover a step. Without JavaScript print.css shows the footer itself
 *      (fixed at the bottom of every page) with the build date.
 * `rutin pdf` calls window.rutinPrint.update("PDF skapad") before rendering.
 */
(function () {
  "use strict";

  var STYLE_ID = "rutin-print-page";
  var dateLabel = "utskriven"; // `rutin pdf` switches it to "PDF skapad" (sticky: beforeprint follows)

  function cssString(text) {
    return '"' + String(text)
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')
      .replace(/\s+/g, " ")
      .trim() + '"';
  }

  function now() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) +
      " " + two(d.getHours()) + ":" + two(d.getMinutes());
  }

  function lineOf(footer, selector) {
    var el = footer.querySelector(selector);
    return el ? el.textContent : "";
  }

  function textWithout(el, selector) {
    if (!el) return "";
    var copy = el.cloneNode(true);
    copy.querySelectorAll(selector).forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/[\s·]+$/, "");
  }

  /* Links to other sites get their address printed (print.css); links within the site
     do not. Decided here because Material's instant navigation makes every href absolute. */
  function markExternalLinks() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var external = false;
      try {
        var url = new URL(a.getAttribute("href"), location.href);
        external = /^https?:$/.test(url.protocol) && url.origin !== location.origin;
      } catch (e) { external = false; }
      a.classList.toggle("rutin-external", external);
    });
  }

  function update(label) {
    markExternalLinks();
    var footer = document.querySelector("footer.rutin-print-footer");
    var old = document.getElementById(STYLE_ID);
    if (!footer) {
      if (old) old.remove();
      document.documentElement.classList.remove("rutin-print-margin");
      return;
    }
    if (label) dateLabel = label;
    var date = dateLabel + " " + now();
    footer.querySelectorAll(".rutin-print-date").forEach(function (el) {
      el.textContent = date;
    });
    var left = cssString(lineOf(footer, ".rutin-print-title")) + ' "\\A " ' +
      cssString(textWithout(footer.querySelector(".rutin-print-meta"), ".rutin-print-date")) +
      ' " · sida " counter(page) " av " counter(pages) "\\A " ' +
      cssString(lineOf(footer, ".rutin-print-url"));
    var center = cssString(date.charAt(0).toUpperCase() + date.slice(1) + ".") + ' "\\A " ' +
      cssString(lineOf(footer, ".rutin-print-outdated"));
    var css = "@media print { @page { @bottom-left { content: " + left + "; }" +
      " @bottom-center { content: " + center + "; }";
    var svg = footer.querySelector(".rutin-print-qr svg");
    if (svg) {
      var source = svg.outerHTML;
      if (source.indexOf("xmlns=") < 0) {
        source = source.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
      }
      css += " @bottom-right { content: url(" +
        cssString("data:image/svg+xml;charset=utf-8," + encodeURIComponent(source)) + "); }";
    }
    css += " } }";
    var style = old || document.createElement("style");
    style.id = STYLE_ID;
    style.textContent = css;
    if (!old) document.head.appendChild(style);
    document.documentElement.classList.add("rutin-print-margin");
  }

  window.rutinPrint = { update: update };
  window.addEventListener("beforeprint", function () { update(); });
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    // Material's instant navigation swaps the page without a reload.
    window.document$.subscribe(function () { update(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { update(); });
  } else {
    update();
  }
})();
