// Progressive enhancement of the search results: a MapLibre map beside the list, which stays the primary view.
// Without JavaScript, or when the map cannot load (no WebGL, tiles unreachable), nothing but the list is shown.
/* global maplibregl */
(() => {
  const conteneur = document.querySelector('[data-carte]');
  if (!conteneur || typeof maplibregl === 'undefined') return;
  let points;
  try {
    points = JSON.parse(conteneur.getAttribute('data-points') || '[]');
  } catch {
    return;
  }
  if (points.length === 0) return;
  try {
    maplibregl.setWorkerUrl(conteneur.getAttribute('data-worker'));
    const carte = new maplibregl.Map({
      container: conteneur,
      style: conteneur.getAttribute('data-style'),
      bounds: points.reduce(
        (b, p) => b.extend([p.lon, p.lat]),
        new maplibregl.LngLatBounds([points[0].lon, points[0].lat], [points[0].lon, points[0].lat]),
      ),
      fitBoundsOptions: { padding: 40, maxZoom: 13 },
      cooperativeGestures: true,
    });
    carte.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    for (const p of points) {
      const lien = document.createElement('a');
      lien.href = p.url;
      lien.textContent = p.nom;
      new maplibregl.Marker({ color: p.centre ? '#e1000f' : '#000091' })
        .setLngLat([p.lon, p.lat])
        .setPopup(p.centre ? null : new maplibregl.Popup({ offset: 24 }).setDOMContent(lien))
        .addTo(carte);
    }
    conteneur.classList.add('guichet-carte--active');
  } catch {
    // No WebGL or another failure: the list alone is the page.
  }
})();
