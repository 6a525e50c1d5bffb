import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonAction,
  BoutonsEnregistrer,
  Cases,
  Champ,
  type EtatFormulaire,
  Formulaire,
  formulaireVide,
  Liste,
  Radios,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { nomDepartement } from '../../territoires/index.ts';
import type { ChoixReferent, Referent } from '../service-annuaire.ts';
import { LIBELLES_RANGS, RANGS } from '../validation-annuaire.ts';
import { Disponibilite, FIL_ANNUAIRE, perimetre, periode, rang, Telephone } from './annuaire-commun.tsx';

export const LIBELLES_REFERENT: Record<string, string> = {
  partenaireId: 'Partenaire',
  departement: 'Département',
  rang: 'Rang',
  prenom: 'Prénom',
  nom: 'Nom',
  fonction: 'Fonction',
  telephone: 'Téléphone direct',
  courriel: 'Adresse électronique directe',
  structures: 'Structures concernées',
  courrielCompte: 'Compte guichet du référent',
};

export const LIBELLES_ABSENCE: Record<string, string> = { du: 'Date de début', au: 'Date de fin' };

const nomComplet = (r: Pick<Referent, 'prenom' | 'nom'>) => `${r.prenom} ${r.nom}`;

/** A directory entry: contact, scope, availability; for who keeps it, the edit link, absences and deactivation. */
export function PageReferent({
  ctx,
  r,
  etatAbsence = formulaireVide,
}: {
  ctx: ContextePage;
  r: Referent;
  etatAbsence?: EtatFormulaire;
}) {
  const titre = nomComplet(r);
  return (
    <Layout
      titre={titreFormulaire(`${titre} – référent ${r.partenaire}`, etatAbsence)}
      ctx={ctx}
      filAriane={[FIL_ANNUAIRE, { libelle: titre }]}
    >
      <h1>{titre}</h1>
      <p>
        {rang(r)} pour {r.partenaireNom} – {nomDepartement(r.departement)}
      </p>
      <dl>
        <dt class="fr-text--bold">Fonction</dt>
        <dd>{r.fonction ?? 'Non renseignée'}</dd>
        <dt class="fr-text--bold">Téléphone direct</dt>
        <dd>
          <Telephone numero={r.telephone} />
        </dd>
        <dt class="fr-text--bold">Adresse électronique directe</dt>
        <dd>
          <a href={`mailto:${r.courriel}`}>{r.courriel}</a>
        </dd>
        <dt class="fr-text--bold">Périmètre</dt>
        <dd>{perimetre(r)}</dd>
        <dt class="fr-text--bold">Compte guichet</dt>
        <dd>{r.compte ? `Oui (${r.compte})` : 'Non : les saisines lui parviennent par courriel'}</dd>
        <dt class="fr-text--bold">Disponibilité</dt>
        <dd>
          <Disponibilite referent={r} />
        </dd>
      </dl>
      {r.modifiable && (
        <>
          <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
            <li>
              <a class="fr-btn fr-btn--sm" href={`/referents/${r.id}/modifier`}>
                Modifier
              </a>
            </li>
            <li>
              <BoutonAction
                action={`/referents/${r.id}/desactiver`}
                csrf={ctx.csrf}
                libelle="Désactiver ce référent"
                secondaire
              />
            </li>
          </ul>
          <Absences ctx={ctx} r={r} etat={etatAbsence} />
        </>
      )}
    </Layout>
  );
}

function Absences({ ctx, r, etat }: { ctx: ContextePage; r: Referent; etat: EtatFormulaire }) {
  return (
    <section aria-labelledby="absences">
      <h2 id="absences" class="fr-mt-4w">
        Absences
      </h2>
      <p>Pendant une absence, les saisines vont au suppléant ou à la suppléante.</p>
      {r.absences.length === 0 ? (
        <p>Aucune absence à venir.</p>
      ) : (
        <ul>
          {r.absences.map((a) => (
            <li key={a.id} class="fr-mb-1w">
              Absence {periode(a)}{' '}
              <BoutonAction
                action={`/referents/${r.id}/absences/${a.id}/supprimer`}
                csrf={ctx.csrf}
                libelle="Supprimer"
                titre={`Supprimer l’absence ${periode(a)}`}
                secondaire
              />
            </li>
          ))}
        </ul>
      )}
      <h3>Déclarer une absence</h3>
      <ResumeErreurs etat={etat} libelles={LIBELLES_ABSENCE} />
      <Formulaire action={`/referents/${r.id}/absences`} csrf={ctx.csrf}>
        <Champ nom="du" libelle={LIBELLES_ABSENCE.du ?? ''} aide="Au format JJ/MM/AAAA" type="date" etat={etat} />
        <Champ
          nom="au"
          libelle={LIBELLES_ABSENCE.au ?? ''}
          aide="Incluse ; au format JJ/MM/AAAA"
          type="date"
          etat={etat}
        />
        <button type="submit" class="fr-btn">
          Enregistrer l’absence
        </button>
      </Formulaire>
    </section>
  );
}

