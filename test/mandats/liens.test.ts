import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nouvelleReference, verifierJournal } from '../../src/modules/mandats/index.ts';
import { citoyens, mandats, perimetresMandats } from '../../src/modules/mandats/tables.ts';
import { creerUtilisateur, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { lieuDeTest } from '../rendez-vous/guichet-lieu.ts';

// Requests, appointments and cases naming the mandate they rely on (issue 14 points 1 and 5), through HTTP: written
// with the mandate and journalled in the same transaction under an active mandate; refused in French with nothing
// written under a revoked one, an expired one (before the expiry job), another structure's, or one not covering the
// partner; the citizen record lists them; an agent of Sceaux never opens an Agen record.

let ctx: Contexte;
let agent: Client;
let sceaux: string;
let agen: string;
let lieu: Awaited<ReturnType<typeof lieuDeTest>>;
let caf: string;
let msa: string;
let agentId: string;

const JOUR = 86_400_000;

beforeAll(async () => {
  ctx = await demarrerApp();
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  agen = await structureNommee(ctx, 'France services Agen Léon Blum');
  lieu = await lieuDeTest(ctx, sceaux);
  const code = async (c: string) =>
    (await ctx.sql<{ id: string }>('select id from partenaires where code = $1', [c]))[0]?.id as string;
  caf = await code('caf');
  msa = await code('msa');
  agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
  agentId = (await ctx.sql<{ id: string }>('select id from utilisateurs where courriel = $1', [DEMO.agentSceaux]))[0]
    ?.id as string;
});
afterAll(() => ctx?.fermer());

/** A citizen record of a structure, written directly (not through the mandate form of another engineer). */
async function creerCitoyen(structureId: string, siteId: string, prenom: string, nom: string) {
  const [c] = await ctx.database.db
    .insert(citoyens)
    .values({
      structureId,
      siteId,
      prenom,
      nom,
      dateNaissance: '1975-03-14',
      courriel: 'personne@exemple.fr',
      baseLegale: 'mandat',
      creePar: agentId,
    })
    .returning({ id: citoyens.id });
  return c?.id as string;
}

type Etat = 'actif' | 'revoque' | 'expire_sans_tache';

/** A signed mandate covering `partenaireIds`: active, revoked yesterday, or past its end but still 'actif'. */
async function creerMandat(
  c: { citoyenId: string; structureId: string; siteId: string },
  etat: Etat,
  partenaireIds: string[],
) {
  const maintenant = Date.now();
  const debut = new Date(maintenant - 10 * JOUR);
  const fin = new Date(etat === 'expire_sans_tache' ? maintenant - 3_600_000 : maintenant + 30 * JOUR);
  const [m] = await ctx.database.db
    .insert(mandats)
    .values({
      reference: nouvelleReference('M'),
      structureId: c.structureId,
      siteId: c.siteId,
      citoyenId: c.citoyenId,
      duree: 'mois',
      statut: etat === 'revoque' ? 'revoque' : 'actif',
      pieceIdentite: 'carte_identite',
      versionNotice: '2026-01',
      empreinteTexte: 'a'.repeat(64),
      empreinteCode: 'b'.repeat(64),
      creePar: agentId,
      signeLe: debut,
      debut,
      fin,
      termineLe: etat === 'revoque' ? new Date(maintenant - JOUR) : null,
      origineRevocation: etat === 'revoque' ? 'code' : null,
    })
    .returning({ id: mandats.id, reference: mandats.reference });
  await ctx.database.db
    .insert(perimetresMandats)
    .values(partenaireIds.map((partenaireId) => ({ mandatId: m?.id as string, partenaireId })));
  return { id: m?.id as string, reference: m?.reference as string };
}

const decoder = (html: string) =>
  html.replaceAll('&#39;', '’').replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#x27;', '’');

const compter = async (table: string) =>
  Number((await ctx.sql<{ n: string }>(`select count(*) as n from ${table}`))[0]?.n);
const comptes = async () => Promise.all(['sollicitations', 'rendez_vous', 'saisines', 'journal_mandats'].map(compter));

/** The first free slot of a motif at the test site, through the desk's pages opened under the mandate. */
async function premierCreneau(motifId: string, mandatId: string) {
  const page = await agent.get(`/sites/${lieu.siteId}/rendez-vous/nouveau?motif=${motifId}&mandat=${mandatId}`);
  const lien = decoder(page.body).match(/href="(\/sites\/[^"]+\/rendez-vous\/nouveau\?motif=[^"]+&debut=[^"]+)"/)?.[1];
  expect(lien, 'a slot link carrying the mandate').toContain(`mandat=${mandatId}`);
  return { lien: lien as string, debut: new URL(lien as string, 'http://x').searchParams.get('debut') as string };
}

