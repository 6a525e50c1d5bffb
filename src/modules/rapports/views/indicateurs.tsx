import type { ComponentChildren } from 'preact';
import { formaterJour } from '../../../platform/formats/dates.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';
import { TERRITOIRES } from '../../territoires/index.ts';
import type { Indicateurs, IndicateursAnnee, Publication } from '../indicateurs.ts';

const ENTIER = new Intl.NumberFormat('fr-FR');
const POURCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** "12,3 %" from 12.34. */
export const pourcentage = (x: number) => POURCENT.format(x / 100);

/** A hidden cell: a dash for the eye, a word for screen readers. */
const Masque = () => (
  <>
    <span aria-hidden="true">—</span>
    <span class="fr-sr-only">non publié</span>
  </>
);

function Nombre({ p }: { p: Publication | null }) {
  if (!p) return <Masque />;
  if (p.type === 'visible') return <>{ENTIER.format(p.n)}</>;
  return p.type === 'moins_de_5' ? <>moins de 5</> : <Masque />;
}

function Part({ p }: { p: Publication | null }) {
  if (p?.type === 'visible') return <>{pourcentage(p.pourcentage)}</>;
  if (p?.type === 'complement_masque' && p.plusDe95) return <>{'plus de 95\u00a0%'}</>;
  return <Masque />;
}

/** "2025", or "2026 (jusqu’au 31 mai)" for the current year. */
export function libelleAnnee(a: IndicateursAnnee): string {
  return a.complete
    ? String(a.annee)
    : `${a.annee} (jusqu’au ${formaterJour(a.au, { day: 'numeric', month: 'long' })})`;
}

// Non-breaking spaces inside the French quotation marks and before the percent sign.
const REGLE =
  'Pour qu’aucune personne ne puisse être reconnue, un nombre inférieur à 5 n’est jamais publié (il est remplacé par «\u00a0moins de 5\u00a0»), et un nombre ou une part qui permettrait de retrouver un tel nombre par différence avec le total est masqué («\u00a0—\u00a0», ou «\u00a0plus de 95\u00a0%\u00a0» lorsque c’est certain) ; pour une année de moins de 5 sollicitations, seul ce fait est publié.';