/** The create (without `r`) or edit form of an entry. */
export function FormulaireReferent({
  ctx,
  etat,
  choix,
  r,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  choix: ChoixReferent;
  r?: Referent;
}) {
  const titre = r ? `Modifier ${nomComplet(r)}` : 'Ajouter un référent';
  const structures = choix.structures
    .filter((s) => (r ? s.departement === r.departement : true))
    .map((s) => ({ valeur: s.id, libelle: r ? s.nom : `${s.nom} (${s.departement})` }));
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[
        FIL_ANNUAIRE,
        ...(r ? [{ href: `/referents/${r.id}`, libelle: nomComplet(r) }] : []),
        { libelle: titre },
      ]}
    >
      <h1>{titre}</h1>
      {r && (
        <p>
          {r.partenaireNom} – {nomDepartement(r.departement)}
        </p>
      )}
      <ResumeErreurs etat={etat} libelles={LIBELLES_REFERENT} />
      <Formulaire action={r ? `/referents/${r.id}` : '/referents'} csrf={ctx.csrf}>
        {!r && (
          <>
            <Liste
              nom="partenaireId"
              libelle={LIBELLES_REFERENT.partenaireId ?? ''}
              etat={etat}
              options={choix.partenaires.map((p) => ({ valeur: p.id, libelle: p.nom }))}
            />
            <Liste
              nom="departement"
              libelle={LIBELLES_REFERENT.departement ?? ''}
              etat={etat}
              options={choix.departements.map((d) => ({ valeur: d, libelle: nomDepartement(d) }))}
            />
          </>
        )}
        <Radios
          nom="rang"
          legende={LIBELLES_REFERENT.rang ?? ''}
          aide="Le suppléant reçoit les saisines quand le titulaire est absent."
          etat={etat}
          options={RANGS.map((x) => ({ valeur: x, libelle: LIBELLES_RANGS[x] }))}
          enLigne
        />
        <Champ nom="prenom" libelle={LIBELLES_REFERENT.prenom ?? ''} etat={etat} longueurMax={100} autocomplete="off" />
        <Champ nom="nom" libelle={LIBELLES_REFERENT.nom ?? ''} etat={etat} longueurMax={100} autocomplete="off" />
        <Champ
          nom="fonction"
          libelle={LIBELLES_REFERENT.fonction ?? ''}
          aide="Par exemple : responsable du service des prestations"
          etat={etat}
          longueurMax={150}
          requis={false}
        />
        <Champ
          nom="telephone"
          libelle={LIBELLES_REFERENT.telephone ?? ''}
          aide="Par exemple : 01 23 45 67 89"
          type="tel"
          etat={etat}
          longueurMax={20}
          requis={false}
        />
        <Champ
          nom="courriel"
          libelle={LIBELLES_REFERENT.courriel ?? ''}
          aide="Par exemple : prenom.nom@partenaire.fr"
          type="email"
          etat={etat}
          longueurMax={254}
        />
        {structures.length > 0 ? (
          <Cases
            nom="structures"
            legende={`${LIBELLES_REFERENT.structures} (facultatif)`}
            aide="Sans choix, le référent l’est pour tout le département."
            etat={etat}
            options={structures}
          />
        ) : (
          !r && (
            <p class="fr-hint-text">
              Pour limiter le référent à certaines structures, enregistrez-le puis modifiez-le.
            </p>
          )
        )}
        <Champ
          nom="courrielCompte"
          libelle={LIBELLES_REFERENT.courrielCompte ?? ''}
          aide="L’adresse de connexion d’une personne ayant le rôle de référent de ce partenaire pour ce département ; laisser vide si elle n’utilise pas guichet"
          type="email"
          etat={etat}
          longueurMax={254}
          requis={false}
        />
        <BoutonsEnregistrer annuler={r ? `/referents/${r.id}` : '/referents'} />
      </Formulaire>
    </Layout>
  );
}
