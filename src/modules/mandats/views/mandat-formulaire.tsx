import type { ContextePage } from '../../../ui/contexte.ts';
import { ChampsIdentite } from '../../../ui/coordonnees.tsx';
import {
  Case,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Radios,
  ResumeErreurs,
  titreFormulaire,
  valeurs,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { Notice } from '../notice.ts';
import type { FormulaireMandat } from '../service-mandat.ts';
import {
  AIDES_DUREES,
  DUREES,
  LIBELLES_CHAMPS_MANDAT,
  LIBELLES_DUREES,
  LIBELLES_PIECES,
  PIECES,
} from '../validation.ts';

// The form that prepares a mandate at the desk (issue 14 point 2): the person, the procedures entrusted (partners of
// the catalogue, each for all its procedures or some), the duration, the identity document seen (its kind only), and
// the information notice the person reads before signing. Without JavaScript: the procedures of a partner fold in a
// native <details>.

function Erreur({ id, erreur }: { id: string; erreur: string | undefined }) {
  return (
    <div class="fr-messages-group" id={`${id}-messages`} aria-live="polite">
      {erreur && (
        <p class="fr-message fr-message--error" id={`${id}-erreur`}>
          {erreur}
        </p>
      )}
    </div>
  );
}

/** The partners as checkboxes, each with its procedures folded under it. */
function Perimetre({ vue, etat }: { vue: FormulaireMandat; etat: EtatFormulaire }) {
  const erreur = etat.erreurs.partenaires ?? etat.erreurs.situations;
  const partenaires = new Set(valeurs(etat, 'partenaires'));
  const situations = new Set(valeurs(etat, 'situations'));
  return (
    <fieldset
      class={`fr-fieldset${erreur ? ' fr-fieldset--error' : ''}`}
      id="partenaires"
      aria-labelledby="partenaires-legende partenaires-messages"
    >
      <legend class="fr-fieldset__legend" id="partenaires-legende">
        Démarches confiées
        <span class="fr-hint-text">
          Cochez chaque organisme concerné. Sans démarche précisée, le mandat vaut pour toutes ses démarches.
        </span>
      </legend>
      {vue.catalogue.map((p, i) => (
        <div class="fr-fieldset__element" key={p.id}>
          <div class="fr-checkbox-group">
            <input
              type="checkbox"
              id={`partenaire-${i}`}
              name="partenaires"
              value={p.id}
              checked={partenaires.has(p.id)}
            />
            <label class="fr-label" for={`partenaire-${i}`}>
              {p.nom}
            </label>
          </div>
          {p.situations.length > 0 && (
            <details class="fr-ml-4w fr-mt-1w" open={p.situations.some((s) => situations.has(`${p.id}:${s.id}`))}>
              <summary class="fr-text--sm">Préciser les démarches {p.nomCourt} (facultatif)</summary>
              <fieldset class="fr-fieldset fr-mt-1w" aria-label={`Démarches ${p.nom}`}>
                {p.situations.map((s, j) => (
                  <div class="fr-fieldset__element" key={s.id}>
                    <div class="fr-checkbox-group fr-checkbox-group--sm">
                      <input
                        type="checkbox"
                        id={`situation-${i}-${j}`}
                        name="situations"
                        value={`${p.id}:${s.id}`}
                        checked={situations.has(`${p.id}:${s.id}`)}
                      />
                      <label class="fr-label" for={`situation-${i}-${j}`}>
                        {s.nom}
                      </label>
                    </div>
                  </div>
                ))}
              </fieldset>
            </details>
          )}
        </div>
      ))}
      <Erreur id="partenaires" erreur={erreur} />
    </fieldset>
  );
}

/** The information notice as the person reads it (the same text is printed on both originals). */
export function TexteNotice({ notice }: { notice: Notice }) {
  return (
    <div class="fr-callout fr-mb-3w" id="notice">
      <h2 class="fr-callout__title fr-h5">{notice.titre}</h2>
      <dl class="fr-callout__text fr-text--sm">
        {notice.sections.map((s) => (
          <div key={s.titre} class="fr-mb-1w">
            <dt class="fr-text--bold">{s.titre}</dt>
            <dd class="fr-ml-0">{s.texte}</dd>
          </div>
        ))}
      </dl>
      <p class="fr-text--xs fr-mb-0">Version {notice.version} de l’information.</p>
    </div>
  );
}

/** The page of the form; `etat` holds the values typed and the errors of a refused post. */
export function PageNouveauMandat({
  ctx,
  vue,
  etat,
}: {
  ctx: ContextePage;
  vue: FormulaireMandat;
  etat: EtatFormulaire;
}) {
  const titre = `Nouveau mandat – ${vue.site.nom}`;
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[
        { href: '/tableau-de-bord', libelle: 'Tableau de bord' },
        { href: `/sites/${vue.site.id}/mandats`, libelle: 'Mandats' },
        { libelle: 'Nouveau mandat' },
      ]}
    >
      <h1>{titre}</h1>
      <p>
        Le mandat permet à la structure d’agir au nom de la personne pour les démarches choisies. Après
        l’enregistrement, imprimez les deux exemplaires, faites-les signer sur place par la personne et par vous, puis
        enregistrez la signature : le mandat entre alors en vigueur.
      </p>
      <Formulaire action={`/sites/${vue.site.id}/mandats/nouveau`} csrf={ctx.csrf} id="formulaire-mandat">
        <ResumeErreurs etat={etat} libelles={LIBELLES_CHAMPS_MANDAT} />
        <fieldset class="fr-fieldset" aria-labelledby="personne-legende">
          <legend class="fr-fieldset__legend" id="personne-legende">
            La personne (mandant)
            <span class="fr-hint-text">
              Telle qu’elle figure sur sa pièce d’identité. Une fiche existante de la structure (mêmes nom, prénom et
              date de naissance) est réutilisée.
            </span>
          </legend>
          <ChampsIdentite etat={etat} />
          <div class="fr-fieldset__element">
            <Champ
              nom="courriel"
              libelle="Adresse électronique"
              aide="Pour pouvoir révoquer le mandat à distance : un lien de révocation lui sera envoyé."
              type="email"
              etat={etat}
              requis={false}
              longueurMax={254}
              autocomplete="off"
            />
          </div>
          <div class="fr-fieldset__element">
            <Champ
              nom="telephone"
              libelle="Téléphone portable"
              aide="Pour pouvoir révoquer le mandat à distance, si elle n’a pas d’adresse électronique : le lien part par SMS."
              type="tel"
              etat={etat}
              requis={false}
              longueurMax={20}
              autocomplete="off"
            />
          </div>
        </fieldset>
        <Perimetre vue={vue} etat={etat} />
        <Radios
          nom="duree"
          legende="Durée du mandat"
          aide="À compter de la signature. Douze mois au plus."
          etat={etat}
          options={DUREES.map((d) => ({ valeur: d, libelle: `${LIBELLES_DUREES[d]} – ${AIDES_DUREES[d]}` }))}
        />
        <Radios
          nom="pieceIdentite"
          legende="Pièce d’identité présentée"
          aide="Vérifiez l’identité de la personne. Seule la nature de la pièce est enregistrée : aucune copie et aucun numéro ne sont conservés."
          etat={etat}
          options={PIECES.map((p) => ({ valeur: p, libelle: LIBELLES_PIECES[p] }))}
        />
        <TexteNotice notice={vue.notice} />
        <Case
          nom="noticeRecue"
          libelle="La personne a reçu et compris cette information"
          aide="Le même texte figure sur les deux exemplaires du mandat."
          etat={etat}
        />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              Préparer le mandat
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/sites/${vue.site.id}/mandats`}>
              Annuler
            </a>
          </li>
        </ul>
      </Formulaire>
    </Layout>
  );
}