function ChoixAnnee({
  action,
  indicateurs,
  choisie,
  cache,
}: {
  action: string;
  indicateurs: Indicateurs;
  choisie: IndicateursAnnee;
  cache?: Record<string, string | undefined>;
}) {
  return (
    <form method="get" action={action} class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mt-2w">
      {Object.entries(cache ?? {}).map(([nom, valeur]) =>
        valeur ? <input type="hidden" name={nom} value={valeur} key={nom} /> : null,
      )}
      <div class="fr-col-12 fr-col-md-4">
        <div class="fr-select-group fr-mb-0">
          <label class="fr-label" for="annee">
            Année détaillée
          </label>
          <select class="fr-select" id="annee" name="annee">
            {indicateurs.annees.map((a) => (
              <option value={String(a.annee)} selected={a.annee === choisie.annee} key={a.annee}>
                {libelleAnnee(a)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="fr-col-12 fr-col-md-3">
        <button type="submit" class="fr-btn fr-btn--secondary">
          Afficher
        </button>
      </div>
    </form>
  );
}

function ParAnnee({ indicateurs, lieu }: { indicateurs: Indicateurs; lieu: string }) {
  return (
    <CadreTableau
      legende={`Sollicitations par année et part résolue sur place, ${lieu}`}
      entetes={['Année', 'Sollicitations', 'Résolues sur place', 'Part résolue sur place']}
    >
      {indicateurs.annees.map((a) => (
        <tr key={a.annee}>
          <th scope="row">{libelleAnnee(a)}</th>
          <td>{a.total === null ? 'moins de 5' : ENTIER.format(a.total)}</td>
          <td>
            <Nombre p={a.resolus} />
          </td>
          <td>
            <Part p={a.resolus} />
          </td>
        </tr>
      ))}
    </CadreTableau>
  );
}

function Detail({ a, lieu }: { a: IndicateursAnnee; lieu: string }) {
  return (
    <section class="fr-mt-4w" aria-labelledby="detail-annee">
      <h2 id="detail-annee">{`Année ${libelleAnnee(a)}`}</h2>
      {a.total === null ? (
        <p>
          <strong>moins de 5 sollicitations</strong> : aucun autre chiffre n’est publié pour cette année.
        </p>
      ) : (
        <>
          <p class="fr-text--lead">
            <strong>{ENTIER.format(a.total)}</strong> sollicitations, dont{' '}
            <strong>
              <Part p={a.resolus} />
            </strong>{' '}
            résolues sur place.
          </p>
          <CadreTableau
            legende={`Part des sollicitations concernant chaque partenaire en ${a.annee}, ${lieu}`}
            entetes={['Partenaire', 'Sollicitations', 'Part des sollicitations']}
          >
            {a.partenaires.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.libelle}</th>
                <td>
                  <Nombre p={p.publication} />
                </td>
                <td>
                  <Part p={p.publication} />
                </td>
              </tr>
            ))}
          </CadreTableau>
          <p class="fr-text--sm">
            Une sollicitation peut concerner plusieurs partenaires : les parts ne s’additionnent donc pas à 100 %. Les
            partenaires propres à une structure ne sont pas détaillés.
          </p>
        </>
      )}
    </section>
  );
}

/** The figures of a scope: yearly table, year selector, detail of the chosen year, and the secrecy rule. */
function Chiffres({
  indicateurs,
  choisie,
  action,
  lieu,
  cache,
  children,
}: {
  indicateurs: Indicateurs;
  choisie: IndicateursAnnee | null;
  action: string;
  lieu: string;
  cache?: Record<string, string | undefined>;
  children?: ComponentChildren;
}) {
  return (
    <>
      <div class="fr-callout fr-my-4w">
        <h2 class="fr-callout__title">Secret statistique</h2>
        <p class="fr-callout__text">{REGLE}</p>
      </div>
      {choisie ? (
        <>
          <ParAnnee indicateurs={indicateurs} lieu={lieu} />
          <p class="fr-text--sm">
            Sont comptées les sollicitations enregistrées par les agents ; l’année en cours l’est jusqu’à la fin du
            dernier mois écoulé.
          </p>
          {children}
          <ChoixAnnee action={action} indicateurs={indicateurs} choisie={choisie} cache={cache} />
          <Detail a={choisie} lieu={lieu} />
        </>
      ) : (
        <p>Aucune sollicitation n’est publiée pour le moment.</p>
      )}
    </>
  );
}

const ACCUEIL = { href: '/', libelle: 'Accueil' };

/** The national page, with a way to reach the sites of a département. */
export function PageIndicateursNationaux({
  ctx,
  indicateurs,
  choisie,
  departement,
}: {
  ctx: ContextePage;
  indicateurs: Indicateurs;
  choisie: IndicateursAnnee | null;
  departement: { code: string; nom: string; sites: Array<{ id: string; nom: string; commune: string }> } | null;
}) {
  const annee = choisie ? String(choisie.annee) : undefined;
  return (
    <Layout titre="Indicateurs d’activité" ctx={ctx} filAriane={[ACCUEIL, { libelle: 'Indicateurs d’activité' }]}>
      <h1>Indicateurs d’activité du réseau France services</h1>
      <p>
        Chaque année, combien de demandes les France services ont reçues, pour quels partenaires, et quelle part a été
        résolue sur place, pour toute la France.
      </p>
      <Chiffres
        indicateurs={indicateurs}
        choisie={choisie}
        action="/indicateurs"
        lieu="France entière"
        cache={{ departement: departement?.code }}
      >
        <p>
          <a class="fr-link fr-link--download" href="/indicateurs.csv" download>
            Télécharger les indicateurs nationaux
            <span class="fr-link__detail">CSV</span>
          </a>
        </p>
      </Chiffres>
      <section class="fr-mt-6w" aria-labelledby="par-lieu">
        <h2 id="par-lieu">Indicateurs d’un lieu</h2>
        <p>Choisissez un département pour afficher ses lieux, puis ouvrez les indicateurs de l’un d’eux.</p>
        <form method="get" action="/indicateurs" class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          {annee && <input type="hidden" name="annee" value={annee} />}
          <div class="fr-col-12 fr-col-md-4">
            <div class="fr-select-group fr-mb-0">
              <label class="fr-label" for="departement">
                Département
              </label>
              <select class="fr-select" id="departement" name="departement">
                <option value="" selected={!departement}>
                  Sélectionner un département
                </option>
                {TERRITOIRES.map((d) => (
                  <option value={d.code} selected={d.code === departement?.code} key={d.code}>
                    {`${d.code} – ${d.nom}`}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <button type="submit" class="fr-btn fr-btn--secondary">
              Afficher les lieux
            </button>
          </div>
        </form>
        {departement &&
          (departement.sites.length === 0 ? (
            <p class="fr-mt-2w">Aucun lieu France services dans ce département.</p>
          ) : (
            <>
              <h3 class="fr-mt-3w">{`Lieux du département ${departement.nom}`}</h3>
              <ul>
                {departement.sites.map((s) => (
                  <li key={s.id}>
                    <a href={`/indicateurs/lieux/${s.id}`}>{`${s.nom} (${s.commune})`}</a>
                  </li>
                ))}
              </ul>
            </>
          ))}
      </section>
    </Layout>
  );
}

/** The page of one site. */
export function PageIndicateursSite({
  ctx,
  site,
  indicateurs,
  choisie,
}: {
  ctx: ContextePage;
  site: { id: string; nom: string; commune: string; codePostal: string };
  indicateurs: Indicateurs;
  choisie: IndicateursAnnee | null;
}) {
  return (
    <Layout
      titre={`Indicateurs d’activité – ${site.nom}`}
      ctx={ctx}
      filAriane={[ACCUEIL, { href: '/indicateurs', libelle: 'Indicateurs d’activité' }, { libelle: site.nom }]}
    >
      <h1>{`Indicateurs d’activité : ${site.nom}`}</h1>
      <p>
        {`${site.codePostal} ${site.commune}`} – <a href={`/lieux/${site.id}`}>fiche du lieu</a>
      </p>
      <Chiffres indicateurs={indicateurs} choisie={choisie} action={`/indicateurs/lieux/${site.id}`} lieu={site.nom} />
    </Layout>
  );
}
