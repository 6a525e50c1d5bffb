import { formaterDate, formaterJour, formateur } from '../../../platform/formats/dates.ts';
import { LignesAdresse } from '../../../ui/adresse.tsx';
import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';
import type { SitePublic } from '../../donnees/index.ts';
import { JOURS, type JourCle, NOMS_JOURS, nomFuseau } from '../../horaires/index.ts';
import { type JourAgenda, joursEtHoraires } from '../agenda.ts';

const LIBELLES_SEMAINES = {
  toutes: 'Toutes les semaines',
  paires: 'Semaines paires',
  impaires: 'Semaines impaires',
} as const;

export function heure(instant: Date, fuseau: string): string {
  return formateur(fuseau, { hour: '2-digit', minute: '2-digit' }).format(instant);
}

export function jourLisible(date: string): string {
  return formaterJour(date, { weekday: 'long', day: 'numeric', month: 'long' });
}

export type EtatMaintenant =
  | { ouvert: true; jusqua?: Date; arret?: { nom: string; commune: string } }
  | { ouvert: false; prochaineOuverture: Date; arret?: { nom: string; commune: string } }
  | null;

/** "Ouvert jusqu'à 12:30" or "Fermé – ouvre mardi 1er décembre à 09:30". */
export function BadgeOuverture({ etat, fuseau }: { etat: EtatMaintenant; fuseau: string }) {
  if (!etat) return <p class="fr-badge fr-badge--info">Horaires non renseignés</p>;
  if (etat.ouvert) {
    return (
      <p class="fr-badge fr-badge--success">
        {etat.jusqua ? `Ouvert jusqu’à ${heure(etat.jusqua, fuseau)}` : 'Ouvert'}
        {etat.arret && ` – ${etat.arret.nom} (${etat.arret.commune})`}
      </p>
    );
  }
  return (
    <p class="fr-badge fr-badge--warning">
      Fermé – ouvre {formaterDate(etat.prochaineOuverture, fuseau, { weekday: 'long', day: 'numeric', month: 'long' })}{' '}
      à {heure(etat.prochaineOuverture, fuseau)}
      {etat.arret && ` – ${etat.arret.nom} (${etat.arret.commune})`}
    </p>
  );
}

