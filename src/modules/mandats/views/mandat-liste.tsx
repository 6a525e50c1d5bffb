import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';
import type { ListeMandats } from '../service-mandat.ts';
import { type FiltreMandats, LIBELLES_DUREES } from '../validation.ts';
import { BadgeStatutMandat, jourCourt, NomPersonne } from './mandat-commun.tsx';

type LigneMandat = ListeMandats['mandats'][number];

// The mandates of a structure (issue 14 point 2), from one of its sites or, from the navigation, of all the actor's
// structures: newest first, filtered by status and searched by name or reference; each row links to the mandate.

const FILTRES: Array<{ filtre: FiltreMandats; libelle: string }> = [
  { filtre: 'tous', libelle: 'Tous' },
  { filtre: 'brouillon', libelle: 'À signer' },
  { filtre: 'actif', libelle: 'En vigueur' },
  { filtre: 'expire', libelle: 'Terminés' },
  { filtre: 'revoque', libelle: 'Révoqués' },
];

function Fin({ m }: { m: LigneMandat }) {
  if (m.termineLe) return <span>{jourCourt(m.termineLe, m.fuseau)}</span>;
  if (m.fin) return <span>{jourCourt(m.fin, m.fuseau)}</span>;
  return <span>{`${LIBELLES_DUREES[m.duree]} après la signature`}</span>;
}

function Ligne({ m, avecSite }: { m: LigneMandat; avecSite: boolean }) {
  return (
    <tr>
      <td>
        <a href={`/mandats/${m.id}`}>{m.reference}</a>
      </td>
      <td>
        <NomPersonne prenom={m.prenom} nom={m.nom} />
      </td>
      <td>{m.perimetre.join(', ')}</td>
      {avecSite && <td>{m.site}</td>}
      <td>
        <BadgeStatutMandat statut={m.statut} />
      </td>
      <td>
        <Fin m={m} />
      </td>
    </tr>
  );
}

/** The list of mandates with its filters. */
export function PageMandats({ ctx, vue }: { ctx: ContextePage; vue: ListeMandats }) {
  const base = vue.site ? `/sites/${vue.site.id}/mandats` : '/mandats';
  const titre = vue.site ? `Mandats – ${vue.site.structure}` : 'Mandats';
  const lien = (statut: FiltreMandats) => {
    const q = new URLSearchParams();
    if (statut !== 'tous') q.set('statut', statut);
    if (vue.requete.q) q.set('q', vue.requete.q);
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const libelle = FILTRES.find((f) => f.filtre === vue.requete.statut)?.libelle ?? '';
  return (
    <Layout
      titre={titre}
      ctx={ctx}
      filAriane={[{ href: '/tableau-de-bord', libelle: 'Tableau de bord' }, { libelle: 'Mandats' }]}
    >
      <h1>{titre}</h1>
      <p>
        Les mandats signés au guichet permettent à la structure d’agir au nom d’une personne, pour les démarches et la
        durée qu’ils énumèrent. La personne peut les révoquer à tout moment.
      </p>
      {vue.sites.length > 0 && (
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          {vue.sites.map((s) => (
            <li key={s.id}>
              <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href={`/sites/${s.id}/mandats/nouveau`}>
                {vue.sites.length > 1 ? `Nouveau mandat – ${s.nom}` : 'Nouveau mandat'}
              </a>
            </li>
          ))}
        </ul>
      )}
      <form method="get" action={base} class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
        {vue.requete.statut !== 'tous' && <input type="hidden" name="statut" value={vue.requete.statut} />}
        <div class="fr-col-12 fr-col-md-8">
          <div class="fr-input-group fr-mb-0">
            <label class="fr-label" for="q">
              Rechercher un nom ou une référence
              <span class="fr-hint-text">Par exemple Martin ou M-7KQ2X9HD.</span>
            </label>
            <input class="fr-input" id="q" name="q" type="search" value={vue.requete.q ?? ''} maxLength={100} />
          </div>
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <button type="submit" class="fr-btn fr-btn--secondary">
            Rechercher
          </button>
        </div>
      </form>
      <nav aria-label="Filtrer les mandats par statut">
        <ul class="fr-tags-group">
          {FILTRES.map((f) => (
            <li key={f.filtre}>
              <a
                class="fr-tag"
                href={lien(f.filtre)}
                aria-current={f.filtre === vue.requete.statut ? 'page' : undefined}
              >
                {f.libelle}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {vue.mandats.length === 0 ? (
        <p class="fr-mt-3w">Aucun mandat à afficher.</p>
      ) : (
        <CadreTableau
          legende={`Mandats – ${libelle.toLowerCase()} (${vue.mandats.length}${vue.complet ? '' : ' premiers'})`}
          entetes={['Référence', 'Personne', 'Démarches confiées', ...(vue.site ? [] : ['Lieu']), 'Statut', 'Fin']}
          defilable
          classe="fr-mt-3w guichet-table-defilante"
        >
          {vue.mandats.map((m) => (
            <Ligne key={m.id} m={m} avecSite={!vue.site} />
          ))}
        </CadreTableau>
      )}
    </Layout>
  );
}
