import { fournisseurOctopush, fournisseurSmtp, messageIdDe } from '../src/platform/messages/fournisseurs.ts';
import { envoyerTout } from '../src/platform/messages/index.ts';
import { demarrerOctopushLocal, type OctopushLocal } from '../src/platform/messages/octopush-local.ts';
import { type CourrielRecu, demarrerSmtpLocal, type SmtpLocal } from '../src/platform/messages/smtp-local.ts';
import type { Contexte } from './harnais.ts';

/**
 * The local SMTP server and fake Octopush of a test file, started on first use: `recus()` runs the outbox's sender
 * on the file's database, as the `messages.envoyer` job would, and returns what the recipient's mailbox received.
 */
export class BoiteDeTest {
  private smtp: SmtpLocal | null = null;
  private octopush: OctopushLocal | null = null;
  private smtpFournisseur: ReturnType<typeof fournisseurSmtp> | null = null;

  async serveurs() {
    this.smtp ??= await demarrerSmtpLocal();
    this.octopush ??= await demarrerOctopushLocal();
    this.smtpFournisseur ??= fournisseurSmtp(this.smtp.url);
    return { smtp: this.smtp, octopush: this.octopush };
  }

  /** Sends every due message through the local servers. */
  async envoyer(ctx: Contexte) {
    const { octopush } = await this.serveurs();
    return envoyerTout(ctx.database.db, ctx.config, {
      courriel: this.smtpFournisseur ?? undefined,
      sms: fournisseurOctopush({
        fournisseur: 'octopush',
        urlApi: octopush.url,
        login: octopush.login,
        cle: octopush.cle,
        expediteur: 'guichet',
      }),
    });
  }

  /** The emails `a` has received (newest first), after sending what is due. */
  async recus(ctx: Contexte, a: string): Promise<CourrielRecu[]> {
    await this.envoyer(ctx);
    return (this.smtp?.recus() ?? []).filter((c) => c.a === a);
  }

  /** The newest one-time password link emailed to `a` (its path and query): that of the last message queued. */
  async dernierLien(ctx: Contexte, a: string): Promise<string> {
    const recus = await this.recus(ctx, a);
    const [dernier] = await ctx.sql<{ cle: string }>(
      'select cle from messages where destinataire = $1 order by cree_le desc limit 1',
      [a],
    );
    const id = dernier ? messageIdDe(dernier.cle, ctx.config.mailFrom) : '';
    const lien = recus.find((r) => r.messageId === id)?.texte.match(/\/mot-de-passe\/nouveau\?jeton=[\w%-]+/)?.[0];
    if (!lien) throw new Error(`no link emailed to ${a}`);
    return lien;
  }

  async fermer() {
    this.smtpFournisseur?.fermer();
    await Promise.all([this.smtp?.fermer(), this.octopush?.fermer()]);
  }
}
