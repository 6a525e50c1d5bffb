import { convertirHorairesAnct, type Grille, grilleDepuisHoraires, validerHoraires } from '../horaires/index.ts';
import type { SitePublic } from './repo.ts';

/** The columns of the ANCT's national list, in its order: an export re-imports into the same registry. */
export const COLONNES_ANCT = [
  'id_fs',
  'insee_dep',
  'lib_fs',
  'adresse',
  'complement_adresse',
  'insee_com',
  'code_postal',
  'lib_com',
  'latitude',
  'longitude',
  'mail',
  'telephone',
  'h_lundi',
  'h_mardi',
  'h_mercredi',
  'h_jeudi',
  'h_vendredi',
  'h_samedi',
  'commentaire',
  'itinerance',
  'format_fs',
  'groupe',
  'labellisation',
] as const;

const JOURS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;

/** "0171224445" → "01 71 22 44 45", as the national list writes phone numbers. */
export function telephoneLisible(telephone: string | null): string {
  if (!telephone) return '';
  return /^0\d{9}$/.test(telephone) ? telephone.replace(/(\d{2})(?=\d)/g, '$1 ') : telephone;
}

/** "2022-01-01" → "Espace labellisé 01/01/2022". */
function labellisation(date: string | null): string {
  if (!date) return '';
  const [a, m, j] = date.split('-');
  return `Espace labellisé ${j}/${m}/${a}`;
}

/** A site as a row of the ANCT list; weekday hours come from the text the site was imported with. */
export function ligneAnct(
  s: SitePublic,
  horairesJour: (s: SitePublic, jour: (typeof JOURS)[number]) => string,
): unknown[] {
  return [
    // A site the ANCT has not numbered yet keeps its provisional id, so the file re-imports to the same site.
    s.idFs ?? s.idFsProvisoire ?? '',
    s.departement,
    s.nom,
    s.adresse,
    s.complementAdresse ?? '',
    s.codeInsee ?? '',
    s.codePostal,
    s.commune,
    s.coordonneesApprochees ? '' : (s.latitude ?? ''),
    s.coordonneesApprochees ? '' : (s.longitude ?? ''),
    s.courriel ?? '',
    telephoneLisible(s.telephone),
    ...JOURS.map((j) => horairesJour(s, j)),
    s.commentaire ?? '',
    s.genre === 'itinerant' ? 'Oui' : 'Non',
    formatAnct(s),
    s.nombreSitesStructure > 1 ? s.structureNom : '',
    labellisation(s.dateLabellisation),
  ];
}

/**
 * The ANCT's `format_fs`. An itinerant service may be the main site or an antenna of its structure: the main site
 * is the one the structure is named after (as the import names it), or the only site of its structure.
 */
function formatAnct(s: SitePublic): 'Antenne' | 'Site principal' {
  if (s.genre === 'antenne') return 'Antenne';
  if (s.genre === 'principal' || s.nombreSitesStructure === 1 || s.nom === s.structureNom) return 'Site principal';
  return s.genre === 'itinerant' ? 'Antenne' : 'Site principal';
}

const CLES_JOURS = { lundi: 'lu', mardi: 'ma', mercredi: 'me', jeudi: 'je', vendredi: 've', samedi: 'sa' } as const;
const grilles = new WeakMap<SitePublic, Grille | null>();

/**
 * A weekday's hours in the list's format: the text kept from the import, verbatim, while the hours are still the ones
 * it gave; hours set in guichet (the demo, the hours editor) written from the OSM text ("09:00 - 12:00 / 13:30 - 17:00").
 */
export function horairesSourceJour(s: SitePublic, jour: (typeof JOURS)[number]): string {
  let grille = grilles.get(s);
  if (grille === undefined) {
    const aJour = s.horairesSource !== null && convertirHorairesAnct(s.horairesSource).osm === s.horaires;
    grille = aJour || !s.horaires || !validerHoraires(s.horaires).ok ? null : grilleDepuisHoraires(s.horaires);
    grilles.set(s, grille);
  }
  if (!grille) return s.horairesSource?.[jour] ?? '';
  return grille[CLES_JOURS[jour]].map((p) => `${p.debut} - ${p.fin}`).join(' / ');
}

