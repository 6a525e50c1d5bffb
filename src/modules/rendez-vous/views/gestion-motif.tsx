import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonsEnregistrer,
  Cases,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  Radios,
  ResumeErreurs,
  titreFormulaire,
  ZoneTexte,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { CANAUX } from '../capacite.ts';
import { DUREE_MAX, DUREE_MIN, FENETRE_MAX_JOURS } from '../motif.ts';
import type { MotifGere } from '../service-gestion.ts';
import { INSTRUCTIONS_MAX, LIEN_VISIO_MAX, MAX_PAR_PERSONNE_JOUR, NOM_MOTIF_MAX } from '../validation-motif.ts';
import { filAriane, type SiteGestion } from './gestion.tsx';
import { CANAUX_EN_CLAIR, ChampSaisie, ListeGroupee } from './gestion-commun.tsx';

export const LIBELLES_MOTIF: Record<string, string> = {
  nom: 'Nom du motif',
  canal: 'Canal',
  lienVisio: 'Lien de la visioconférence',
  duree: 'Durée (minutes)',
  tamponApres: 'Battement après le rendez-vous (minutes)',
  pas: 'Intervalle entre deux débuts de créneau (minutes)',
  partenaireId: 'Partenaire',
  situationId: 'Situation de vie',
  reservation: 'Qui peut prendre ce rendez-vous ?',
  fenetreJours: 'Réservable jusqu’à (jours à l’avance)',
  delaiMinimal: 'Délai de prévenance (minutes)',
  maxParPersonneJour: 'Rendez-vous par personne et par jour',
  instructions: 'Consignes pour la personne',
  ressources: 'Qui reçoit ce motif ?',
};

/** The form's values for a stored motif, or the defaults of a new one. */
export function valeursMotif(m: MotifGere | null): EtatFormulaire['valeurs'] {
  if (!m) {
    return {
      canal: 'sur_place',
      duree: '30',
      tamponApres: '0',
      fenetreJours: '60',
      delaiMinimal: '0',
      maxParPersonneJour: '1',
      reservation: 'guichet',
    };
  }
  return {
    nom: m.nom,
    canal: m.canal,
    lienVisio: m.lienVisio ?? '',
    duree: String(m.duree),
    tamponApres: String(m.tamponApres),
    pas: m.pas === null ? '' : String(m.pas),
    partenaireId: m.partenaireId ?? '',
    situationId: m.situationId ?? '',
    reservation: m.reservableEnLigne ? 'en_ligne' : 'guichet',
    fenetreJours: String(m.fenetreJours),
    delaiMinimal: String(m.delaiMinimal),
    maxParPersonneJour: String(m.maxParPersonneJour),
    instructions: m.instructions,
    ressources: m.ressources,
  };
}

