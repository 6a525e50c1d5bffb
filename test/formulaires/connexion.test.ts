import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerUtilisateur, structureNommee } from '../fabriques.ts';
import { Client, type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';
import { avec, type Corps, champ, compter, flash, pageSuivante, SCRIPT, texte, verifierRejet } from './outils.ts';

/**
 * The public account forms (sign-in, forgotten password, new password) refuse bad input field by field, never
 * echo a password, and write nothing: no session, no attempt counted, no link, no email, no password change.
 */

let ctx: Contexte;
let sceaux: string;
beforeAll(async () => {
  ctx = await demarrerApp();
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
});
afterAll(() => ctx.fermer());
const boite = new BoiteDeTest();
afterAll(() => boite.fermer());

/** Each test comes from its own address, so that the per-IP limits of these public forms never interfere. */
let ip = 0;
const visiteur = () => new Client(ctx.app, `10.20.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`);

const M = {
  courrielVide: 'Saisissez une adresse électronique',
  courriel: 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr',
  courrielLong: 'L’adresse électronique ne doit pas dépasser 254 caractères',
  motDePasseVide: 'Saisissez votre mot de passe',
  motDePasseLong: 'Mot de passe trop long',
  nouveauVide: 'Saisissez un mot de passe',
  nouveauCourt: 'Le mot de passe doit contenir au moins 12 caractères',
  nouveauLong: 'Le mot de passe ne doit pas dépasser 128 caractères',
  confirmationVide: 'Confirmez le mot de passe',
  confirmation: 'Les deux mots de passe ne sont pas identiques',
};

const TABLES = ['sessions', 'tentatives_connexion', 'jetons', 'messages', 'utilisateurs'];
const ADRESSE_255 = `${'a'.repeat(64)}@${'b'.repeat(187)}.fr`;

/** A password field never shows what was typed. */
function sansMotDePasse(html: string, tapes: string[], champs: string[]) {
  for (const t of tapes) if (t.length >= 4) expect(html).not.toContain(t);
  for (const nom of champs) {
    const b = champ(html, nom);
    expect(b?.attributs.get('type'), `#${nom} is a password field`).toBe('password');
    expect(b?.attributs.get('value') ?? '', `#${nom} is empty`).toBe('');
  }
}

describe('POST /connexion', () => {
  const SECRET = 'un-mot-de-passe-tape-secret';
  const CAS: Array<{ cas: string; corps: Corps; erreurs: Record<string, string> }> = [
    { cas: 'tout absent', corps: {}, erreurs: { courriel: M.courrielVide, motDePasse: M.motDePasseVide } },
    {
      cas: 'tout vide',
      corps: { courriel: '', motDePasse: '' },
      erreurs: { courriel: M.courrielVide, motDePasse: M.motDePasseVide },
    },
    { cas: 'adresse vide', corps: { courriel: ' ', motDePasse: SECRET }, erreurs: { courriel: M.courrielVide } },
    {
      cas: 'adresse invalide',
      corps: { courriel: 'pas-une-adresse', motDePasse: SECRET },
      erreurs: { courriel: M.courriel },
    },
    {
      cas: 'adresse de 255 caractères',
      corps: { courriel: ADRESSE_255, motDePasse: SECRET },
      erreurs: { courriel: M.courrielLong },
    },
    {
      cas: 'adresse avec NUL',
      corps: { courriel: 'admin\u0000@guichet.test', motDePasse: SECRET },
      erreurs: { courriel: M.courriel },
    },
    { cas: 'adresse avec script', corps: { courriel: SCRIPT, motDePasse: SECRET }, erreurs: { courriel: M.courriel } },
    {
      cas: 'adresse en tableau',
      corps: { courriel: [DEMO.admin, DEMO.agentSceaux], motDePasse: SECRET },
      erreurs: { courriel: M.courrielVide },
    },
    {
      cas: 'mot de passe vide',
      corps: { courriel: DEMO.admin, motDePasse: '' },
      erreurs: { motDePasse: M.motDePasseVide },
    },
    {
      cas: 'mot de passe de 1001 caractères',
      corps: { courriel: DEMO.admin, motDePasse: `${SECRET}${'x'.repeat(1001)}` },
      erreurs: { motDePasse: M.motDePasseLong },
    },
    {
      cas: 'mot de passe en tableau',
      corps: { courriel: DEMO.admin, motDePasse: [SECRET, SECRET] },
      erreurs: { motDePasse: M.motDePasseVide },
    },
  ];

  it.each(CAS)('refuse : $cas', async ({ corps, erreurs }) => {
    const c = visiteur();
    await c.get('/connexion');
    const avant = await compter(ctx, TABLES);
    const r = await c.post('/connexion', corps);
    verifierRejet(r, { erreurs, corps });
    sansMotDePasse(r.body, [SECRET], ['motDePasse']);
    expect(c.cookies.has('guichet_session')).toBe(false);
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('a wrong password: one general French message, the address kept, the password not, no session', async () => {
    const { id } = await creerUtilisateur(ctx, sceaux);
    const [u] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [id]);
    const c = visiteur();
    await c.get('/connexion');
    const avant = await compter(ctx, ['sessions']);
    for (const courriel of [DEMO.agentAix, String(u?.courriel), 'personne.inconnue@exemple.fr']) {
      const r = await c.post('/connexion', { courriel, motDePasse: SECRET });
      expect(r.statusCode).toBe(422);
      expect(texte(r.body)).toContain('Adresse électronique ou mot de passe incorrect.');
      expect(champ(r.body, 'courriel')?.attributs.get('value')).toBe(courriel);
      sansMotDePasse(r.body, [SECRET], ['motDePasse']);
    }
    expect(await compter(ctx, ['sessions'])).toEqual(avant);
    expect(c.cookies.has('guichet_session')).toBe(false);
  });

  it('a deactivated account with its right password is refused like any wrong password', async () => {
    const courriel = `desactive.${ip}@exemple.fr`;
    const [hache] = await ctx.sql<{ mot_de_passe: string }>(
      'select mot_de_passe from utilisateurs where courriel = $1',
      [DEMO.agentAix],
    );
    await ctx.sql(
      `insert into utilisateurs (courriel, prenom, nom, mot_de_passe, actif) values ($1, 'Ex', 'Agent', $2, false)`,
      [courriel, hache?.mot_de_passe],
    );
    const c = visiteur();
    await c.get('/connexion');
    const avant = await compter(ctx, ['sessions']);
    const r = await c.post('/connexion', { courriel, motDePasse: MOT_DE_PASSE });
    expect(r.statusCode).toBe(422);
    expect(texte(r.body)).toContain('Adresse électronique ou mot de passe incorrect.');
    expect(await compter(ctx, ['sessions'])).toEqual(avant);
  });

  it.each([
    ['javascript:alert(1)'],
    ['//evil.example/'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['/admin\r\nSet-Cookie: piege=1'],
    ['/admin\u0000'],
    [['/admin/sites', '//evil.example']],
  ])('a hostile return address %j never leaves the site nor breaks the sign-in', async (retour) => {
    const c = visiteur();
    await c.get('/connexion');
    const r = await c.post('/connexion', { courriel: DEMO.agentAix, motDePasse: MOT_DE_PASSE, retour });
    expect(r.statusCode).toBe(303);
    const location = String(r.headers.location);
    expect(location).toMatch(/^\/(?![/\\])/);
    for (const interdit of ['\r', '\n', '\u0000']) expect(location).not.toContain(interdit);
    expect(r.headers['set-cookie']?.toString()).not.toContain('piege');
  });

  it('a hostile return address is re-rendered escaped in the form', async () => {
    const c = visiteur();
    const retour = `/admin/${SCRIPT}"><script>alert(2)</script>`;
    const page = await c.get(`/connexion?retour=${encodeURIComponent(retour)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(SCRIPT);
    expect(page.body).not.toContain('<script>alert(2)</script>');
    const r = await c.post('/connexion', { courriel: 'pas-une-adresse', motDePasse: 'x', retour });
    verifierRejet(r, { erreurs: { courriel: M.courriel } });
    expect(r.body).not.toContain('<script>alert(2)</script>');
  });

  it('signs in with valid input: 303 to the page asked for, a session, the dashboard', async () => {
    const c = visiteur();
    await c.get('/connexion');
    const avant = await compter(ctx, ['sessions']);
    const r = await c.post('/connexion', {
      courriel: '  AGENT.AIX@Guichet.Test ',
      motDePasse: MOT_DE_PASSE,
      retour: '/admin/sites',
    });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/admin/sites');
    expect(await compter(ctx, ['sessions'])).toEqual({ sessions: (avant.sessions ?? 0) + 1 });
    const tableau = await c.get('/tableau-de-bord');
    expect(tableau.statusCode).toBe(200);
    expect(tableau.body).toContain('Bonjour');
  });
});

describe('POST /mot-de-passe-oublie', () => {
  const CAS: Array<{ cas: string; corps: Corps; erreurs: Record<string, string> }> = [
    { cas: 'adresse absente', corps: {}, erreurs: { courriel: M.courrielVide } },
    { cas: 'adresse vide', corps: { courriel: '' }, erreurs: { courriel: M.courrielVide } },
    { cas: 'adresse invalide', corps: { courriel: 'pas-une-adresse' }, erreurs: { courriel: M.courriel } },
    { cas: 'adresse de 255 caractères', corps: { courriel: ADRESSE_255 }, erreurs: { courriel: M.courrielLong } },
    {
      cas: 'adresse de 100 000 caractères',
      corps: { courriel: 'a'.repeat(100_000) },
      erreurs: { courriel: M.courrielLong },
    },
    { cas: 'adresse avec NUL', corps: { courriel: `${DEMO.agentAix}\u0000` }, erreurs: { courriel: M.courriel } },
    {
      cas: 'injection d’en-tête',
      corps: { courriel: `${DEMO.agentAix}\r\nBcc: tous@exemple.fr` },
      erreurs: { courriel: M.courriel },
    },
    { cas: 'adresse avec script', corps: { courriel: `${SCRIPT}@exemple.fr` }, erreurs: { courriel: M.courriel } },
    {
      cas: 'adresse en tableau',
      corps: { courriel: [DEMO.agentAix, DEMO.admin] },
      erreurs: { courriel: M.courrielVide },
    },
  ];

  it.each(CAS)('refuse : $cas', async ({ corps, erreurs }) => {
    const c = visiteur();
    await c.get('/mot-de-passe-oublie');
    const avant = await compter(ctx, TABLES);
    const r = await c.post('/mot-de-passe-oublie', corps);
    verifierRejet(r, { erreurs, corps });
    expect(texte(r.body)).not.toContain('Vérifiez votre messagerie');
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('sends one link to a known account, whatever the case of the address typed', async () => {
    const { id } = await creerUtilisateur(ctx, sceaux);
    const [u] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [id]);
    const c = visiteur();
    await c.get('/mot-de-passe-oublie');
    const r = await c.post('/mot-de-passe-oublie', { courriel: ` ${String(u?.courriel).toUpperCase()} ` });
    expect(r.statusCode).toBe(200);
    expect(texte(r.body)).toContain('Vérifiez votre messagerie');
    expect(await ctx.sql('select objet from jetons where utilisateur_id = $1', [id])).toEqual([
      { objet: 'reinitialisation' },
    ]);
    expect(await ctx.sql('select count(*)::int n from messages where destinataire = $1', [u?.courriel])).toEqual([
      { n: 1 },
    ]);
  });

  it('answers the same for an unknown or deactivated account, and sends nothing', async () => {
    const { id } = await creerUtilisateur(ctx, sceaux);
    await ctx.sql('update utilisateurs set actif = false where id = $1', [id]);
    const [u] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [id]);
    for (const courriel of ['personne.inconnue@exemple.fr', String(u?.courriel)]) {
      const c = visiteur();
      await c.get('/mot-de-passe-oublie');
      const avant = await compter(ctx, ['jetons', 'messages']);
      const r = await c.post('/mot-de-passe-oublie', { courriel });
      expect(r.statusCode).toBe(200);
      expect(texte(r.body)).toContain('Vérifiez votre messagerie');
      expect(await compter(ctx, ['jetons', 'messages'])).toEqual(avant);
    }
  });
});

describe('POST /mot-de-passe/nouveau', () => {
  /** A fresh person and a reset link obtained through the "forgotten password" form, as a person would. */
  async function lien() {
    const { id } = await creerUtilisateur(ctx, sceaux);
    const [u] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [id]);
    const c = visiteur();
    await c.get('/mot-de-passe-oublie');
    expect((await c.post('/mot-de-passe-oublie', { courriel: String(u?.courriel) })).statusCode).toBe(200);
    const [m] = await boite.recus(ctx, String(u?.courriel));
    const jeton = decodeURIComponent(String(m?.texte.match(/jeton=([^\s]+)/)?.[1]));
    expect((await c.get(`/mot-de-passe/nouveau?jeton=${encodeURIComponent(jeton)}`)).statusCode).toBe(200);
    const etat = async () => ({
      utilisateur: (await ctx.sql('select mot_de_passe, modifie_le from utilisateurs where id = $1', [id]))[0],
      jetons: await ctx.sql('select utilise_le from jetons where utilisateur_id = $1', [id]),
    });
    return { id, courriel: String(u?.courriel), jeton, client: c, etat: await etat(), relire: etat };
  }

  const NOUVEAU = 'une phrase de passe assez longue';
  const CAS: Array<{ cas: string; corps: Corps; erreurs: Record<string, string> }> = [
    { cas: 'tout absent', corps: {}, erreurs: { motDePasse: M.nouveauVide, confirmation: M.confirmationVide } },
    { cas: 'mot de passe vide', corps: { motDePasse: '', confirmation: '' }, erreurs: { motDePasse: M.nouveauCourt } },
    {
      cas: 'mot de passe de 11 caractères',
      corps: { motDePasse: 'onze-carac!', confirmation: 'onze-carac!' },
      erreurs: { motDePasse: M.nouveauCourt },
    },
    {
      cas: 'mot de passe de 129 caractères',
      corps: { motDePasse: `${NOUVEAU}${'x'.repeat(129)}`, confirmation: `${NOUVEAU}${'x'.repeat(129)}` },
      erreurs: { motDePasse: M.nouveauLong },
    },
    {
      cas: 'confirmation différente',
      corps: { motDePasse: NOUVEAU, confirmation: `${NOUVEAU}!` },
      erreurs: { confirmation: M.confirmation },
    },
    { cas: 'confirmation absente', corps: { motDePasse: NOUVEAU }, erreurs: { confirmation: M.confirmationVide } },
    {
      cas: 'mot de passe en tableau',
      corps: { motDePasse: [NOUVEAU, NOUVEAU], confirmation: NOUVEAU },
      erreurs: { motDePasse: M.nouveauVide },
    },
    {
      cas: 'confirmation en tableau',
      corps: { motDePasse: NOUVEAU, confirmation: [NOUVEAU, NOUVEAU] },
      erreurs: { confirmation: M.confirmationVide },
    },
  ];

  it.each(CAS)('refuse : $cas', async ({ corps, erreurs }) => {
    const l = await lien();
    const avant = await compter(ctx, TABLES);
    const r = await l.client.post('/mot-de-passe/nouveau', avec(corps, { jeton: l.jeton }));
    verifierRejet(r, { erreurs });
    sansMotDePasse(r.body, [NOUVEAU, 'onze-carac!'], ['motDePasse', 'confirmation']);
    expect(await compter(ctx, TABLES)).toEqual(avant);
    // The password is unchanged and the link is still usable.
    expect(await l.relire()).toEqual(l.etat);
    expect((await l.client.get(`/mot-de-passe/nouveau?jeton=${encodeURIComponent(l.jeton)}`)).statusCode).toBe(200);
  });

  it.each([
    ['absent', undefined],
    ['vide', ''],
    ['inconnu', 'x'.repeat(43)],
    ['trop court', 'abc'],
    ['trop long', 'x'.repeat(5000)],
    ['avec NUL', `${'x'.repeat(30)}\u0000`],
    ['avec script', `${SCRIPT}${'x'.repeat(20)}`],
    ['en tableau', ['x'.repeat(43), 'y'.repeat(43)]],
  ] as const)('an unusable link (%s) is answered 410 and changes nothing', async (_cas, jeton) => {
    const l = await lien();
    const avant = await compter(ctx, TABLES);
    const corps: Corps = { motDePasse: NOUVEAU, confirmation: NOUVEAU };
    if (jeton !== undefined) corps.jeton = typeof jeton === 'string' ? jeton : [...jeton];
    const r = await l.client.post('/mot-de-passe/nouveau', corps);
    expect(r.statusCode).toBe(410);
    expect(texte(r.body)).toContain('Ce lien n’est plus valable');
    expect(r.body).not.toContain(SCRIPT);
    expect(r.body).not.toContain(NOUVEAU);
    expect(await compter(ctx, TABLES)).toEqual(avant);
    expect(await l.relire()).toEqual(l.etat);
  });

  it('sets the password with valid input, says so, and the link then stops working', async () => {
    const l = await lien();
    const r = await l.client.post('/mot-de-passe/nouveau', {
      jeton: l.jeton,
      motDePasse: NOUVEAU,
      confirmation: NOUVEAU,
    });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/connexion');
    expect(flash(await pageSuivante(ctx.app, l.client, r))).toBe(
      'Votre mot de passe est enregistré. Vous pouvez vous connecter.',
    );
    const apres = await l.relire();
    expect(apres.utilisateur?.mot_de_passe).toEqual(expect.stringMatching(/^\$argon2id\$/));
    expect(apres.jetons).toEqual([{ utilise_le: expect.any(Date) }]);
    await new Client(ctx.app, '10.30.0.1').connecter(l.courriel, NOUVEAU);
    const encore = await l.client.post('/mot-de-passe/nouveau', {
      jeton: l.jeton,
      motDePasse: `${NOUVEAU} bis`,
      confirmation: `${NOUVEAU} bis`,
    });
    expect(encore.statusCode).toBe(410);
  });
});
