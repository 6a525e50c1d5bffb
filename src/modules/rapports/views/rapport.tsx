import { barresHorizontales, carteDeChaleur, enUrl } from '../../../platform/graphiques/svg.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { Champ, type EtatFormulaire, Liste, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';
import { NOMS_JOURS_SEMAINE } from '../../horaires/index.ts';
import { avecSectionsDesLieux, cleDePerimetre, type Ligne, type Rapport } from '../service.ts';
import { SectionContacts } from './contacts.tsx';
import { SectionMandats } from './mandats.tsx';
import { SectionRendezVous } from './rendez-vous.tsx';
import { SectionSaisines } from './saisines.tsx';

const nombre = new Intl.NumberFormat('fr-FR');
const pourcent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const signe = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** "+12,5 %", "−3 %", or "—" when there is nothing to compare with. */
export function evolution(n: number, avant: number): string {
  return avant === 0 ? '—' : signe.format((n - avant) / avant);
}
export const part = (n: number, total: number) => (total === 0 ? '—' : pourcent.format(n / total));

/** A breakdown table: the period, its share, and both comparisons. */
function TableauLignes({
  titre,
  lignes,
  total,
  lien,
}: {
  titre: string;
  lignes: Ligne[];
  total: number;
  lien?: (l: Ligne) => string | null;
}) {
  return (
    <CadreTableau
      legende={titre}
      entetes={[
        titre
          .replace(/^Par /, '')
          .replace(/ \(.*\)$/, '')
          .replace(/^./, (c) => c.toUpperCase()),
        'Période',
        'Part',
        'Période précédente',
        'Évolution',
        'Un an avant',
        'Évolution sur un an',
      ]}
      classe="fr-mt-1w"
      legendeMasquee
    >
      {lignes.map((l) => {
        const href = lien?.(l);
        return (
          <tr key={l.cle}>
            <th scope="row">{href ? <a href={href}>{l.libelle}</a> : l.libelle}</th>
            <td>{nombre.format(l.n)}</td>
            <td>{part(l.n, total)}</td>
            <td>{nombre.format(l.precedente)}</td>
            <td>{evolution(l.n, l.precedente)}</td>
            <td>{nombre.format(l.anneePrecedente)}</td>
            <td>{evolution(l.n, l.anneePrecedente)}</td>
          </tr>
        );
      })}
    </CadreTableau>
  );
}

/** A chart as an image, its caption, and the same figures as a table (the text alternative). */
function Figure(p: {
  id: string;
  titre: string;
  lignes: Ligne[];
  total: number;
  graphique?: boolean;
  lien?: (l: Ligne) => string | null;
  comparaison: string;
}) {
  const visibles = p.lignes.filter((l) => l.n > 0);
  return (
    <section class="fr-mb-6w" aria-labelledby={p.id}>
      <h2 id={p.id} class="fr-h4">
        {p.titre}
      </h2>
      {p.lignes.length === 0 ? (
        <p>Aucune sollicitation sur la période.</p>
      ) : (
        <figure class="fr-m-0">
          {p.graphique !== false && visibles.length > 0 && (
            <img
              class="guichet-graphique"
              src={enUrl(
                barresHorizontales(
                  visibles.slice(0, 12).map((l) => ({ libelle: l.libelle, n: l.n, comparaison: l.anneePrecedente })),
                  { serie: 'Période', comparaison: p.comparaison },
                ),
              )}
              alt={`Graphique en barres : ${p.titre.toLowerCase()}. Les valeurs figurent dans le tableau qui suit.`}
            />
          )}
          <figcaption class="fr-text--sm">
            {p.titre} : nombre de sollicitations sur la période, comparé à la période précédente et à la même période un
            an avant.
          </figcaption>
          <TableauLignes titre={p.titre} lignes={p.lignes} total={p.total} lien={p.lien} />
        </figure>
      )}
    </section>
  );
}

