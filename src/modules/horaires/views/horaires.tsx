import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonsEnregistrer,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  Radios,
  ResumeErreurs,
  titreFormulaire,
  valeur,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { Badge, Tableau } from '../../../ui/tableau.tsx';
import { JOURS, type Semaines } from '../calcul.ts';
import { grilleDepuisHoraires } from '../grille.ts';
import { LIBELLES_SEMAINE_53, REGLES_SEMAINE_53, type RegleSemaine53 } from '../semaine53.ts';
import type { Semaine } from '../service.ts';
import {
  type Bord,
  CHAMPS_GRILLE,
  champHeure,
  FUSEAUX_FRANCE,
  libelleHeure,
  NOMS_JOURS,
  NOMS_PLAGES,
  nomFuseau,
} from '../validation.ts';
import { ChampHeure, ResumeSemaine } from './commun.tsx';
import { Semaine53, type VueSemaine53 } from './semaine53.tsx';

export interface SiteHoraires {
  id: string;
  nom: string;
  genre: string;
  horaires: string | null;
  fuseauHoraire: string;
  semaine53: RegleSemaine53;
}

export interface ArretAffiche {
  id: string;
  nom: string;
  commune: string;
  codePostal: string;
  horaires: string;
  semaines: Semaines;
  actif: boolean;
  erreur?: string;
}

const LIBELLES_SEMAINES: Record<Semaines, string> = {
  toutes: 'Toutes les semaines',
  paires: 'Semaines paires',
  impaires: 'Semaines impaires',
};

const BORDS: Bord[] = ['debut', 'fin'];

export const LIBELLES_HORAIRES: Record<string, string> = {
  ...Object.fromEntries(
    CHAMPS_GRILLE.map((c) => {
      const [jour, plage, bord] = c.split('-') as [keyof typeof NOMS_JOURS, string, Bord];
      return [c, libelleHeure(jour, Number(plage), bord)];
    }),
  ),
  osm: 'Horaires en syntaxe OSM',
  fuseauHoraire: 'Fuseau horaire',
  semaine53: 'Que font les arrêts en semaine 53 (années de 53 semaines) ?',
};

