// Reference list of French regions and départements (INSEE COG 2024).
// Codes are strings: Corsica uses 2A and 2B (20 no longer exists) and overseas codes have three digits.
// The 101 départements, and apart from them the three overseas collectivities whose sites may appear in the national
// list (975, 977, 978): they are not départements and belong to no region, but a structure, a coordinator's scope and a
// report may be theirs. 986–988 (Pacific) have their own law and no France services in guichet.

/** A French département with its INSEE code, French name and INSEE region code. */
export interface Departement {
  code: string;
  nom: string;
  region: string;
}

/** A French region with its INSEE code and French name. */
export interface Region {
  code: string;
  nom: string;
}

/** The 18 French regions (13 metropolitan, 5 overseas), by INSEE code. */
export const REGIONS: readonly Region[] = Object.freeze([
  { code: '01', nom: 'Guadeloupe' },
  { code: '02', nom: 'Martinique' },
  { code: '03', nom: 'Guyane' },
  { code: '04', nom: 'La Réunion' },
  { code: '06', nom: 'Mayotte' },
  { code: '11', nom: 'Île-de-France' },
  { code: '24', nom: 'Centre-Val de Loire' },
  { code: '27', nom: 'Bourgogne-Franche-Comté' },
  { code: '28', nom: 'Normandie' },
  { code: '32', nom: 'Hauts-de-France' },
  { code: '44', nom: 'Grand Est' },
  { code: '52', nom: 'Pays de la Loire' },
  { code: '53', nom: 'Bretagne' },
  { code: '75', nom: 'Nouvelle-Aquitaine' },
  { code: '76', nom: 'Occitanie' },
  { code: '84', nom: 'Auvergne-Rhône-Alpes' },
  { code: '93', nom: "Provence-Alpes-Côte d'Azur" },
  { code: '94', nom: 'Corse' },
]);

