import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { lirePdf } from '../pdf.ts';

// Creating a mandate at the desk through HTTP (issue 14 points 1-2): every field refused in French with nothing
// written, the draft, its two originals (hash on every page, code on the person's copy only), the signature that puts
// it in force, the citizen record reused, the one procedure done, and an agent of Sceaux never reaching Agen's.

let ctx: Contexte;
let agent: Client;
let gestionAgen: Client;
let sceaux: string;
let siteSceaux: string;
let siteAgen: string;
let caf: string;
let msa: string;
let situationCaf: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  siteSceaux = await creerSite(ctx, sceaux, 'Antenne des Blagis');
  siteAgen = await creerSite(
    ctx,
    await structureNommee(ctx, 'France services Agen Léon Blum'),
    'Antenne de Pont-du-Casse',
  );
  const code = async (c: string) =>
    (await ctx.sql<{ id: string }>('select id from partenaires where code = $1', [c]))[0]?.id as string;
  caf = await code('caf');
  msa = await code('msa');
  situationCaf =
    (
      await ctx.sql<{ id: string }>(
        `select s.id from situations s join situation_partenaires sp on sp.situation_id = s.id
         where sp.partenaire_id = $1 and s.structure_id is null and s.actif order by s.nom limit 1`,
        [caf],
      )
    )[0]?.id ?? '';
  agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
  gestionAgen = await clientConnecte(ctx.app, DEMO.gestionAgen);
});
afterAll(async () => {
  await ctx.fermer();
});

const valide = (p: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  prenom: 'Łukasz',
  nom: 'Ştefănescu-Nguyễn',
  dateNaissance: '1984-03-02',
  courriel: 'lukasz.stefanescu@exemple.fr',
  telephone: '',
  partenaires: [caf, msa],
  situations: [`${caf}:${situationCaf}`],
  duree: 'mois',
  pieceIdentite: 'passeport',
  noticeRecue: 'on',
  ...p,
});

/** Posts the creation form at a site; returns the answer and the new mandate's id. */
async function creer(client: Client, siteId: string, champs: Record<string, string | string[]>) {
  await client.get(`/sites/${siteId}/mandats/nouveau`);
  const r = await client.post(`/sites/${siteId}/mandats/nouveau`, champs);
  const id = /^\/mandats\/([0-9a-f-]{36})$/.exec(String(r.headers.location ?? ''))?.[1];
  return { r, id: id ?? '' };
}

const compter = async (table: string) =>
  Number((await ctx.sql<{ n: string }>(`select count(*) as n from ${table}`))[0]?.n);
const etat = async () => [await compter('mandats'), await compter('citoyens'), await compter('journal_mandats')];
const mandat = async (id: string) =>
  (
    await ctx.sql<{ statut: string; citoyen_id: string; empreinte_texte: string; debut: Date; fin: Date }>(
      'select statut, citoyen_id, empreinte_texte, debut, fin from mandats where id = $1',
      [id],
    )
  )[0];

async function signer(client: Client, id: string) {
  await client.get(`/mandats/${id}`);
  return client.post(`/mandats/${id}/signature`, { signatures: 'on' });
}