/** The sites as a GeoJSON FeatureCollection (WGS 84, [longitude, latitude]); sites without position are left out. */
export function versGeoJson(sites: SitePublic[], urlPublique: string) {
  return {
    type: 'FeatureCollection' as const,
    features: sites
      .filter((s) => s.latitude !== null && s.longitude !== null)
      .map((s) => ({
        type: 'Feature' as const,
        id: s.id,
        geometry: { type: 'Point' as const, coordinates: [s.longitude, s.latitude] },
        properties: {
          id_fs: s.idFs,
          nom: s.nom,
          commentaire: s.commentaire,
          type: s.genre,
          adresse: [s.adresse, s.complementAdresse].filter(Boolean).join(', '),
          code_postal: s.codePostal,
          commune: s.commune,
          code_insee: s.codeInsee,
          departement: s.departement,
          structure: s.structureNom,
          telephone: s.telephone,
          courriel: s.courriel,
          horaires: s.horaires,
          coordonnees_approchees: s.coordonneesApprochees,
          agence_postale: s.agencePostale,
          partenaires: s.partenaires,
          fermetures: s.fermetures.map((f) => ({ debut: f.debut, fin: f.fin, motif: f.motif })),
          arrets: s.arrets.map((a) => ({
            nom: a.nom,
            commune: a.commune,
            code_insee: a.codeInsee,
            coordonnees: a.longitude !== null && a.latitude !== null ? [a.longitude, a.latitude] : null,
            horaires: a.horaires,
            semaines: a.semaines,
          })),
          fiche: `${urlPublique}/lieux/${s.id}`,
        },
      })),
  };
}

/** The 32 columns of the national mediation-place data standard (schema v1.0.2). */
export const COLONNES_MEDIATION = [
  'id',
  'pivot',
  'nom',
  'commune',
  'code_postal',
  'code_insee',
  'adresse',
  'complement_adresse',
  'latitude',
  'longitude',
  'typologie',
  'telephone',
  'courriels',
  'site_web',
  'horaires',
  'presentation_resume',
  'presentation_detail',
  'source',
  'itinerance',
  'structure_parente',
  'date_maj',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'dispositif_programmes_nationaux',
  'formations_labels',
  'autres_formations_labels',
  'modalites_acces',
  'modalites_accompagnement',
  'fiche_acces_libre',
  'prise_rdv',
] as const;

/** "0171224445" → "+33171224445"; overseas numbers keep their own prefix when written with one. */
export function telephoneInternational(telephone: string | null): string {
  if (!telephone) return '';
  if (telephone.startsWith('+')) return telephone;
  return /^0\d{9}$/.test(telephone) ? `+33${telephone.slice(1)}` : '';
}

/**
 * A site as mediation places: a fixed site is one row; an itinerant service is one row per stop (the standard
 * describes places), each with its own hours and the parent service named in `structure_parente`.
 */
export function lignesMediation(s: SitePublic, urlPublique: string): unknown[][] {
  const commun = {
    pivot: '00000000000000', // SIRET not held yet: the standard's placeholder for "unknown".
    telephone: telephoneInternational(s.telephone),
    courriels: s.courriel ?? '',
    site_web: `${urlPublique}/lieux/${s.id}`,
    source: 'guichet',
    date_maj: s.modifieLe.toISOString().slice(0, 10),
    services: 'Aide aux démarches administratives|Accès internet et matériel informatique',
    dispositif_programmes_nationaux: 'France Services',
    frais_a_charge: 'Gratuit',
    modalites_acces: 'Se présenter|Téléphoner',
    modalites_accompagnement: 'Accompagnement individuel|En autonomie',
  };
  const ligne = (v: Record<string, unknown>) => COLONNES_MEDIATION.map((c) => v[c] ?? '');
  if (s.genre === 'itinerant' && s.arrets.length > 0) {
    return s.arrets.map((a) =>
      ligne({
        ...commun,
        id: `${s.id}-${a.id}`,
        nom: `${s.nom} – ${a.nom}`,
        commune: a.commune,
        code_postal: a.codePostal,
        code_insee: a.codeInsee ?? '',
        adresse: a.adresse,
        latitude: a.latitude ?? '',
        longitude: a.longitude ?? '',
        horaires: a.horaires,
        presentation_resume: a.semaines === 'toutes' ? '' : `Passage les semaines ${a.semaines}`,
        itinerance: 'Itinérant',
        structure_parente: s.nom,
      }),
    );
  }
  return [
    ligne({
      ...commun,
      id: s.id,
      nom: s.nom,
      commune: s.commune,
      code_postal: s.codePostal,
      code_insee: s.codeInsee ?? '',
      adresse: s.adresse,
      complement_adresse: s.complementAdresse ?? '',
      latitude: s.latitude ?? '',
      longitude: s.longitude ?? '',
      horaires: s.horaires ?? '',
      itinerance: 'Fixe',
      structure_parente: s.structureNom,
    }),
  ];
}
