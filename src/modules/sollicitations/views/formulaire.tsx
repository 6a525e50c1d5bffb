import {
  Case,
  Cases,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  Radios,
  ResumeErreurs,
  valeur,
} from '../../../ui/formulaire.tsx';
import type { CatalogueDeSaisie } from '../../catalogue/index.ts';
import { ChampMandat, type MandatDuFormulaire } from '../../mandats/index.ts';
import {
  LIBELLES_CANAUX,
  LIBELLES_CHAMPS,
  LIBELLES_DUREES,
  LIBELLES_ISSUES,
  LIBELLES_NIVEAUX,
  LIBELLES_TRANCHES_AGE,
  NOTE_MAX,
} from '../validation.ts';

const options = (libelles: Record<string, string>) =>
  Object.entries(libelles).map(([valeur, libelle]) => ({ valeur, libelle }));

interface Props {
  action: string;
  csrf: string;
  etat: EtatFormulaire;
  catalogue: CatalogueDeSaisie;
  siteId: string;
  arrets: Array<{ id: string; nom: string; commune: string }>;
  /** Quick entry: the situation is typed (with suggestions); full form: chosen from a list, date and time shown. */
  rapide: boolean;
  libelleBouton: string;
  /** The mandate the request is done under (issue 14), and where to go to act without it. */
  mandat?: MandatDuFormulaire | null;
  sansMandat?: string;
}