/** Create or edit a motif: what it is for, its slots' rules, who may book it, and who receives it. */
export function PageMotif({
  ctx,
  site,
  motif,
  partenaires,
  catalogue,
  ressources,
  etat,
}: {
  ctx: ContextePage;
  site: SiteGestion;
  motif: MotifGere | null;
  partenaires: Array<{ id: string; nomCourt: string; nom: string }>;
  catalogue: {
    themes: Array<{ id: string; nom: string }>;
    situations: Array<{ id: string; nom: string; themeId: string }>;
  };
  ressources: Array<{ id: string; type: 'agent' | 'permanence'; libelle: string; partenaireNom: string | null }>;
  etat: EtatFormulaire;
}) {
  const base = `/admin/sites/${site.id}/rendez-vous`;
  const titre = motif ? `Modifier le motif « ${motif.nom} »` : 'Ajouter un motif de rendez-vous';
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={filAriane(site, { libelle: motif ? motif.nom : 'Nouveau motif' })}
    >
      <h1>{titre}</h1>
      <ResumeErreurs etat={etat} libelles={LIBELLES_MOTIF} />
      <Formulaire
        action={motif ? `${base}/motifs/${motif.id}` : `${base}/motifs`}
        csrf={ctx.csrf}
        id="formulaire-motif"
      >
        <Champ
          nom="nom"
          libelle={LIBELLES_MOTIF.nom ?? ''}
          aide="Tel que la personne le lira, par exemple : Aide à la déclaration de revenus"
          etat={etat}
          longueurMax={NOM_MOTIF_MAX}
        />
        <Radios
          nom="canal"
          legende={LIBELLES_MOTIF.canal ?? ''}
          etat={etat}
          options={CANAUX.map((c) => ({ valeur: c, libelle: CANAUX_EN_CLAIR[c] }))}
        />
        <ChampSaisie
          nom="lienVisio"
          libelle={LIBELLES_MOTIF.lienVisio ?? ''}
          aide="Obligatoire pour un rendez-vous en visioconférence : l’adresse complète, commençant par https://. Elle est envoyée à la personne."
          type="url"
          requis={false}
          longueurMax={LIEN_VISIO_MAX}
          etat={etat}
        />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <ChampSaisie
              nom="duree"
              libelle={LIBELLES_MOTIF.duree ?? ''}
              aide={`De ${DUREE_MIN} à ${DUREE_MAX} minutes`}
              type="number"
              min={DUREE_MIN}
              max={DUREE_MAX}
              etat={etat}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <ChampSaisie
              nom="tamponApres"
              libelle={LIBELLES_MOTIF.tamponApres ?? ''}
              aide="Temps gardé libre après chaque rendez-vous"
              type="number"
              min={0}
              requis={false}
              etat={etat}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <ChampSaisie
              nom="pas"
              libelle={LIBELLES_MOTIF.pas ?? ''}
              aide="Vide : la durée plus le battement. 15 pour des créneaux tous les quarts d’heure."
              type="number"
              min={5}
              requis={false}
              etat={etat}
            />
          </div>
        </div>
        <Liste
          nom="partenaireId"
          libelle={LIBELLES_MOTIF.partenaireId ?? ''}
          aide="L’organisme dont relève la démarche"
          requis={false}
          vide="Aucun partenaire"
          etat={etat}
          options={partenaires.map((p) => ({
            valeur: p.id,
            libelle: p.nomCourt === p.nom ? p.nom : `${p.nomCourt} – ${p.nom}`,
          }))}
        />
        <ListeGroupee
          nom="situationId"
          libelle={LIBELLES_MOTIF.situationId ?? ''}
          aide="Quand l’accueil se termine, la sollicitation est préremplie avec cette situation : l’agent n’a plus qu’à l’enregistrer."
          vide="Aucune situation"
          etat={etat}
          groupes={catalogue.themes.map((t) => ({
            libelle: t.nom,
            options: catalogue.situations
              .filter((s) => s.themeId === t.id)
              .map((s) => ({ valeur: s.id, libelle: s.nom })),
          }))}
        />
        <Radios
          nom="reservation"
          legende={LIBELLES_MOTIF.reservation ?? ''}
          etat={etat}
          options={[
            { valeur: 'guichet', libelle: 'Les agents seulement (au guichet, par téléphone)' },
            { valeur: 'en_ligne', libelle: 'Les agents, et les usagers en ligne' },
          ]}
        />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <ChampSaisie
              nom="fenetreJours"
              libelle={LIBELLES_MOTIF.fenetreJours ?? ''}
              aide={`De 1 à ${FENETRE_MAX_JOURS} jours`}
              type="number"
              min={1}
              max={FENETRE_MAX_JOURS}
              etat={etat}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <ChampSaisie
              nom="delaiMinimal"
              libelle={LIBELLES_MOTIF.delaiMinimal ?? ''}
              aide="Par exemple 120 : aucun créneau dans les deux prochaines heures"
              type="number"
              min={0}
              requis={false}
              etat={etat}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <ChampSaisie
              nom="maxParPersonneJour"
              libelle={LIBELLES_MOTIF.maxParPersonneJour ?? ''}
              aide={`De 1 à ${MAX_PAR_PERSONNE_JOUR}`}
              type="number"
              min={1}
              max={MAX_PAR_PERSONNE_JOUR}
              etat={etat}
            />
          </div>
        </div>
        <ZoneTexte
          nom="instructions"
          libelle={LIBELLES_MOTIF.instructions ?? ''}
          aide="Ce qu’il faut apporter, affiché avant la réservation et dans la confirmation"
          longueurMax={INSTRUCTIONS_MAX}
          etat={etat}
        />
        {ressources.length === 0 ? (
          <div class="fr-alert fr-alert--warning fr-mb-3w" id="ressources">
            <h2 class="fr-alert__title">Personne ne reçoit encore à ce site</h2>
            <p>
              Ajoutez d’abord <a href={`${base}/agents/nouveau`}>un agent</a> ou{' '}
              <a href={`${base}/permanences/nouveau`}>une permanence</a>, puis revenez à ce motif.
            </p>
            {etat.erreurs.ressources && <p class="fr-message fr-message--error">{etat.erreurs.ressources}</p>}
          </div>
        ) : (
          <Cases
            nom="ressources"
            legende={LIBELLES_MOTIF.ressources ?? ''}
            aide="Les créneaux sont ceux où l’une de ces personnes ou permanences est disponible"
            etat={etat}
            options={ressources.map((r) => ({
              valeur: r.id,
              libelle: r.type === 'agent' ? r.libelle : `${r.libelle} (permanence ${r.partenaireNom ?? ''})`.trim(),
            }))}
          />
        )}
        <BoutonsEnregistrer annuler={base} />
      </Formulaire>
    </Layout>
  );
}