const demande = (mandat: string, partenaires = caf) => ({
  site: lieu.siteId,
  situation: 'papiers',
  canal: 'accueil_physique',
  niveau: 'aide_demarche',
  issue: 'resolu',
  duree: 'de_10_a_30',
  partenaires,
  mandat,
});

const saisine = (mandat: string, partenaire = caf) => ({
  partenaire,
  prenom: 'Łukasz',
  nom: 'Ştefănescu-Nguyễn',
  dateNaissance: '1975-03-14',
  baseLegale: 'mandat',
  mandat,
  question: 'Son dossier de prime d’activité est bloqué depuis deux mois.',
  urgence: 'aucune',
});

describe('actions under a mandate', () => {
  it('writes a request, a booking and a case under an active mandate, each with the mandate and journalled', async () => {
    const citoyenId = await creerCitoyen(sceaux, lieu.siteId, 'Łukasz', 'Ştefănescu-Nguyễn');
    const m = await creerMandat({ citoyenId, structureId: sceaux, siteId: lieu.siteId }, 'actif', [caf]);

    // The request log opened from the mandate says under which mandate, for whom, until when.
    const formulaire = decoder((await agent.get(`/sollicitations?site=${lieu.siteId}&mandat=${m.id}`)).body);
    expect(formulaire).toContain(`name="mandat" value="${m.id}"`);
    expect(formulaire).toMatch(
      new RegExp(`Sous le mandat ${m.reference} de <bdi>Łukasz Ştefănescu-Nguyễn</bdi>, valable jusqu’au \\d`),
    );
    const r1 = await agent.post('/sollicitations', demande(m.id));
    expect(r1.statusCode).toBe(303);
    const sollicitationId = /enregistree=([0-9a-f-]{36})/.exec(String(r1.headers.location))?.[1];

    // The desk booking: the mandate carried from the slot to the form, the name prefilled from the record.
    await ctx.sql('update motifs set partenaire_id = $2 where id = $1', [lieu.motifAgents, caf]);
    const { lien, debut } = await premierCreneau(lieu.motifAgents, m.id);
    const page = decoder((await agent.get(lien)).body);
    expect(page).toContain(`Sous le mandat ${m.reference} de <bdi>Łukasz Ştefănescu-Nguyễn</bdi>`);
    expect(page).toContain('value="Łukasz Ştefănescu-Nguyễn"');
    const r2 = await agent.post(`/sites/${lieu.siteId}/rendez-vous`, {
      motif: lieu.motifAgents,
      debut,
      nom: 'Łukasz Ştefănescu-Nguyễn',
      mandat: m.id,
    });
    expect(r2.statusCode).toBe(303);
    const rdvId = String(r2.headers.location).split('/').pop();

    // The case form: the mandate enabled as legal basis, the identity prefilled from the record.
    const form = decoder((await agent.get(`/sites/${lieu.siteId}/saisines/nouvelle?mandat=${m.id}`)).body);
    expect(form).toMatch(/<input type="radio" id="baseLegale-1" name="baseLegale" value="mandat" checked/);
    expect(form).not.toMatch(/value="mandat"[^>]*disabled/);
    expect(form).toContain('name="prenom" type="text" value="Łukasz"');
    const r3 = await agent.post(`/sites/${lieu.siteId}/saisines`, saisine(m.id));
    expect(r3.statusCode).toBe(303);
    const saisineId = String(r3.headers.location).split('/').pop();

    for (const [table, id] of [
      ['sollicitations', sollicitationId],
      ['rendez_vous', rdvId],
      ['saisines', saisineId],
    ] as const) {
      const [ligne] = await ctx.sql<{ mandat_id: string; citoyen_id: string }>(
        `select mandat_id, citoyen_id from ${table} where id = $1`,
        [id],
      );
      expect(ligne, table).toEqual({ mandat_id: m.id, citoyen_id: citoyenId });
    }
    const [cas] = await ctx.sql<{ base_legale: string; consentement_le: Date | null }>(
      'select base_legale, consentement_le from saisines where id = $1',
      [saisineId],
    );
    expect(cas).toEqual({ base_legale: 'mandat', consentement_le: null });

    const journal = await ctx.sql<{ action: string; objet_type: string; objet_id: string; details: unknown }>(
      'select action, objet_type, objet_id, details from journal_mandats where mandat_id = $1 order by numero',
      [m.id],
    );
    expect(journal).toEqual([
      {
        action: 'sollicitation.enregistree',
        objet_type: 'sollicitation',
        objet_id: sollicitationId,
        details: { partenaires: [caf] },
      },
      {
        action: 'rendez_vous.reserve',
        objet_type: 'rendez_vous',
        objet_id: rdvId,
        details: { motif: lieu.motifAgents, partenaires: [caf] },
      },
      {
        action: 'saisine.creee',
        objet_type: 'saisine',
        objet_id: saisineId,
        details: { urgence: 'aucune', partenaires: [caf] },
      },
    ]);
    expect((await verifierJournal(ctx.database.db)).rupture).toBeNull();

    // The citizen record lists all three, with links to the appointment and the case.
    const fiche = await agent.get(`/mandats/citoyens/${citoyenId}`);
    expect(fiche.statusCode).toBe(200);
    const texte = decoder(fiche.body);
    expect(texte).toContain('<bdi>Łukasz Ştefănescu-Nguyễn</bdi>');
    expect(texte).toContain(m.reference);
    expect(texte).toContain('Démarche au guichet');
    expect(texte).toContain(`href="/sites/${lieu.siteId}/rendez-vous/${rdvId}"`);
    expect(texte).toContain(`href="/saisines/${saisineId}"`);
    expect(texte).toContain('Mandat signé par la personne');
  });

  const refus: Array<[string, Etat, string]> = [
    ['a revoked mandate', 'revoque', 'a été révoqué le'],
    ['an expired one whose status the job has not changed yet', 'expire_sans_tache', 'a expiré le'],
  ];
  for (const [cas, etat, message] of refus) {
    it(`refuses a request, a booking and a case under ${cas}, in French, and writes nothing`, async () => {
      const citoyenId = await creerCitoyen(sceaux, lieu.siteId, 'محمد', 'الأحمد');
      const m = await creerMandat({ citoyenId, structureId: sceaux, siteId: lieu.siteId }, etat, [caf]);
      await attendreRefus(m.id, `Le mandat ${m.reference} ${message}`);
    });
  }

  it('refuses a mandate of another structure: not found for an agent of Sceaux, “another structure” for one of both', async () => {
    const [siteAgen] = await ctx.sql<{ id: string }>('select id from sites where structure_id = $1 limit 1', [agen]);
    const citoyenId = await creerCitoyen(agen, siteAgen?.id as string, '小龙', '李');
    const m = await creerMandat({ citoyenId, structureId: agen, siteId: siteAgen?.id as string }, 'actif', [caf]);
    await attendreRefus(m.id, 'Ce mandat est introuvable.');

    // Someone who works at both structures is told why it does not hold here.
    const double = await creerUtilisateur(ctx, sceaux, ['agent']);
    await ctx.sql(`insert into habilitations (utilisateur_id, role, structure_id) values ($1, 'agent', $2)`, [
      double.id,
      agen,
    ]);
    await ctx.sql(
      `update utilisateurs set mot_de_passe = (select mot_de_passe from utilisateurs where courriel = $2) where id = $1`,
      [double.id, DEMO.agentSceaux],
    );
    const [c] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [double.id]);
    const client = await clientConnecte(ctx.app, c?.courriel as string);
    const avant = await comptes();
    const r = await client.post('/sollicitations', demande(m.id));
    expect(r.statusCode).toBe(422);
    expect(decoder(r.body)).toContain(`Le mandat ${m.reference} a été signé avec une autre structure France Services`);
    expect(await comptes()).toEqual(avant);
  });

  it('refuses a mandate that does not cover the partner', async () => {
    const citoyenId = await creerCitoyen(sceaux, lieu.siteId, 'Josiane', 'Lefèvre');
    const m = await creerMandat({ citoyenId, structureId: sceaux, siteId: lieu.siteId }, 'actif', [msa]);
    await attendreRefus(m.id, `Le mandat ${m.reference} ne couvre pas cet organisme partenaire`);
  });
});

