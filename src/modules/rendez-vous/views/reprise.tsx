import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { Badge } from '../../../ui/tableau.tsx';
import type { LiensDuLieu } from '../policy-navigation.ts';
import { TableauDefilant } from './gestion-commun.tsx';
import { NavigationLieu } from './navigation.tsx';

/** An appointment to take up again, as the page shows it. */
export interface LigneReprise {
  id: string;
  debut: Date;
  nom: string | null;
  motifNom: string;
  raison: string;
  joignable: boolean;
}

const majuscule = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function Actions({ base, siteId, r, csrf }: { base: string; siteId: string; r: LigneReprise; csrf: string }) {
  const qui = r.nom ?? 'la personne';
  return (
    <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--icon-left fr-btns-group--inline-md">
      <li>
        <form method="post" action={base}>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="rdv" value={r.id} />
          <button type="submit" class="fr-btn fr-btn--sm" title={`Annuler le rendez-vous de ${qui} et le prévenir`}>
            Annuler et prévenir
          </button>
        </form>
      </li>
      <li>
        <a
          class="fr-btn fr-btn--sm fr-btn--secondary"
          href={`/sites/${siteId}/rendez-vous/${r.id}`}
          title={`Déplacer le rendez-vous de ${qui}`}
        >
          Déplacer
        </a>
      </li>
    </ul>
  );
}

/** The site's future appointments that no longer lie in its opening hours, each to cancel or to move. */
export function PageReprise({
  ctx,
  site,
  gerer,
  liens,
  rendezVous,
}: {
  ctx: ContextePage;
  site: { id: string; nom: string; fuseau: string };
  gerer: boolean;
  liens: LiensDuLieu;
  rendezVous: LigneReprise[];
}) {
  const base = `/admin/sites/${site.id}/rendez-vous/a-reprendre`;
  const titre = `Rendez-vous à reprendre – ${site.nom}`;
  const quand = new Intl.DateTimeFormat('fr-FR', {
    timeZone: site.fuseau,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const n = rendezVous.length;
  return (
    <Layout
      titre={titre}
      ctx={ctx}
      filAriane={[
        { href: '/admin/sites', libelle: 'Sites' },
        { href: `/admin/sites/${site.id}`, libelle: site.nom },
        { href: `/admin/sites/${site.id}/rendez-vous`, libelle: 'Rendez-vous' },
        { libelle: 'Rendez-vous à reprendre' },
      ]}
    >
      <h1>{titre}</h1>
      <NavigationLieu siteId={site.id} liens={liens} ici="reprise" />
      <p>
        Les rendez-vous réservés qui ne tombent plus pendant l’ouverture du lieu : une fermeture exceptionnelle, un jour
        férié, un arrêt de tournée qui n’est plus desservi ou des horaires modifiés. Annulez-les (la personne est
        prévenue une seule fois, par courriel et SMS) ou déplacez-les.{' '}
        <a href={`/admin/sites/${site.id}/fermetures`}>Fermetures exceptionnelles de ce site</a>
      </p>
      <p class="fr-text--lead">
        {n === 0
          ? 'Aucun rendez-vous à reprendre.'
          : n === 1
            ? '1 rendez-vous est concerné.'
            : `${n} rendez-vous sont concernés.`}
      </p>
      <TableauDefilant
        legende="Rendez-vous à reprendre"
        entetes={['Date et heure', 'Personne', 'Motif', 'Pourquoi', ...(gerer ? ['Actions'] : [])]}
        vide=""
        lignes={rendezVous.map((r) => ({
          cle: r.id,
          cellules: [
            quand.format(r.debut),
            <>
              {r.nom ?? 'Sans nom'}
              {!r.joignable && <Badge type="warning">Sans coordonnées : à prévenir vous-même</Badge>}
            </>,
            r.motifNom,
            majuscule(r.raison),
            ...(gerer ? [<Actions base={base} siteId={site.id} r={r} csrf={ctx.csrf} />] : []),
          ],
        }))}
      />
    </Layout>
  );
}
