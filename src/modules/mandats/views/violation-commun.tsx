import { formaterDate } from '../../../platform/formats/dates.ts';
import { type EtatFormulaire, valeur } from '../../../ui/formulaire.tsx';
import { Badge } from '../../../ui/tableau.tsx';
import { LIBELLES_STATUTS_VIOLATION, type StatutViolation } from '../violations-validation.ts';

// What the pages of the breach register share: the status badge, dates on the level's clock, texts as written, and
// the required text area of its forms.

const TYPES_STATUT: Record<StatutViolation, 'error' | 'success' | 'info' | 'warning'> = {
  ouverte: 'error',
  notifiee: 'success',
  non_notifiee: 'info',
  close: 'warning',
};

/** The status of an entry, in words and colour. */
export const BadgeStatutViolation = ({ statut }: { statut: StatutViolation }) => (
  <Badge type={TYPES_STATUT[statut]}>{LIBELLES_STATUTS_VIOLATION[statut]}</Badge>
);

/** "03/12/2026 14:05", on the level's clock. */
export function dateCourte(instant: Date, fuseau: string): string {
  return formaterDate(instant, fuseau, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "2026-12-03T14:05": an instant as a datetime-local field shows it, on the level's clock. */
export function valeurDateHeure(instant: Date | null, fuseau: string): string {
  if (!instant) return '';
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: fuseau,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A text as written: each line on its own line; "[à compléter]" or a dash when empty. */
export function TexteMultiligne({ texte, vide = '—' }: { texte: string | null; vide?: string }) {
  if (!texte) return <p class="fr-mb-1w">{vide}</p>;
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

/** A DSFR text area, required or not, its hint and error linked by aria-describedby. */
export function ZoneTexteViolation({
  nom,
  libelle,
  aide,
  etat,
  max,
  requis = true,
  lignes = 4,
}: {
  nom: string;
  libelle: string;
  aide?: string;
  etat: EtatFormulaire;
  max: number;
  requis?: boolean;
  lignes?: number;
}) {
  const erreur = etat.erreurs[nom];
  return (
    <div class={`fr-input-group${erreur ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={nom}>
        {libelle}
        {!requis && ' (facultatif)'}
        <span class="fr-hint-text">
          {aide ? `${aide} ` : ''}
          {max.toLocaleString('fr-FR')} caractères au plus.
        </span>
      </label>
      <textarea
        class={`fr-input${erreur ? ' fr-input--error' : ''}`}
        id={nom}
        name={nom}
        rows={lignes}
        maxLength={max}
        required={requis}
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
