import type { ComponentChildren } from 'preact';

/** Field errors by field name, and the values typed, to re-render a rejected form. */
export interface EtatFormulaire {
  valeurs: Record<string, string | string[] | undefined>;
  erreurs: Record<string, string>;
}

export const formulaireVide: EtatFormulaire = { valeurs: {}, erreurs: {} };

/** The page title of a form: "Erreur – " first when it comes back with errors, so screen readers hear it at once. */
export function titreFormulaire(titre: string, etat: EtatFormulaire): string {
  return Object.keys(etat.erreurs).length > 0 ? `Erreur – ${titre}` : titre;
}

export function valeur(etat: EtatFormulaire, nom: string): string {
  const v = etat.valeurs[nom];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export function valeurs(etat: EtatFormulaire, nom: string): string[] {
  const v = etat.valeurs[nom];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** The summary at the top of a rejected form; each message links to its field. */
export function ResumeErreurs({ etat, libelles }: { etat: EtatFormulaire; libelles: Record<string, string> }) {
  const noms = Object.keys(etat.erreurs);
  if (noms.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id="resume-erreurs">
      <h2 class="fr-alert__title">
        {noms.length === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${noms.length} erreurs`}
      </h2>
      <ul>
        {noms.map((nom) => (
          <li key={nom}>
            <a href={`#${nom}`}>{libelles[nom] ? `${libelles[nom]} : ${etat.erreurs[nom]}` : etat.erreurs[nom]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Messages({ id, erreur }: { id: string; erreur: string | undefined }) {
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

interface ChampProps {
  nom: string;
  libelle: string;
  etat: EtatFormulaire;
  aide?: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'number' | 'date' | 'time' | 'datetime-local' | 'url';
  autocomplete?: string;
  requis?: boolean;
  longueurMax?: number;
  /** Bounds of a number field (the server checks them again). */
  min?: number;
  max?: number;
  inputMode?: 'numeric' | 'tel' | 'email' | 'text';
  /** Password fields never echo what was typed. */
  sansValeur?: boolean;
}

/** A DSFR text input with its label, hint and error linked by aria-describedby. */
export function Champ(p: ChampProps) {
  const erreur = p.etat.erreurs[p.nom];
  return (
    <div class={`fr-input-group${erreur ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={p.nom}>
        {p.libelle}
        {p.requis === false && ' (facultatif)'}
        {p.aide && <span class="fr-hint-text">{p.aide}</span>}
      </label>
      <input
        class={`fr-input${erreur ? ' fr-input--error' : ''}`}
        id={p.nom}
        name={p.nom}
        type={(p.type ?? 'text') as 'text'}
        value={p.sansValeur ? undefined : valeur(p.etat, p.nom)}
        autocomplete={p.autocomplete}
        required={p.requis !== false}
        maxLength={p.longueurMax}
        min={p.min}
        max={p.max}
        inputMode={p.inputMode}
        aria-invalid={erreur ? 'true' : undefined}
        aria-describedby={`${p.nom}-messages`}
      />
      <Messages id={p.nom} erreur={erreur} />
    </div>
  );
}

interface ListeProps {
  nom: string;
  libelle: string;
  etat: EtatFormulaire;
  options: Array<{ valeur: string; libelle: string }>;
  aide?: string;
  requis?: boolean;
  /** Text of the empty first option. */
  vide?: string;
}

/** A DSFR select with label and error. */
export function Liste(p: ListeProps) {
  const erreur = p.etat.erreurs[p.nom];
  const choisi = valeur(p.etat, p.nom);
  return (
    <div class={`fr-select-group${erreur ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={p.nom}>
        {p.libelle}
        {p.requis === false && ' (facultatif)'}
        {p.aide && <span class="fr-hint-text">{p.aide}</span>}
      </label>
      <select
        class={`fr-select${erreur ? ' fr-select--error' : ''}`}
        id={p.nom}
        name={p.nom}
        required={p.requis !== false}
        aria-invalid={erreur ? 'true' : undefined}
        aria-describedby={`${p.nom}-messages`}
      >
        <option value="" selected={choisi === ''}>
          {p.vide ?? 'Sélectionner une option'}
        </option>
        {p.options.map((o) => (
          <option key={o.valeur} value={o.valeur} selected={o.valeur === choisi}>
            {o.libelle}
          </option>
        ))}
      </select>
      <Messages id={p.nom} erreur={erreur} />
    </div>
  );
}

interface CasesProps {
  nom: string;
  legende: string;
  etat: EtatFormulaire;
  options: Array<{ valeur: string; libelle: string }>;
  aide?: string;
  /** Short options side by side. */
  enLigne?: boolean;
}

/** A DSFR fieldset of checkboxes or radio buttons under one name, with its legend, hint and error. */
function GroupeDeChoix(p: CasesProps & { type: 'checkbox' | 'radio' }) {
  const erreur = p.etat.erreurs[p.nom];
  const choisis = new Set(valeurs(p.etat, p.nom));
  return (
    <fieldset
      class={`fr-fieldset${erreur ? ' fr-fieldset--error' : ''}`}
      id={p.nom}
      aria-labelledby={`${p.nom}-legende ${p.nom}-messages`}
    >
      <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id={`${p.nom}-legende`}>
        {p.legende}
        {p.aide && <span class="fr-hint-text">{p.aide}</span>}
      </legend>
      {p.options.map((o, i) => (
        <div class={`fr-fieldset__element${p.enLigne ? ' fr-fieldset__element--inline' : ''}`} key={o.valeur}>
          <div class={p.type === 'radio' ? 'fr-radio-group' : 'fr-checkbox-group'}>
            <input type={p.type} id={`${p.nom}-${i}`} name={p.nom} value={o.valeur} checked={choisis.has(o.valeur)} />
            <label class="fr-label" for={`${p.nom}-${i}`}>
              {o.libelle}
            </label>
          </div>
        </div>
      ))}
      <Messages id={p.nom} erreur={erreur} />
    </fieldset>
  );
}

/** A DSFR fieldset of checkboxes (several values under one name). */
export const Cases = (p: CasesProps) => <GroupeDeChoix {...p} type="checkbox" />;

/** A DSFR fieldset of radio buttons (one value under one name). */
export const Radios = (p: CasesProps) => <GroupeDeChoix {...p} type="radio" />;

/** A single DSFR checkbox (boolean field). */
export function Case({
  nom,
  libelle,
  etat,
  aide,
}: {
  nom: string;
  libelle: string;
  etat: EtatFormulaire;
  aide?: string;
}) {
  const coche = ['on', 'true', '1'].includes(valeur(etat, nom));
  return (
    <div class="fr-checkbox-group fr-mb-3w">
      <input type="checkbox" id={nom} name={nom} value="on" checked={coche} aria-describedby={`${nom}-messages`} />
      <label class="fr-label" for={nom}>
        {libelle}
        {aide && <span class="fr-hint-text">{aide}</span>}
      </label>
      <Messages id={nom} erreur={etat.erreurs[nom]} />
    </div>
  );
}

/** A POST form carrying the CSRF token. */
export function Formulaire({
  action,
  csrf,
  children,
  id,
}: {
  action: string;
  csrf: string;
  children: ComponentChildren;
  id?: string;
}) {
  return (
    <form method="post" action={action} id={id} noValidate>
      <input type="hidden" name="_csrf" value={csrf} />
      {children}
    </form>
  );
}

/** A one-button POST form (deactivate, remove...) with its CSRF token. */
export function BoutonAction({
  action,
  csrf,
  libelle,
  secondaire,
  titre,
}: {
  action: string;
  csrf: string;
  libelle: string;
  secondaire?: boolean;
  titre?: string;
}) {
  return (
    <form method="post" action={action} class="fr-displayed-inline">
      <input type="hidden" name="_csrf" value={csrf} />
      <button type="submit" class={`fr-btn fr-btn--sm${secondaire ? ' fr-btn--secondary' : ''}`} title={titre}>
        {libelle}
      </button>
    </form>
  );
}

/** The actions of a record page: an edit link and a deactivate/reactivate button, each shown only when allowed. */
export function ActionsFiche({
  base,
  csrf,
  actif,
  modifier,
  activer,
  objet,
}: {
  /** The record's URL, e.g. /admin/sites/<id>. */
  base: string;
  csrf: string;
  actif: boolean;
  modifier: boolean;
  activer: boolean;
  /** What is deactivated, with its article: "le site", "la structure", "le compte". */
  objet: string;
}) {
  if (!modifier && !activer) return null;
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left">
      {modifier && (
        <li>
          <a class="fr-btn fr-btn--sm" href={`${base}/modifier`}>
            Modifier
          </a>
        </li>
      )}
      {activer && (
        <li>
          <BoutonAction
            action={`${base}/${actif ? 'desactiver' : 'reactiver'}`}
            csrf={csrf}
            libelle={`${actif ? 'Désactiver' : 'Réactiver'} ${objet}`}
            secondaire
          />
        </li>
      )}
    </ul>
  );
}

/** The submit and cancel buttons that end an edit form. */
export function BoutonsEnregistrer({ annuler }: { annuler: string }) {
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md">
      <li>
        <button type="submit" class="fr-btn">
          Enregistrer
        </button>
      </li>
      <li>
        <a class="fr-btn fr-btn--secondary" href={annuler}>
          Annuler
        </a>
      </li>
    </ul>
  );
}

/** An optional DSFR textarea with its label, hint and error linked by aria-describedby. */
export function ZoneTexte({
  nom,
  libelle,
  aide,
  etat,
  lignes = 4,
  longueurMax,
}: {
  nom: string;
  libelle: string;
  aide?: string;
  etat: EtatFormulaire;
  lignes?: number;
  longueurMax?: number;
}) {
  const erreur = etat.erreurs[nom];
  return (
    <div class={`fr-input-group${erreur ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={nom}>
        {libelle} (facultatif)
        {aide && <span class="fr-hint-text">{aide}</span>}
      </label>
      <textarea
        class={`fr-input${erreur ? ' fr-input--error' : ''}`}
        id={nom}
        name={nom}
        rows={lignes}
        maxLength={longueurMax}
        aria-invalid={erreur ? 'true' : undefined}
        aria-describedby={`${nom}-messages`}
      >
        {valeur(etat, nom)}
      </textarea>
      <Messages id={nom} erreur={erreur} />
    </div>
  );
}
