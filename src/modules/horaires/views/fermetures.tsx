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
import { Badge, Tableau } from '../../../ui/tableau.tsx';
import { PREAVIS_FERMETURE_JOURS } from '../conformite.ts';
import { MOTIF_FERMETURE_MAX } from '../validation.ts';
import { dateFr } from './commun.tsx';

export interface FermetureAffichee {
  id: string;
  debut: string;
  fin: string;
  motif: string;
  motifUrgence: string | null;
  annonceLe: Date;
  annoncePar: string | null;
  tardive: boolean;
  supprimable: boolean;
}

/** Appointments of the site that its closures (or hours) now leave outside its opening, and where to take them up. */
export interface RendezVousConcernes {
  nombre: number;
  lien: string;
}

export const LIBELLES_FERMETURE: Record<string, string> = {
  debut: 'Premier jour de fermeture',
  fin: 'Dernier jour de fermeture',
  motif: 'Motif',
  motifUrgence: 'Motif d’urgence',
};

function Periode({ f }: { f: FermetureAffichee }) {
  return <>{f.debut === f.fin ? `Le ${dateFr(f.debut)}` : `Du ${dateFr(f.debut)} au ${dateFr(f.fin)}`}</>;
}

function TableauFermetures({
  legende,
  vide,
  fermetures,
  fuseau,
  base,
  csrf,
}: {
  legende: string;
  vide: string;
  fermetures: FermetureAffichee[];
  fuseau: string;
  base: string;
  csrf: string;
}) {
  const horodatage = new Intl.DateTimeFormat('fr-FR', { timeZone: fuseau, dateStyle: 'short', timeStyle: 'short' });
  const actions = fermetures.some((f) => f.supprimable);
  return (
    <Tableau
      legende={legende}
      entetes={['Période', 'Motif', 'Annonce', ...(actions ? ['Action'] : [])]}
      vide={vide}
      lignes={fermetures.map((f) => ({
        cle: f.id,
        cellules: [
          <Periode f={f} />,
          f.motif,
          <>
            Le {horodatage.format(f.annonceLe)}
            {f.annoncePar && ` par ${f.annoncePar}`}
            {f.tardive && (
              <>
                <Badge type="warning">Annoncée tardivement</Badge>
                {f.motifUrgence && <span class="fr-text--sm">Motif d’urgence : {f.motifUrgence}</span>}
              </>
            )}
          </>,
          ...(actions
            ? [
                f.supprimable ? (
                  <BoutonAction
                    action={`${base}/fermetures/${f.id}/supprimer`}
                    csrf={csrf}
                    libelle="Supprimer"
                    titre={`Supprimer la fermeture du ${dateFr(f.debut)}`}
                    secondaire
                  />
                ) : (
                  ''
                ),
              ]
            : []),
        ],
      }))}
    />
  );
}

export function PageFermetures({
  ctx,
  site,
  gerer,
  aVenir,
  passees,
  etat,
  concernes = null,
}: {
  ctx: ContextePage;
  site: { id: string; nom: string; fuseauHoraire: string };
  gerer: boolean;
  aVenir: FermetureAffichee[];
  passees: FermetureAffichee[];
  etat: EtatFormulaire;
  concernes?: RendezVousConcernes | null;
}) {
  const base = `/admin/sites/${site.id}`;
  const titre = `Fermetures exceptionnelles – ${site.nom}`;
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[
        { href: '/admin/sites', libelle: 'Sites' },
        { href: base, libelle: site.nom },
        { libelle: 'Fermetures exceptionnelles' },
      ]}
    >
      <h1>{titre}</h1>
      <p>
        Une fermeture exceptionnelle s’annonce au moins {PREAVIS_FERMETURE_JOURS} jours à l’avance. Elle apparaît sur la
        fiche publique du site, l’affiche de la porte et les données ouvertes.{' '}
        <a href={`${base}/horaires`}>Horaires habituels de ce site</a>
      </p>
      {concernes && concernes.nombre > 0 && (
        <div class="fr-alert fr-alert--warning fr-mb-4w">
          <h2 class="fr-alert__title">
            {concernes.nombre === 1 ? '1 rendez-vous est concerné' : `${concernes.nombre} rendez-vous sont concernés`}
          </h2>
          <p>
            Ils tombent pendant une fermeture ou en dehors des horaires d’ouverture.{' '}
            <a href={concernes.lien}>Annuler ou déplacer les rendez-vous à reprendre</a>
          </p>
        </div>
      )}
      <h2>À venir et en cours</h2>
      <TableauFermetures
        legende="Fermetures à venir et en cours"
        vide="Aucune fermeture exceptionnelle à venir."
        fermetures={aVenir}
        fuseau={site.fuseauHoraire}
        base={base}
        csrf={ctx.csrf}
      />
      <h2 class="fr-mt-4w">Passées (12 derniers mois)</h2>
      <TableauFermetures
        legende="Fermetures des 12 derniers mois"
        vide="Aucune fermeture exceptionnelle ces 12 derniers mois."
        fermetures={passees}
        fuseau={site.fuseauHoraire}
        base={base}
        csrf={ctx.csrf}
      />
      {gerer && (
        <>
          <h2 class="fr-mt-4w">Annoncer une fermeture</h2>
          <ResumeErreurs etat={etat} libelles={LIBELLES_FERMETURE} />
          <Formulaire action={`${base}/fermetures`} csrf={ctx.csrf} id="formulaire-fermeture">
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <Champ
                  nom="debut"
                  libelle={LIBELLES_FERMETURE.debut ?? ''}
                  aide="Format attendu : JJ/MM/AAAA"
                  type="date"
                  etat={etat}
                />
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <Champ
                  nom="fin"
                  libelle={LIBELLES_FERMETURE.fin ?? ''}
                  aide="Le même jour pour une seule journée"
                  type="date"
                  etat={etat}
                />
              </div>
            </div>
            <Champ
              nom="motif"
              libelle={LIBELLES_FERMETURE.motif ?? ''}
              aide="Affiché au public, par exemple : formation de l’équipe"
              etat={etat}
              longueurMax={MOTIF_FERMETURE_MAX}
            />
            <Champ
              nom="motifUrgence"
              libelle={LIBELLES_FERMETURE.motifUrgence ?? ''}
              aide={`Obligatoire si la fermeture commence dans moins de ${PREAVIS_FERMETURE_JOURS} jours : elle sera signalée comme annoncée tardivement.`}
              requis={false}
              etat={etat}
              longueurMax={MOTIF_FERMETURE_MAX}
            />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" class="fr-btn">
                  Enregistrer la fermeture
                </button>
              </li>
            </ul>
          </Formulaire>
        </>
      )}
    </Layout>
  );
}
