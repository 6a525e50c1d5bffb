import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validerHoraires } from '../../src/modules/horaires/index.ts';
import { analyserListeAnct, importerFranceServices, type RapportImport } from '../../src/modules/imports/index.ts';
import { communeParCode } from '../../src/modules/territoires/index.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

const LISTE = readFileSync(new URL('../../data/france-services-2022-12-01.csv', import.meta.url));
const NATIONAL = { national: true, departements: [], structures: [], sites: [], partenaires: [] };

let ctx: Contexte;
let premier: RapportImport;
let second: RapportImport;
let structuresApresPremier: number;

beforeAll(async () => {
  ctx = await demarrerApp();
  premier = await importerFranceServices(ctx.database.db, NATIONAL, LISTE);
  [{ n: structuresApresPremier }] = (await ctx.sql<{ n: number }>('select count(*)::int as n from structures')) as [
    { n: number },
  ];
  second = await importerFranceServices(ctx.database.db, NATIONAL, LISTE);
}, 180_000);
afterAll(() => ctx.fermer());

async function site(idFs: number) {
  const [s] = await ctx.sql(
    `select s.*, s.date_labellisation::text as date_labellisation, st.nom as structure_nom, st.departement, st.porteur
       from sites s join structures st on st.id = s.structure_id where s.id_fs = $1`,
    [idFs],
  );
  if (!s) throw new Error(`site ${idFs} not imported`);
  return s;
}

