// Quick entry of a request: shows, under the situation field, the partner that will be recorded when none is ticked.
// Progressive enhancement only: the form works the same without it.
(() => {
  const champ = document.getElementById('situation');
  const liste = document.getElementById('situations-connues');
  const info = document.querySelector('.guichet-situation-partenaires');
  if (!champ || !liste || !info) return;
  const normaliser = (s) =>
    s
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const options = [...liste.options].map((o) => ({
    nom: o.value,
    cle: normaliser(o.value),
    partenaires: o.dataset.partenaires,
  }));
  const mettreAJour = () => {
    const mots = normaliser(champ.value).split(' ').filter(Boolean);
    const trouvees = mots.length ? options.filter((o) => mots.every((m) => o.cle.includes(m))) : [];
    const exacte = options.find((o) => o.cle === normaliser(champ.value));
    const choisie = exacte ?? (trouvees.length === 1 ? trouvees[0] : undefined);
    if (choisie) {
      info.textContent = `${choisie.nom} — partenaire habituel : ${choisie.partenaires.split(', ')[0] || 'à choisir'}`;
      info.hidden = false;
    } else if (trouvees.length > 1) {
      info.textContent = `${trouvees.length} situations correspondent : précisez.`;
      info.hidden = false;
    } else {
      info.hidden = true;
    }
  };
  champ.addEventListener('input', mettreAJour);
  mettreAJour();
})();
