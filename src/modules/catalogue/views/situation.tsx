import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonAction,
  BoutonsEnregistrer,
  Cases,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  ResumeErreurs,
  titreFormulaire,
  ZoneTexte,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { SituationConsultee } from '../service.ts';
import {
  LIBELLES_RUBRIQUES,
  PARTENAIRES_MAX_PAR_SITUATION,
  PRESTATION_MAX_CARACTERES,
  PRESTATIONS_MAX_PAR_RUBRIQUE,
  RUBRIQUES,
} from '../validation.ts';
import { EncadreAction, libelleCatalogue, Retire } from './commun.tsx';

export const LIBELLES_SITUATION: Record<string, string> = {
  structureId: 'Catalogue',
  nom: 'Nom de la situation',
  themeId: 'Thème',
  partenairePrincipal: 'Partenaire principal',
  partenaires: 'Autres partenaires concernés',
  ...LIBELLES_RUBRIQUES,
};

const FIL = { href: '/admin/catalogue', libelle: 'Catalogue' };

interface PartenairePropose {
  id: string;
  nom: string;
  actif: boolean;
  structureId: string | null;
  structureNom: string | null;
}

export interface ChoixFormulaireSituation {
  themes: Array<{ id: string; nom: string }>;
  partenaires: PartenairePropose[];
  /** For a new situation: the national catalogue and/or the structures the actor manages. */
  catalogues?: Array<{ valeur: string; libelle: string }>;
}

function libellePartenaire(p: PartenairePropose): string {
  const local = p.structureId ? ` (partenaire local – ${p.structureNom ?? ''})` : '';
  return `${p.nom}${local}${p.actif ? '' : ' (retiré)'}`;
}

function ChampsSituation({ etat, choix }: { etat: EtatFormulaire; choix: ChoixFormulaireSituation }) {
  const options = choix.partenaires.map((p) => ({ valeur: p.id, libelle: libellePartenaire(p) }));
  return (
    <>
      {choix.catalogues && (
        <Liste
          nom="structureId"
          libelle={LIBELLES_SITUATION.structureId ?? ''}
          aide="Une situation locale n’est visible que de sa structure ; elle ne peut nommer que les partenaires nationaux et ceux de cette structure."
          etat={etat}
          options={choix.catalogues}
        />
      )}
      <Champ
        nom="nom"
        libelle={LIBELLES_SITUATION.nom ?? ''}
        aide="Formulée comme l’usager la vit, par exemple : Je prépare ma retraite"
        etat={etat}
        longueurMax={200}
      />
      <Liste
        nom="themeId"
        libelle={LIBELLES_SITUATION.themeId ?? ''}
        etat={etat}
        options={choix.themes.map((t) => ({ valeur: t.id, libelle: t.nom }))}
      />
      <Liste
        nom="partenairePrincipal"
        libelle={LIBELLES_SITUATION.partenairePrincipal ?? ''}
        aide="Proposé par défaut à l’enregistrement d’une sollicitation"
        etat={etat}
        options={options}
      />
      <Cases
        nom="partenaires"
        legende={`${LIBELLES_SITUATION.partenaires} (facultatif)`}
        aide={`Au plus ${PARTENAIRES_MAX_PAR_SITUATION} partenaires en tout, dans l’ordre de la liste après le principal`}
        etat={etat}
        options={options}
      />
      <fieldset class="fr-fieldset" id="prestations" aria-labelledby="prestations-legende">
        <legend class="fr-fieldset__legend" id="prestations-legende">
          Prestations
          <span class="fr-hint-text">
            {`Une prestation par ligne, ${PRESTATIONS_MAX_PAR_RUBRIQUE} au plus par rubrique, ${PRESTATION_MAX_CARACTERES} caractères au plus chacune. Une ligne effacée est retirée : elle reste dans l’historique.`}
          </span>
        </legend>
        {RUBRIQUES.map((r) => (
          <div class="fr-fieldset__element" key={r}>
            <ZoneTexte nom={r} libelle={LIBELLES_RUBRIQUES[r]} etat={etat} lignes={6} />
          </div>
        ))}
      </fieldset>
    </>
  );
}

