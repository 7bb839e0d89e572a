/* global document, window, L */
// Draws the sales points of the page on a Leaflet map (our own copy of Leaflet, tiles from the
// configured URL). The list and every link work without it: without JavaScript, without a tile
// URL, or offline the map container simply stays hidden.
(function () {
  var container = document.getElementById('points-map');
  var data = document.getElementById('points-map-data');
  if (!container || !data || !window.L || !container.dataset.tileUrl) return;
  var points = JSON.parse(data.textContent || '[]');
  if (points.length === 0) return;
  container.hidden = false;
  var map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(container.dataset.tileUrl, { attribution: container.dataset.attribution || '', maxZoom: 19 }).addTo(map);
  var bounds = [];
  points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lng], { title: point.name, alt: point.name }).addTo(map);
    var link = document.createElement('a');
    link.href = point.href;
    link.textContent = point.name;
    marker.bindPopup(link);
    bounds.push([point.lat, point.lng]);
  });
  if (bounds.length === 1) map.setView(bounds[0], 15);
  else map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
})();
