// Progressive enhancement of the search results: a MapLibre map beside the list, which stays the primary view.
// Without JavaScript, or when the map cannot load (no WebGL, style or tiles unreachable), nothing but the list is shown.
// The map is created only once its container is shown and sized (MapLibre measures it at creation), then fitted to the
// results; `data-carte-etat` tells what happened ("chargee" or "retiree"), for people debugging and for the tests.
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
  /** Longest wait for the style and the first tiles before the list alone is kept. */
  const DELAI_MS = 15_000;
  let carte;
  let retiree = false;

  const retirer = () => {
    if (retiree) return;
    retiree = true;
    try {
      carte?.remove();
    } catch {}
    conteneur.classList.remove('guichet-carte--active');
    conteneur.replaceChildren();
    conteneur.hidden = true;
    conteneur.setAttribute('data-carte-etat', 'retiree');
  };

  const creer = () => {
    const limites = points.reduce(
      (b, p) => b.extend([p.lon, p.lat]),
      new maplibregl.LngLatBounds([points[0].lon, points[0].lat], [points[0].lon, points[0].lat]),
    );
    maplibregl.setWorkerUrl(conteneur.getAttribute('data-worker'));
    carte = new maplibregl.Map({
      container: conteneur,
      style: conteneur.getAttribute('data-style'),
      bounds: limites,
      fitBoundsOptions: { padding: 40, maxZoom: 13 },
      cooperativeGestures: true,
    });
    const attente = setTimeout(retirer, DELAI_MS);
    let tuileChargee = false;
    carte.on('error', () => {
      // Before the map and one tile are there, any failure (style, sprite, tiles) means no usable map.
      if (!carte.loaded() || !tuileChargee) retirer();
    });
    carte.on('data', (e) => {
      if (e.dataType === 'source' && e.tile) tuileChargee = true;
    });
    carte.once('load', () => {
      if (retiree) return;
      clearTimeout(attente);
      carte.resize();
      carte.fitBounds(limites, { padding: 40, maxZoom: 13, animate: false });
      // A style without tiled sources (a plain background) has nothing more to wait for.
      const tuiles = Object.values(carte.getStyle().sources || {}).some((s) => s.type !== 'geojson');
      if (!tuiles) tuileChargee = true;
      conteneur.setAttribute('data-carte-etat', 'chargee');
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
  };

  // Shown first, so that the container has its size when MapLibre measures it.
  conteneur.classList.add('guichet-carte--active');
  const demarrer = () => {
    try {
      creer();
    } catch {
      // No WebGL or another failure: the list alone is the page.
      retirer();
    }
  };
  if (conteneur.clientWidth > 0 && conteneur.clientHeight > 0) demarrer();
  else {
    // Hidden by a stylesheet or a collapsed parent: wait until it has a size.
    const observateur = new ResizeObserver(() => {
      if (conteneur.clientWidth > 0 && conteneur.clientHeight > 0) {
        observateur.disconnect();
        demarrer();
      }
    });
    observateur.observe(conteneur);
  }
})();
