// Character counter of a bounded text area (the contact form's message): "1 234 / 2 000 caractères" under the field.
// Progressive enhancement only: without it the maxlength attribute and the server's check still bound the text.
(() => {
  for (const zone of document.querySelectorAll('textarea[data-compteur][maxlength]')) {
    const compteur = document.getElementById(zone.dataset.compteur);
    if (!compteur) continue;
    const max = Number(zone.getAttribute('maxlength'));
    const nombre = new Intl.NumberFormat('fr-FR');
    const mettreAJour = () => {
      // Line breaks count one character, as the server counts them.
      const n = zone.value.replace(/\r\n?/g, '\n').length;
      compteur.textContent = `${nombre.format(n)} / ${nombre.format(max)} caractères`;
    };
    compteur.hidden = false;
    mettreAJour();
    zone.addEventListener('input', mettreAJour);
  }
})();
