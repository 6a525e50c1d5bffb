import { formaterDate } from '../../../platform/formats/dates.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { type EtatFormulaire, Formulaire, formulaireVide, ResumeErreurs, valeur } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { RendezVousGuichet, SiteDuGuichet } from '../service-guichet.ts';
import { dateEtHeure, duree, heure, LIBELLES_CANAUX, MentionFuseau } from './commun.tsx';
import { filGuichet, nomPersonne } from './guichet-agenda.tsx';
import { BadgeStatut, type CreneauLibre, LienPlusTard, RadiosCreneaux } from './guichet-creneaux.tsx';

function Details({ site, rdv }: { site: SiteDuGuichet; rdv: RendezVousGuichet }) {
  const fuseau = site.fuseauHoraire;
  return (
    <dl>
      <dt class="fr-text--bold">Quand</dt>
      <dd>
        Le {dateEtHeure(rdv.debut, fuseau)} (jusqu’à {heure(rdv.fin, fuseau)}, {duree(rdv.motifDuree)})
      </dd>
      <dt class="fr-text--bold">Motif</dt>
      <dd>
        {rdv.motifNom}, {LIBELLES_CANAUX[rdv.canal]}
      </dd>
      <dt class="fr-text--bold">Avec</dt>
      <dd>{rdv.ressource}</dd>
      <dt class="fr-text--bold">Personne</dt>
      <dd>
        {nomPersonne(rdv.nom)}
        {rdv.courriel && (
          <>
            <br />
            {rdv.courriel}
          </>
        )}
        {rdv.telephone && (
          <>
            <br />
            {rdv.telephone}
          </>
        )}
        {rdv.nom && !rdv.courriel && !rdv.telephone && (
          <>
            <br />
            Sans coordonnées : la personne ne reçoit aucun message.
          </>
        )}
      </dd>
      <dt class="fr-text--bold">Statut</dt>
      <dd>
        <BadgeStatut statut={rdv.statut} />
        {rdv.annuleLe && (
          <> le {formaterDate(rdv.annuleLe, fuseau, { day: 'numeric', month: 'long', year: 'numeric' })}</>
        )}
        {rdv.raisonAnnulation && <> : {rdv.raisonAnnulation}</>}
      </dd>
      <dt class="fr-text--bold">Pris</dt>
      <dd>
        {rdv.origine === 'guichet' ? 'au guichet ou par téléphone' : 'en ligne'}, le{' '}
        {formaterDate(rdv.creeLe, fuseau, { day: 'numeric', month: 'long', year: 'numeric' })}
        {rdv.sequence > 0 && <>, déplacé {rdv.sequence === 1 ? 'une fois' : `${rdv.sequence} fois`}</>}
      </dd>
    </dl>
  );
}

/** An appointment for the site's staff: its details, "Déplacer", and the cancellation with its reason. */
export function PageFiche({
  ctx,
  site,
  rdv,
  modifiable,
  etat = formulaireVide,
}: {
  ctx: ContextePage;
  site: SiteDuGuichet;
  rdv: RendezVousGuichet;
  modifiable: boolean;
  etat?: EtatFormulaire;
}) {
  const base = `/sites/${site.id}/rendez-vous/${rdv.id}`;
  const erreur = etat.erreurs.raison;
  const titre = `Rendez-vous de ${heure(rdv.debut, site.fuseauHoraire)} – ${site.nom}`;
  return (
    <Layout titre={erreur ? `Erreur – ${titre}` : titre} ctx={ctx} filAriane={filGuichet(site, 'Rendez-vous')}>
      <h1>Rendez-vous</h1>
      <MentionFuseau fuseau={site.fuseauHoraire} />
      <Details site={site} rdv={rdv} />
      {modifiable ? (
        <>
          <p>
            <a class="fr-btn fr-btn--secondary" href={`${base}/deplacer`}>
              Déplacer
            </a>
          </p>
          <h2 class="fr-h4 fr-mt-4w">Annuler ce rendez-vous</h2>
          <ResumeErreurs etat={etat} libelles={{ raison: 'Raison' }} />
          <Formulaire action={`${base}/annuler`} csrf={ctx.csrf}>
            <div class={`fr-input-group${erreur ? ' fr-input-group--error' : ''}`}>
              <label class="fr-label" for="raison">
                Raison de l’annulation
                <span class="fr-hint-text">
                  Elle est communiquée à la personne, par exemple « Agent absent, nous vous rappelons ».
                </span>
              </label>
              <textarea
                class={`fr-input${erreur ? ' fr-input--error' : ''}`}
                id="raison"
                name="raison"
                rows={3}
                maxLength={300}
                required
                aria-invalid={erreur ? 'true' : undefined}
                aria-describedby="raison-messages"
              >
                {valeur(etat, 'raison')}
              </textarea>
              <div class="fr-messages-group" id="raison-messages" aria-live="polite">
                {erreur && <p class="fr-message fr-message--error">{erreur}</p>}
              </div>
            </div>
            <button type="submit" class="fr-btn fr-btn--tertiary">
              Annuler le rendez-vous
            </button>
          </Formulaire>
        </>
      ) : (
        <p class="fr-mt-3w">Ce rendez-vous est passé ou n’est plus réservé : il ne peut plus être déplacé ni annulé.</p>
      )}
    </Layout>
  );
}

/** The move: the next free slots of the same motif as radio buttons, one submit. */
export function PageDeplacer({
  ctx,
  site,
  rdv,
  creneaux,
  suite,
  erreur,
}: {
  ctx: ContextePage;
  site: SiteDuGuichet;
  rdv: RendezVousGuichet;
  creneaux: CreneauLibre[];
  suite: Date | null;
  erreur?: string;
}) {
  const base = `/sites/${site.id}/rendez-vous/${rdv.id}`;
  const fuseau = site.fuseauHoraire;
  const titre = `Déplacer le rendez-vous – ${site.nom}`;
  const etat: EtatFormulaire = { valeurs: {}, erreurs: erreur ? { debut: erreur } : {} };
  return (
    <Layout titre={erreur ? `Erreur – ${titre}` : titre} ctx={ctx} filAriane={filGuichet(site, 'Déplacer')}>
      <h1>Déplacer le rendez-vous</h1>
      <p class="fr-text--lead">
        {rdv.motifNom}, {nomPersonne(rdv.nom)} : actuellement le {dateEtHeure(rdv.debut, fuseau)}
      </p>
      <MentionFuseau fuseau={fuseau} />
      <ResumeErreurs etat={etat} libelles={{ debut: 'Nouveau créneau' }} />
      <Formulaire action={`${base}/deplacer`} csrf={ctx.csrf}>
        <RadiosCreneaux creneaux={creneaux} fuseau={fuseau} legende="Nouveau créneau" erreur={erreur} />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              Déplacer le rendez-vous
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={base}>
              Retour au rendez-vous
            </a>
          </li>
        </ul>
      </Formulaire>
      <LienPlusTard base={`${base}/deplacer`} suite={suite} />
    </Layout>
  );
}
