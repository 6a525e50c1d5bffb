import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { Badge, CadreTableau } from '../../../ui/tableau.tsx';
import { nomDepartement } from '../../territoires/index.ts';
import type { consulterAnnuaire, OffreSite, Referent, TableauReferents } from '../service-annuaire.ts';
import {
  DELAI_ANNUAIRE,
  Disponibilite,
  delaiEnClair,
  FIL_ANNUAIRE,
  Lignes,
  modalitesOffre,
  perimetre,
  rang,
  Telephone,
} from './annuaire-commun.tsx';

type Annuaire = Awaited<ReturnType<typeof consulterAnnuaire>>;

/** The table of a département's entries; `liens` makes names links to their page (not in the printable tableau). */
export function TableReferents({
  legende,
  referents,
  liens = true,
}: {
  legende: string;
  referents: Referent[];
  liens?: boolean;
}) {
  return (
    <CadreTableau
      legende={legende}
      entetes={[
        'Partenaire',
        'Référent',
        'Fonction',
        'Téléphone',
        'Adresse électronique',
        'Périmètre',
        'Disponibilité',
        'Compte guichet',
      ]}
    >
      {referents.map((r) => (
        <tr key={r.id}>
          <td>{r.partenaire}</td>
          <td>
            {liens ? (
              <a href={`/referents/${r.id}`}>
                {r.prenom} {r.nom}
              </a>
            ) : (
              `${r.prenom} ${r.nom}`
            )}
            <br />
            <span class="fr-text--sm">{rang(r)}</span>
          </td>
          <td>{r.fonction ?? 'Non renseignée'}</td>
          <td>
            <Telephone numero={r.telephone} />
          </td>
          <td>
            <a href={`mailto:${r.courriel}`}>{r.courriel}</a>
          </td>
          <td>{perimetre(r)}</td>
          <td>
            <Disponibilite referent={r} />
          </td>
          <td>{r.compte ? 'Oui' : 'Non (par courriel)'}</td>
        </tr>
      ))}
    </CadreTableau>
  );
}

