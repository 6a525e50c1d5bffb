import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargerSaisinesDemo } from '../../src/demo/saisines.ts';
import { creerSite, creerSollicitation, creerStructure, structureNommee, utilisateurNomme } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';
import {
  creerCompteReferent,
  creerPartenaireLocal,
  creerReferent,
  creerSaisineSql,
  formulaireValide,
} from './outils.ts';

// Cases to partners' référents through HTTP (issue 13, points 2 and 3): routing on creation, scope, statuses set by
// people only, closure with an outcome, bad input on every form, and emails without personal data.

let ctx: Contexte;
let agent: Client;
let sceaux: string;
let siteSceaux: string;
let caf: string;
let msa: string;
const boite = new BoiteDeTest();

beforeAll(async () => {
  ctx = await demarrerApp();
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  siteSceaux = await creerSite(ctx, sceaux, 'Antenne des Blagis');
  const code = async (c: string) =>
    (await ctx.sql<{ id: string }>('select id from partenaires where code = $1', [c]))[0]?.id as string;
  caf = await code('caf');
  msa = await code('msa');
  agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

/** Creates a case at a site through the form; returns the answer and the new case's id. */
async function creer(client: Client, siteId: string, champs: Record<string, string>) {
  await client.get(`/sites/${siteId}/saisines/nouvelle`);
  const r = await client.post(`/sites/${siteId}/saisines`, champs);
  const id = /^\/saisines\/([0-9a-f-]{36})$/.exec(String(r.headers.location ?? ''))?.[1];
  return { r, id: id ?? '' };
}

const ligne = async (id: string) =>
  (
    await ctx.sql<{
      referent_id: string | null;
      statut: string;
      issue: string | null;
      premiere_reponse_le: Date | null;
    }>('select referent_id, statut, issue, premiere_reponse_le from saisines where id = $1', [id])
  )[0];

const compter = async (table: string) =>
  Number((await ctx.sql<{ n: string }>(`select count(*) as n from ${table}`))[0]?.n);

describe('routing on creation', () => {
  it('goes to the titulaire, says so in the thread and emails them without any personal data', async () => {
    const p = await creerPartenaireLocal(ctx, sceaux);
    const titulaire = await creerReferent(ctx, {
      partenaireId: p,
      departement: '92',
      rang: 'titulaire',
      prenom: 'Inès',
    });
    await creerReferent(ctx, { partenaireId: p, departement: '92', rang: 'suppleant' });
    const { r, id } = await creer(agent, siteSceaux, formulaireValide(p));
    expect(r.statusCode).toBe(303);
    expect((await ligne(id))?.referent_id).toBe(titulaire.id);
    const page = await agent.get(`/saisines/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Transmise à Inès Référent');
    expect(page.body).toContain('Saisine transmise à Inès Référent.');
    const [courriel] = await boite.recus(ctx, titulaire.courriel);
    expect(courriel?.sujet).toContain('Saisine urgente');
    expect(courriel?.texte).toContain(`/saisines/${id}`);
    for (const donnee of ['Lucie', 'Martin', '1980', '01/05', '1234567', 'RSA'])
      expect(courriel?.texte).not.toContain(donnee);
    expect(courriel?.sujet).not.toContain('Martin');
  });

  it('goes to the suppléant when the titulaire is away today', async () => {
    const p = await creerPartenaireLocal(ctx, sceaux);
    await creerReferent(ctx, { partenaireId: p, departement: '92', rang: 'titulaire', absentAujourdhui: true });
    const suppleant = await creerReferent(ctx, { partenaireId: p, departement: '92', rang: 'suppleant' });
    const { id } = await creer(agent, siteSceaux, formulaireValide(p));
    expect((await ligne(id))?.referent_id).toBe(suppleant.id);
    expect((await agent.get(`/saisines/${id}`)).body).toContain('suppléance : le titulaire est absent');
    const [courriel] = await boite.recus(ctx, suppleant.courriel);
    expect(courriel?.texte).toContain('en remplacement du référent titulaire absent');
  });

  it('prefers an entry narrowed to the structure over a département-wide one, and ignores other structures’', async () => {
    const p = await creerPartenaireLocal(ctx, sceaux);
    const autre = await creerStructure(ctx, '92');
    await creerReferent(ctx, { partenaireId: p, departement: '92', rang: 'titulaire', structures: [autre] });
    await creerReferent(ctx, { partenaireId: p, departement: '92', rang: 'titulaire' });
    const restreint = await creerReferent(ctx, {
      partenaireId: p,
      departement: '92',
      rang: 'titulaire',
      structures: [sceaux],
    });
    const { id } = await creer(agent, siteSceaux, formulaireValide(p));
    expect((await ligne(id))?.referent_id).toBe(restreint.id);
  });

  it('creates the case routed to nobody when no one applies, and tells the département’s coordination', async () => {
    const p = await creerPartenaireLocal(ctx, sceaux);
    await creerReferent(ctx, { partenaireId: p, departement: '13', rang: 'titulaire' });
    await creerReferent(ctx, { partenaireId: p, departement: '92', rang: 'suppleant', absentAujourdhui: true });
    const { r, id } = await creer(agent, siteSceaux, formulaireValide(p));
    expect(r.statusCode).toBe(303);
    expect((await ligne(id))?.referent_id).toBeNull();
    const page = await agent.get(`/saisines/${id}`);
    expect(page.body).toContain('la coordination départementale est prévenue');
    const [courriel] = (await boite.recus(ctx, DEMO.coordination)).filter((c) => c.texte.includes(id));
    expect(courriel?.sujet).toContain('sans référent');
    expect(courriel?.texte).not.toContain('Martin');
  });
});

describe('scope', () => {
  it('a CAF référent for 92 sees the CAF cases of 92, never (404) one of 13 nor an MSA case', async () => {
    const compte = await creerCompteReferent(ctx, caf, ['92']);
    const referent = await clientConnecte(ctx.app, compte.courriel);
    const site13 = await creerSite(ctx, await creerStructure(ctx, '13'));
    const cafDu92 = await creerSaisineSql(ctx, siteSceaux, caf);
    const cafDu13 = await creerSaisineSql(ctx, site13, caf);
    const msaDu92 = await creerSaisineSql(ctx, siteSceaux, msa);
    expect((await referent.get(`/saisines/${cafDu92}`)).statusCode).toBe(200);
    expect((await referent.get(`/saisines/${cafDu13}`)).statusCode).toBe(404);
    expect((await referent.get(`/saisines/${msaDu92}`)).statusCode).toBe(404);
    const liste = (await referent.get('/saisines?statut=toutes')).body;
    expect(liste).toContain(`/saisines/${cafDu92}`);
    expect(liste).not.toContain(`/saisines/${cafDu13}`);
    expect(liste).not.toContain(`/saisines/${msaDu92}`);
    for (const action of ['prise-en-charge', 'messages', 'cloture']) {
      expect(
        (await referent.post(`/saisines/${msaDu92}/${action}`, { texte: 'x', issue: 'sans_suite' })).statusCode,
      ).toBe(404);
    }
    expect((await referent.get(`/sites/${siteSceaux}/saisines/nouvelle`)).statusCode).toBe(404);
  });

  it('an agent of site A never sees nor changes a case of site B', async () => {
    const siteB = await creerSite(ctx, await creerStructure(ctx, '92'));
    const chezB = await creerSaisineSql(ctx, siteB, caf);
    expect((await agent.get(`/saisines/${chezB}`)).statusCode).toBe(404);
    expect((await agent.get('/saisines?statut=toutes')).body).not.toContain(chezB);
    expect((await agent.post(`/saisines/${chezB}/messages`, { texte: 'Bonjour' })).statusCode).toBe(404);
    expect((await agent.post(`/saisines/${chezB}/cloture`, { issue: 'sans_suite' })).statusCode).toBe(404);
    expect((await agent.get(`/sites/${siteB}/saisines/nouvelle`)).statusCode).toBe(404);
    expect((await agent.post(`/sites/${siteB}/saisines`, formulaireValide(caf))).statusCode).toBe(404);
    expect((await ligne(chezB))?.statut).toBe('nouvelle');
  });
});

describe('statuses and closure', () => {
  it('are set by people only: taking in hand by the référent, the first answer, closing with an outcome', async () => {
    const compte = await creerCompteReferent(ctx, caf, ['92']);
    const referent = await clientConnecte(ctx.app, compte.courriel);
    const id = await creerSaisineSql(ctx, siteSceaux, caf, { creePar: await utilisateurNomme(ctx, DEMO.agentSceaux) });
    // The agent writes: no status changes, and they may not take the case in hand.
    expect((await agent.post(`/saisines/${id}/messages`, { texte: 'Pièces déposées hier.' })).statusCode).toBe(303);
    expect((await ligne(id))?.statut).toBe('nouvelle');
    expect((await agent.post(`/saisines/${id}/prise-en-charge`)).statusCode).toBe(403);
    // The national administration reads, and acts on nothing.
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    expect((await admin.get(`/saisines/${id}`)).statusCode).toBe(200);
    expect((await admin.post(`/saisines/${id}/messages`, { texte: 'Bonjour' })).statusCode).toBe(403);
    expect((await admin.post(`/saisines/${id}/cloture`, { issue: 'sans_suite' })).statusCode).toBe(403);

    await referent.get(`/saisines/${id}`);
    expect((await referent.post(`/saisines/${id}/prise-en-charge`)).statusCode).toBe(303);
    expect((await ligne(id))?.statut).toBe('prise_en_charge');
    expect((await referent.post(`/saisines/${id}/prise-en-charge`)).statusCode).toBe(409);
    expect((await referent.post(`/saisines/${id}/messages`, { texte: 'Le dossier est débloqué.' })).statusCode).toBe(
      303,
    );
    const apres = await ligne(id);
    expect(apres?.statut).toBe('reponse_apportee');
    expect(apres?.premiere_reponse_le).not.toBeNull();
    const [courriel] = await boite.recus(ctx, DEMO.agentSceaux);
    expect(courriel?.sujet).toContain('Réponse du référent CAF');
    for (const donnee of ['Lucie', 'Martin', 'débloqué']) expect(courriel?.texte).not.toContain(donnee);

    // Closing needs an outcome; then the agent sees it and nothing more can be done.
    const sansIssue = await agent.post(`/saisines/${id}/cloture`, {});
    expect(sansIssue.statusCode).toBe(422);
    expect(sansIssue.body).toContain('Choisissez l’issue de la saisine');
    expect((await ligne(id))?.statut).toBe('reponse_apportee');
    expect((await agent.post(`/saisines/${id}/cloture`, { issue: 'dossier_debloque' })).statusCode).toBe(303);
    expect(await ligne(id)).toMatchObject({ statut: 'cloturee', issue: 'dossier_debloque' });
    const page = await agent.get(`/saisines/${id}`);
    expect(page.body).toContain('Saisine clôturée : dossier débloqué');
    expect((await referent.post(`/saisines/${id}/messages`, { texte: 'Encore un mot' })).statusCode).toBe(409);
    expect((await referent.post(`/saisines/${id}/cloture`, { issue: 'sans_suite' })).statusCode).toBe(409);
  });

  it('lists open cases urgent first, then by deadline', async () => {
    const structure = await creerStructure(ctx, '92');
    const site = await creerSite(ctx, structure);
    const gestion = await creerCompteReferent(ctx, caf, ['92']);
    const client = await clientConnecte(ctx.app, gestion.courriel);
    const calme = await creerSaisineSql(ctx, site, caf);
    const urgente = await creerSaisineSql(ctx, site, caf, { urgence: 'droits_bloques' });
    const corps = (await client.get('/saisines')).body;
    expect(corps.indexOf(`/saisines/${urgente}`)).toBeLessThan(corps.indexOf(`/saisines/${calme}`));
  });
});

describe('forms', () => {
  it('prefills partner and question from a logged request, and links back to it', async () => {
    const sollicitation = await creerSollicitation(ctx, siteSceaux, await utilisateurNomme(ctx, DEMO.agentSceaux));
    const r = await agent.get(`/sites/${siteSceaux}/saisines/nouvelle?sollicitation=${sollicitation}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`name="sollicitation" value="${sollicitation}"`);
    expect(r.body).toMatch(/<textarea[^>]*name="question"[^>]*>[^<]+ : <\/textarea>/);
    expect(r.body).toMatch(/<option value="[0-9a-f-]{36}" selected>/);
  });

  it('refuses bad input on the creation form in French (422) and writes nothing', async () => {
    const p = await creerPartenaireLocal(ctx, sceaux);
    const cas: Array<[Record<string, string>, string]> = [
      [{ partenaire: '' }, 'Choisissez le partenaire saisi'],
      [{ partenaire: '00000000-0000-4000-8000-000000000000' }, 'Choisissez un partenaire dans la liste'],
      [{ prenom: '' }, 'Saisissez le prénom'],
      [{ nom: 'x'.repeat(101) }, 'Le nom ne doit pas dépasser 100 caractères'],
      [{ dateNaissance: '2999-01-01' }, 'La date de naissance ne peut pas être dans le futur'],
      [{ dateNaissance: '1899-12-31' }, 'ne peut pas précéder le 01/01/1900'],
      [{ dateNaissance: '31/02/1980' }, 'Cette date n’existe pas'],
      [{ dateNaissance: 'hier' }, 'au format JJ/MM/AAAA'],
      [{ numeroDossier: 'x'.repeat(51) }, 'Le numéro de dossier ne doit pas dépasser 50 caractères'],
      [{ baseLegale: 'mandat' }, 'Aucun mandat n’est indiqué'],
      [{ consentement: '' }, 'Cochez la case pour confirmer'],
      [{ question: '   ' }, 'Saisissez la question posée au référent'],
      [{ question: 'x'.repeat(5001) }, 'ne doit pas dépasser 5\u202f000 caractères'],
      [{ urgence: 'extreme' }, 'Choisissez le niveau d’urgence'],
    ];
    const avant = [await compter('saisines'), await compter('messages_saisines'), await compter('messages')];
    for (const [champs, message] of cas) {
      const r = await agent.post(`/sites/${siteSceaux}/saisines`, formulaireValide(p, champs));
      expect(r.statusCode, JSON.stringify(champs)).toBe(422);
      expect(r.body.includes(message), message).toBe(true);
      expect(r.body.includes('fr-message--error'), message).toBe(true);
    }
    expect([await compter('saisines'), await compter('messages_saisines'), await compter('messages')]).toEqual(avant);
  });

  it('refuses an empty or too long message and an unknown outcome (422) and writes nothing', async () => {
    const id = await creerSaisineSql(ctx, siteSceaux, caf);
    const avant = await compter('messages_saisines');
    for (const texte of ['', '  \n ', 'x'.repeat(5001), 'a\u0000b']) {
      const r = await agent.post(`/saisines/${id}/messages`, { texte });
      expect(r.statusCode).toBe(422);
      expect(r.body).toMatch(/Saisissez le texte du message|ne doit pas dépasser|caractères non autorisés/);
    }
    expect((await agent.post(`/saisines/${id}/cloture`, { issue: 'reglee' })).statusCode).toBe(422);
    expect(await compter('messages_saisines')).toBe(avant);
    expect((await ligne(id))?.statut).toBe('nouvelle');
    expect((await agent.get('/saisines/pas-un-uuid')).statusCode).toBe(404);
  });
});

describe('demo data', () => {
  it('holds cases at Sceaux and Agen in each status, routed to the demo référents, loaded once', async () => {
    const lignes = await ctx.sql<{ site: string; statut: string; routees: string; n: string }>(
      `select si.nom as site, s.statut::text as statut, count(s.referent_id) as routees, count(*) as n
       from saisines s join sites si on si.id = s.site_id
       where si.nom in ('France services de Sceaux', 'France services Agen Léon Blum')
       group by 1, 2 order by 1, 2`,
    );
    for (const site of ['France services de Sceaux', 'France services Agen Léon Blum']) {
      expect(lignes.filter((l) => l.site === site).map((l) => l.statut)).toEqual(
        ['nouvelle', 'prise_en_charge', 'reponse_apportee', 'cloturee'].sort(),
      );
    }
    expect(lignes.every((l) => l.routees === l.n)).toBe(true);
    const avant = await compter('saisines');
    await chargerSaisinesDemo(ctx.database.db);
    expect(await compter('saisines')).toBe(avant);
    const referent = await clientConnecte(ctx.app, DEMO.referentCaf);
    const liste = (await referent.get('/saisines?statut=toutes')).body;
    expect(liste).toContain('Josiane Perrin');
    expect(liste).not.toContain('Gérard Castagné');
  });
});
