import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';

interface Courriel {
  id: string;
  destinataire: string;
  sujet: string;
  texte: string;
  creeLe: Date;
  envoyeLe: Date | null;
}

/** Turns the URLs of a plain-text email into links (development page only). */
function AvecLiens({ texte }: { texte: string }) {
  const morceaux = texte.split(/(https?:\/\/\S+)/g);
  return (
    <>
      {morceaux.map((m, i) =>
        /^https?:\/\//.test(m) ? (
          <a key={i} href={m}>
            {m}
          </a>
        ) : (
          m
        ),
      )}
    </>
  );
}

/** Development only: the outbox, so that invitation and reset links can be followed without an SMTP server. */
export function PageCourriels({ ctx, courriels }: { ctx: ContextePage; courriels: Courriel[] }) {
  return (
    <Layout titre="Courriels envoyés (développement)" ctx={ctx}>
      <h1>Courriels envoyés</h1>
      <div class="fr-notice fr-notice--info fr-mb-4w">
        <div class="fr-container">
          <div class="fr-notice__body">
            <p class="fr-notice__title">Page de développement : elle n’existe pas en production.</p>
          </div>
        </div>
      </div>
      {courriels.length === 0 && <p>Aucun courriel pour l’instant.</p>}
      {courriels.map((c) => (
        <article class="fr-card fr-mb-3w" key={c.id}>
          <div class="fr-card__body">
            <div class="fr-card__content">
              <h2 class="fr-card__title">{c.sujet}</h2>
              <p class="fr-card__detail">
                À {c.destinataire}, le {c.creeLe.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}
                {c.envoyeLe ? ' – envoyé' : ' – en attente'}
              </p>
              <pre class="fr-card__desc fr-text--sm">
                <AvecLiens texte={c.texte} />
              </pre>
            </div>
          </div>
        </article>
      ))}
    </Layout>
  );
}
