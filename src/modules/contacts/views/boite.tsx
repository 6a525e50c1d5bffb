import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { Badge, CadreTableau } from '../../../ui/tableau.tsx';
import type { Boite, DemandeAffichee } from '../service-boite.ts';
import type { FiltreBoite } from '../validation-boite.ts';
import { dateCourte, LIBELLES_CANAL, LIBELLES_STATUT, texteDelai } from './boite-commun.tsx';

// The site's inbox (issue 12, point 4): the requests written to the site, the most urgent first, with the working
// hours left before the promised answer (or how late it is). A plain page: filters are links, rows link to requests.

const FILTRES: Array<{ filtre: FiltreBoite; libelle: string }> = [
  { filtre: 'ouvertes', libelle: 'Toutes les demandes ouvertes' },
  { filtre: 'moi', libelle: 'Attribuées à moi' },
  { filtre: 'non-assignees', libelle: 'Non attribuées' },
  { filtre: 'closes', libelle: 'Closes' },
];

const VIDE: Record<FiltreBoite, string> = {
  ouvertes: 'Aucune demande ouverte : tous les messages ont été traités.',
  moi: 'Aucune demande ouverte ne vous est attribuée.',
  'non-assignees': 'Toutes les demandes ouvertes sont attribuées.',
  closes: 'Aucune demande close.',
};

function Delai({ d, fuseau }: { d: DemandeAffichee; fuseau: string }) {
  const texte = texteDelai(d.delai, fuseau);
  if (d.delai.etat === 'retard') return <Badge type="error">{texte}</Badge>;
  if (d.delai.etat === 'restant' && d.delai.heures < 18) return <Badge type="warning">{texte}</Badge>;
  if (d.delai.etat === 'repondue') return <Badge type="success">{texte}</Badge>;
  return <span>{texte}</span>;
}

function Ligne({ d, vue }: { d: DemandeAffichee; vue: Boite }) {
  const fuseau = vue.site.fuseau;
  return (
    <tr>
      <td>
        <a href={`/sites/${vue.site.id}/messages/${d.id}`}>
          {d.nom || d.courriel || d.telephone || 'Personne sans nom'}
          <span class="fr-sr-only"> – demande {d.reference}</span>
        </a>
        <br />
        <span class="fr-text--sm">
          {d.reference}
          {d.objet ? ` · ${d.objet}` : ''}
        </span>
      </td>
      <td>{d.echeance ? dateCourte(d.echeance, fuseau) : '—'}</td>
      <td>
        <Delai d={d} fuseau={fuseau} />
      </td>
      <td>{LIBELLES_CANAL[d.canal]}</td>
      <td>{d.agent ?? 'Personne'}</td>
      <td>
        {LIBELLES_STATUT[d.statut]}
        {!d.courriel && d.telephone && <span class="fr-text--sm"> (téléphone seulement)</span>}
      </td>
    </tr>
  );
}

/** The inbox of a site: filters, the count of open requests, and the table of requests. */
export function PageBoite({ ctx, vue, maintenant }: { ctx: ContextePage; vue: Boite; maintenant: Date }) {
  const titre = `Messages – ${vue.site.nom}`;
  const base = `/sites/${vue.site.id}/messages`;
  const libelle = FILTRES.find((f) => f.filtre === vue.filtre)?.libelle ?? '';
  return (
    <Layout
      titre={titre}
      ctx={ctx}
      filAriane={[{ href: '/tableau-de-bord', libelle: 'Tableau de bord' }, { libelle: titre }]}
    >
      <h1>{titre}</h1>
      <p>
        {vue.ouvertes === 0
          ? 'Aucune demande ouverte.'
          : vue.ouvertes === 1
            ? '1 demande ouverte.'
            : `${vue.ouvertes} demandes ouvertes.`}{' '}
        La réponse est promise sous 72 heures ouvrées : le temps restant compte les jours ouvrés du lieu, 24 heures
        chacun (heure du lieu, {dateCourte(maintenant, vue.site.fuseau)}).
      </p>
      {!vue.agir && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>
            Vous consultez les messages de ce lieu : seuls ses agents et les gestionnaires de sa structure y répondent.
          </p>
        </div>
      )}
      <nav aria-label="Filtrer les demandes">
        <ul class="fr-tags-group">
          {FILTRES.map((f) => (
            <li key={f.filtre}>
              <a
                class="fr-tag"
                href={f.filtre === 'ouvertes' ? base : `${base}?filtre=${f.filtre}`}
                aria-current={f.filtre === vue.filtre ? 'page' : undefined}
              >
                {f.libelle}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {vue.demandes.length === 0 ? (
        <p class="fr-mt-3w">{VIDE[vue.filtre]}</p>
      ) : (
        <CadreTableau
          legende={`${libelle} (${vue.demandes.length}${vue.complet ? '' : ' premières'})`}
          entetes={['Personne', 'Échéance', 'Temps restant (heures ouvrées)', 'Canal', 'Attribuée à', 'Statut']}
        >
          {vue.demandes.map((d) => (
            <Ligne key={d.id} d={d} vue={vue} />
          ))}
        </CadreTableau>
      )}
    </Layout>
  );
}