/** Monday to Sunday, three ranges a day: two time inputs per range, each labelled with its day and range. */
function Grille({ etat }: { etat: EtatFormulaire }) {
  return (
    <>
      {JOURS.map((jour) => (
        <fieldset class="fr-fieldset fr-mb-1w" id={`jour-${jour}`} aria-labelledby={`jour-${jour}-legende`} key={jour}>
          <legend class="fr-fieldset__legend fr-text--lg fr-mb-0" id={`jour-${jour}-legende`}>
            {NOMS_JOURS[jour]}
          </legend>
          {NOMS_PLAGES.map((_, i) => (
            <div class="fr-fieldset__element fr-col-12 fr-col-md-4" key={i}>
              <div class="fr-grid-row fr-grid-row--gutters">
                {BORDS.map((bord) => (
                  <div class="fr-col-6" key={bord}>
                    <ChampHeure nom={champHeure(jour, i, bord)} libelle={libelleHeure(jour, i, bord)} etat={etat} />
                  </div>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
      ))}
    </>
  );
}

/** The hours as a read-only table (agents), from the grid when the text fits one. */
function HorairesLecture({ site }: { site: SiteHoraires }) {
  const grille = site.horaires ? grilleDepuisHoraires(site.horaires) : null;
  return (
    <>
      {grille && (
        <Tableau
          legende="Horaires d’ouverture"
          entetes={['Jour', 'Horaires']}
          vide=""
          lignes={JOURS.map((j) => ({
            cle: j,
            cellules: [
              NOMS_JOURS[j],
              grille[j].length === 0 ? 'Fermé' : grille[j].map((p) => `${p.debut}–${p.fin}`).join(', '),
            ],
          }))}
        />
      )}
      <p>
        Syntaxe OSM : <code>{site.horaires ?? 'non renseignée'}</code>
        <br />
        Fuseau horaire : {nomFuseau(site.fuseauHoraire)}
      </p>
    </>
  );
}

function Arrets({ arrets }: { arrets: ArretAffiche[] }) {
  return (
    <Tableau
      legende={`Arrêts de la tournée (${arrets.length})`}
      entetes={['Arrêt', 'Commune', 'Horaires (syntaxe OSM)', 'Semaines']}
      vide="Aucun arrêt n’est enregistré pour cette tournée."
      lignes={arrets.map((a) => ({
        cle: a.id,
        cellules: [
          <>
            {a.nom} {!a.actif && <Badge type="error">Inactif</Badge>}
          </>,
          `${a.codePostal} ${a.commune}`,
          <>
            <code>{a.horaires}</code>
            {a.erreur && <p class="fr-error-text fr-mt-1v">Horaires illisibles : {a.erreur}</p>}
          </>,
          LIBELLES_SEMAINES[a.semaines],
        ],
      }))}
    />
  );
}

function ChampFuseau({ etat, fuseauDefaut }: { etat: EtatFormulaire; fuseauDefaut: string }) {
  return (
    <Liste
      nom="fuseauHoraire"
      libelle={LIBELLES_HORAIRES.fuseauHoraire ?? 'Fuseau horaire'}
      aide={`Les sites d’outre-mer ne sont pas à l’heure de Paris. Par défaut pour ce territoire : ${nomFuseau(fuseauDefaut)}.`}
      etat={etat}
      options={FUSEAUX_FRANCE.map((f) => ({ valeur: f.valeur, libelle: f.libelle }))}
    />
  );
}

export function PageHoraires({
  ctx,
  site,
  gerer,
  fuseauDefaut,
  semaine,
  arrets,
  tournee,
  semaine53,
  etat,
  grilleImpossible,
}: {
  ctx: ContextePage;
  site: SiteHoraires;
  gerer: boolean;
  fuseauDefaut: string;
  semaine: Semaine | null;
  arrets: ArretAffiche[];
  tournee: Semaine | null;
  semaine53: VueSemaine53 | null;
  etat: EtatFormulaire;
  grilleImpossible: boolean;
}) {
  const base = `/admin/sites/${site.id}`;
  const titre = `Horaires – ${site.nom}`;
  const itinerant = site.genre === 'itinerant';
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[
        { href: '/admin/sites', libelle: 'Sites' },
        { href: base, libelle: site.nom },
        { libelle: 'Horaires' },
      ]}
    >
      <h1>{titre}</h1>
      <p>
        <a href={`${base}/fermetures`}>Fermetures exceptionnelles de ce site</a>
      </p>
      {itinerant ? (
        <>
          <ResumeSemaine titre="Semaine type de la tournée" semaine={tournee}>
            {tournee?.ok && 'semainePaire' in tournee.semaine && (
              <p class="fr-text--sm">
                Moyenne des semaines paires et impaires : les arrêts ouverts en même temps ne comptent qu’une fois.
              </p>
            )}
          </ResumeSemaine>
          <h2>Arrêts</h2>
          <Arrets arrets={arrets} />
          <p class="fr-text--sm">
            Les horaires d’un service itinérant sont ceux de ses arrêts. Ils ne se modifient pas encore ici : ils
            viennent de l’import de la tournée.
          </p>
          {semaine53 && <Semaine53 vue={semaine53} regle={site.semaine53} />}
        </>
      ) : (
        <ResumeSemaine titre="Semaine type" semaine={semaine} />
      )}
      {!gerer && !itinerant && <HorairesLecture site={site} />}
      {!gerer && itinerant && <p>Fuseau horaire : {nomFuseau(site.fuseauHoraire)}</p>}
      {gerer && (
        <>
          <h2>{itinerant ? 'Réglages de la tournée' : 'Modifier les horaires'}</h2>
          <ResumeErreurs etat={etat} libelles={LIBELLES_HORAIRES} />
          <Formulaire action={`${base}/horaires`} csrf={ctx.csrf} id="formulaire-horaires">
            {!itinerant && (
              <>
                <p class="fr-hint-text">
                  Jusqu’à trois plages par jour ; laissez vides les plages inutilisées et les jours de fermeture. Les
                  jours fériés sont fermés.
                </p>
                {grilleImpossible && (
                  <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" id="grille-impossible">
                    <p>
                      Les horaires enregistrés ne peuvent pas être présentés dans la grille (plus de trois plages un
                      même jour, ouverture les jours fériés ou syntaxe non reconnue) : ils sont dans le champ « Horaires
                      en syntaxe OSM » ci-dessous, où vous pouvez les modifier.
                    </p>
                  </div>
                )}
                <Grille etat={etat} />
                <input type="hidden" name="osmInitial" value={valeur(etat, 'osmInitial')} />
                <h3 class="fr-h5 fr-mt-3w">Mode expert</h3>
                <Champ
                  nom="osm"
                  libelle={LIBELLES_HORAIRES.osm ?? 'Horaires en syntaxe OSM'}
                  aide="Syntaxe opening_hours d’OpenStreetMap, par exemple : Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off. Si vous modifiez ce texte, il remplace la grille."
                  requis={false}
                  etat={etat}
                  longueurMax={1000}
                />
              </>
            )}
            <ChampFuseau etat={etat} fuseauDefaut={fuseauDefaut} />
            {itinerant && (
              <Radios
                nom="semaine53"
                legende={LIBELLES_HORAIRES.semaine53 ?? 'Semaine 53'}
                aide="Concerne les arrêts des semaines paires ou impaires ; les arrêts de toutes les semaines passent normalement."
                etat={etat}
                options={REGLES_SEMAINE_53.map((r) => ({ valeur: r, libelle: LIBELLES_SEMAINE_53[r] }))}
              />
            )}
            <BoutonsEnregistrer annuler={base} />
          </Formulaire>
        </>
      )}
    </Layout>
  );
}
