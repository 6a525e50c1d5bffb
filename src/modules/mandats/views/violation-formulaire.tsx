import type { ContextePage } from '../../../ui/contexte.ts';
import {
  Cases,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { NiveauDeclarable } from '../violations-service.ts';
import {
  LIBELLES_CHAMPS_VIOLATION,
  LIBELLES_NATURES,
  LISTE_MAX,
  NATURES_VIOLATION,
  TEXTE_MAX,
} from '../violations-validation.ts';
import { ZoneTexteViolation } from './violation-commun.tsx';

// The form of a breach register entry (issue 14 point 7): declaring one (the register it goes in, when the actor has
// more than one) and completing it later. Its fields follow what the CNIL asks, so that the draft notification is
// filled from it. Instants are typed on the level's clock; no JavaScript needed.

/** Where the form posts and what it is about. */
export type ModeFormulaire =
  | { type: 'declaration'; niveaux: NiveauDeclarable[] }
  | { type: 'modification'; id: string; reference: string; registre: string };

function Niveau({ mode, etat }: { mode: Extract<ModeFormulaire, { type: 'declaration' }>; etat: EtatFormulaire }) {
  const [seul] = mode.niveaux;
  if (mode.niveaux.length === 1 && seul && !etat.erreurs.niveau) {
    return (
      <p>
        Registre : <strong>{seul.libelle}</strong>
        <input type="hidden" name="niveau" value={seul.valeur} />
      </p>
    );
  }
  return (
    <Liste
      nom="niveau"
      libelle="Registre concerné"
      aide="La structure dont les données sont concernées, ou le niveau national pour la plateforme elle-même."
      etat={etat}
      vide="Choisir un registre"
      options={mode.niveaux.map((n) => ({ valeur: n.valeur, libelle: n.libelle }))}
    />
  );
}

/** The page of the form; `etat` holds the values typed and the errors of a refused post. */
export function PageFormulaireViolation({
  ctx,
  mode,
  etat,
}: {
  ctx: ContextePage;
  mode: ModeFormulaire;
  etat: EtatFormulaire;
}) {
  const declaration = mode.type === 'declaration';
  const titre = declaration ? 'Déclarer une violation de données' : `Modifier la violation ${mode.reference}`;
  const action = declaration ? '/violations/nouvelle' : `/violations/${mode.id}/modifier`;
  const annuler = declaration ? '/violations' : `/violations/${mode.id}`;
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[
        { href: '/tableau-de-bord', libelle: 'Tableau de bord' },
        { href: '/violations', libelle: 'Violations de données' },
        { libelle: declaration ? 'Déclarer' : 'Modifier' },
      ]}
    >
      <h1>{titre}</h1>
      {declaration ? (
        <p>
          Déclarez la violation dès que vous en avez connaissance, même incomplète : la CNIL doit être notifiée dans les
          72 heures qui suivent sa découverte, sauf si elle ne présente pas de risque pour les droits et libertés des
          personnes. Ne saisissez pas de données personnelles des personnes concernées : décrivez des catégories et des
          nombres.
        </p>
      ) : (
        <p>Registre : {mode.registre}</p>
      )}
      <Formulaire action={action} csrf={ctx.csrf} id="formulaire-violation">
        <ResumeErreurs etat={etat} libelles={LIBELLES_CHAMPS_VIOLATION} />
        {mode.type === 'declaration' && <Niveau mode={mode} etat={etat} />}
        <Champ
          nom="titre"
          libelle="Titre court"
          aide="Par exemple : ordinateur portable volé au guichet."
          etat={etat}
          longueurMax={200}
        />
        <fieldset class="fr-fieldset" aria-labelledby="dates-legende">
          <legend class="fr-fieldset__legend" id="dates-legende">
            Dates
            <span class="fr-hint-text">
              À l’heure locale du registre, au format JJ/MM/AAAA HH:MM si votre navigateur le demande.
            </span>
          </legend>
          <div class="fr-fieldset__element">
            <Champ
              nom="decouverteLe"
              libelle="Découverte de la violation"
              aide="Le moment où vous en avez eu connaissance : le délai de 72 heures court à partir de là."
              type="datetime-local"
              etat={etat}
            />
          </div>
          <div class="fr-fieldset__element">
            <Champ
              nom="survenueLe"
              libelle="Début de la violation"
              aide="S’il est connu ; au plus tard la découverte."
              type="datetime-local"
              etat={etat}
              requis={false}
            />
          </div>
        </fieldset>
        <Cases
          nom="nature"
          legende="Nature de la violation"
          aide="Cochez au moins une case."
          etat={etat}
          options={NATURES_VIOLATION.map((n) => ({ valeur: n, libelle: LIBELLES_NATURES[n] }))}
        />
        <ZoneTexteViolation
          nom="description"
          libelle="Circonstances"
          aide="Ce qui s’est passé, comment vous l’avez appris, la cause si elle est connue."
          etat={etat}
          max={TEXTE_MAX}
          lignes={6}
        />
        <ZoneTexteViolation
          nom="categoriesDonnees"
          libelle="Catégories de données concernées"
          aide="Par exemple : identité, coordonnées, numéro d’allocataire, pièces justificatives."
          etat={etat}
          max={LISTE_MAX}
        />
        <Champ
          nom="nombreEnregistrements"
          libelle="Nombre approximatif d’enregistrements"
          etat={etat}
          requis={false}
          inputMode="numeric"
          longueurMax={13}
        />
        <ZoneTexteViolation
          nom="categoriesPersonnes"
          libelle="Catégories de personnes concernées"
          aide="Par exemple : usagers du guichet, agents, mineurs, personnes vulnérables."
          etat={etat}
          max={LISTE_MAX}
        />
        <Champ
          nom="nombrePersonnes"
          libelle="Nombre approximatif de personnes"
          etat={etat}
          requis={false}
          inputMode="numeric"
          longueurMax={13}
        />
        <ZoneTexteViolation
          nom="consequences"
          libelle="Conséquences probables pour les personnes"
          etat={etat}
          max={TEXTE_MAX}
          requis={false}
        />
        <ZoneTexteViolation
          nom="mesuresPrises"
          libelle="Mesures prises"
          aide="Pour mettre fin à la violation et en limiter les effets."
          etat={etat}
          max={TEXTE_MAX}
        />
        <ZoneTexteViolation
          nom="mesuresEnvisagees"
          libelle="Mesures envisagées"
          etat={etat}
          max={TEXTE_MAX}
          requis={false}
        />
        <ZoneTexteViolation
          nom="informationPersonnes"
          libelle="Information des personnes concernées"
          aide="Si elles ont été ou seront informées : quand et comment ; sinon pourquoi."
          etat={etat}
          max={LISTE_MAX}
          requis={false}
        />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              {declaration ? 'Enregistrer la violation' : 'Enregistrer'}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={annuler}>
              Annuler
            </a>
          </li>
        </ul>
      </Formulaire>
    </Layout>
  );
}
