import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonAction,
  BoutonsEnregistrer,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { EncadreAction, Retire, typePartenaire } from './commun.tsx';

export const LIBELLES_PARTENAIRE: Record<string, string> = {
  structureId: 'Structure',
  nom: 'Nom du partenaire',
  nomCourt: 'Nom court',
};

const FIL = { href: '/admin/catalogue', libelle: 'Catalogue' };

export interface PartenaireConsulte {
  id: string;
  nom: string;
  nomCourt: string;
  national: boolean;
  actif: boolean;
  structureId: string | null;
  structureNom: string | null;
}

interface SituationDuPartenaire {
  id: string;
  nom: string;
  actif: boolean;
  ordre: number;
}

function ChampsPartenaire({ etat }: { etat: EtatFormulaire }) {
  return (
    <>
      <Champ
        nom="nom"
        libelle={LIBELLES_PARTENAIRE.nom ?? ''}
        aide="Par exemple : Mission locale du Val de Bièvre"
        etat={etat}
        longueurMax={200}
      />
      <Champ
        nom="nomCourt"
        libelle={LIBELLES_PARTENAIRE.nomCourt ?? ''}
        aide="Affiché dans les listes et à l’enregistrement des sollicitations, par exemple : Mission locale"
        etat={etat}
        longueurMax={60}
      />
    </>
  );
}

export function FormulaireNouveauPartenaire({
  ctx,
  etat,
  catalogues,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  catalogues: Array<{ valeur: string; libelle: string }>;
}) {
  const titre = 'Ajouter un partenaire local';
  return (
    <Layout titre={titreFormulaire(titre, etat)} ctx={ctx} filAriane={[FIL, { libelle: titre }]}>
      <h1>{titre}</h1>
      <p>Un partenaire local n’est visible que de sa structure, qui peut le nommer dans ses situations locales.</p>
      <ResumeErreurs etat={etat} libelles={LIBELLES_PARTENAIRE} />
      <Formulaire action="/admin/catalogue/partenaires" csrf={ctx.csrf}>
        <Liste nom="structureId" libelle={LIBELLES_PARTENAIRE.structureId ?? ''} etat={etat} options={catalogues} />
        <ChampsPartenaire etat={etat} />
        <BoutonsEnregistrer annuler="/admin/catalogue" />
      </Formulaire>
    </Layout>
  );
}

function Situations({ situations }: { situations: SituationDuPartenaire[] }) {
  return (
    <>
      <h2 class="fr-mt-4w">Situations de vie concernées</h2>
      {situations.length === 0 ? (
        <p>Aucune situation ne nomme ce partenaire.</p>
      ) : (
        <ul>
          {situations.map((s) => (
            <li key={s.id}>
              <a href={`/admin/catalogue/situations/${s.id}`}>{s.nom}</a>
              {s.ordre === 1 ? ' (partenaire principal)' : ''} <Retire actif={s.actif} genre="f" />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Statut({ partenaire }: { partenaire: PartenaireConsulte }) {
  return (
    <ul class="fr-badges-group">
      <li>
        <p class="fr-badge fr-badge--sm fr-badge--info">{typePartenaire(partenaire)}</p>
      </li>
      {!partenaire.actif && (
        <li>
          <Retire actif={false} genre="m" />
        </li>
      )}
    </ul>
  );
}

/** The edit form of a partner, the situations naming it, and the retire (or reactivate) action. */
export function FormulairePartenaire({
  ctx,
  partenaire,
  situations,
  etat,
}: {
  ctx: ContextePage;
  partenaire: PartenaireConsulte;
  situations: SituationDuPartenaire[];
  etat: EtatFormulaire;
}) {
  const base = `/admin/catalogue/partenaires/${partenaire.id}`;
  const titre = `Modifier le partenaire « ${partenaire.nom} »`;
  const principalDe = situations.filter((s) => s.actif && s.ordre === 1).length;
  return (
    <Layout titre={titreFormulaire(titre, etat)} ctx={ctx} filAriane={[FIL, { libelle: partenaire.nom }]}>
      <h1>{titre}</h1>
      <Statut partenaire={partenaire} />
      <ResumeErreurs etat={etat} libelles={LIBELLES_PARTENAIRE} />
      <Formulaire action={base} csrf={ctx.csrf}>
        <ChampsPartenaire etat={etat} />
        <BoutonsEnregistrer annuler="/admin/catalogue" />
      </Formulaire>
      <Situations situations={situations} />
      {partenaire.actif ? (
        <EncadreAction titre="Retirer le partenaire">
          <p>
            Il ne sera plus proposé à l’enregistrement des sollicitations ni dans les situations. Les sollicitations
            déjà enregistrées le conservent, et vous pourrez le réactiver.
            {principalDe > 0 &&
              ` Il est le partenaire principal de ${principalDe} situation${principalDe > 1 ? 's' : ''} active${principalDe > 1 ? 's' : ''} : pensez à leur en désigner un autre.`}
          </p>
          <BoutonAction action={`${base}/retirer`} csrf={ctx.csrf} libelle="Retirer le partenaire" secondaire />
        </EncadreAction>
      ) : (
        <EncadreAction titre="Réactiver le partenaire">
          <p>Il sera de nouveau proposé à l’enregistrement des sollicitations et dans les situations.</p>
          <BoutonAction action={`${base}/reactiver`} csrf={ctx.csrf} libelle="Réactiver le partenaire" secondaire />
        </EncadreAction>
      )}
    </Layout>
  );
}

/** A partner for those who may only read it. */
export function PagePartenaire({
  ctx,
  partenaire,
  situations,
}: {
  ctx: ContextePage;
  partenaire: PartenaireConsulte;
  situations: SituationDuPartenaire[];
}) {
  return (
    <Layout titre={partenaire.nom} ctx={ctx} filAriane={[FIL, { libelle: partenaire.nom }]}>
      <h1>{partenaire.nom}</h1>
      <Statut partenaire={partenaire} />
      <dl class="fr-mt-3w">
        <dt class="fr-text--bold">Nom court</dt>
        <dd>{partenaire.nomCourt}</dd>
      </dl>
      <Situations situations={situations} />
    </Layout>
  );
}

/** Renaming one of the six themes (national administration only). */
export function FormulaireTheme({
  ctx,
  theme,
  etat,
}: {
  ctx: ContextePage;
  theme: { id: string; nom: string };
  etat: EtatFormulaire;
}) {
  const titre = `Renommer le thème « ${theme.nom} »`;
  return (
    <Layout titre={titreFormulaire(titre, etat)} ctx={ctx} filAriane={[FIL, { libelle: theme.nom }]}>
      <h1>{titre}</h1>
      <ResumeErreurs etat={etat} libelles={{ nom: 'Nom du thème' }} />
      <Formulaire action={`/admin/catalogue/themes/${theme.id}`} csrf={ctx.csrf}>
        <Champ nom="nom" libelle="Nom du thème" etat={etat} longueurMax={200} />
        <BoutonsEnregistrer annuler="/admin/catalogue" />
      </Formulaire>
    </Layout>
  );
}