describe('import of the real ANCT list of 1 December 2022', () => {
  it('reads every row and accounts for each: created, or rejected with a reason', () => {
    expect(premier.erreurFichier).toBeUndefined();
    expect(premier.lues).toBe(2683);
    // The three demo sites that carry their id_fs (Sceaux 2541, Agen 898, Rouen 1816) are updated, not created.
    expect(premier.creees).toBe(2653);
    expect(premier.misesAJour).toBe(3);
    expect(premier.rejetees).toHaveLength(27);
    expect(premier.creees + premier.misesAJour + premier.rejetees.length).toBe(premier.lues);
    expect(premier.avertissements).toHaveLength(116);
  });

  it('rejects only the rows without an address and a broken INSEE code', () => {
    const parMotif = (re: RegExp) => premier.rejetees.filter((r) => re.test(r.raison));
    expect(
      parMotif(/^adresse manquante ; code commune INSEE manquant ; code postal manquant ; commune manquante$/),
    ).toHaveLength(26);
    expect(premier.rejetees).toContainEqual({
      ligne: 1709,
      idFs: '2004',
      raison: 'code commune INSEE « 0null » invalide',
    });
    // Line numbers count the physical lines of the file: multi-line quoted fields push later rows down.
    expect(premier.rejetees).toContainEqual({
      ligne: 2508,
      idFs: '2696',
      raison: expect.stringMatching(/^adresse manquante/),
    });
    expect(premier.rejetees.map((r) => r.idFs)).not.toContainEqual(expect.stringMatching(/^temp_|^168[45]$/));
  });

  it('warns about what it imported anyway', () => {
    const parMotif = (re: RegExp) => premier.avertissements.filter((r) => re.test(r.raison)).length;
    expect(parMotif(/^horaires non convertis : aucun jour d’ouverture renseigné$/)).toBe(98);
    expect(parMotif(/^horaires non convertis : mardi « 01:00 - 17:00 »/)).toBe(1);
    expect(parMotif(/^sans coordonnées : position approchée/)).toBe(3);
    expect(parMotif(/km de la commune .* remplacées par le centre/)).toBe(2);
    expect(parMotif(/^adresse électronique/)).toBe(6);
    expect(parMotif(/^antenne du groupe/)).toBe(4);
    expect(parMotif(/^date de labellisation absente$/)).toBe(1);
    expect(premier.avertissements).toContainEqual({
      ligne: 1375,
      idFs: '1709',
      raison:
        'antenne du groupe « Lannion tregor France Services » qui compte 4 sites principaux (id_fs 134, 1184, 1894, 2368) : rattachée à sa propre structure',
    });
  });

  it('re-running updates the same sites and creates nothing', async () => {
    expect(second).toMatchObject({ lues: 2683, creees: 0, misesAJour: 2656 });
    expect(second.rejetees).toEqual(premier.rejetees);
    const [compte] = await ctx.sql<{ sites: number; distincts: number; provisoires: number }>(
      `select count(*)::int as sites, count(distinct id_fs)::int as distincts,
              count(distinct id_fs_provisoire)::int as provisoires
         from sites where id_fs is not null or id_fs_provisoire is not null`,
    );
    expect(compte).toEqual({ sites: 2656, distincts: 2497, provisoires: 159 });
    const [{ n }] = (await ctx.sql<{ n: number }>('select count(*)::int as n from structures')) as [{ n: number }];
    expect(n).toBe(structuresApresPremier);
  });

  it('updates the demo sites that carry their id_fs instead of listing them twice', async () => {
    const demo = await ctx.sql<{ id_fs: number; nom: string; comptes: number }>(
      `select s.id_fs, s.nom, (select count(*)::int from habilitations h where h.structure_id = s.structure_id) as comptes
         from sites s where s.code_insee in ('92071', '47001', '76540') and s.genre = 'principal' order by s.id_fs`,
    );
    expect(demo).toEqual([
      { id_fs: 898, nom: 'France services Agen Léon Blum', comptes: expect.any(Number) },
      { id_fs: 1816, nom: 'France services du Plateau', comptes: expect.any(Number) },
      { id_fs: 2541, nom: 'France services de Sceaux', comptes: expect.any(Number) },
    ]);
    // The demo manager and agent of Sceaux still work at the (single) Sceaux site.
    expect(demo[2]?.comptes).toBeGreaterThan(0);
  });

  it('publishes the sites with a provisional id, buses included (temp_3, Chauny)', async () => {
    const [chauny] = await ctx.sql(
      `select s.nom, s.genre, s.id_fs, s.horaires, s.latitude, st.departement,
              (select count(*)::int from site_partenaires sp where sp.site_id = s.id) as partenaires
         from sites s join structures st on st.id = s.structure_id where s.id_fs_provisoire = 'temp_3'`,
    );
    expect(chauny).toMatchObject({
      nom: 'France services de Chauny',
      genre: 'principal',
      id_fs: null,
      departement: '02',
      partenaires: 9,
    });
    expect(chauny?.horaires).toMatch(/^Mo/);
    const [{ bus }] = (await ctx.sql<{ bus: number }>(
      `select count(*)::int as bus from sites where id_fs_provisoire is not null and genre = 'itinerant'`,
    )) as [{ bus: number }];
    expect(bus).toBe(30);
  });

  it('imports Saint-Martin’s two sites, on Saint-Martin’s time', async () => {
    const sm = await ctx.sql(
      `select s.id_fs, s.fuseau_horaire, s.coordonnees_approchees, st.departement from sites s
         join structures st on st.id = s.structure_id where st.departement = '978' order by s.id_fs`,
    );
    expect(sm).toEqual([
      { id_fs: 1684, fuseau_horaire: 'America/Marigot', coordonnees_approchees: false, departement: '978' },
      { id_fs: 1685, fuseau_horaire: 'America/Marigot', coordonnees_approchees: false, departement: '978' },
    ]);
  });

  it('converts the hours to OSM and keeps the original text (id_fs 2541, Sceaux)', async () => {
    const s = await site(2541);
    expect(s.horaires).toBe('Mo-We,Fr 09:30-12:30,14:30-17:30; Th 09:30-12:30; Sa 09:00-12:00; PH off');
    expect(s.horaires_source).toEqual({
      lundi: '09:30 - 12:30 / 14:30 - 17:30',
      mardi: '09:30 - 12:30 / 14:30 - 17:30',
      mercredi: '09:30 - 12:30 / 14:30 - 17:30',
      jeudi: '09:30 - 12:30',
      vendredi: '09:30 - 12:30 / 14:30 - 17:30',
      samedi: '09:00 - 12:00',
    });
    expect(s).toMatchObject({
      genre: 'principal',
      adresse: 'Quartier des Blagis',
      code_postal: '92330',
      commune: 'Sceaux',
      code_insee: '92071',
      telephone: '0171224445',
      courriel: 'sceaux@france-services.gouv.fr',
      latitude: 48.778201,
      longitude: 2.284643,
      coordonnees_approchees: false,
      fuseau_horaire: 'Europe/Paris',
      date_labellisation: '2022-01-01',
      structure_nom: 'France services de Sceaux',
      departement: '92',
      porteur: 'commune', // the demo's structure, which the list updated (it does not name the porteur)
    });
  });

  it('converts Agen’s hours (id_fs 898)', async () => {
    const s = await site(898);
    expect(s.horaires).toBe('Mo-Th 09:00-12:00,13:30-16:30; Fr 09:30-12:00,13:30-16:30; Sa 09:00-12:00; PH off');
    expect(s.horaires_source).toMatchObject({ vendredi: '09:30 - 12:00 / 13:30 - 16:30', samedi: '09:00 - 12:00' });
    expect(s.date_labellisation).toBe('2020-09-01');
  });

  it('keeps a site whose hours cannot be read, without hours but with its text (id_fs 1679)', async () => {
    const s = await site(1679);
    expect(s.horaires).toBeNull();
    expect(s.horaires_source).toMatchObject({ mardi: '01:00 - 17:00' });
  });

  it('places a site without coordinates at its commune’s centre, marked approximate (id_fs 520, Corcieux)', async () => {
    const s = await site(520);
    const corcieux = communeParCode('88115');
    expect(corcieux).toBeDefined();
    expect(s).toMatchObject({
      latitude: corcieux?.latitude,
      longitude: corcieux?.longitude,
      coordonnees_approchees: true,
      commune: 'Corcieux', // "CORCIEUX" in the file
    });
  });

  it('replaces coordinates far from the commune by its centre (id_fs 1820, Pont-Audemer, placed near Rouen)', async () => {
    const s = await site(1820);
    expect(s.coordonnees_approchees).toBe(true);
    expect(s.latitude).toBe(communeParCode('27467')?.latitude);
  });

  it('gives overseas sites their own time zone', async () => {
    const zones = await ctx.sql<{ departement: string; fuseau_horaire: string }>(
      `select distinct st.departement, s.fuseau_horaire from sites s join structures st on st.id = s.structure_id
        where s.id_fs is not null and st.departement like '97%' order by 1`,
    );
    expect(zones).toEqual([
      { departement: '971', fuseau_horaire: 'America/Guadeloupe' },
      { departement: '972', fuseau_horaire: 'America/Martinique' },
      { departement: '973', fuseau_horaire: 'America/Cayenne' },
      { departement: '974', fuseau_horaire: 'Indian/Reunion' },
      { departement: '976', fuseau_horaire: 'Indian/Mayotte' },
      { departement: '978', fuseau_horaire: 'America/Marigot' },
    ]);
  });

  it('makes itinerant main sites itinerant, and attaches antennas to their group’s main site', async () => {
    const principal = await site(66); // POM's, itinerant main site of the Massif de Mouthoumet
    expect(principal.genre).toBe('itinerant');
    const antenne = await site(683);
    expect(antenne.genre).toBe('antenne');
    expect(antenne.structure_id).toBe(principal.structure_id);
    const [{ n }] = (await ctx.sql<{ n: number }>('select count(*)::int as n from sites where structure_id = $1', [
      principal.structure_id,
    ])) as [{ n: number }];
    expect(n).toBe(10);
    // An antenna without a group has a structure of its own, named after it, even when a name suggests a link.
    const seule = await site(523); // "France services Bruyères - Antenne de Brouvelieures", no groupe
    expect(seule.structure_id).not.toBe((await site(522)).structure_id);
    expect(seule.structure_nom).toBe('France services Bruyères - Antenne de Brouvelieures');
  });

  it('recognises La Poste as the porteur from the name', async () => {
    expect((await site(169)).porteur).toBe('la_poste');
    expect((await site(510)).porteur).toBe('autre'); // "Arnac-la-Poste" is a commune
  });

  it('gives every imported site the 9 national partners', async () => {
    const [r] = await ctx.sql<{ sans: number }>(
      `select count(*)::int as sans from sites s
        where s.id_fs is not null and (select count(*) from site_partenaires sp where sp.site_id = s.id) <> 9`,
    );
    expect(r?.sans).toBe(0);
  });

  it('writes only OSM hours that the opening-hours engine accepts', () => {
    const { sites } = analyserListeAnct(LISTE);
    const invalides = sites.filter((s) => s.horaires !== null && !validerHoraires(s.horaires).ok);
    expect(invalides).toEqual([]);
    expect(sites.filter((s) => s.horaires !== null)).toHaveLength(2656 - 100);
  });
});

