import { dateLocale } from '../../horaires/index.ts';
import { heure, jourLong } from './commun.tsx';

// What the desk's pages (and the citizen's move page) share: statuses in French, and the next free slots grouped by
// day, either as links (one click books) or as radio buttons inside a form (a move, a slot taken meanwhile).

export const LIBELLES_STATUTS: Record<string, string> = {
  reserve: 'Réservé',
  arrive: 'Arrivé',
  vu: 'Reçu',
  absent: 'Absent',
  annule_usager: 'Annulé par la personne',
  annule_site: 'Annulé par le lieu',
};

const BADGES: Record<string, string> = {
  reserve: 'fr-badge--info',
  arrive: 'fr-badge--new',
  vu: 'fr-badge--success',
  absent: 'fr-badge--warning',
  annule_usager: '',
  annule_site: 'fr-badge--error',
};

/** A status as a DSFR badge. */
export function BadgeStatut({ statut }: { statut: string }) {
  return (
    <p class={`fr-badge fr-badge--sm fr-badge--no-icon ${BADGES[statut] ?? ''}`}>
      {LIBELLES_STATUTS[statut] ?? statut}
    </p>
  );
}

export interface CreneauLibre {
  debut: Date;
  fin: Date;
}

/** Slots by civil day of the site, in order. */
function parJour(creneaux: CreneauLibre[], fuseau: string): Array<{ date: string; creneaux: CreneauLibre[] }> {
  const jours: Array<{ date: string; creneaux: CreneauLibre[] }> = [];
  for (const c of creneaux) {
    const date = dateLocale(c.debut, fuseau);
    const dernier = jours[jours.length - 1];
    if (dernier?.date === date) dernier.creneaux.push(c);
    else jours.push({ date, creneaux: [c] });
  }
  return jours;
}

/** The slots as links (`lien(c)` gives each one's address): a click chooses. */
export function LiensCreneaux({
  creneaux,
  fuseau,
  lien,
}: {
  creneaux: CreneauLibre[];
  fuseau: string;
  lien: (c: CreneauLibre) => string;
}) {
  return (
    <>
      {parJour(creneaux, fuseau).map((j) => (
        <section key={j.date} class="fr-mb-2w">
          <h2 class="fr-h6 fr-mb-1w">{jourLong(j.date)}</h2>
          <ul class="fr-tags-group">
            {j.creneaux.map((c) => (
              <li key={c.debut.toISOString()}>
                <a class="fr-tag" href={lien(c)} aria-label={`${jourLong(j.date)} à ${heure(c.debut, fuseau)}`}>
                  {heure(c.debut, fuseau)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** The slots as radio buttons named `debut`, in a fieldset with its legend and error. */
export function RadiosCreneaux({
  creneaux,
  fuseau,
  legende,
  erreur,
}: {
  creneaux: CreneauLibre[];
  fuseau: string;
  legende: string;
  erreur?: string;
}) {
  return (
    <fieldset
      class={`fr-fieldset${erreur ? ' fr-fieldset--error' : ''}`}
      id="debut"
      aria-labelledby="debut-legende debut-messages"
    >
      <legend class="fr-fieldset__legend" id="debut-legende">
        {legende}
      </legend>
      {creneaux.length === 0 && (
        <p class="fr-fieldset__element">Aucun créneau n’est libre dans les semaines à venir.</p>
      )}
      {parJour(creneaux, fuseau).map((j) => (
        <fieldset class="fr-fieldset__element fr-fieldset" key={j.date} aria-labelledby={`jour-${j.date}`}>
          <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`jour-${j.date}`}>
            {jourLong(j.date)}
          </legend>
          {j.creneaux.map((c) => (
            <div class="fr-fieldset__element fr-fieldset__element--inline" key={c.debut.toISOString()}>
              <div class="fr-radio-group">
                <input type="radio" id={`debut-${c.debut.getTime()}`} name="debut" value={c.debut.toISOString()} />
                <label class="fr-label" for={`debut-${c.debut.getTime()}`}>
                  {heure(c.debut, fuseau)}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      ))}
      <div class="fr-messages-group" id="debut-messages" aria-live="polite">
        {erreur && <p class="fr-message fr-message--error">{erreur}</p>}
      </div>
    </fieldset>
  );
}

/** "Voir plus tard": the next page of slots, from the last one shown. */
export function LienPlusTard({ base, suite }: { base: string; suite: Date | null }) {
  if (!suite) return null;
  const separateur = base.includes('?') ? '&' : '?';
  return (
    <p>
      <a
        class="fr-link fr-icon-arrow-right-line fr-link--icon-right"
        href={`${base}${separateur}apres=${encodeURIComponent(suite.toISOString())}`}
      >
        Voir plus tard
      </a>
    </p>
  );
}
