import { formaterJour } from '../../../platform/formats/dates.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { BoutonAction, type EtatFormulaire, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau, Pagination } from '../../../ui/tableau.tsx';
import type { CatalogueDeSaisie } from '../../catalogue/index.ts';
import type { MandatDuFormulaire } from '../../mandats/index.ts';
import {
  type Canal,
  type Issue,
  LIBELLES_CANAUX,
  LIBELLES_ISSUES,
  LIBELLES_NIVEAUX,
  type Niveau,
} from '../validation.ts';
import { FormulaireSollicitation } from './formulaire.tsx';

export const dateFr = (iso: string) => iso.split('-').reverse().join('/');

const jourLong = (iso: string) =>
  formaterJour(iso, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

const decaler = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface Site {
  id: string;
  nom: string;
  structureNom: string;
}

export interface LigneJournee {
  id: string;
  heure: string;
  situation: string;
  partenairesNoms: string[];
  canal: Canal;
  niveau: Niveau;
  issue: Issue;
  arret: string | null;
  agentPrenom: string;
  agentNom: string;
  nonRecours: boolean;
  modifiable: boolean;
  annulable: boolean;
}

interface Props {
  ctx: ContextePage;
  site: Site;
  sites: Site[];
  saisir: boolean;
  aujourdhui: string;
  jour: string;
  catalogue: CatalogueDeSaisie;
  arrets: Array<{ id: string; nom: string; commune: string }>;
  etat: EtatFormulaire;
  derniere: { situation: string; partenaires: string[]; canal: Canal; heure: string; jour: string } | null;
  /** One page of the day's entries, in time order. */
  entrees: LigneJournee[];
  /** Entries of the whole day, and the page shown among `pages`. */
  total: number;
  page: number;
  pages: number;
  parPartenaire: Array<{ valeur: string; n: number }>;
  parCanal: Array<{ valeur: string; n: number }>;
  /** The entry just saved, offered for undo. */
  enregistree: LigneJournee | null;
  /** Requests written to the site still open (its inbox). */
  messagesOuverts: number;
  /** The mandate the quick entry was opened with (`?mandat=`), issue 14. */
  mandat?: MandatDuFormulaire | null;
}

function ChoixSite({ site, sites }: { site: Site; sites: Site[] }) {
  if (sites.length < 2) return null;
  return (
    <form method="get" action="/sollicitations" class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
      <div class="fr-col-12 fr-col-md-8">
        <div class="fr-select-group fr-mb-0">
          <label class="fr-label" for="choix-site">
            Lieu d’accueil
          </label>
          <select class="fr-select" id="choix-site" name="site">
            {sites.map((s) => (
              <option key={s.id} value={s.id} selected={s.id === site.id}>
                {s.nom} ({s.structureNom})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="fr-col-12 fr-col-md-4">
        <button type="submit" class="fr-btn fr-btn--secondary">
          Changer de lieu
        </button>
      </div>
    </form>
  );
}

function Compteurs({
  titre,
  lignes,
  libelle,
}: {
  titre: string;
  lignes: Array<{ valeur: string; n: number }>;
  libelle: (v: string) => string;
}) {
  if (lignes.length === 0) return null;
  return (
    <CadreTableau
      legende={titre}
      entetes={[titre.replace('Par ', '').replace(/^./, (c) => c.toUpperCase()), 'Nombre']}
      classe="fr-mt-2w"
    >
      {lignes.map((l) => (
        <tr key={l.valeur}>
          <td>{libelle(l.valeur)}</td>
          <td>{l.n}</td>
        </tr>
      ))}
    </CadreTableau>
  );
}

/** The counter's page: the quick entry, "same as last", undo, and the day's entries with their counts. */
export function PageJournee(p: Props) {
  const base = `/sollicitations?site=${p.site.id}`;
  const estAujourdhui = p.jour === p.aujourdhui;
  return (
    <Layout
      titre={titreFormulaire(`Sollicitations – ${p.site.nom}`, p.etat)}
      ctx={p.ctx}
      scripts={p.saisir ? ['/assets/saisie.js'] : []}
    >
      <h1>Sollicitations</h1>
      <p class="fr-text--lead fr-mb-2w">
        {p.site.nom}
        {p.site.structureNom !== p.site.nom && <span class="fr-text--sm"> ({p.site.structureNom})</span>}
      </p>
      <p>
        <a class="fr-link fr-icon-team-line fr-link--icon-left" href={`/sites/${p.site.id}/journee`}>
          File d’attente et rendez-vous du jour
        </a>
      </p>
      <p>
        <a class="fr-link fr-icon-mail-line fr-link--icon-left" href={`/sites/${p.site.id}/messages`}>
          Messages du lieu ({p.messagesOuverts === 1 ? '1 demande ouverte' : `${p.messagesOuverts} demandes ouvertes`})
        </a>
      </p>
      <ChoixSite site={p.site} sites={p.sites} />
      {p.enregistree && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <h2 class="fr-alert__title">Sollicitation enregistrée à {p.enregistree.heure}</h2>
          <p>
            {p.enregistree.situation} · {p.enregistree.partenairesNoms.join(', ')} ·{' '}
            {LIBELLES_CANAUX[p.enregistree.canal]}
          </p>
          {p.enregistree.annulable && (
            <BoutonAction
              action={`/sollicitations/${p.enregistree.id}/annuler`}
              csrf={p.ctx.csrf}
              libelle="Annuler cette saisie"
              secondaire
            />
          )}
          {p.saisir && p.enregistree.issue === 'transmis_referent' && (
            <p class="fr-mt-2w fr-mb-0">
              <a
                class="fr-link fr-icon-send-plane-line fr-link--icon-left"
                href={`/sites/${p.site.id}/saisines/nouvelle?sollicitation=${p.enregistree.id}`}
              >
                Saisir un référent
              </a>
            </p>
          )}
        </div>
      )}
      {p.saisir && estAujourdhui && (
        <section class="fr-mb-4w" aria-labelledby="titre-saisie">
          <h2 id="titre-saisie">Nouvelle sollicitation</h2>
          {p.derniere && (
            <div class="fr-callout fr-mb-3w">
              <p class="fr-callout__text fr-text--sm">
                Votre dernière saisie ici (
                {p.derniere.jour === p.aujourdhui ? `à ${p.derniere.heure}` : `le ${dateFr(p.derniere.jour)}`}) :{' '}
                {p.derniere.situation} · {p.derniere.partenaires.join(', ')} · {LIBELLES_CANAUX[p.derniere.canal]}
              </p>
              <form method="post" action="/sollicitations/repeter">
                <input type="hidden" name="_csrf" value={p.ctx.csrf} />
                <input type="hidden" name="site" value={p.site.id} />
                <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
                  Enregistrer la même chose maintenant
                </button>
              </form>
            </div>
          )}
          <FormulaireSollicitation
            action="/sollicitations"
            csrf={p.ctx.csrf}
            etat={p.etat}
            catalogue={p.catalogue}
            siteId={p.site.id}
            arrets={p.arrets}
            rapide
            libelleBouton="Enregistrer"
            mandat={p.mandat ?? null}
            sansMandat={base}
          />
        </section>
      )}
      <section aria-labelledby="titre-jour">
        <h2 id="titre-jour">
          {estAujourdhui ? 'Aujourd’hui' : 'Journée du'} {jourLong(p.jour)} : {p.total.toLocaleString('fr-FR')}{' '}
          {p.total > 1 ? 'sollicitations' : 'sollicitation'}
        </h2>
        <nav class="fr-mb-2w" aria-label="Autres journées">
          <a
            class="fr-link fr-icon-arrow-left-line fr-link--icon-left fr-mr-3w"
            href={`${base}&jour=${decaler(p.jour, -1)}`}
          >
            Journée précédente
          </a>
          {!estAujourdhui && (
            <>
              <a class="fr-link fr-mr-3w" href={base}>
                Aujourd’hui
              </a>
              <a
                class="fr-link fr-icon-arrow-right-line fr-link--icon-right"
                href={`${base}&jour=${decaler(p.jour, 1)}`}
              >
                Journée suivante
              </a>
            </>
          )}
        </nav>
        {p.total === 0 ? (
          <p>Aucune sollicitation enregistrée pour cette journée.</p>
        ) : (
          <>
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <Compteurs titre="Par partenaire" lignes={p.parPartenaire} libelle={(v) => v} />
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <Compteurs titre="Par canal" lignes={p.parCanal} libelle={(v) => LIBELLES_CANAUX[v as Canal] ?? v} />
              </div>
            </div>
            <CadreTableau
              legende={
                p.pages > 1
                  ? `Sollicitations du ${dateFr(p.jour)}, page ${p.page} sur ${p.pages}`
                  : `Sollicitations du ${dateFr(p.jour)}`
              }
              entetes={['Heure', 'Situation', 'Partenaires', 'Canal', 'Aide et issue', 'Agent', 'Actions']}
            >
              {p.entrees.map((e) => (
                <tr key={e.id}>
                  <td>{e.heure}</td>
                  <td>
                    {e.situation}
                    {e.arret && <span class="fr-hint-text">{e.arret}</span>}
                    {e.nonRecours && <span class="fr-hint-text">Non-recours repéré</span>}
                  </td>
                  <td>{e.partenairesNoms.join(', ')}</td>
                  <td>{LIBELLES_CANAUX[e.canal]}</td>
                  <td>
                    {LIBELLES_NIVEAUX[e.niveau]}
                    <span class="fr-hint-text">{LIBELLES_ISSUES[e.issue]}</span>
                  </td>
                  <td>
                    {e.agentPrenom} {e.agentNom}
                  </td>
                  <td>
                    <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--icon-left fr-btns-group--inline">
                      {e.modifiable && (
                        <li>
                          <a
                            class="fr-btn fr-btn--sm fr-btn--secondary"
                            href={`/sollicitations/${e.id}/modifier`}
                            title={`Modifier la sollicitation de ${e.heure} (${e.situation})`}
                          >
                            Modifier
                          </a>
                        </li>
                      )}
                      {e.modifiable && (
                        <li>
                          <a
                            class="fr-btn fr-btn--sm fr-btn--tertiary"
                            href={`/sollicitations/${e.id}/supprimer`}
                            title={`Supprimer la sollicitation de ${e.heure} (${e.situation})`}
                          >
                            Supprimer
                          </a>
                        </li>
                      )}
                      <li>
                        <a
                          class="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
                          href={`/sollicitations/${e.id}/historique`}
                          title={`Historique de la sollicitation de ${e.heure} (${e.situation})`}
                        >
                          Historique
                        </a>
                      </li>
                      {p.saisir && e.issue === 'transmis_referent' && (
                        <li>
                          <a
                            class="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
                            href={`/sites/${p.site.id}/saisines/nouvelle?sollicitation=${e.id}`}
                            title={`Saisir un référent pour la sollicitation de ${e.heure} (${e.situation})`}
                          >
                            Saisir un référent
                          </a>
                        </li>
                      )}
                    </ul>
                  </td>
                </tr>
              ))}
            </CadreTableau>
            <Pagination
              page={p.page}
              pages={p.pages}
              lien={(n) => `${base}&jour=${p.jour}&page=${n}`}
              libelle={`Pages des sollicitations du ${dateFr(p.jour)}`}
            />
          </>
        )}
      </section>
    </Layout>
  );
}

/** For someone without a counter: where to go instead. */
export function PageSansGuichet({ ctx, exporter }: { ctx: ContextePage; exporter: boolean }) {
  return (
    <Layout titre="Sollicitations" ctx={ctx}>
      <h1>Sollicitations</h1>
      <p>Vous n’êtes rattaché à aucun lieu d’accueil : vous ne saisissez pas de sollicitations.</p>
      {exporter && (
        <p>
          <a class="fr-link" href="/sollicitations/export">
            Exporter les sollicitations d’une structure
          </a>
        </p>
      )}
    </Layout>
  );
}
