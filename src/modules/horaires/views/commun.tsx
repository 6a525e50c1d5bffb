import type { ComponentChildren } from 'preact';
import { type EtatFormulaire, valeur } from '../../../ui/formulaire.tsx';
import { JOURS } from '../calcul.ts';
import type { Semaine } from '../service.ts';
import { NOMS_JOURS } from '../validation.ts';

/** The messages group under a field (error linked by aria-describedby), as the shared form components write it. */
export function Messages({ id, erreur }: { id: string; erreur: string | undefined }) {
  return (
    <div class="fr-messages-group" id={`${id}-messages`} aria-live="polite">
      {erreur && (
        <p class="fr-message fr-message--error" id={`${id}-erreur`}>
          {erreur}
        </p>
      )}
    </div>
  );
}

/** A DSFR time input (HH:MM) with its label and error. */
export function ChampHeure({ nom, libelle, etat }: { nom: string; libelle: string; etat: EtatFormulaire }) {
  const erreur = etat.erreurs[nom];
  return (
    <div class={`fr-input-group${erreur ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={nom}>
        {libelle}
      </label>
      <input
        class={`fr-input${erreur ? ' fr-input--error' : ''}`}
        id={nom}
        name={nom}
        type="time"
        value={valeur(etat, nom)}
        aria-invalid={erreur ? 'true' : undefined}
        aria-describedby={`${nom}-messages`}
      />
      <Messages id={nom} erreur={erreur} />
    </div>
  );
}

/** 37.5 → "37,5". */
export const nombre = (n: number) => String(n).replace('.', ',');

/** "2026-12-24" → "24/12/2026". */
export function dateFr(iso: string): string {
  const [a, m, j] = iso.split('-');
  return `${j}/${m}/${a}`;
}

/** The typical week (hours per weekday, total) and, below the charter's 24 h over 5 days, a warning. */
export function ResumeSemaine({
  titre,
  semaine,
  children,
}: {
  titre: string;
  semaine: Semaine | null;
  children?: ComponentChildren;
}) {
  if (!semaine) {
    return (
      <div class="fr-callout fr-mb-4w">
        <h2 class="fr-callout__title fr-h5">{titre}</h2>
        <p class="fr-callout__text">Aucun horaire n’est encore enregistré.</p>
      </div>
    );
  }
  if (!semaine.ok) {
    return (
      <div class="fr-alert fr-alert--error fr-mb-4w">
        <h2 class="fr-alert__title">Les horaires enregistrés ne sont pas valides</h2>
        <p>{semaine.message}</p>
      </div>
    );
  }
  const { semaine: s, conformite } = semaine;
  return (
    <div class="fr-mb-4w">
      <div class="fr-callout">
        <h2 class="fr-callout__title fr-h5">{titre}</h2>
        <p class="fr-callout__text" id="semaine-type">
          {nombre(s.heures)} h d’ouverture par semaine, sur {nombre(s.jours)} jour{s.jours > 1 ? 's' : ''}.
        </p>
        <p class="fr-text--sm">
          {JOURS.map((j) => `${NOMS_JOURS[j]} : ${s.parJour[j] > 0 ? `${nombre(s.parJour[j])} h` : 'fermé'}`).join(
            ' · ',
          )}
        </p>
        {children}
      </div>
      {!conformite.conforme && (
        <div class="fr-alert fr-alert--warning fr-mt-2w" id="alerte-charte">
          <h2 class="fr-alert__title">En dessous du minimum de la charte France services (24 h sur 5 jours)</h2>
          {conformite.motifs.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
    </div>
  );
}