describe('re-import of a changed list', () => {
  it('updates the fields that changed and keeps the rest', async () => {
    const texte = LISTE.toString('utf8');
    const [entete] = texte.split('\n');
    const ligne = texte.split('\n').find((l) => l.startsWith('"2541",'));
    const modifiee = (ligne as string)
      .replace('"01 71 22 44 45"', '"01 71 22 44 99"')
      .replace('"09:00 - 12:00",,"Non"', '"",,"Non"');
    const r = await importerFranceServices(ctx.database.db, NATIONAL, `${entete}\n${modifiee}\n`);
    expect(r).toMatchObject({ lues: 1, creees: 0, misesAJour: 1, rejetees: [] });
    const s = await site(2541);
    expect(s.telephone).toBe('0171224499');
    expect(s.horaires).toBe('Mo-We,Fr 09:30-12:30,14:30-17:30; Th 09:30-12:30; PH off');
    expect(s.horaires_source).toMatchObject({ samedi: '' });
    expect(s.adresse).toBe('Quartier des Blagis');
  });
});

describe('a later list numbers the provisional sites', () => {
  it('gives temp_3 (Chauny) its id_fs on the same site, and keeps Basse-Terre’s two sites apart', async () => {
    const texte = LISTE.toString('utf8');
    const [entete] = texte.split('\n');
    const ligneDe = (debut: string) => texte.split('\n').find((l) => l.startsWith(debut)) as string;
    const [avant] = await ctx.sql<{ id: string }>(`select id from sites where id_fs_provisoire = 'temp_3'`);
    const [{ n: total }] = (await ctx.sql<{ n: number }>('select count(*)::int as n from sites')) as [{ n: number }];
    // The next list: Chauny numbered 3003 (same name and commune), Basse-Terre's provisional site numbered 3061.
    const chauny = ligneDe('"temp_3",').replace('"temp_3"', '"3003"');
    const basseTerre = ligneDe('"temp_61",').replace('"temp_61"', '"3061"');
    const r = await importerFranceServices(ctx.database.db, NATIONAL, `${entete}\n${chauny}\n${basseTerre}\n`);
    expect(r).toMatchObject({ lues: 2, creees: 0, misesAJour: 2, rejetees: [] });
    const [apres] = await ctx.sql(
      `select id, id_fs, id_fs_provisoire from sites where nom = 'France services de Chauny'`,
    );
    expect(apres).toEqual({ id: avant?.id, id_fs: 3003, id_fs_provisoire: null });
    const bt = await ctx.sql(
      `select id_fs, id_fs_provisoire, adresse from sites where nom = 'France services de Basse-Terre' order by id_fs`,
    );
    expect(bt).toEqual([
      { id_fs: 2680, id_fs_provisoire: null, adresse: 'Cours Nolivos' },
      { id_fs: 3061, id_fs_provisoire: null, adresse: 'Boulevard de la Soufrière' },
    ]);
    const [{ n }] = (await ctx.sql<{ n: number }>('select count(*)::int as n from sites')) as [{ n: number }];
    expect(n).toBe(total);
    // An older list still saying temp_3 finds the site by its name and commune and leaves its id_fs alone.
    const ancien = await importerFranceServices(ctx.database.db, NATIONAL, `${entete}\n${ligneDe('"temp_3",')}\n`);
    expect(ancien).toMatchObject({ creees: 0, misesAJour: 1 });
    const [encore] = await ctx.sql(`select id_fs, id_fs_provisoire from sites where id = $1`, [avant?.id]);
    expect(encore).toEqual({ id_fs: 3003, id_fs_provisoire: null });
  });
});