/** The 101 French départements, in INSEE order (2A and 2B between 19 and 21). */
export const DEPARTEMENTS: readonly Departement[] = Object.freeze([
  { code: '01', nom: 'Ain', region: '84' },
  { code: '02', nom: 'Aisne', region: '32' },
  { code: '03', nom: 'Allier', region: '84' },
  { code: '04', nom: 'Alpes-de-Haute-Provence', region: '93' },
  { code: '05', nom: 'Hautes-Alpes', region: '93' },
  { code: '06', nom: 'Alpes-Maritimes', region: '93' },
  { code: '07', nom: 'Ardèche', region: '84' },
  { code: '08', nom: 'Ardennes', region: '44' },
  { code: '09', nom: 'Ariège', region: '76' },
  { code: '10', nom: 'Aube', region: '44' },
  { code: '11', nom: 'Aude', region: '76' },
  { code: '12', nom: 'Aveyron', region: '76' },
  { code: '13', nom: 'Bouches-du-Rhône', region: '93' },
  { code: '14', nom: 'Calvados', region: '28' },
  { code: '15', nom: 'Cantal', region: '84' },
  { code: '16', nom: 'Charente', region: '75' },
  { code: '17', nom: 'Charente-Maritime', region: '75' },
  { code: '18', nom: 'Cher', region: '24' },
  { code: '19', nom: 'Corrèze', region: '75' },
  { code: '2A', nom: 'Corse-du-Sud', region: '94' },
  { code: '2B', nom: 'Haute-Corse', region: '94' },
  { code: '21', nom: "Côte-d'Or", region: '27' },
  { code: '22', nom: "Côtes-d'Armor", region: '53' },
  { code: '23', nom: 'Creuse', region: '75' },
  { code: '24', nom: 'Dordogne', region: '75' },
  { code: '25', nom: 'Doubs', region: '27' },
  { code: '26', nom: 'Drôme', region: '84' },
  { code: '27', nom: 'Eure', region: '28' },
  { code: '28', nom: 'Eure-et-Loir', region: '24' },
  { code: '29', nom: 'Finistère', region: '53' },
  { code: '30', nom: 'Gard', region: '76' },
  { code: '31', nom: 'Haute-Garonne', region: '76' },
  { code: '32', nom: 'Gers', region: '76' },
  { code: '33', nom: 'Gironde', region: '75' },
  { code: '34', nom: 'Hérault', region: '76' },
  { code: '35', nom: 'Ille-et-Vilaine', region: '53' },
  { code: '36', nom: 'Indre', region: '24' },
  { code: '37', nom: 'Indre-et-Loire', region: '24' },
  { code: '38', nom: 'Isère', region: '84' },
  { code: '39', nom: 'Jura', region: '27' },
  { code: '40', nom: 'Landes', region: '75' },
  { code: '41', nom: 'Loir-et-Cher', region: '24' },
  { code: '42', nom: 'Loire', region: '84' },
  { code: '43', nom: 'Haute-Loire', region: '84' },
  { code: '44', nom: 'Loire-Atlantique', region: '52' },
  { code: '45', nom: 'Loiret', region: '24' },
  { code: '46', nom: 'Lot', region: '76' },
  { code: '47', nom: 'Lot-et-Garonne', region: '75' },
  { code: '48', nom: 'Lozère', region: '76' },
  { code: '49', nom: 'Maine-et-Loire', region: '52' },
  { code: '50', nom: 'Manche', region: '28' },
  { code: '51', nom: 'Marne', region: '44' },
  { code: '52', nom: 'Haute-Marne', region: '44' },
  { code: '53', nom: 'Mayenne', region: '52' },
  { code: '54', nom: 'Meurthe-et-Moselle', region: '44' },
  { code: '55', nom: 'Meuse', region: '44' },
  { code: '56', nom: 'Morbihan', region: '53' },
  { code: '57', nom: 'Moselle', region: '44' },
  { code: '58', nom: 'Nièvre', region: '27' },
  { code: '59', nom: 'Nord', region: '32' },
  { code: '60', nom: 'Oise', region: '32' },
  { code: '61', nom: 'Orne', region: '28' },
  { code: '62', nom: 'Pas-de-Calais', region: '32' },
  { code: '63', nom: 'Puy-de-Dôme', region: '84' },
  { code: '64', nom: 'Pyrénées-Atlantiques', region: '75' },
  { code: '65', nom: 'Hautes-Pyrénées', region: '76' },
  { code: '66', nom: 'Pyrénées-Orientales', region: '76' },
  { code: '67', nom: 'Bas-Rhin', region: '44' },
  { code: '68', nom: 'Haut-Rhin', region: '44' },
  { code: '69', nom: 'Rhône', region: '84' },
  { code: '70', nom: 'Haute-Saône', region: '27' },
  { code: '71', nom: 'Saône-et-Loire', region: '27' },
  { code: '72', nom: 'Sarthe', region: '52' },
  { code: '73', nom: 'Savoie', region: '84' },
  { code: '74', nom: 'Haute-Savoie', region: '84' },
  { code: '75', nom: 'Paris', region: '11' },
  { code: '76', nom: 'Seine-Maritime', region: '28' },
  { code: '77', nom: 'Seine-et-Marne', region: '11' },
  { code: '78', nom: 'Yvelines', region: '11' },
  { code: '79', nom: 'Deux-Sèvres', region: '75' },
  { code: '80', nom: 'Somme', region: '32' },
  { code: '81', nom: 'Tarn', region: '76' },
  { code: '82', nom: 'Tarn-et-Garonne', region: '76' },
  { code: '83', nom: 'Var', region: '93' },
  { code: '84', nom: 'Vaucluse', region: '93' },
  { code: '85', nom: 'Vendée', region: '52' },
  { code: '86', nom: 'Vienne', region: '75' },
  { code: '87', nom: 'Haute-Vienne', region: '75' },
  { code: '88', nom: 'Vosges', region: '44' },
  { code: '89', nom: 'Yonne', region: '27' },
  { code: '90', nom: 'Territoire de Belfort', region: '27' },
  { code: '91', nom: 'Essonne', region: '11' },
  { code: '92', nom: 'Hauts-de-Seine', region: '11' },
  { code: '93', nom: 'Seine-Saint-Denis', region: '11' },
  { code: '94', nom: 'Val-de-Marne', region: '11' },
  { code: '95', nom: "Val-d'Oise", region: '11' },
  { code: '971', nom: 'Guadeloupe', region: '01' },
  { code: '972', nom: 'Martinique', region: '02' },
  { code: '973', nom: 'Guyane', region: '03' },
  { code: '974', nom: 'La Réunion', region: '04' },
  { code: '976', nom: 'Mayotte', region: '06' },
]);

