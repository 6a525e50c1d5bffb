// The public contact form of a site (issue 12): what its page shows of the site, and one submission: validated, then
// counted against the rate limits, then recorded by `recevoirDemande` (the same path as a mail). A filled honeypot is
// answered as a success, with a reference and a due instant computed but nothing written.

import { randomBytes } from 'node:crypto';
import type { Executor } from '../../platform/db/client.ts';
import { lireFormulaire } from '../../platform/http/formulaire.ts';
import { adresseContact } from './adresse.ts';
import { consommerLimitesContact, type LimiteAtteinte } from './limites.ts';
import { siteReception } from './repo-reception.ts';
import { delaiReponseSite } from './service.ts';
import { type ConfigReception, recevoirDemande } from './service-reception.ts';
import { erreursFormulaire, estMobile, SaisieFormulaire } from './validation-reception.ts';

/** What the form's pages show of a site: name, address, zone, the structure in charge, and the site's own address. */
export interface SiteContact {
  id: string;
  nom: string;
  adresse: string;
  codePostal: string;
  commune: string;
  fuseau: string;
  structureNom: string;
  adresseContact: string;
}

/** The public site a person may write to; null when the site does not exist or is not public. */
export async function siteContact(db: Executor, config: ConfigReception, siteId: string): Promise<SiteContact | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(siteId)) return null;
  const s = await siteReception(db, siteId);
  if (!s) return null;
  return {
    id: s.id,
    nom: s.nom,
    adresse: s.adresse,
    codePostal: s.codePostal,
    commune: s.commune,
    fuseau: s.fuseau,
    structureNom: s.structureNom,
    adresseContact: adresseContact(s, config.domaineContact),
  };
}

/** What the acknowledgement page says: the reference, the promised instant (or none), and where it was sent. */
export interface Accuse {
  reference: string;
  echeance: Date | null;
  courriel: boolean;
  sms: boolean;
}

export type ResultatFormulaire =
  | { ok: true; accuse: Accuse }
  | { ok: false; raison: 'invalide'; erreurs: Record<string, string> }
  | { ok: false; raison: 'limite'; limite: LimiteAtteinte };

/** The honeypot field: hidden from people, filled by robots. */
export const CHAMP_PIEGE = 'siteWeb';

/**
 * One submission of a site's form: a filled honeypot gets a plausible acknowledgement and nothing is written; invalid
 * input is refused field by field; past the hourly limits of its IP address or of the site it is refused; otherwise
 * the request is recorded and acknowledged.
 */
export async function envoyerFormulaire(
  db: Executor,
  config: ConfigReception,
  envoi: { siteId: string; ip: string; corps: unknown; maintenant?: Date },
): Promise<ResultatFormulaire> {
  const maintenant = envoi.maintenant ?? new Date();
  const champs = (envoi.corps ?? {}) as Record<string, unknown>;
  const lu = lireFormulaire(SaisieFormulaire, {
    ...champs,
    consentement: ['on', 'true', '1'].includes(String(champs.consentement ?? '')) ? true : undefined,
  });
  const piege = champs[CHAMP_PIEGE];
  if (piege !== undefined && (typeof piege !== 'string' || piege.trim() !== '')) {
    const clock = await delaiReponseSite(db, envoi.siteId, maintenant);
    const accuse = {
      reference: `C-${randomBytes(4).toString('hex').toUpperCase()}`,
      echeance: clock?.delai.ok ? clock.delai.echeance : null,
      courriel: lu.ok && Boolean(lu.donnees.courriel),
      sms: lu.ok && !lu.donnees.courriel && estMobile(lu.donnees.telephone ?? ''),
    };
    return { ok: true, accuse };
  }
  if (!lu.ok) return { ok: false, raison: 'invalide', erreurs: erreursFormulaire(lu.erreurs, champs) };
  const limite = await consommerLimitesContact(
    db,
    config.sessionSecret,
    { ip: envoi.ip, siteId: envoi.siteId },
    maintenant,
  );
  if (limite) return { ok: false, raison: 'limite', limite };
  const d = lu.donnees;
  const r = await recevoirDemande(db, config, {
    siteId: envoi.siteId,
    canal: 'formulaire',
    nom: d.nom,
    courriel: d.courriel,
    telephone: d.telephone,
    corps: d.corps,
    recuLe: maintenant,
    consentement: d.consentement,
  });
  if (!r.ok) return { ok: false, raison: 'invalide', erreurs: r.erreurs };
  return {
    ok: true,
    accuse: {
      reference: r.demande.reference,
      echeance: r.demande.echeance,
      courriel: Boolean(d.courriel),
      sms: !d.courriel && estMobile(d.telephone ?? ''),
    },
  };
}