/** The situation field: typed with the catalogue as suggestions (quick entry), or a list grouped by theme. */
function ChampSituation({ etat, catalogue, rapide }: Pick<Props, 'etat' | 'catalogue' | 'rapide'>) {
  const erreur = etat.erreurs.situation;
  if (!rapide) {
    const choisi = valeur(etat, 'situation');
    return (
      <div class={`fr-select-group${erreur ? ' fr-select-group--error' : ''}`}>
        <label class="fr-label" for="situation">
          Situation de vie
        </label>
        <select
          class={`fr-select${erreur ? ' fr-select--error' : ''}`}
          id="situation"
          name="situation"
          required
          aria-invalid={erreur ? 'true' : undefined}
          aria-describedby="situation-messages"
        >
          <option value="" selected={choisi === ''}>
            Choisir une situation
          </option>
          {catalogue.themes.map((t) => (
            <optgroup key={t.id} label={t.nom}>
              {catalogue.situations
                .filter((s) => s.themeId === t.id)
                .map((s) => (
                  <option key={s.id} value={s.id} selected={s.id === choisi}>
                    {s.nom}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <div class="fr-messages-group" id="situation-messages" aria-live="polite">
          {erreur && <p class="fr-message fr-message--error">{erreur}</p>}
        </div>
      </div>
    );
  }
  const partenaires = new Map(catalogue.partenaires.map((p) => [p.id, p.nomCourt]));
  return (
    <div class={`fr-input-group${erreur ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for="situation">
        Situation de vie
        <span class="fr-hint-text">
          Tapez quelques lettres (« papiers », « retraite », « impôts ») puis Entrée. Les plus fréquentes ici sont
          proposées en premier.
        </span>
      </label>
      <input
        class={`fr-input${erreur ? ' fr-input--error' : ''}`}
        id="situation"
        name="situation"
        type="text"
        list="situations-connues"
        value={valeur(etat, 'situation')}
        required
        autocomplete="off"
        autofocus
        maxLength={200}
        aria-invalid={erreur ? 'true' : undefined}
        aria-describedby="situation-messages situation-partenaire"
      />
      <datalist id="situations-connues">
        {catalogue.situations.map((s) => (
          <option
            key={s.id}
            value={s.nom}
            data-partenaires={s.partenaires.map((p) => partenaires.get(p) ?? '').join(', ')}
          />
        ))}
      </datalist>
      <div class="fr-messages-group" id="situation-messages" aria-live="polite">
        {erreur && <p class="fr-message fr-message--error">{erreur}</p>}
      </div>
      {/* Outside the live region: rewritten at each keystroke, it must not be read out each time. */}
      <p class="fr-message fr-message--info guichet-situation-partenaires" id="situation-partenaire" hidden />
    </div>
  );
}

/** The request form, shared by the counter's quick entry and the edit page. */
export function FormulaireSollicitation(p: Props) {
  const { etat } = p;
  const nationaux = p.catalogue.partenaires.map((x) => ({
    valeur: x.id,
    libelle: x.local ? `${x.nomCourt} (partenaire local)` : x.nomCourt,
  }));
  const profilOuvert = Boolean(
    valeur(etat, 'trancheAge') ||
      valeur(etat, 'communeResidence') ||
      etat.erreurs.communeResidence ||
      etat.erreurs.trancheAge,
  );
  const dateOuverte =
    !p.rapide || Boolean(etat.erreurs.date || etat.erreurs.heure || valeur(etat, 'date') || valeur(etat, 'heure'));
  return (
    <Formulaire action={p.action} csrf={p.csrf} id="formulaire-sollicitation">
      <ResumeErreurs etat={etat} libelles={LIBELLES_CHAMPS} />
      <input type="hidden" name="site" value={p.siteId} />
      <ChampMandat mandat={p.mandat ?? null} etat={etat} sansMandat={p.sansMandat} />
      <ChampSituation etat={etat} catalogue={p.catalogue} rapide={p.rapide} />
      {p.arrets.length > 0 && (
        <Liste
          nom="arret"
          libelle="Arrêt de la tournée"
          etat={etat}
          requis={false}
          vide="Aucun arrêt en particulier"
          options={p.arrets.map((a) => ({ valeur: a.id, libelle: `${a.nom} (${a.commune})` }))}
        />
      )}
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <Radios nom="niveau" legende="Niveau d’aide" etat={etat} options={options(LIBELLES_NIVEAUX)} />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Radios nom="issue" legende="Issue" etat={etat} options={options(LIBELLES_ISSUES)} />
        </div>
      </div>
      <Radios nom="duree" legende="Durée" etat={etat} options={options(LIBELLES_DUREES)} enLigne />
      <Radios nom="canal" legende="Canal" etat={etat} options={options(LIBELLES_CANAUX)} enLigne />
      <Cases
        nom="partenaires"
        legende="Partenaires concernés"
        aide="Sans choix, le partenaire habituel de la situation est retenu."
        etat={etat}
        options={nationaux}
        enLigne
      />
      <fieldset class="fr-fieldset" aria-labelledby="reperes-legende">
        <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id="reperes-legende">
          Repérages
        </legend>
        <div class="fr-fieldset__element fr-fieldset__element--inline">
          <Case nom="nonRecours" libelle="Non-recours repéré" etat={etat} />
        </div>
        <div class="fr-fieldset__element fr-fieldset__element--inline">
          <Case nom="difficulteNumerique" libelle="Difficulté avec le numérique" etat={etat} />
        </div>
        <div class="fr-fieldset__element fr-fieldset__element--inline">
          <Case nom="premiereVisite" libelle="Première visite" etat={etat} />
        </div>
      </fieldset>
      <details class="fr-mb-3w" open={profilOuvert}>
        <summary>Profil anonyme de la personne (facultatif)</summary>
        <div class="fr-grid-row fr-grid-row--gutters fr-mt-1w">
          <div class="fr-col-12 fr-col-md-6">
            <Liste
              nom="trancheAge"
              libelle="Tranche d’âge"
              etat={etat}
              requis={false}
              vide="Non renseignée"
              options={options(LIBELLES_TRANCHES_AGE)}
            />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <Champ
              nom="communeResidence"
              libelle="Commune de résidence"
              aide="Nom ou code postal, par exemple « Sceaux » ou « 92330 »."
              etat={etat}
              requis={false}
              longueurMax={80}
            />
          </div>
        </div>
      </details>
      <details class="fr-mb-3w" open={dateOuverte}>
        <summary>Date et heure {p.rapide && '(maintenant par défaut)'}</summary>
        <div class="fr-grid-row fr-grid-row--gutters fr-mt-1w">
          <div class="fr-col-12 fr-col-md-6">
            <Champ nom="date" libelle="Date" type="date" etat={etat} requis={false} />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <Champ
              nom="heure"
              libelle="Heure"
              aide="Format HH:MM, par exemple 14:30."
              etat={etat}
              requis={false}
              longueurMax={5}
            />
          </div>
        </div>
      </details>
      <Champ
        nom="note"
        libelle="Note courte"
        aide={`${NOTE_MAX} caractères au plus. N’y écrivez aucune donnée personnelle : ni nom, ni numéro, ni adresse, ni situation de santé.`}
        etat={etat}
        requis={false}
        longueurMax={NOTE_MAX}
      />
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button type="submit" class="fr-btn">
            {p.libelleBouton}
          </button>
        </li>
      </ul>
    </Formulaire>
  );
}
