// The site's day board (/sites/:id/journee): reloads the queue, the visits in progress and the appointments every
// 15 seconds, in place. Progressive enhancement only: without it the page works the same with its "Rafraîchir" link.
// The polite live region is rewritten only when its text changes, so a screen reader hears changes, not the clock.
(() => {
  const direct = document.querySelector('[data-journee-direct]');
  const etat = document.getElementById('journee-etat');
  const heure = document.getElementById('journee-heure');
  if (!direct || !etat || !window.fetch || !window.DOMParser) return;
  const PERIODE = 15000;
  const rafraichir = async () => {
    // Never move what the agent is about to click, nor work for a hidden tab.
    if (document.hidden || direct.contains(document.activeElement)) return;
    try {
      const reponse = await fetch(window.location.pathname, {
        credentials: 'same-origin',
        headers: { accept: 'text/html' },
      });
      if (!reponse.ok || reponse.redirected) return;
      const page = new DOMParser().parseFromString(await reponse.text(), 'text/html');
      const nouveau = page.querySelector('[data-journee-direct]');
      const nouvelEtat = page.getElementById('journee-etat');
      const nouvelleHeure = page.getElementById('journee-heure');
      if (!nouveau || direct.contains(document.activeElement)) return;
      direct.replaceChildren(...[...nouveau.childNodes].map((n) => document.importNode(n, true)));
      if (nouvelEtat && nouvelEtat.textContent !== etat.textContent) etat.textContent = nouvelEtat.textContent;
      if (nouvelleHeure && heure) heure.textContent = nouvelleHeure.textContent;
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  };
  window.setInterval(rafraichir, PERIODE);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) rafraichir();
  });
})();
