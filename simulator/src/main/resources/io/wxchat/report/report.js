(function () {
  var only = document.getElementById('only-problems');
  if (only) {
    only.addEventListener('change', function () { document.body.classList.toggle('only-problems', only.checked); });
  }
  var timelines = document.querySelectorAll('details.timeline');
  var toggle = document.getElementById('toggle-timelines');
  if (toggle) {
    toggle.addEventListener('click', function () {
      var open = Array.prototype.some.call(timelines, function (d) { return !d.open; });
      timelines.forEach(function (d) { d.open = open; });
      toggle.textContent = open ? 'Collapse all timelines' : 'Expand all timelines';
    });
  }
  function reveal() {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) { target.querySelectorAll('details.timeline').forEach(function (d) { d.open = true; }); }
  }
  window.addEventListener('hashchange', reveal);
  reveal();
})();
