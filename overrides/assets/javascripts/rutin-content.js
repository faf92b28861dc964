/* Material's inline content script (partials/javascripts/content.html), as a file for the
   Content-Security-Policy: a URL fragment naming a content tab's input opens that tab. */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
