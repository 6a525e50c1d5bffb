import { formaterDate, formateur } from '../../../platform/formats/dates.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonAction,
  Champ,
  type EtatFormulaire,
  Formulaire,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { nomFuseau } from '../../horaires/index.ts';
import type { RessourceLue } from '../service-gestion.ts';
import { MOTIF_ABSENCE_MAX } from '../validation-gestion.ts';
import { filAriane, type SiteGestion } from './gestion.tsx';
import { ChampSaisie, TableauDefilant } from './gestion-commun.tsx';

export const LIBELLES_ABSENCE: Record<string, string> = {
  debut: 'Début de l’absence',
  fin: 'Fin de l’absence',
  motif: 'Motif',
};

/** "mardi 5 janvier 2027 à 09:00", on the site's clock. */
function quand(instant: Date, fuseau: string): string {
  const jour = formaterDate(instant, fuseau, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return `${jour} à ${formateur(fuseau, { hour: '2-digit', minute: '2-digit' }).format(instant)}`;
}

/** A resource's upcoming absences (a permanence's cancellations), and the form to add one. */
export function PageAbsences({
  ctx,
  site,
  gerer,
  ressource,
  absences,
  etat,
}: {
  ctx: ContextePage;
  site: SiteGestion;
  gerer: boolean;
  ressource: RessourceLue;
  absences: Array<{ id: string; debut: Date; fin: Date; motif: string | null }>;
  etat: EtatFormulaire;
}) {
  const base = `/admin/sites/${site.id}/rendez-vous/ressources/${ressource.id}/absences`;
  const agent = ressource.type === 'agent';
  const titre = agent ? `Absences de ${ressource.libelle}` : `Annulations de « ${ressource.libelle} »`;
  return (
    <Layout titre={titreFormulaire(titre, etat)} ctx={ctx} filAriane={filAriane(site, { libelle: titre })}>
      <h1>{titre}</h1>
      <p>
        {agent
          ? 'Pendant une absence, cette personne ne reçoit pas : aucun créneau n’est proposé avec elle.'
          : 'Pendant une annulation, la permanence ne reçoit pas : aucun créneau n’est proposé.'}{' '}
        Heures en {nomFuseau(site.fuseauHoraire)}.
      </p>
      <h2>À venir et en cours</h2>
      <TableauDefilant
        legende={titre}
        entetes={['Début', 'Fin', 'Motif', ...(gerer ? ['Action'] : [])]}
        vide="Aucune absence à venir."
        lignes={absences.map((a) => ({
          cle: a.id,
          cellules: [
            quand(a.debut, site.fuseauHoraire),
            quand(a.fin, site.fuseauHoraire),
            a.motif ?? '–',
            ...(gerer
              ? [
                  <BoutonAction
                    action={`${base}/${a.id}/supprimer`}
                    csrf={ctx.csrf}
                    libelle="Supprimer"
                    titre={`Supprimer l’absence du ${quand(a.debut, site.fuseauHoraire)}`}
                    secondaire
                  />,
                ]
              : []),
          ],
        }))}
      />
      {gerer && (
        <>
          <h2 class="fr-mt-4w">{agent ? 'Ajouter une absence' : 'Annuler une permanence'}</h2>
          <ResumeErreurs etat={etat} libelles={LIBELLES_ABSENCE} />
          <Formulaire action={base} csrf={ctx.csrf} id="formulaire-absence">
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <ChampSaisie
                  nom="debut"
                  libelle={LIBELLES_ABSENCE.debut ?? ''}
                  aide="Format attendu : JJ/MM/AAAA HH:MM"
                  type="datetime-local"
                  etat={etat}
                />
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <ChampSaisie
                  nom="fin"
                  libelle={LIBELLES_ABSENCE.fin ?? ''}
                  aide="Un an au plus après le début"
                  type="datetime-local"
                  etat={etat}
                />
              </div>
            </div>
            <Champ
              nom="motif"
              libelle={LIBELLES_ABSENCE.motif ?? ''}
              aide="Visible des agents du site seulement, par exemple : formation"
              requis={false}
              longueurMax={MOTIF_ABSENCE_MAX}
              etat={etat}
            />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" class="fr-btn">
                  Enregistrer
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={`/admin/sites/${site.id}/rendez-vous`}>
                  Retour aux rendez-vous du site
                </a>
              </li>
            </ul>
          </Formulaire>
        </>
      )}
    </Layout>
  );
}
