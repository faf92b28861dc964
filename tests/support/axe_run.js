/* axe-core on the whole page, its color-contrast rule once per kind of text.

   color-contrast costs about a millisecond per text element (the background stack of
   each), so a page of long tables took seconds while every cell is styled alike. Text
   elements are grouped by what decides their contrast: for the element and every
   ancestor its tag and computed colours, backgrounds, opacity, filters, blending,
   shadows, font size and weight, display, visibility, position and overflow, the
   ::before/::after that have content, and what axe treats apart (text of one
   character). One element of each group is checked; a group whose checked element axe
   cannot decide (hidden, off screen, overlapped, too short…) has all its other shown
   elements checked. Every other rule runs on the whole page as before.

   Loaded after axe (add_init_script or evaluate); defines window.rutinAxe(options) →
   axe's violations, without element references. */
(function () {
  "use strict";

  const STYLE = ["color", "background-color", "background-image", "background-clip",
    "background-blend-mode", "opacity", "mix-blend-mode", "filter", "backdrop-filter",
    "text-shadow", "-webkit-text-stroke-width", "-webkit-text-fill-color", "font-size",
    "font-weight", "visibility", "display", "position", "z-index", "overflow",
    "clip-path", "mask-image", "text-indent", "content-visibility"];
  const CONTROLS = "input, select, textarea, button";

  function styleKey(style) {
    return STYLE.map((name) => style.getPropertyValue(name)).join("|");
  }

  function ownKey(element) {
    let key = element.tagName + ":" + styleKey(getComputedStyle(element));
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      if (style.content !== "none" && style.content !== "normal") {
        key += pseudo + styleKey(style);
      }
    }
    if (element.matches("details:not([open])")) {
      key += "|closed"; // its content is not rendered, whatever its own styles say
    }
    return key;
  }

  /* Text elements (a text node of their own, or a form control) by group. */
  function textGroups() {
    const ids = new Map();
    const chainOf = new Map();
    const chain = (element) => {
      if (!element) {
        return -1;
      }
      let id = chainOf.get(element);
      if (id === undefined) {
        const key = chain(element.parentElement) + ">" + ownKey(element);
        id = ids.get(key);
        if (id === undefined) {
          id = ids.size;
          ids.set(key, id);
        }
        chainOf.set(element, id);
      }
      return id;
    };
    const groups = new Map();
    for (const element of document.body.querySelectorAll("*")) {
      const texts = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE && node.data.trim())
        .map((node) => node.data.trim());
      if (!texts.length && !element.matches(CONTROLS)) {
        continue;
      }
      const short = texts.join("").length === 1 ? "|1" : "";
      const key = chain(element) + short;
      if (!groups.has(key)) {
        groups.set(key, []);
      }
      groups.get(key).push(element);
    }
    return [...groups.values()];
  }

  // Element references cannot leave the page; tests/test_axe_run.py keeps them in it.
  const withoutElements = (violations) => window.__rutinKeepElements ? violations : violations.map((rule) => ({
    ...rule,
    nodes: rule.nodes.map(({ element, ...node }) => node),
  }));

  window.rutinAxe = async function (options) {
    const whole = await axe.run(document, {
      ...options,
      rules: { ...(options.rules || {}), "color-contrast": { enabled: false } },
    });
    const contrast = { runOnly: { type: "rule", values: ["color-contrast"] }, elementRef: true };
    const groups = textGroups();
    if (!groups.length) {
      return withoutElements(whole.violations);
    }
    const first = await axe.run({ include: groups.map((group) => group[0]) }, contrast);
    const decided = new Set([...first.violations, ...first.passes]
      .flatMap((rule) => rule.nodes.map((node) => node.element)));
    // The rest of a group whose first element axe did not decide; not what is not
    // rendered at all (axe checks only text that is shown: a closed <details>' content).
    const undecided = groups.filter((group) => !decided.has(group[0]))
      .flatMap((group) => group.slice(1))
      .filter((element) => element.checkVisibility({ visibilityProperty: true }) &&
        element.getClientRects().length);
    const rest = undecided.length ?
      (await axe.run({ include: undecided }, contrast)).violations : [];
    return withoutElements([...whole.violations, ...first.violations, ...rest]);
  };
  window.rutinAxe.textGroups = textGroups; // for the test that compares it with axe alone
})();