/** The partners' complementary offer at the sites of a département (convention annexe 5). */
export function ListeOffres({ offres, titre = 'h3' }: { offres: OffreSite[]; titre?: 'h2' | 'h3' }) {
  const Titre = titre;
  return (
    <>
      <Titre class="fr-mt-3w">Offre complémentaire des partenaires dans les lieux</Titre>
      {offres.length === 0 ? (
        <p>Aucune offre complémentaire n’est renseignée.</p>
      ) : (
        <ul>
          {offres.map((o) => (
            <li key={o.id}>
              <strong>
                {o.site} – {o.partenaire}
              </strong>{' '}
              ({modalitesOffre(o)}) :<br />
              <Lignes texte={o.modalites} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Filtres({ a }: { a: Annuaire }) {
  return (
    <form method="get" action="/referents" class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
      <div class="fr-col-12 fr-col-md-4">
        <div class="fr-select-group fr-mb-0">
          <label class="fr-label" for="departement">
            Département
          </label>
          <select class="fr-select" id="departement" name="departement">
            <option value="" selected={!a.departement}>
              Tous mes départements
            </option>
            {a.departementsFiltre.map((d) => (
              <option key={d} value={d} selected={d === a.departement}>
                {nomDepartement(d)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="fr-col-12 fr-col-md-3">
        <div class="fr-select-group fr-mb-0">
          <label class="fr-label" for="partenaire">
            Partenaire
          </label>
          <select class="fr-select" id="partenaire" name="partenaire">
            <option value="">Tous les partenaires</option>
            {a.partenaires.map((p) => (
              <option key={p.id} value={p.id} selected={p.id === a.filtrePartenaire}>
                {p.nomCourt}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="fr-col-12 fr-col-md-3">
        <div class="fr-checkbox-group">
          <input type="checkbox" id="inactifs" name="inactifs" value="on" checked={a.inactifs} />
          <label class="fr-label" for="inactifs">
            Afficher aussi les référents désactivés
          </label>
        </div>
      </div>
      <div class="fr-col-12 fr-col-md-2">
        <button type="submit" class="fr-btn fr-btn--secondary">
          Filtrer
        </button>
      </div>
    </form>
  );
}

/** The directory: per département of the actor's scope, the partners' référents, the offers at its sites, deadlines. */
export function PageAnnuaire({ ctx, a }: { ctx: ContextePage; a: Annuaire }) {
  const departements = [...new Set(a.referents.map((r) => r.departement))];
  return (
    <Layout titre="Référents des partenaires" ctx={ctx} filAriane={[{ libelle: FIL_ANNUAIRE.libelle }]}>
      <h1>Référents des partenaires</h1>
      <p>
        Pour une situation complexe (urgence, blocage administratif), contactez directement le référent du partenaire
        pour le département ; en son absence, son suppléant.
      </p>
      {a.peutAjouter && (
        <p>
          <a class="fr-btn fr-btn--sm fr-icon-add-line fr-btn--icon-left" href="/referents/nouveau">
            Ajouter un référent
          </a>
        </p>
      )}
      <Filtres a={a} />
      {departements.length === 0 && <p>Aucun référent n’est renseigné pour ces critères.</p>}
      {departements.map((d) => (
        <section key={d} aria-labelledby={`departement-${d}`}>
          <h2 id={`departement-${d}`} class="fr-mt-4w">
            {nomDepartement(d)}
          </h2>
          <p>
            <a href={`/referents/tableau?departement=${encodeURIComponent(d)}`}>
              Tableau récapitulatif des référents – {nomDepartement(d)}
            </a>
          </p>
          <TableReferents
            legende={`Référents – ${nomDepartement(d)}`}
            referents={a.referents.filter((r) => r.departement === d)}
          />
          <ListeOffres offres={a.offres.filter((o) => o.departement === d)} />
        </section>
      ))}
      <TableDelais delais={a.delais} national={a.delaiNational} />
      {a.peutModifierDelais && (
        <p>
          <a href="/admin/delais-partenaires">Modifier les délais des partenaires</a>
        </p>
      )}
    </Layout>
  );
}

/** Each partner's deadline for a first answer (a list: two short columns need no table, even at 320 px). */
export function TableDelais({ delais, national }: { delais: Annuaire['delais']; national: number }) {
  return (
    <>
      <h2 class="fr-mt-4w">{DELAI_ANNUAIRE}</h2>
      <ul>
        {delais.map((d) => (
          <li key={d.id}>
            {d.nom} : {delaiEnClair(d.jours, national)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The "tableau récapitulatif des référents" of a département, with its three files. */
export function PageTableau({ ctx, t }: { ctx: ContextePage; t: TableauReferents }) {
  const titre = `Tableau récapitulatif des référents – ${nomDepartement(t.departement)}`;
  const q = `?departement=${encodeURIComponent(t.departement)}`;
  return (
    <Layout titre={titre} ctx={ctx} filAriane={[FIL_ANNUAIRE, { libelle: 'Tableau récapitulatif' }]}>
      <h1>{titre}</h1>
      <p>Annexe 6 de la convention départementale France services.</p>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
          <li key={f}>
            <a class="fr-btn fr-btn--sm fr-btn--secondary" href={`/referents/tableau.${f}${q}`} download>
              Télécharger en {f.toUpperCase()}
            </a>
          </li>
        ))}
      </ul>
      {t.referents.length === 0 ? (
        <p>Aucun référent actif n’est renseigné pour ce département.</p>
      ) : (
        <TableReferents legende={titre} referents={t.referents} liens={false} />
      )}
      <ListeOffres offres={t.offres} titre="h2" />
      <TableDelais delais={t.delais} national={t.delaiNational} />
      {t.referents.some((r) => r.absentAujourdhui) && (
        <p class="fr-mt-2w">
          <Badge type="info">Information</Badge> Un référent absent aujourd’hui est remplacé par son suppléant.
        </p>
      )}
    </Layout>
  );
}

/** The choice of a département before its tableau. */
export function PageChoixTableau({ ctx, departements }: { ctx: ContextePage; departements: string[] }) {
  const titre = 'Tableau récapitulatif des référents';
  return (
    <Layout titre={titre} ctx={ctx} filAriane={[FIL_ANNUAIRE, { libelle: 'Tableau récapitulatif' }]}>
      <h1>{titre}</h1>
      {departements.length === 0 ? (
        <p>Aucun département n’a de référent renseigné.</p>
      ) : (
        <ul>
          {departements.map((d) => (
            <li key={d}>
              <a href={`/referents/tableau?departement=${encodeURIComponent(d)}`}>{nomDepartement(d)}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
