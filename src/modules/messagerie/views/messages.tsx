import type { MessageListe, Statut } from '../../../platform/messages/index.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { BoutonAction } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';

export const STATUTS: Record<Statut, { libelle: string; badge: string }> = {
  en_attente: { libelle: 'En attente', badge: 'fr-badge--info' },
  envoi: { libelle: 'En cours d’envoi', badge: 'fr-badge--new' },
  envoye: { libelle: 'Envoyé', badge: 'fr-badge--success' },
  echec: { libelle: 'Échec', badge: 'fr-badge--error' },
  annule: { libelle: 'Annulé', badge: 'fr-badge--warning' },
};

const CANAUX = { courriel: 'Courriel', sms: 'SMS' } as const;

function date(d: Date | null) {
  return d ? d.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }) : '';
}

/** The outbox for the national administration: latest messages, recipients masked, failed ones can be retried. */
export function PageMessages({
  ctx,
  messages,
  statut,
}: {
  ctx: ContextePage;
  messages: MessageListe[];
  statut?: Statut;
}) {
  return (
    <Layout titre="Messages envoyés" ctx={ctx}>
      <h1>Messages envoyés</h1>
      <p>
        Courriels et SMS envoyés par guichet, du plus récent au plus ancien (200 au plus). Les destinataires sont
        masqués. Un message en échec peut être relancé : il repart pour une nouvelle série de tentatives.
      </p>
      <form method="get" action="/admin/messages" class="fr-mb-3w">
        <div class="fr-select-group">
          <label class="fr-label" for="statut">
            Statut
          </label>
          <select class="fr-select" id="statut" name="statut">
            <option value="" selected={!statut}>
              Tous
            </option>
            {Object.entries(STATUTS).map(([cle, s]) => (
              <option key={cle} value={cle} selected={statut === cle}>
                {s.libelle}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
          Filtrer
        </button>
      </form>
      {messages.length === 0 ? (
        <p>Aucun message.</p>
      ) : (
        <CadreTableau
          legende="Messages"
          legendeMasquee
          entetes={[
            'Créé le',
            'Canal',
            'Destinataire',
            'Modèle',
            'Statut',
            'Tentatives',
            'Dernière erreur',
            'Remise',
            '',
          ]}
        >
          {messages.map((m) => (
            <tr key={m.id}>
              <td>{date(m.creeLe)}</td>
              <td>
                {CANAUX[m.canal]}
                {m.segments && m.segments > 1 ? ` (${m.segments} segments)` : ''}
              </td>
              <td>{m.destinataire}</td>
              <td>
                <code>{m.modele}</code>
              </td>
              <td>
                <p class={`fr-badge fr-badge--sm ${STATUTS[m.statut].badge}`}>{STATUTS[m.statut].libelle}</p>
                {m.envoyeLe && <span class="fr-hint-text">{date(m.envoyeLe)}</span>}
              </td>
              <td>{m.tentatives}</td>
              <td>{m.derniereErreur ?? ''}</td>
              <td>{m.remise ?? ''}</td>
              <td>
                {m.statut === 'echec' && (
                  <BoutonAction action={`/admin/messages/${m.id}/relancer`} csrf={ctx.csrf} libelle="Relancer" />
                )}
              </td>
            </tr>
          ))}
        </CadreTableau>
      )}
    </Layout>
  );
}