export function FormulaireNouvelleSituation({
  ctx,
  etat,
  choix,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  choix: ChoixFormulaireSituation;
}) {
  const titre = 'Ajouter une situation de vie';
  return (
    <Layout titre={titreFormulaire(titre, etat)} ctx={ctx} filAriane={[FIL, { libelle: titre }]}>
      <h1>{titre}</h1>
      <ResumeErreurs etat={etat} libelles={LIBELLES_SITUATION} />
      <Formulaire action="/admin/catalogue/situations" csrf={ctx.csrf}>
        <ChampsSituation etat={etat} choix={choix} />
        <BoutonsEnregistrer annuler="/admin/catalogue" />
      </Formulaire>
    </Layout>
  );
}

function Statut({ situation }: { situation: SituationConsultee }) {
  return (
    <ul class="fr-badges-group">
      <li>
        <p class="fr-badge fr-badge--sm fr-badge--info">{libelleCatalogue(situation)}</p>
      </li>
      {!situation.actif && (
        <li>
          <Retire actif={false} genre="f" />
        </li>
      )}
    </ul>
  );
}

/** The edit form of a situation, with the retire (or reactivate) action below it. */
export function FormulaireSituation({
  ctx,
  situation,
  etat,
  choix,
}: {
  ctx: ContextePage;
  situation: SituationConsultee;
  etat: EtatFormulaire;
  choix: ChoixFormulaireSituation;
}) {
  const base = `/admin/catalogue/situations/${situation.id}`;
  const titre = `Modifier la situation « ${situation.nom} »`;
  return (
    <Layout titre={titreFormulaire(titre, etat)} ctx={ctx} filAriane={[FIL, { libelle: situation.nom }]}>
      <h1>{titre}</h1>
      <Statut situation={situation} />
      <ResumeErreurs etat={etat} libelles={LIBELLES_SITUATION} />
      <Formulaire action={base} csrf={ctx.csrf}>
        <ChampsSituation etat={etat} choix={choix} />
        <BoutonsEnregistrer annuler="/admin/catalogue" />
      </Formulaire>
      {situation.actif ? (
        <EncadreAction titre="Retirer la situation">
          <p>
            Elle ne sera plus proposée à l’enregistrement des sollicitations. Les sollicitations déjà enregistrées la
            conservent, et vous pourrez la réactiver.
          </p>
          <BoutonAction action={`${base}/retirer`} csrf={ctx.csrf} libelle="Retirer la situation" secondaire />
        </EncadreAction>
      ) : (
        <EncadreAction titre="Réactiver la situation">
          <p>Elle sera de nouveau proposée à l’enregistrement des sollicitations.</p>
          <BoutonAction action={`${base}/reactiver`} csrf={ctx.csrf} libelle="Réactiver la situation" secondaire />
        </EncadreAction>
      )}
    </Layout>
  );
}

/** A situation for those who may only read it: theme, catalogue, partners in order and items per rubrique. */
export function PageSituation({ ctx, situation }: { ctx: ContextePage; situation: SituationConsultee }) {
  return (
    <Layout titre={situation.nom} ctx={ctx} filAriane={[FIL, { libelle: situation.nom }]}>
      <h1>{situation.nom}</h1>
      <Statut situation={situation} />
      <dl class="fr-mt-3w">
        <dt class="fr-text--bold">Thème</dt>
        <dd>{situation.themeNom}</dd>
        <dt class="fr-text--bold">Partenaires (le principal en premier)</dt>
        <dd>
          {situation.partenaires.length === 0 ? (
            'Aucun'
          ) : (
            <ol>
              {situation.partenaires.map((p) => (
                <li key={p.id}>
                  <a href={`/admin/catalogue/partenaires/${p.id}`}>{p.nom}</a> <Retire actif={p.actif} genre="m" />
                </li>
              ))}
            </ol>
          )}
        </dd>
      </dl>
      <h2>Prestations</h2>
      {RUBRIQUES.map((r) => {
        const lignes = situation.prestations.filter((p) => p.rubrique === r);
        return (
          <section key={r} aria-labelledby={`rubrique-${r}`}>
            <h3 class="fr-h6" id={`rubrique-${r}`}>
              {LIBELLES_RUBRIQUES[r]}
            </h3>
            {lignes.length === 0 ? (
              <p>Aucune prestation.</p>
            ) : (
              <ul>
                {lignes.map((p) => (
                  <li key={p.id}>{p.libelle}</li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </Layout>
  );
}