/** The three forms under this mandate: each 422 with the message linked to the field, and no row written anywhere. */
async function attendreRefus(mandatId: string, message: string) {
  await ctx.sql('update motifs set partenaire_id = $2 where id = $1', [lieu.motifAgents, caf]);
  const avant = await comptes();
  const page = await agent.get(`/sites/${lieu.siteId}/rendez-vous/nouveau?motif=${lieu.motifAgents}`);
  const debut = new URL(
    decoder(page.body).match(/href="(\/sites\/[^"]+\/rendez-vous\/nouveau\?motif=[^"]+&debut=[^"]+)"/)?.[1] as string,
    'http://x',
  ).searchParams.get('debut') as string;
  const reponses = [
    await agent.post('/sollicitations', demande(mandatId)),
    await agent.post(`/sites/${lieu.siteId}/rendez-vous`, {
      motif: lieu.motifAgents,
      debut,
      nom: 'Personne sous mandat',
      mandat: mandatId,
    }),
    await agent.post(`/sites/${lieu.siteId}/saisines`, saisine(mandatId)),
  ];
  for (const r of reponses) {
    expect(r.statusCode).toBe(422);
    const texte = decoder(r.body);
    expect(texte).toContain(message);
    // The message is the field's: described by it, and listed in the summary with a link to it.
    expect(texte).toContain('aria-describedby="mandat-messages"');
    expect(texte).toMatch(/<p class="fr-message fr-message--error" id="mandat-erreur">/);
    expect(texte).toContain('href="#mandat"');
    expect(texte).toContain(`name="mandat" value="${mandatId}"`);
  }
  expect(await comptes()).toEqual(avant);
}