describe('the creation form', () => {
  // Fields as functions: the partners' ids are known once the app has started.
  const refus: Array<[string, () => Record<string, string | string[]>, string]> = [
    ['an empty first name', () => ({ prenom: ' ' }), 'Saisissez le prénom'],
    ['a name too long', () => ({ nom: 'N'.repeat(101) }), 'Le nom ne doit pas dépasser 100 caractères'],
    ['a control character', () => ({ nom: 'Martin\u202e' }), 'Le nom contient des caractères non autorisés'],
    ['a birth date before 1900', () => ({ dateNaissance: '1899-12-31' }), 'ne peut pas précéder le 01/01/1900'],
    ['a birth date in the future', () => ({ dateNaissance: '2999-01-01' }), 'ne peut pas être dans le futur'],
    ['a day that does not exist', () => ({ dateNaissance: '31/02/1990' }), 'Cette date n’existe pas'],
    ['a malformed email', () => ({ courriel: 'pas-une-adresse' }), 'Saisissez une adresse électronique valide'],
    ['a malformed phone', () => ({ telephone: '12 34' }), 'Saisissez un numéro de téléphone valide'],
    ['no partner', () => ({ partenaires: [], situations: [] }), 'Choisissez au moins un organisme partenaire'],
    [
      'an unknown partner',
      () => ({ partenaires: ['00000000-0000-4000-8000-000000000000'], situations: [] }),
      'Choisissez les organismes dans la liste',
    ],
    ['a procedure of a partner not ticked', () => ({ partenaires: [msa] }), 'sans cocher cet organisme'],
    ['a forged procedure', () => ({ situations: [`${caf}:nimportequoi`] }), 'Choisissez les démarches dans la liste'],
    ['no duration', () => ({ duree: 'deux_ans' }), 'Choisissez la durée du mandat'],
    ['no identity document', () => ({ pieceIdentite: 'photocopie' }), 'Choisissez la pièce d’identité présentée'],
    ['the notice not acknowledged', () => ({ noticeRecue: '' }), 'a reçu et compris l’information'],
  ];
  for (const [cas, champs, message] of refus) {
    it(`refuses ${cas} in French with 422, writing nothing and keeping what was typed`, async () => {
      const avant = await etat();
      const saisi = valide(champs());
      const { r } = await creer(agent, siteSceaux, saisi);
      expect(r.statusCode).toBe(422);
      expect(r.body).toContain(message);
      expect(r.body).toContain('Erreur – Nouveau mandat');
      expect(r.body).toContain(`value="${saisi.nom}"`);
      expect(await etat()).toEqual(avant);
    });
  }

  it('shows the notice naming the structure, its rights and the retention, and the identity rule', async () => {
    const r = await agent.get(`/sites/${siteSceaux}/mandats/nouveau`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('France services de Sceaux, structure France Services qui signe ce mandat');
    expect(r.body).toContain('réclamation à la CNIL');
    expect(r.body).toContain('pendant la durée du mandat puis 5 ans (prescription civile, art. 2224 du code civil)');
    expect(r.body).toContain('aucune copie et aucun numéro ne sont conservés');
    expect(r.body).toContain('La personne a reçu et compris cette information');
    expect(r.body).toContain('Pour pouvoir révoquer le mandat à distance');
  });
});

describe('a mandate from draft to force', () => {
  it('is prepared, printed in two originals, signed, then in force for a month; the link goes by email', async () => {
    const { r, id } = await creer(agent, siteSceaux, valide());
    expect(r.statusCode).toBe(303);
    const brouillon = await mandat(id);
    expect(brouillon?.statut).toBe('brouillon');
    const page = await agent.get(`/mandats/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mandat préparé. Imprimez les deux exemplaires');
    expect(page.body).toContain('<bdi>Łukasz Ştefănescu-Nguyễn</bdi>');
    expect(page.body).toContain('À signer');
    expect(page.body).toContain('Enregistrer la signature');

    const pdf = await agent.get(`/mandats/${id}/exemplaires.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const lu = await lirePdf(pdf.rawPayload);
    const code = /Votre code de révocation : ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(lu.texte)?.[1];
    expect(code).toBeDefined();
    const personne = lu.pages.filter((p) => p.texte.includes('Exemplaire de la personne (mandant)'));
    const structure = lu.pages.filter((p) =>
      p.texte.includes('Exemplaire de la structure France Services (mandataire)'),
    );
    expect(personne.length).toBeGreaterThan(0);
    expect(structure.length).toBeGreaterThan(0);
    expect(personne.length + structure.length).toBe(lu.pages.length);
    for (const [n, p] of lu.pages.entries()) {
      expect(p.texte).toContain(`Empreinte SHA-256 du texte : ${brouillon?.empreinte_texte}`);
      expect(p.texte).toContain(`page ${n + 1} / ${lu.pages.length}`);
    }
    expect(personne.some((p) => p.texte.includes(code as string))).toBe(true);
    expect(structure.some((p) => p.texte.includes(code as string))).toBe(false);
    expect(lu.texte).toContain('Łukasz Ştefănescu-Nguyễn');
    expect(lu.texte).toContain(`${ctx.config.publicUrl}/mandats/revocation`);
    expect(lu.texte).toContain('pendant la durée du mandat puis 5 ans');

    expect((await agent.post(`/mandats/${id}/signature`, {})).statusCode).toBe(422);
    expect((await mandat(id))?.statut).toBe('brouillon');
    const signature = await signer(agent, id);
    expect(signature.statusCode).toBe(303);
    const actif = await mandat(id);
    expect(actif?.statut).toBe('actif');
    const attendu = new Date(actif?.debut ?? new Date(0));
    attendu.setMonth(attendu.getMonth() + 1);
    expect(Math.abs((actif?.fin ?? new Date(0)).getTime() - attendu.getTime())).toBeLessThan(86_400_000 * 3 + 1);
    const apres = await agent.get(`/mandats/${id}`);
    expect(apres.body).toContain('Signature enregistrée : le mandat est en vigueur jusqu’au');
    expect(apres.body).toContain('Le lien de révocation a été envoyé par courriel.');
    expect(apres.body).toContain('En vigueur');
    for (const libelle of ['Mandat préparé', 'Exemplaires du mandat imprimés', 'Mandat entré en vigueur']) {
      expect(apres.body).toContain(libelle);
    }
    const envois = await ctx.sql('select 1 from messages where modele = $1 and destinataire = $2', [
      'mandats.lien-revocation',
      'lukasz.stefanescu@exemple.fr',
    ]);
    expect(envois).toHaveLength(1);

    // A reprint after signing shows the same hash; a second signature is refused.
    const reimpression = await lirePdf((await agent.get(`/mandats/${id}/exemplaires.pdf`)).rawPayload);
    expect(reimpression.pages[0]?.texte).toContain(brouillon?.empreinte_texte);
    const encore = await agent.post(`/mandats/${id}/signature`, { signatures: 'on' });
    expect(encore.statusCode).toBe(409);
    expect(encore.body).toContain('Ce mandat est déjà signé et en vigueur.');
  });

  it('reuses the structure’s record of the same person (case and accents aside), and creates one otherwise', async () => {
    const champs = { prenom: 'Amina', nom: 'Benali-Éluard', dateNaissance: '1990-06-15', courriel: '' };
    const premier = await creer(agent, siteSceaux, valide(champs));
    const citoyens = await compter('citoyens');
    const second = await creer(agent, siteSceaux, valide({ ...champs, prenom: 'AMINA', nom: 'benali eluard' }));
    expect(second.r.statusCode).toBe(303);
    expect((await mandat(second.id))?.citoyen_id).toBe((await mandat(premier.id))?.citoyen_id);
    expect(await compter('citoyens')).toBe(citoyens);
    expect((await agent.get(`/mandats/${second.id}`)).body).toContain('personne déjà connue de la structure');
    const autre = await creer(agent, siteSceaux, valide({ ...champs, dateNaissance: '1990-06-16' }));
    expect((await mandat(autre.id))?.citoyen_id).not.toBe((await mandat(premier.id))?.citoyen_id);
    const [fiche] = await ctx.sql<{ base_legale: string }>('select base_legale from citoyens where id = $1', [
      (await mandat(autre.id))?.citoyen_id,
    ]);
    expect(fiche?.base_legale).toBe('mandat');
  });

  it('ends a one-procedure mandate when the agent records it done, and only such a mandate', async () => {
    const { id } = await creer(agent, siteSceaux, valide({ duree: 'demarche', courriel: '' }));
    expect((await agent.post(`/mandats/${id}/demarche-terminee`, {})).statusCode).toBe(409);
    await signer(agent, id);
    const actif = await mandat(id);
    expect((actif?.fin ?? new Date(0)).getTime() - (actif?.debut ?? new Date(0)).getTime()).toBe(30 * 86_400_000);
    const r = await agent.post(`/mandats/${id}/demarche-terminee`, {});
    expect(r.statusCode).toBe(303);
    expect((await mandat(id))?.statut).toBe('expire');
    expect((await agent.get(`/mandats/${id}`)).body).toContain('Démarche terminée : fin du mandat');
    const mois = await creer(agent, siteSceaux, valide({ courriel: '' }));
    await signer(agent, mois.id);
    const refus = await agent.post(`/mandats/${mois.id}/demarche-terminee`, {});
    expect(refus.statusCode).toBe(409);
    expect((await mandat(mois.id))?.statut).toBe('actif');
  });
});

describe('names in any script on the originals', () => {
  it('prints an Arabic and a Chinese name as typed, read back by a PDF parser', async () => {
    const arabe = await creer(agent, siteSceaux, valide({ prenom: 'محمد', nom: 'الأحمد', courriel: '' }));
    const chinois = await creer(gestionAgen, siteAgen, valide({ prenom: '小龙', nom: '李', courriel: '' }));
    const pdfArabe = await lirePdf((await agent.get(`/mandats/${arabe.id}/exemplaires.pdf`)).rawPayload);
    const pdfChinois = await lirePdf((await gestionAgen.get(`/mandats/${chinois.id}/exemplaires.pdf`)).rawPayload);
    expect(pdfArabe.lu).toContain('Le mandant : محمد الأحمد');
    expect(pdfChinois.lu).toContain('Le mandant : 小龙 李');
  });
});

describe('the list and the tenancy', () => {
  it('lists the structure’s mandates, filtered and searched; an agent of Sceaux never reaches Agen’s', async () => {
    const sceauxMandat = await creer(agent, siteSceaux, valide({ prenom: 'محمد', nom: 'الأحمد', courriel: '' }));
    const agen = await creer(gestionAgen, siteAgen, valide({ prenom: '小龙', nom: '李', courriel: '' }));
    expect(agen.r.statusCode).toBe(303);

    const liste = await agent.get(`/sites/${siteSceaux}/mandats`);
    expect(liste.statusCode).toBe(200);
    expect(liste.body).toContain('<bdi>محمد الأحمد</bdi>');
    expect(liste.body).not.toContain(`/mandats/${agen.id}`);
    expect(liste.body).toContain(`/sites/${siteSceaux}/mandats/nouveau`);
    const cherche = await agent.get(`/sites/${siteSceaux}/mandats?q=${encodeURIComponent('الأحمد')}`);
    expect(cherche.body).toContain(`/mandats/${sceauxMandat.id}`);
    expect(cherche.body).not.toContain('Ştefănescu');
    const actifs = await agent.get(`/sites/${siteSceaux}/mandats?statut=actif`);
    expect(actifs.body).not.toContain(`/mandats/${sceauxMandat.id}"`);
    expect((await agent.get('/mandats')).body).toContain(`/mandats/${sceauxMandat.id}`);
    expect((await agent.get('/tableau-de-bord')).body).toContain('href="/mandats"');

    const avant = await etat();
    expect((await agent.get(`/sites/${siteAgen}/mandats`)).statusCode).toBe(404);
    expect((await agent.get(`/sites/${siteAgen}/mandats/nouveau`)).statusCode).toBe(404);
    expect((await agent.post(`/sites/${siteAgen}/mandats/nouveau`, valide())).statusCode).toBe(404);
    expect((await agent.get(`/mandats/${agen.id}`)).statusCode).toBe(404);
    expect((await agent.get(`/mandats/${agen.id}/exemplaires.pdf`)).statusCode).toBe(404);
    expect((await agent.post(`/mandats/${agen.id}/signature`, { signatures: 'on' })).statusCode).toBe(404);
    expect((await agent.post(`/mandats/${agen.id}/demarche-terminee`, {})).statusCode).toBe(404);
    expect((await agent.get('/mandats/pas-un-uuid')).statusCode).toBe(404);
    expect(await etat()).toEqual(avant);
    expect((await mandat(agen.id))?.statut).toBe('brouillon');
  });
});
