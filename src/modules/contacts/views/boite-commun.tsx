import { formaterDate, formateur } from '../../../platform/formats/dates.ts';
import { type EtatFormulaire, valeur } from '../../../ui/formulaire.tsx';
import type { EtatDelai } from '../service-boite.ts';

// What the inbox, a request's page and the person's thread page share: dates on the site's clock, the time left,
// texts with their line breaks, and a required text area.

/** "mardi 12 janvier 2027 à 16:00", on the site's clock. */
export function dateEtHeure(instant: Date, fuseau: string): string {
  const jour = formaterDate(instant, fuseau, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return `${jour} à ${formateur(fuseau, { hour: '2-digit', minute: '2-digit' }).format(instant)}`;
}

/** "12/01/2027 16:00", on the site's clock (tables). */
export function dateCourte(instant: Date, fuseau: string): string {
  return formaterDate(instant, fuseau, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Working hours as "51 h 05" (minutes rounded down); "moins d’une minute" below one. */
export function enHeures(heures: number): string {
  const minutes = Math.floor(heures * 60);
  if (minutes < 1) return 'moins d’une minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return `${h} h ${String(m).padStart(2, '0')}`;
}

/** The clock's state in words (hours are working hours of the site, ADR 0028). */
export function texteDelai(d: EtatDelai, fuseau: string): string {
  switch (d.etat) {
    case 'restant':
      return `Reste ${enHeures(d.heures)}`;
    case 'retard':
      return `En retard de ${enHeures(d.heures)}`;
    case 'repondue':
      return `Répondue le ${dateCourte(d.le, fuseau)}`;
    case 'close':
      return 'Close';
    default:
      return 'Aucune échéance';
  }
}

export const LIBELLES_CANAL: Record<'formulaire' | 'courriel', string> = {
  formulaire: 'Formulaire du site',
  courriel: 'Courriel',
};

export const LIBELLES_STATUT: Record<'nouvelle' | 'en_cours' | 'repondue' | 'close', string> = {
  nouvelle: 'Nouvelle',
  en_cours: 'En cours',
  repondue: 'Répondue',
  close: 'Close',
};

/** A text as written: each line on its own line (no inline style: the CSP forbids them). */
export function TexteMultiligne({ texte }: { texte: string | null }) {
  if (!texte) return <p class="fr-text--sm">(texte effacé)</p>;
  return (
    <div>
      {texte.split(/\n{2,}/).map((paragraphe, i) => (
        <p key={i} class="fr-mb-1w">
          {paragraphe.split('\n').flatMap((ligne, j) => (j === 0 ? [ligne] : [<br key={j} />, ligne]))}
        </p>
      ))}
    </div>
  );
}

/** A required DSFR text area, its hint and error linked by aria-describedby. */
export function ZoneTexteRequise({
  nom,
  libelle,
  aide,
  etat,
  longueurMax,
  lignes = 6,
}: {
  nom: string;
  libelle: string;
  aide?: string;
  etat: EtatFormulaire;
  longueurMax: number;
  lignes?: number;
}) {
  const erreur = etat.erreurs[nom];
  return (
    <div class={`fr-input-group${erreur ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={nom}>
        {libelle}
        {aide && <span class="fr-hint-text">{aide}</span>}
      </label>
      <textarea
        class={`fr-input${erreur ? ' fr-input--error' : ''}`}
        id={nom}
        name={nom}
        rows={lignes}
        maxLength={longueurMax}
        required
        aria-invalid={erreur ? 'true' : undefined}
        aria-describedby={`${nom}-messages`}
      >
        {valeur(etat, nom)}
      </textarea>
      <div class="fr-messages-group" id={`${nom}-messages`} aria-live="polite">
        {erreur && (
          <p class="fr-message fr-message--error" id={`${nom}-erreur`}>
            {erreur}
          </p>
        )}
      </div>
    </div>
  );
}