describe('the mandate page', () => {
  it('offers the three actions with ?mandat= only while the mandate is in force, and lists what was done', async () => {
    const citoyenId = await creerCitoyen(sceaux, lieu.siteId, 'Josiane', 'Lefèvre');
    const actif = await creerMandat({ citoyenId, structureId: sceaux, siteId: lieu.siteId }, 'actif', [caf]);
    await agent.post('/sollicitations', demande(actif.id));
    const page = decoder((await agent.get(`/mandats/${actif.id}`)).body);
    expect(page).toContain(`href="/sollicitations?site=${lieu.siteId}&mandat=${actif.id}"`);
    expect(page).toContain(`href="/sites/${lieu.siteId}/rendez-vous/nouveau?mandat=${actif.id}"`);
    expect(page).toContain(`href="/sites/${lieu.siteId}/saisines/nouvelle?mandat=${actif.id}"`);
    expect(page).toContain('Démarche au guichet');
    expect(page).toContain(`href="/mandats/citoyens/${citoyenId}"`);

    const expire = await creerMandat({ citoyenId, structureId: sceaux, siteId: lieu.siteId }, 'expire_sans_tache', [
      caf,
    ]);
    const fermee = decoder((await agent.get(`/mandats/${expire.id}`)).body);
    expect(fermee).toContain('Ce mandat n’est pas en vigueur');
    expect(fermee).not.toContain(`mandat=${expire.id}`);
  });
});

describe('citizen record', () => {
  it('is a 404 for an agent of Sceaux on an Agen record, and for the coordination; the Agen manager reads it', async () => {
    const [siteAgen] = await ctx.sql<{ id: string }>('select id from sites where structure_id = $1 limit 1', [agen]);
    const citoyenId = await creerCitoyen(agen, siteAgen?.id as string, 'Amina', 'Diallo');
    expect((await agent.get(`/mandats/citoyens/${citoyenId}`)).statusCode).toBe(404);
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    expect((await coordination.get(`/mandats/citoyens/${citoyenId}`)).statusCode).toBe(404);
    const gestion = await clientConnecte(ctx.app, DEMO.gestionAgen);
    const r = await gestion.get(`/mandats/citoyens/${citoyenId}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<bdi>Amina Diallo</bdi>');
    expect((await agent.get('/mandats/citoyens/pas-un-uuid')).statusCode).toBe(404);
  });
});