/** The overseas collectivities (collectivités d'outre-mer) with France services, by INSEE code; no region. */
export const COLLECTIVITES: readonly Departement[] = Object.freeze([
  { code: '975', nom: 'Saint-Pierre-et-Miquelon', region: '' },
  { code: '977', nom: 'Saint-Barthélemy', region: '' },
  { code: '978', nom: 'Saint-Martin', region: '' },
]);

/** Départements then overseas collectivities: every territory a structure may belong to. */
export const TERRITOIRES: readonly Departement[] = Object.freeze([...DEPARTEMENTS, ...COLLECTIVITES]);

const PAR_CODE: ReadonlyMap<string, Departement> = new Map(DEPARTEMENTS.map((d) => [d.code, d]));
const TERRITOIRE_PAR_CODE: ReadonlyMap<string, Departement> = new Map(TERRITOIRES.map((d) => [d.code, d]));

/** The set of the 101 valid département codes, for validation (e.g. in zod refinements). */
export const CODES_DEPARTEMENTS: ReadonlySet<string> = new Set(PAR_CODE.keys());

/** The codes of the 101 départements and of the overseas collectivities: what a structure's `departement` may hold. */
export const CODES_TERRITOIRES: ReadonlySet<string> = new Set(TERRITOIRE_PAR_CODE.keys());

/** Returns the département with this INSEE code, or undefined if the code is not a département. */
export function departement(code: string): Departement | undefined {
  return PAR_CODE.get(code);
}

/** Returns the département or overseas collectivity with this code, or undefined. */
export function territoire(code: string): Departement | undefined {
  return TERRITOIRE_PAR_CODE.get(code);
}

/** True for an overseas collectivity (975, 977, 978), which is not a département. */
export function estCollectivite(code: string): boolean {
  return TERRITOIRE_PAR_CODE.has(code) && !PAR_CODE.has(code);
}

/** Returns the display label "92 – Hauts-de-Seine" (or "978 – Saint-Martin"), or the code itself when unknown. */
export function nomDepartement(code: string): string {
  const d = TERRITOIRE_PAR_CODE.get(code);
  return d ? `${d.code} – ${d.nom}` : code;
}

/** "Département 92 – Hauts-de-Seine" or "Collectivité 978 – Saint-Martin": a territory named as what it is. */
export function libelleTerritoire(code: string): string {
  return `${estCollectivite(code) ? 'Collectivité' : 'Département'} ${nomDepartement(code)}`;
}

// Overseas territories each have their own zone; everything else (mainland and Corsica) is Europe/Paris.
const FUSEAUX_OUTRE_MER: ReadonlyMap<string, string> = new Map([
  ['971', 'America/Guadeloupe'],
  ['972', 'America/Martinique'],
  ['973', 'America/Cayenne'],
  ['974', 'Indian/Reunion'],
  ['975', 'America/Miquelon'],
  ['976', 'Indian/Mayotte'],
  ['977', 'America/St_Barthelemy'],
  ['978', 'America/Marigot'],
]);

/** Returns the IANA time zone of a département or collectivity; throws a RangeError for an unknown code. */
export function fuseauHoraireDepartement(code: string): string {
  if (!TERRITOIRE_PAR_CODE.has(code)) {
    throw new RangeError(`Unknown département code: ${code}`);
  }
  return FUSEAUX_OUTRE_MER.get(code) ?? 'Europe/Paris';
}
