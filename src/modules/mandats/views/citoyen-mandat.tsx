import { formaterDate } from '../../../platform/formats/dates.ts';
import { type EtatFormulaire, valeur } from '../../../ui/formulaire.tsx';
import type { MandatDuFormulaire } from '../liens.ts';

// The mandate a form acts under (issue 14 point 5): a hidden field and the line that says it, with the reason it is
// refused (linked to the field: the error summary's "#mandat" lands on it). Used by the request log, the desk booking
// and the case form.

const JOUR: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/** "Sous le mandat M-… de Prénom Nom, valable jusqu’au …", the hidden field, and its error. */
export function ChampMandat({
  mandat,
  etat,
  fuseau = 'Europe/Paris',
  sansMandat,
}: {
  mandat: MandatDuFormulaire | null;
  etat: EtatFormulaire;
  fuseau?: string;
  /** Where to go to act without this mandate (the same form without it). */
  sansMandat?: string;
}) {
  const saisi = valeur(etat, 'mandat') || mandat?.id || '';
  const erreur = etat.erreurs.mandat ?? mandat?.refus ?? undefined;
  if (!saisi) return null;
  return (
    <div class={`fr-input-group${erreur ? ' fr-input-group--error' : ''}`}>
      <input type="hidden" name="mandat" value={saisi} />
      <div
        class={`fr-callout${erreur ? '' : ' fr-callout--green-emeraude'} fr-mb-1w`}
        id="mandat"
        tabIndex={-1}
        aria-describedby="mandat-messages"
      >
        <p class="fr-callout__text fr-text--md">
          {mandat ? (
            <>
              Sous le mandat {mandat.reference} de{' '}
              <bdi>
                {mandat.citoyen.prenom} {mandat.citoyen.nom}
              </bdi>
              {mandat.fin ? <>, valable jusqu’au {formaterDate(mandat.fin, fuseau, JOUR)}</> : null}.
            </>
          ) : (
            'Démarche au nom d’une personne, sous mandat.'
          )}
        </p>
        {sansMandat && (
          <p class="fr-text--sm fr-mb-0">
            <a class="fr-link fr-link--sm" href={sansMandat}>
              Agir sans ce mandat
            </a>
          </p>
        )}
      </div>
      <div class="fr-messages-group" id="mandat-messages" aria-live="polite">
        {erreur && (
          <p class="fr-message fr-message--error" id="mandat-erreur">
            {erreur}
          </p>
        )}
      </div>
    </div>
  );
}
