import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annulerParUsager } from '../../src/modules/rendez-vous/index.ts';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// The calendar invitation of an appointment (issue 11, point 3; ADR 0027): the emailed one is an iTIP REQUEST from the
// site (ORGANIZER at the configured sender's address) to the person (ATTENDEE), the downloaded one a PUBLISH without
// any personal data; both keep the appointment's UID, and the cancellation comes with a higher SEQUENCE.

let ctx: Contexte;
const boite = new BoiteDeTest();

beforeAll(async () => {
  ctx = await demarrerApp({ MAIL_FROM: 'France services <rdv@guichet.test>' });
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

interface Propriete {
  nom: string;
  parametres: Record<string, string>;
  valeur: string;
}

/** A careful reader of RFC 5545 content lines: CRLF only, unfolded, parameters split outside quotes. */
function lireIcs(texte: string): Propriete[] {
  expect(texte.endsWith('\r\n')).toBe(true);
  expect(texte.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  const lignes = texte
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  return lignes.map((ligne) => {
    let i = 0;
    let guillemets = false;
    while (i < ligne.length && (guillemets || ligne[i] !== ':')) {
      if (ligne[i] === '"') guillemets = !guillemets;
      i++;
    }
    const [nom, ...params] = (ligne.slice(0, i).match(/(?:[^;"]|"[^"]*")+/g) ?? []) as string[];
    return {
      nom: nom as string,
      parametres: Object.fromEntries(params.map((p) => p.split(/=(.*)/s).slice(0, 2) as [string, string])),
      valeur: ligne.slice(i + 1),
    };
  });
}
const une = (ics: Propriete[], nom: string) => ics.filter((p) => p.nom === nom);
const valeur = (ics: Propriete[], nom: string) => une(ics, nom).map((p) => p.valeur);

async function site(canal = 'sur_place', lienVisio: string | null = null) {
  const id = await creerSite(ctx, await creerStructure(ctx, '92'), 'France services de Test-sur-Ics');
  await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-20:00' where id = $1`, [id]);
  const plages = [{ debut: '08:00', fin: '20:00' }];
  const jours = Object.fromEntries(['lu', 'ma', 'me', 'je', 've', 'sa', 'di'].map((j) => [j, plages]));
  const [m] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, canal, lien_visio, reservable_en_ligne, fenetre_jours)
     values ($1, 'Impôts', 30, $2, $3, true, 30) returning id`,
    [id, canal, lienVisio],
  );
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent', $2) returning id`,
    [id, JSON.stringify({ modeles: [{ siteId: id, jours }] })],
  );
  await ctx.sql('insert into motif_ressources (motif_id, ressource_id) values ($1, $2)', [m?.id, r?.id]);
  const jour = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
  const d = await ctx.app.inject({ url: `/api/v1/sites/${id}/disponibilites?motif=${m?.id}&from=${jour}&to=${jour}` });
  return { motif: m?.id as string, debut: d.json().slots[0].start as string };
}

async function reserver(s: { motif: string; debut: string }, courriel: string) {
  const r = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/rendez-vous',
    remoteAddress: `10.2.0.${Math.floor(Math.random() * 250)}`,
    payload: { motif: s.motif, start: s.debut, name: 'Inès Moreau', email: courriel, consent: true },
  });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
}

describe('the invitation of an appointment', () => {
  it('emailed: REQUEST from the site to the person, stable UID, SEQUENCE 0 then 1 when cancelled', async () => {
    const s = await site();
    const id = await reserver(s, 'ines.moreau@exemple.fr');
    const [confirmation] = await boite.recus(ctx, 'ines.moreau@exemple.fr');
    const ics = lireIcs(confirmation?.contenus.get('invitation.ics') ?? '');
    expect(valeur(ics, 'METHOD')).toEqual(['REQUEST']);
    expect(valeur(ics, 'UID')).toEqual([`${id}@guichet`]);
    expect(valeur(ics, 'SEQUENCE')).toEqual(['0']);
    expect(une(ics, 'ORGANIZER')).toEqual([
      { nom: 'ORGANIZER', parametres: { CN: '"France services de Test-sur-Ics"' }, valeur: 'mailto:rdv@guichet.test' },
    ]);
    expect(valeur(ics, 'ATTENDEE')).toEqual(['mailto:ines.moreau@exemple.fr']);
    expect(une(ics, 'ATTENDEE')[0]?.parametres.RSVP).toBe('FALSE');
    expect(valeur(ics, 'DTSTART')).toEqual([`${new Date(s.debut).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`]);
    expect(valeur(ics, 'BEGIN')).toEqual(['VCALENDAR', 'VEVENT']);

    expect(await annulerParUsager(ctx.database.db, ctx.config, id)).toMatchObject({ ok: true });
    const annulation = (await boite.recus(ctx, 'ines.moreau@exemple.fr')).find((c) => c.contenus.has('annulation.ics'));
    const annule = lireIcs(annulation?.contenus.get('annulation.ics') ?? '');
    expect(valeur(annule, 'METHOD')).toEqual(['CANCEL']);
    expect(valeur(annule, 'UID')).toEqual([`${id}@guichet`]);
    expect(valeur(annule, 'SEQUENCE')).toEqual(['1']);
    expect(valeur(annule, 'ORGANIZER')).toEqual(['mailto:rdv@guichet.test']);
  });

  it('downloaded: PUBLISH with the same UID and organizer, and no personal data', async () => {
    const s = await site();
    const id = await reserver(s, 'telechargement@exemple.fr');
    const r = await ctx.app.inject({ url: `/api/v1/rendez-vous/${id}.ics` });
    expect(r.statusCode).toBe(200);
    const ics = lireIcs(r.body);
    expect(valeur(ics, 'METHOD')).toEqual(['PUBLISH']);
    expect(valeur(ics, 'UID')).toEqual([`${id}@guichet`]);
    expect(valeur(ics, 'SEQUENCE')).toEqual(['0']);
    expect(valeur(ics, 'ORGANIZER')).toEqual(['mailto:rdv@guichet.test']);
    expect(une(ics, 'ATTENDEE')).toEqual([]);
    expect(r.body).not.toContain('telechargement@exemple.fr');
    expect(r.body).not.toContain('Moreau');
  });

  it('of a visio motif: the link as LOCATION and URL, in the email and the download', async () => {
    const s = await site('visio', 'https://webconf.exemple.fr/caf-42?code=a,b');
    const id = await reserver(s, 'visio.ics@exemple.fr');
    const [confirmation] = await boite.recus(ctx, 'visio.ics@exemple.fr');
    expect(confirmation?.texte).toContain(
      'Rendez-vous en visio, par ce lien : https://webconf.exemple.fr/caf-42?code=a,b',
    );
    expect(confirmation?.texte).not.toContain('Adresse :');
    for (const texte of [
      confirmation?.contenus.get('invitation.ics') ?? '',
      (await ctx.app.inject({ url: `/api/v1/rendez-vous/${id}.ics` })).body,
    ]) {
      const ics = lireIcs(texte);
      expect(valeur(ics, 'LOCATION')).toEqual(['https://webconf.exemple.fr/caf-42?code=a\\,b']);
      expect(valeur(ics, 'URL')).toEqual(['https://webconf.exemple.fr/caf-42?code=a,b']);
    }
  });
});
