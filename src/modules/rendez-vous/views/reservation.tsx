import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { MotifPublic } from '../service.ts';
import {
  duree,
  heure,
  Instructions,
  jourLong,
  LIBELLES_CANAUX,
  MentionFuseau,
  type SiteReservation,
} from './commun.tsx';

/** The slots of one civil day of the site. */
export interface JourCreneaux {
  date: string;
  creneaux: Array<{ debut: Date; fin: Date }>;
}

const fil = (site: SiteReservation, ici: string) => [
  { href: `/lieux/${site.id}`, libelle: site.nom },
  { libelle: ici },
];

/** Step 1: which motif. A GET form, so that the slot page's address can be bookmarked and works without JavaScript. */
export function PageMotifs({
  ctx,
  site,
  motifs,
  erreur,
}: {
  ctx: ContextePage;
  site: SiteReservation;
  motifs: MotifPublic[];
  erreur?: string;
}) {
  const titre = `Prendre rendez-vous – ${site.nom}`;
  return (
    <Layout titre={erreur ? `Erreur – ${titre}` : titre} ctx={ctx} filAriane={fil(site, 'Prendre rendez-vous')}>
      <h1>Prendre rendez-vous</h1>
      <p class="fr-text--lead">
        {site.nom}, {site.commune}
      </p>
      {motifs.length === 0 ? (
        <div class="fr-alert fr-alert--info">
          <h2 class="fr-alert__title">Pas de rendez-vous en ligne</h2>
          <p>Ce lieu ne propose pas de rendez-vous en ligne pour le moment : appelez-le ou passez le voir.</p>
        </div>
      ) : (
        <form method="get" action={`/lieux/${site.id}/rendez-vous/creneaux`} noValidate>
          <fieldset
            class={`fr-fieldset${erreur ? ' fr-fieldset--error' : ''}`}
            id="motif"
            aria-labelledby="motif-legende motif-messages"
          >
            <legend class="fr-fieldset__legend" id="motif-legende">
              <h2 class="fr-h4 fr-mb-0">Pour quelle démarche ?</h2>
            </legend>
            {motifs.map((m, i) => (
              <div class="fr-fieldset__element" key={m.id}>
                <div class="fr-radio-group">
                  <input type="radio" id={`motif-${i}`} name="motif" value={m.id} />
                  <label class="fr-label" for={`motif-${i}`}>
                    {m.nom}
                    <span class="fr-hint-text">
                      {duree(m.duree)}, {LIBELLES_CANAUX[m.canal]}
                      {m.instructions.trim() && (
                        <>
                          <br />À apporter : <Instructions texte={m.instructions} />
                        </>
                      )}
                    </span>
                  </label>
                </div>
              </div>
            ))}
            <div class="fr-messages-group" id="motif-messages" aria-live="polite">
              {erreur && <p class="fr-message fr-message--error">{erreur}</p>}
            </div>
          </fieldset>
          <button type="submit" class="fr-btn">
            Voir les créneaux disponibles
          </button>
        </form>
      )}
    </Layout>
  );
}

/** Step 2: the free slots of the motif, day by day, each a link to the contact form. */
export function PageCreneaux({
  ctx,
  site,
  motif,
  jours,
  precedent,
  suivant,
  premiere,
}: {
  ctx: ContextePage;
  site: SiteReservation;
  motif: MotifPublic;
  jours: JourCreneaux[];
  /** The `du` of the previous and next pages, when there are any. */
  precedent: string | null;
  suivant: string | null;
  /** The first free slot after these days, when these have none, with its civil date at the site. */
  premiere: { debut: Date; dateLocale: string } | null;
}) {
  const fuseau = site.fuseauHoraire;
  const base = `/lieux/${site.id}/rendez-vous/creneaux?motif=${motif.id}`;
  const avecCreneaux = jours.filter((j) => j.creneaux.length > 0);
  const periode =
    jours.length > 0 ? `du ${jourLong(jours[0]?.date ?? '')} au ${jourLong(jours[jours.length - 1]?.date ?? '')}` : '';
  return (
    <Layout titre={`Choisir un créneau – ${site.nom}`} ctx={ctx} filAriane={fil(site, 'Choisir un créneau')}>
      <h1>Choisir un créneau</h1>
      <p class="fr-text--lead">
        {motif.nom} ({duree(motif.duree)}, {LIBELLES_CANAUX[motif.canal]}) – {site.nom}, {site.commune}
      </p>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/lieux/${site.id}/rendez-vous`}>
          Changer de démarche
        </a>
      </p>
      <MentionFuseau fuseau={fuseau} />
      <h2>Créneaux disponibles {periode}</h2>
      {avecCreneaux.length === 0 && (
        <div class="fr-alert fr-alert--info fr-mb-3w">
          <p>Aucun créneau n’est libre sur cette période.</p>
          {premiere ? (
            <p>
              Première disponibilité :{' '}
              <a href={`${base}&du=${premiere.dateLocale}`}>
                {jourLong(premiere.dateLocale)} à {heure(premiere.debut, fuseau)}
              </a>
            </p>
          ) : (
            <p>Aucun créneau n’est libre dans les semaines ouvertes à la réservation : appelez le lieu.</p>
          )}
        </div>
      )}
      {avecCreneaux.map((j) => (
        <section key={j.date} class="fr-mb-3w">
          <h3 class="fr-h6 fr-mb-1w">{jourLong(j.date)}</h3>
          <ul class="fr-tags-group">
            {j.creneaux.map((c) => (
              <li key={c.debut.toISOString()}>
                <a
                  class="fr-tag"
                  href={`/lieux/${site.id}/rendez-vous/coordonnees?motif=${motif.id}&debut=${encodeURIComponent(c.debut.toISOString())}`}
                  aria-label={`${jourLong(j.date)} à ${heure(c.debut, fuseau)}`}
                >
                  {heure(c.debut, fuseau)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <nav class="fr-mt-4w" aria-label="Autres semaines">
        <ul class="fr-btns-group fr-btns-group--inline-md">
          {precedent && (
            <li>
              <a class="fr-btn fr-btn--secondary" href={`${base}&du=${precedent}`}>
                Semaines précédentes
              </a>
            </li>
          )}
          {suivant && (
            <li>
              <a class="fr-btn fr-btn--secondary" href={`${base}&du=${suivant}`}>
                Semaines suivantes
              </a>
            </li>
          )}
        </ul>
      </nav>
    </Layout>
  );
}
