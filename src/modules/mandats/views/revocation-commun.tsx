import { CadreTableau } from '../../../ui/tableau.tsx';
import type { ActionCitoyen } from '../actions-citoyen.ts';
import type { VueMandat } from '../service-revocation.ts';

// What the revocation pages share: the mandate's summary and the list of actions done in the person's name.

/** Reference, structure, scope and end; `nom`: what names the person (their first name on citizen pages). */
export function ResumeMandat({ m, nom }: { m: VueMandat; nom: string }) {
  return (
    <dl class="fr-mb-4w">
      <dt class="fr-text--bold">Référence</dt>
      <dd>{m.reference}</dd>
      <dt class="fr-text--bold">Mandant</dt>
      <dd>
        <bdi>{nom}</bdi>
      </dd>
      <dt class="fr-text--bold">Structure France services (mandataire)</dt>
      <dd>
        {m.structure}
        {m.site !== m.structure && `, ${m.site}`}
      </dd>
      <dt class="fr-text--bold">Démarches couvertes</dt>
      <dd>
        {m.perimetre.length === 0 ? (
          'Aucune démarche enregistrée.'
        ) : (
          <ul>
            {m.perimetre.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </dd>
      {m.fin && (
        <>
          <dt class="fr-text--bold">Fin prévue</dt>
          <dd>{m.fin}</dd>
        </>
      )}
    </dl>
  );
}

/** The actions done in the person's name: when, what (in their words), where; never who. */
export function ListeActions({ actions }: { actions: ActionCitoyen[] }) {
  if (actions.length === 0) return <p>Aucune action n’a été enregistrée au titre de ce mandat.</p>;
  return (
    <CadreTableau
      legende="Actions faites au titre du mandat"
      entetes={['Date et heure', 'Action', 'Lieu']}
      legendeMasquee
      classe="fr-mt-1w"
      defilable
    >
      {actions.map((a) => (
        <tr key={a.numero}>
          <td>{a.quand}</td>
          <td>{a.libelle}</td>
          <td>{a.site}</td>
        </tr>
      ))}
    </CadreTableau>
  );
}

/** What revoking means, said before the button. */
export function ConsequencesRevocation() {
  return (
    <div class="fr-callout fr-mb-4w">
      <h2 class="fr-callout__title fr-h6">Ce que signifie la révocation</h2>
      <ul class="fr-callout__text fr-text--md">
        <li>Elle prend effet immédiatement et ne peut pas être annulée.</li>
        <li>Plus aucune démarche ne pourra être faite au nom de la personne sur le fondement de ce mandat.</li>
        <li>Les démarches déjà faites restent valables.</li>
        <li>Pour être de nouveau accompagnée, la personne pourra signer un nouveau mandat au guichet.</li>
      </ul>
    </div>
  );
}
