import type { ContextePage } from '../../../ui/contexte.ts';
import { ChampsIdentite } from '../../../ui/coordonnees.tsx';
import {
  Case,
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
import { ChampMandat } from '../../mandats/index.ts';
import type { FormulaireSaisine } from '../service.ts';
import { LIBELLES_CHAMPS_SAISINE, LIBELLES_URGENCES, TEXTE_SAISINE_MAX } from '../validation.ts';

// The creation form of a case (issue 13, point 2): the partner, the person's minimal identity, the legal basis (the
// consent given at the desk, or the person's mandate: issue 14), the question and the urgency.

/** A required DSFR text area, its hint and error linked by aria-describedby. */
export function ZoneTexteRequise({
  nom,
  libelle,
  aide,
  etat,
  lignes = 6,
}: {
  nom: string;
  libelle: string;
  aide: string;
  etat: EtatFormulaire;
  lignes?: number;
}) {
  const erreur = etat.erreurs[nom];
  return (
    <div class={`fr-input-group${erreur ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={nom}>
        {libelle}
        <span class="fr-hint-text">{aide}</span>
      </label>
      <textarea
        class={`fr-input${erreur ? ' fr-input--error' : ''}`}
        id={nom}
        name={nom}
        rows={lignes}
        maxLength={TEXTE_SAISINE_MAX}
        required
        aria-invalid={erreur ? 'true' : undefined}
        aria-describedby={`${nom}-messages`}
      >
        {valeur(etat, nom)}
      </textarea>
      <div class="fr-messages-group" id={`${nom}-messages`} aria-live="polite">
        {erreur && (
          <p class="fr-message fr-message--error" id={`${nom}-erreur`}>
            {erreur}
          </p>
        )}
      </div>
    </div>
  );
}

/** The legal basis: the consent at the desk, or the person's mandate (issue 14) the form was opened with. */
function BaseLegale({ etat, mandat }: { etat: EtatFormulaire; mandat: FormulaireSaisine['mandat'] }) {
  const erreur = etat.erreurs.baseLegale;
  const choisie = valeur(etat, 'baseLegale') || 'consentement';
  return (
    <fieldset
      class={`fr-fieldset${erreur ? ' fr-fieldset--error' : ''}`}
      id="baseLegale"
      aria-labelledby="baseLegale-legende baseLegale-messages"
    >
      <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id="baseLegale-legende">
        Base légale de la transmission
      </legend>
      <div class="fr-fieldset__element">
        <div class="fr-radio-group">
          <input
            type="radio"
            id="baseLegale-0"
            name="baseLegale"
            value="consentement"
            checked={choisie === 'consentement'}
          />
          <label class="fr-label" for="baseLegale-0">
            Consentement de la personne, recueilli au guichet
          </label>
        </div>
      </div>
      <div class="fr-fieldset__element">
        <div class="fr-radio-group">
          <input type="radio" id="baseLegale-1" name="baseLegale" value="mandat" checked={choisie === 'mandat'} />
          <label class="fr-label" for="baseLegale-1">
            Mandat de la personne
            <span class="fr-hint-text">
              {mandat || valeur(etat, 'mandat')
                ? 'Le mandat indiqué ci-dessous doit être en vigueur et couvrir ce partenaire.'
                : 'Ouvrez ce formulaire depuis la page du mandat de la personne (« Saisir un référent »).'}
            </span>
          </label>
        </div>
      </div>
      <div class="fr-messages-group" id="baseLegale-messages" aria-live="polite">
        {erreur && <p class="fr-message fr-message--error">{erreur}</p>}
      </div>
    </fieldset>
  );
}

/** The page of the creation form; `etat` holds the values typed and the errors of a refused post. */
export function PageNouvelleSaisine({
  ctx,
  vue,
  etat,
}: {
  ctx: ContextePage;
  vue: FormulaireSaisine;
  etat: EtatFormulaire;
}) {
  const titre = `Saisir un référent – ${vue.site.nom}`;
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[
        { href: '/tableau-de-bord', libelle: 'Tableau de bord' },
        { href: '/saisines', libelle: 'Saisines' },
        { libelle: 'Saisir un référent' },
      ]}
    >
      <h1>{titre}</h1>
      <p>
        La saisine part au référent du partenaire pour ce lieu (à son suppléant s’il est absent), qui vous répondra dans
        guichet. Le courriel qui le prévient ne contient aucune donnée personnelle.
      </p>
      <Formulaire action={`/sites/${vue.site.id}/saisines`} csrf={ctx.csrf} id="formulaire-saisine">
        <ResumeErreurs etat={etat} libelles={LIBELLES_CHAMPS_SAISINE} />
        {valeur(etat, 'sollicitation') && (
          <input type="hidden" name="sollicitation" value={valeur(etat, 'sollicitation')} />
        )}
        <Liste
          nom="partenaire"
          libelle="Partenaire"
          etat={etat}
          vide="Choisir un partenaire"
          options={vue.partenaires.map((p) => ({ valeur: p.id, libelle: p.nom }))}
        />
        <fieldset class="fr-fieldset" aria-labelledby="identite-legende">
          <legend class="fr-fieldset__legend" id="identite-legende">
            La personne
            <span class="fr-hint-text">Le strict nécessaire pour que le partenaire retrouve son dossier.</span>
          </legend>
          <ChampsIdentite etat={etat} />
          <div class="fr-fieldset__element">
            <Champ
              nom="numeroDossier"
              libelle="Numéro de dossier chez le partenaire"
              aide="Numéro d’allocataire, identifiant France Travail… s’il est connu."
              etat={etat}
              requis={false}
              longueurMax={50}
              autocomplete="off"
            />
          </div>
        </fieldset>
        <BaseLegale etat={etat} mandat={vue.mandat} />
        <ChampMandat
          mandat={vue.mandat}
          etat={etat}
          fuseau={vue.site.fuseau}
          sansMandat={`/sites/${vue.site.id}/saisines/nouvelle`}
        />
        <Case
          nom="consentement"
          libelle="La personne a donné au guichet son consentement à la transmission de ces informations au partenaire"
          aide="L’heure du consentement est enregistrée avec la saisine. Sans objet sous mandat."
          etat={etat}
        />
        <ZoneTexteRequise
          nom="question"
          libelle="Question posée au référent"
          aide={`La situation et ce qui bloque, sans donnée de santé ni information inutile. ${TEXTE_SAISINE_MAX.toLocaleString('fr-FR')} caractères au plus.`}
          etat={etat}
        />
        <Radios
          nom="urgence"
          legende="Urgence"
          etat={etat}
          options={Object.entries(LIBELLES_URGENCES).map(([v, libelle]) => ({ valeur: v, libelle }))}
        />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              Transmettre au référent
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/saisines">
              Annuler
            </a>
          </li>
        </ul>
      </Formulaire>
    </Layout>
  );
}
