import { type EtatLien, TEXTES_LIEN } from '../../../platform/liens/index.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { RendezVousUsager } from '../service-usager.ts';
import { Adresse, dateEtHeure, LIBELLES_CANAUX, MentionFuseau } from './commun.tsx';

function Resume({ rdv }: { rdv: RendezVousUsager }) {
  return (
    <>
      <ul>
        <li>
          <strong>Quand :</strong> le {dateEtHeure(rdv.debut, rdv.site.fuseauHoraire)}
        </li>
        <li>
          <strong>Pour :</strong> {rdv.motifNom}, {LIBELLES_CANAUX[rdv.canal]}
        </li>
      </ul>
      <MentionFuseau fuseau={rdv.site.fuseauHoraire} />
      <Adresse site={rdv.site} />
    </>
  );
}

/**
 * What the citizen's cancel link opens: the appointment and one button. Opening the link changes nothing (mail
 * scanners follow links); the button's POST uses the link and cancels.
 */
export function PageAnnulation({ ctx, rdv, jeton }: { ctx: ContextePage; rdv: RendezVousUsager; jeton: string }) {
  const annule = rdv.statut === 'annule_usager' || rdv.statut === 'annule_site';
  const passe = rdv.debut.getTime() <= Date.now();
  return (
    <Layout titre="Annuler votre rendez-vous" ctx={ctx}>
      <h1>Annuler votre rendez-vous</h1>
      <Resume rdv={rdv} />
      {annule ? (
        <div class="fr-alert fr-alert--info fr-mt-3w">
          <p>Ce rendez-vous est déjà annulé.</p>
        </div>
      ) : passe ? (
        <div class="fr-alert fr-alert--info fr-mt-3w">
          <p>Ce rendez-vous est passé : il ne peut plus être annulé.</p>
        </div>
      ) : (
        <>
          {rdv.reservableEnLigne && (
            <p class="fr-mt-3w">
              Vous préférez venir à un autre moment ?{' '}
              <a class="fr-link" href={`/l/${jeton}?horaire=autre`}>
                Choisir un autre horaire
              </a>
            </p>
          )}
          <form method="post" action="/rendez-vous/annulation" class="fr-mt-3w">
            <input type="hidden" name="_csrf" value={ctx.csrf} />
            <input type="hidden" name="jeton" value={jeton} />
            <p>Le créneau sera libéré pour quelqu’un d’autre. Cette annulation est définitive.</p>
            <button type="submit" class="fr-btn">
              Confirmer l’annulation
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

/** After the cancellation. */
export function PageAnnule({
  ctx,
  rdv,
}: {
  ctx: ContextePage;
  rdv: { debut: Date; motifNom: string; site: { id: string; nom: string; fuseauHoraire: string } } | null;
}) {
  return (
    <Layout titre="Rendez-vous annulé" ctx={ctx}>
      <div class="fr-alert fr-alert--success fr-mb-3w">
        <h1 class="fr-alert__title">Votre rendez-vous est annulé</h1>
        {rdv && (
          <p>
            {rdv.motifNom}, le {dateEtHeure(rdv.debut, rdv.site.fuseauHoraire)} à {rdv.site.nom}.
          </p>
        )}
      </div>
      <p>Merci d’avoir prévenu : le créneau est de nouveau libre pour quelqu’un d’autre.</p>
      {rdv && (
        <p>
          <a class="fr-link" href={`/lieux/${rdv.site.id}/rendez-vous`}>
            Prendre un autre rendez-vous à {rdv.site.nom}
          </a>
        </p>
      )}
    </Layout>
  );
}

const TEXTE_PASSE = {
  titre: 'Rendez-vous passé',
  explication: 'Ce rendez-vous a déjà eu lieu, ou il commence maintenant : il ne peut plus être annulé en ligne.',
};

/** A cancel form sent with a link that no longer works: the platform's texts for links (ADR 0023). */
export function PageLienInutilisable({ ctx, etat }: { ctx: ContextePage; etat: EtatLien | 'passe' }) {
  const texte = etat === 'passe' ? TEXTE_PASSE : TEXTES_LIEN[etat];
  return (
    <Layout titre={texte.titre} ctx={ctx}>
      <h1>{texte.titre}</h1>
      <p class="fr-text--lead">{texte.explication}</p>
      <p>
        Pour toute question, adressez-vous à l’espace France services de votre rendez-vous :{' '}
        <a href="/recherche">trouver un espace France services</a>.
      </p>
    </Layout>
  );
}