function Jour({ jour, fuseau, itinerant }: { jour: JourAgenda; fuseau: string; itinerant: boolean }) {
  const raison = jour.fermeture
    ? `Fermeture exceptionnelle : ${jour.fermeture}`
    : jour.ferie
      ? `Jour férié (${jour.ferie})`
      : null;
  return (
    <tr>
      <th scope="row">{jourLisible(jour.date)}</th>
      <td>
        {jour.creneaux.length === 0 ? (
          (raison ?? (itinerant ? 'Pas de passage' : 'Fermé'))
        ) : (
          <ul class="fr-m-0 fr-p-0 fr-raw-list">
            {jour.creneaux.map((c) => (
              <li key={c.debut.toISOString()}>
                {heure(c.debut, fuseau)} – {heure(c.fin, fuseau)}
                {c.arret && ` : ${c.arret.nom}, ${c.arret.commune}`}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** The public page of a site: where, how to reach it, when it is open (this week and the next 14 days), who is there. */
export function PageFiche({
  ctx,
  site,
  agenda,
  maintenant,
  grille,
  rendezVousEnLigne = false,
  adresseContact,
}: {
  ctx: ContextePage;
  site: SitePublic;
  /** The site's own address (contacts/adresse.ts): mail to it becomes a request of its inbox. */
  adresseContact?: string;
  /** The site has motifs citizens may book online. */
  rendezVousEnLigne?: boolean;
  agenda: JourAgenda[];
  maintenant: EtatMaintenant;
  grille: Record<JourCle, Array<{ debut: string; fin: string }>> | null;
}) {
  const itinerant = site.genre === 'itinerant';
  const fuseau = site.fuseauHoraire;
  return (
    <Layout titre={`${site.nom}, ${site.commune}`} ctx={ctx}>
      <h1>{site.nom}</h1>
      <BadgeOuverture etat={maintenant} fuseau={fuseau} />
      {fuseau !== 'Europe/Paris' && <p class="fr-text--sm fr-mt-1w">Heures locales ({nomFuseau(fuseau)}).</p>}
      {rendezVousEnLigne && (
        <div class="fr-callout fr-mt-2w">
          <h2 class="fr-callout__title fr-h6">Prendre rendez-vous</h2>
          <p class="fr-callout__text fr-text--md">
            Pour une démarche qui demande du temps, réservez un créneau avec un conseiller, sans créer de compte.
          </p>
          <a class="fr-btn" href={`/lieux/${site.id}/rendez-vous`}>
            Prendre rendez-vous
          </a>
        </div>
      )}
      <div class="fr-callout fr-mt-2w">
        <h2 class="fr-callout__title fr-h6">Écrire à ce lieu</h2>
        <p class="fr-callout__text fr-text--md">
          Posez votre question sans créer de compte : une réponse vous est promise sous 72 heures ouvrées.
          {adresseContact && (
            <>
              {' '}
              Vous pouvez aussi écrire à <a href={`mailto:${adresseContact}`}>{adresseContact}</a>.
            </>
          )}
        </p>
        <a class="fr-btn fr-btn--secondary" href={`/lieux/${site.id}/contact`}>
          Écrire un message
        </a>
      </div>
      {site.commentaire && (
        <div class="fr-callout fr-mt-2w">
          <h2 class="fr-callout__title fr-h6">À savoir</h2>
          <p class="fr-callout__text fr-text--md">
            {site.commentaire.split('\n').map((ligne, i) => (
              <>
                {i > 0 && <br />}
                {ligne}
              </>
            ))}
          </p>
        </div>
      )}
      <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">
        <div class="fr-col-12 fr-col-md-6">
          <h2>Adresse et contact</h2>
          <address>
            {itinerant ? 'Service itinérant rattaché à ' : ''}
            <LignesAdresse {...site} />
          </address>
          <ul class="fr-mt-2w">
            {site.telephone && (
              <li>
                Téléphone : <a href={`tel:${site.telephone}`}>{site.telephone.replace(/(\d{2})(?=\d)/g, '$1 ')}</a>
              </li>
            )}
            {site.courriel && (
              <li>
                Courriel : <a href={`mailto:${site.courriel}`}>{site.courriel}</a>
              </li>
            )}
            {site.agencePostale && <li>Agence postale communale sur place</li>}
          </ul>
          <p>
            <a class="fr-link fr-icon-printer-line fr-link--icon-left" href={`/lieux/${site.id}/affiche.pdf`}>
              Imprimer l’affiche (PDF)
            </a>
          </p>
          <p>
            <a class="fr-link fr-icon-line-chart-line fr-link--icon-left" href={`/indicateurs/lieux/${site.id}`}>
              Indicateurs d’activité de ce lieu
            </a>
          </p>
          {site.accessibilite && (
            <>
              <h2 class="fr-mt-3w">Accessibilité</h2>
              <p>{site.accessibilite}</p>
            </>
          )}
          {site.services.length > 0 && (
            <>
              <h2 class="fr-mt-3w">Services proposés</h2>
              <ul>
                {site.services.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          )}
          <h2 class="fr-mt-3w">Partenaires présents</h2>
          {site.partenaires.length > 0 ? (
            <ul>
              {site.partenaires.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            <p>Non renseigné.</p>
          )}
        </div>
        <div class="fr-col-12 fr-col-md-6">
          {grille && (
            <>
              <h2>Horaires habituels</h2>
              <ul class="fr-raw-list">
                {JOURS.map((j) => (
                  <li key={j}>
                    <strong>{NOMS_JOURS[j]}</strong> :{' '}
                    {grille[j].length === 0 ? 'fermé' : grille[j].map((p) => `${p.debut}–${p.fin}`).join(', ')}
                  </li>
                ))}
              </ul>
            </>
          )}
          {site.fermetures.length > 0 && (
            <div class="fr-alert fr-alert--warning fr-alert--sm fr-mt-2w">
              <h2 class="fr-alert__title">Fermetures annoncées</h2>
              <ul>
                {site.fermetures.map((f) => (
                  <li key={`${f.debut}${f.fin}`}>
                    {f.debut === f.fin
                      ? `Le ${jourLisible(f.debut)}`
                      : `Du ${jourLisible(f.debut)} au ${jourLisible(f.fin)}`}{' '}
                    : {f.motif}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
      <CadreTableau
        classe="fr-mt-4w"
        legende={itinerant ? 'Passages des 14 prochains jours' : 'Ouverture des 14 prochains jours'}
        entetes={['Jour', itinerant ? 'Horaires et lieu de passage' : 'Horaires']}
      >
        {agenda.map((j) => (
          <Jour key={j.date} jour={j} fuseau={fuseau} itinerant={itinerant} />
        ))}
      </CadreTableau>
      {itinerant && site.arrets.length > 0 && (
        <>
          <h2 class="fr-mt-4w">Les arrêts de la tournée</h2>
          <CadreTableau
            legende="Les arrêts de la tournée, leurs jours et horaires de passage"
            legendeMasquee
            entetes={['Arrêt', 'Jours et horaires', 'Semaines']}
          >
            {site.arrets.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  {a.nom}
                  <br />
                  <span class="fr-text--sm">
                    {a.adresse}, {a.codePostal} {a.commune}
                  </span>
                </th>
                <td>{joursEtHoraires(a.horaires)}</td>
                <td>{LIBELLES_SEMAINES[a.semaines]}</td>
              </tr>
            ))}
          </CadreTableau>
        </>
      )}
    </Layout>
  );
}
