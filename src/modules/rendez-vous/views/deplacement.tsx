import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { RendezVousUsager } from '../service-usager.ts';
import { dateEtHeure, LIBELLES_CANAUX, MentionFuseau } from './commun.tsx';
import { type CreneauLibre, LienPlusTard, RadiosCreneaux } from './guichet-creneaux.tsx';

/**
 * What the citizen's link opens with `?horaire=autre`: the next free slots of the same motif as radio buttons and one
 * button (no JavaScript). The link stays valid after the move, until the new start.
 */
export function PageAutreHoraire({
  ctx,
  rdv,
  jeton,
  creneaux,
  suite,
  erreur,
}: {
  ctx: ContextePage;
  rdv: RendezVousUsager;
  jeton: string;
  creneaux: CreneauLibre[];
  suite: Date | null;
  erreur?: string;
}) {
  const fuseau = rdv.site.fuseauHoraire;
  const annule = rdv.statut === 'annule_usager' || rdv.statut === 'annule_site';
  const possible = rdv.statut === 'reserve' && rdv.debut.getTime() > Date.now() && rdv.reservableEnLigne;
  const titre = 'Choisir un autre horaire';
  return (
    <Layout titre={erreur ? `Erreur – ${titre}` : titre} ctx={ctx}>
      <h1>{titre}</h1>
      <p class="fr-text--lead">
        {rdv.motifNom}, {LIBELLES_CANAUX[rdv.canal]}, à {rdv.site.nom} : actuellement le{' '}
        {dateEtHeure(rdv.debut, fuseau)}.
      </p>
      <MentionFuseau fuseau={fuseau} />
      {erreur && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{erreur}</p>
        </div>
      )}
      {!possible ? (
        <div class="fr-alert fr-alert--info fr-mb-3w">
          <p>
            {annule
              ? 'Ce rendez-vous est annulé.'
              : rdv.statut !== 'reserve' || rdv.debut.getTime() <= Date.now()
                ? 'Ce rendez-vous est passé : il ne peut plus être déplacé.'
                : `Ce rendez-vous ne peut pas être déplacé en ligne : appelez ${rdv.site.nom} pour choisir un autre horaire.`}
          </p>
        </div>
      ) : (
        <>
          <form method="post" action="/rendez-vous/deplacement" noValidate>
            <input type="hidden" name="_csrf" value={ctx.csrf} />
            <input type="hidden" name="jeton" value={jeton} />
            <RadiosCreneaux
              creneaux={creneaux}
              fuseau={fuseau}
              legende="Nouvel horaire"
              erreur={erreur ? 'Choisissez un autre créneau dans la liste.' : undefined}
            />
            <p>Votre horaire actuel sera libéré pour quelqu’un d’autre. Vous recevrez une nouvelle confirmation.</p>
            <button type="submit" class="fr-btn">
              Déplacer mon rendez-vous
            </button>
          </form>
          <LienPlusTard base={`/l/${jeton}?horaire=autre`} suite={suite} />
        </>
      )}
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/l/${jeton}`}>
          Retour à mon rendez-vous
        </a>
      </p>
    </Layout>
  );
}