describe('a malformed file gives a clear report', () => {
  const entete =
    'id_fs,insee_dep,lib_fs,adresse,complement_adresse,insee_com,code_postal,lib_com,latitude,longitude,mail,telephone,h_lundi,h_mardi,h_mercredi,h_jeudi,h_vendredi,h_samedi,commentaire,itinerance,format_fs,groupe,labellisation';
  const ligne = (id: string, extra = '') =>
    `${id},75,"France services ${id}","1 rue de Rivoli",,75101,75001,Paris,48.86,2.34,,,"09:00 - 12:00",,,,,,"${extra}",Non,Site principal,,Espace labellisé 01/01/2022`;

  it('refuses a file that is not the national list', async () => {
    const r = await importerFranceServices(ctx.database.db, NATIONAL, 'nom,adresse\nA,B\n');
    expect(r.erreurFichier).toMatch(/^ce n’est pas la liste nationale des France services/);
    expect(r).toMatchObject({ lues: 0, creees: 0 });
  });

  it('names the missing columns of a damaged header', async () => {
    const r = await importerFranceServices(
      ctx.database.db,
      NATIONAL,
      `${entete.replace('insee_com,', '').replace(',labellisation', '')}\n`,
    );
    expect(r.erreurFichier).toBe('colonnes manquantes dans l’en-tête : insee_com, labellisation');
  });

  it('refuses a file that is not UTF-8', async () => {
    const latin1 = Buffer.from(`${entete}\n${ligne('999001').replace('rue', 'rue de l’Église')}\n`, 'latin1');
    const r = await importerFranceServices(ctx.database.db, NATIONAL, latin1);
    expect(r.erreurFichier).toMatch(/n’est pas encodé en UTF-8/);
  });

  it('says where a quote is left open', async () => {
    const r = await importerFranceServices(
      ctx.database.db,
      NATIONAL,
      `${entete}\n${ligne('999002')}\n999003,75,"Oups\n`,
    );
    expect(r.erreurFichier).toBe('ligne 3 : guillemet ouvert jamais refermé');
  });

  it('rejects a broken row with its line, counting the lines of multi-line fields, and imports the others', async () => {
    const r = await importerFranceServices(
      ctx.database.db,
      NATIONAL,
      [
        entete,
        ligne('999004', 'Un commentaire\nsur trois\nlignes'),
        '999005,75,"Ligne tronquée",1 rue X',
        ligne('999004'),
        ligne('abc'),
        ligne('999006').replace('48.86,2.34', '4.86,2.34'),
        '',
      ].join('\n'),
    );
    expect(r).toMatchObject({ lues: 5, creees: 2, misesAJour: 0 });
    expect(r.rejetees).toEqual([
      { ligne: 5, idFs: '999005', raison: 'la ligne compte 4 champs au lieu de 23' },
      { ligne: 6, idFs: '999004', raison: 'id_fs 999004 déjà présent ligne 2' },
      { ligne: 7, idFs: 'abc', raison: 'id_fs « abc » n’est ni un entier ni un identifiant provisoire (temp_12)' },
    ]);
    expect(r.avertissements).toContainEqual({
      ligne: 8,
      idFs: '999006',
      raison: 'coordonnées (4.86, 2.34) hors de la France métropolitaine : non importées',
    });
    const [s] = await ctx.sql('select commentaire, coordonnees_approchees from sites where id_fs = 999006');
    expect(s).toEqual({ commentaire: null, coordonnees_approchees: true });
    const [c] = await ctx.sql('select commentaire from sites where id_fs = 999004');
    expect(c).toEqual({ commentaire: 'Un commentaire\nsur trois\nlignes' });
  });

  it('is reserved to the national administration', async () => {
    await expect(
      importerFranceServices(
        ctx.database.db,
        { national: false, departements: ['75'], structures: [], sites: [], partenaires: [] },
        LISTE,
      ),
    ).rejects.toThrow(/réservé à l’administration nationale/);
  });
});
