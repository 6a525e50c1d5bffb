import type { ComponentProps } from 'preact';
import { Champ, type EtatFormulaire, valeur } from '../../../ui/formulaire.tsx';
import { Tableau } from '../../../ui/tableau.tsx';
import { JOURS, type JourCle, NOMS_JOURS } from '../../horaires/index.ts';
import { type Canal, decrireRegle, type ModeleTravail, type Permanence, type Plage } from '../capacite.ts';

// Pieces shared by the manager's appointment pages: a generic DSFR input, channel names, and the weekly patterns and
// permanence rules written in French.

export const CANAUX_EN_CLAIR: Record<Canal, string> = {
  sur_place: 'Sur place',
  telephone: 'Par téléphone',
  visio: 'En visioconférence',
  domicile: 'À domicile',
  arret: 'À un arrêt de la tournée',
};

/** "2027-01-05" → "05/01/2027". */
export function dateFr(iso: string): string {
  const [a, m, j] = iso.split('-');
  return `${j}/${m}/${a}`;
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

/** A DSFR input of any type (time, datetime-local, url, number…): the shared `Champ`, numeric keyboard for numbers. */
export function ChampSaisie(p: {
  nom: string;
  libelle: string;
  etat: EtatFormulaire;
  type?: 'text' | 'number' | 'time' | 'date' | 'datetime-local' | 'url';
  aide?: string;
  requis?: boolean;
  longueurMax?: number;
  min?: number;
  max?: number;
}) {
  return <Champ {...p} inputMode={p.type === 'number' ? 'numeric' : undefined} />;
}

/** A DSFR select whose options are grouped (`optgroup`), optional, with its label, hint and error linked to it. */
export function ListeGroupee(p: {
  nom: string;
  libelle: string;
  etat: EtatFormulaire;
  aide?: string;
  vide: string;
  groupes: Array<{ libelle: string; options: Array<{ valeur: string; libelle: string }> }>;
}) {
  const erreur = p.etat.erreurs[p.nom];
  const choisi = valeur(p.etat, p.nom);
  return (
    <div class={`fr-select-group${erreur ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={p.nom}>
        {p.libelle} (facultatif)
        {p.aide && <span class="fr-hint-text">{p.aide}</span>}
      </label>
      <select
        class={`fr-select${erreur ? ' fr-select--error' : ''}`}
        id={p.nom}
        name={p.nom}
        aria-invalid={erreur ? 'true' : undefined}
        aria-describedby={`${p.nom}-messages`}
      >
        <option value="" selected={choisi === ''}>
          {p.vide}
        </option>
        {p.groupes
          .filter((g) => g.options.length > 0)
          .map((g) => (
            <optgroup key={g.libelle} label={g.libelle}>
              {g.options.map((o) => (
                <option key={o.valeur} value={o.valeur} selected={o.valeur === choisi}>
                  {o.libelle}
                </option>
              ))}
            </optgroup>
          ))}
      </select>
      <Messages id={p.nom} erreur={erreur} />
    </div>
  );
}

/** A DSFR table that scrolls inside its frame on a narrow screen instead of widening the page (see guichet.css). */
export function TableauDefilant(p: ComponentProps<typeof Tableau>) {
  return (
    <div class="guichet-table-defilante">
      <Tableau {...p} />
    </div>
  );
}

/** "09:30–12:30 et 14:30–17:30". */
export function plagesEnClair(plages: Plage[]): string {
  const textes = plages.map((p) => `${p.debut}–${p.fin}`);
  return textes.length > 1 ? `${textes.slice(0, -1).join(', ')} et ${textes[textes.length - 1]}` : (textes[0] ?? '');
}

function validite(du?: string, au?: string): string {
  if (du && au) return ` (du ${dateFr(du)} au ${dateFr(au)})`;
  if (du) return ` (à partir du ${dateFr(du)})`;
  if (au) return ` (jusqu’au ${dateFr(au)})`;
  return '';
}

/** A weekly pattern in French, days with the same ranges grouped: "lundi, mardi : 09:30–12:30 ; mercredi : …". */
export function modeleEnClair(m: ModeleTravail): string {
  const groupes: Array<{ jours: JourCle[]; plages: string }> = [];
  for (const jour of JOURS) {
    const plages = m.jours[jour] ?? [];
    if (plages.length === 0) continue;
    const texte = plagesEnClair(plages);
    const meme = groupes.find((g) => g.plages === texte);
    if (meme) meme.jours.push(jour);
    else groupes.push({ jours: [jour], plages: texte });
  }
  if (groupes.length === 0) return 'Aucune plage de travail';
  const semaines =
    m.semaines === 'paires' ? ', semaines paires' : m.semaines === 'impaires' ? ', semaines impaires' : '';
  const texte = groupes.map((g) => `${g.jours.map((j) => NOMS_JOURS[j].toLowerCase()).join(', ')} : ${g.plages}`);
  return `${texte.join(' ; ')}${semaines}${validite(m.valideDu, m.valideAu)}`;
}

/** A permanence's rules in French: "2e et 4e mardis du mois, 09:00–12:00 ; en visioconférence". */
export function permanenceEnClair(p: Permanence): string {
  const regles = p.occurrences.map((o) => `${decrireRegle(o.regle)}, ${plagesEnClair(o.plages)}`).join(' ; ');
  const canaux = p.canaux ?? [];
  const ouCanaux = canaux.length === 0 ? '' : ` – ${canaux.map((c) => CANAUX_EN_CLAIR[c].toLowerCase()).join(', ')}`;
  return `${regles}${ouCanaux}${validite(p.valideDu, p.valideAu)}`;
}

/** "30 min", "1 h 30". */
export function minutesEnClair(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}