function Chiffre({ titre, valeur, detail }: { titre: string; valeur: string; detail?: string }) {
  return (
    <div class="fr-col-12 fr-col-sm-6 fr-col-lg-3">
      <div class="fr-tile fr-tile--no-icon">
        <div class="fr-tile__body">
          <div class="fr-tile__content">
            <p class="fr-tile__title">{valeur}</p>
            <p class="fr-tile__desc">{titre}</p>
            {detail && <p class="fr-tile__detail">{detail}</p>}
          </div>
        </div>
      </div>
    </div>
  );
}

export interface PropsRapport {
  ctx: ContextePage;
  r: Rapport;
  perimetres: Array<{ valeur: string; libelle: string }>;
  etat: EtatFormulaire;
  requete: string;
  raccourcis: Array<{ libelle: string; du: string; au: string }>;
}

export function PageRapport({ ctx, r, perimetres, etat, requete, raccourcis }: PropsRapport) {
  const total = r.total.n;
  const resolus = r.issues.find((l) => l.cle === 'resolu')?.n ?? 0;
  const cle = cleDePerimetre(r.perimetre);
  const periode = `du=${r.periode.du}&au=${r.periode.au}`;
  const lienLieu = (l: Ligne) =>
    r.perimetre.type === 'nation' || r.perimetre.type === 'region'
      ? `/rapports?perimetre=departement:${l.cle}&${periode}`
      : r.perimetre.type === 'departement' || r.perimetre.type === 'structure'
        ? /^[0-9a-f-]{36}$/.test(l.cle) && !l.libelle.includes(' – arrêt ')
          ? `/rapports?perimetre=site:${l.cle}&${periode}`
          : null
        : null;
  const comparaison = `Un an avant (${r.anneePrecedente.libelle})`;
  return (
    <Layout titre={titreFormulaire(`Rapport d’activité – ${r.perimetre.libelle}`, etat)} ctx={ctx}>
      <h1>Rapport d’activité</h1>
      <p class="fr-text--lead">
        {r.perimetre.libelle}, {r.periode.libelle}
      </p>
      <form method="get" action="/rapports" class="fr-mb-4w" noValidate>
        <ResumeErreurs etat={etat} libelles={{ perimetre: 'Périmètre', du: 'Du', au: 'Au' }} />
        <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          {perimetres.length > 1 && (
            <div class="fr-col-12 fr-col-md-4">
              <Liste nom="perimetre" libelle="Périmètre" etat={etat} options={perimetres} />
            </div>
          )}
          {perimetres.length <= 1 && <input type="hidden" name="perimetre" value={cle} />}
          <div class="fr-col-6 fr-col-md-3">
            <Champ nom="du" libelle="Du" type="date" etat={etat} />
          </div>
          <div class="fr-col-6 fr-col-md-3">
            <Champ nom="au" libelle="Au (inclus)" type="date" etat={etat} />
          </div>
          <div class="fr-col-12 fr-col-md-2">
            <button type="submit" class="fr-btn">
              Afficher
            </button>
          </div>
        </div>
        <p class="fr-text--sm fr-mt-1w">
          Raccourcis :{' '}
          {raccourcis.map((x, i) => (
            <span key={x.libelle}>
              {i > 0 && ' · '}
              <a href={`/rapports?perimetre=${cle}&du=${x.du}&au=${x.au}`}>{x.libelle}</a>
            </span>
          ))}
        </p>
      </form>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left fr-mb-4w">
        <li>
          <a class="fr-btn fr-btn--sm fr-btn--secondary" href={`/rapports/export.xlsx?${requete}`}>
            Télécharger (XLSX)
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--sm fr-btn--secondary" href={`/rapports/export.csv?${requete}`}>
            Télécharger (CSV)
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--sm fr-btn--secondary" href={`/rapports/rapport.pdf?${requete}`}>
            Rapport pour le comité de pilotage (PDF)
          </a>
        </li>
      </ul>
      <section class="fr-mb-6w" aria-labelledby="chiffres-cles">
        <h2 id="chiffres-cles" class="fr-h4">
          Chiffres clés
        </h2>
        <div class="fr-grid-row fr-grid-row--gutters">
          <Chiffre
            titre="sollicitations"
            valeur={nombre.format(total)}
            detail={`${evolution(total, r.total.precedente)} par rapport à la période précédente (${nombre.format(r.total.precedente)}), ${evolution(total, r.total.anneePrecedente)} sur un an (${nombre.format(r.total.anneePrecedente)})`}
          />
          <Chiffre
            titre="résolues sur place"
            valeur={part(resolus, total)}
            detail={`${nombre.format(resolus)} sollicitations`}
          />
          {r.reperes.map((l) => (
            <Chiffre
              key={l.cle}
              titre={l.libelle.toLowerCase()}
              valeur={nombre.format(l.n)}
              detail={part(l.n, total)}
            />
          ))}
        </div>
        <p class="fr-text--sm fr-mt-2w">
          Période précédente : {r.precedente.libelle}. Même période un an avant : {r.anneePrecedente.libelle}.
        </p>
      </section>
      <Figure id="partenaires" titre="Par partenaire" lignes={r.partenaires} total={total} comparaison={comparaison} />
      <p class="fr-text--sm">
        Une sollicitation peut concerner plusieurs partenaires : la somme des parts peut dépasser 100 %.
      </p>
      <Figure id="themes" titre="Par thème" lignes={r.themes} total={total} comparaison={comparaison} />
      <Figure
        id="situations"
        titre="Par situation de vie"
        lignes={r.situations}
        total={total}
        comparaison={comparaison}
      />
      <Figure id="canaux" titre="Par canal" lignes={r.canaux} total={total} comparaison={comparaison} />
      <Figure id="niveaux" titre="Par niveau d’aide" lignes={r.niveaux} total={total} comparaison={comparaison} />
      <Figure id="issues" titre="Par issue" lignes={r.issues} total={total} comparaison={comparaison} />
      <Figure
        id="durees"
        titre="Par durée"
        lignes={r.durees}
        total={total}
        comparaison={comparaison}
        graphique={false}
      />
      <Figure
        id="ages"
        titre="Par tranche d’âge (quand elle est renseignée)"
        lignes={r.tranchesAge}
        total={total}
        comparaison={comparaison}
        graphique={false}
      />
      <Figure
        id="lieux"
        titre={r.lieux.titre}
        lignes={r.lieux.lignes}
        total={total}
        comparaison={comparaison}
        lien={lienLieu}
      />
      {avecSectionsDesLieux(r) && <SectionRendezVous rdv={r.rendezVous} />}
      {avecSectionsDesLieux(r) && <SectionContacts contacts={r.contacts} />}
      {r.saisines && <SectionSaisines saisines={r.saisines} />}
      {r.mandats && <SectionMandats mandats={r.mandats} />}
      <section class="fr-mb-6w" aria-labelledby="grille">
        <h2 id="grille" class="fr-h4">
          Par jour de la semaine et par heure
        </h2>
        <figure class="fr-m-0">
          <img
            class="guichet-graphique"
            src={enUrl(carteDeChaleur(r.grille.jours, r.grille.heures, NOMS_JOURS_SEMAINE))}
            alt="Carte de chaleur des sollicitations par jour et par heure. Les valeurs figurent dans le tableau qui suit."
          />
          <figcaption class="fr-text--sm">
            Sollicitations de la période par jour de la semaine et par heure (heure locale du lieu).
          </figcaption>
          <CadreTableau
            legende="Par jour de la semaine et par heure"
            entetes={['Jour', ...r.grille.heures.map((h) => `${h} h`)]}
            classe="fr-mt-1w"
            legendeMasquee
          >
            {r.grille.jours.map((ligne, j) => (
              <tr key={NOMS_JOURS_SEMAINE[j]}>
                <th scope="row">{NOMS_JOURS_SEMAINE[j]}</th>
                {ligne.map((n, h) => (
                  <td key={r.grille.heures[h]}>{nombre.format(n)}</td>
                ))}
              </tr>
            ))}
          </CadreTableau>
        </figure>
      </section>
    </Layout>
  );
}
