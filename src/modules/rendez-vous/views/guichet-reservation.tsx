import type { ContextePage } from '../../../ui/contexte.ts';
import { ChampsCoordonnees } from '../../../ui/coordonnees.tsx';
import { type EtatFormulaire, Formulaire, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { ChampMandat, type MandatDuFormulaire } from '../../mandats/index.ts';
import type { LiensDuLieu } from '../policy-navigation.ts';
import type { MotifGuichet, SiteDuGuichet } from '../service-guichet.ts';
import { dateEtHeure, duree, LIBELLES_CANAUX, MentionFuseau } from './commun.tsx';
import { filGuichet } from './guichet-agenda.tsx';
import { type CreneauLibre, LienPlusTard, LiensCreneaux, RadiosCreneaux } from './guichet-creneaux.tsx';
import { NavigationLieu } from './navigation.tsx';

// Assisted booking at the desk or on the phone (issue 11): once the motif is chosen, one click on a slot opens the
// form, the name is typed, "Réserver" books. The email and phone are optional.

const LIBELLES = {
  mandat: 'Mandat',
  motif: 'Motif',
  debut: 'Créneau',
  nom: 'Nom et prénom',
  courriel: 'Adresse électronique',
  telephone: 'Téléphone',
};

/** The query string that carries a mandate from page to page (issue 14). */
const avecMandat = (mandat: string | undefined, premier = false) =>
  mandat ? `${premier ? '?' : '&'}mandat=${mandat}` : '';

const description = (m: MotifGuichet) =>
  `${duree(m.duree)}, ${LIBELLES_CANAUX[m.canal]}${m.reservableEnLigne ? '' : ', réservé aux agents'}`;

/** Step 1: the motif, each a link (an error when the one asked for is unknown). */
export function PageChoixMotif({
  ctx,
  site,
  motifs,
  liens,
  erreur,
  mandat,
}: {
  ctx: ContextePage;
  site: SiteDuGuichet;
  motifs: MotifGuichet[];
  liens: LiensDuLieu;
  erreur?: string;
  /** The id of the mandate the booking is made under. */
  mandat?: string;
}) {
  const titre = `Prendre un rendez-vous – ${site.nom}`;
  return (
    <Layout
      titre={erreur ? `Erreur – ${titre}` : titre}
      ctx={ctx}
      filAriane={filGuichet(site, 'Prendre un rendez-vous')}
    >
      <h1>Prendre un rendez-vous</h1>
      <NavigationLieu siteId={site.id} liens={liens} ici="reservation" />
      {erreur && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{erreur}</p>
        </div>
      )}
      {motifs.length === 0 ? (
        <p>Ce lieu ne propose encore aucun motif de rendez-vous : un gestionnaire de la structure peut en créer.</p>
      ) : (
        <>
          <h2 class="fr-h4">Pour quel motif ?</h2>
          <ul>
            {motifs.map((m) => (
              <li key={m.id}>
                <a class="fr-link" href={`/sites/${site.id}/rendez-vous/nouveau?motif=${m.id}${avecMandat(mandat)}`}>
                  {m.nom}
                </a>{' '}
                <span class="fr-text--sm">({description(m)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** Step 2: the next free slots of the motif across all who receive it, each a link to the form. */
export function PageProchainsCreneaux({
  ctx,
  site,
  motif,
  creneaux,
  suite,
  erreur,
  mandat,
}: {
  ctx: ContextePage;
  site: SiteDuGuichet;
  motif: MotifGuichet;
  creneaux: CreneauLibre[];
  suite: Date | null;
  erreur?: string;
  mandat?: string;
}) {
  const base = `/sites/${site.id}/rendez-vous/nouveau?motif=${motif.id}${avecMandat(mandat)}`;
  const titre = `Prochains créneaux – ${motif.nom} – ${site.nom}`;
  return (
    <Layout
      titre={erreur ? `Erreur – ${titre}` : titre}
      ctx={ctx}
      filAriane={filGuichet(site, 'Prendre un rendez-vous')}
    >
      <h1>Prochains créneaux</h1>
      <p class="fr-text--lead">
        {motif.nom} ({description(motif)})
      </p>
      <p>
        <a
          class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          href={`/sites/${site.id}/rendez-vous/nouveau${avecMandat(mandat, true)}`}
        >
          Changer de motif
        </a>
      </p>
      {erreur && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{erreur}</p>
        </div>
      )}
      <MentionFuseau fuseau={site.fuseauHoraire} />
      {creneaux.length === 0 ? (
        <div class="fr-alert fr-alert--info">
          <p>Aucun créneau n’est libre pour ce motif dans les semaines ouvertes à la réservation.</p>
        </div>
      ) : (
        <LiensCreneaux
          creneaux={creneaux}
          fuseau={site.fuseauHoraire}
          lien={(c) => `${base}&debut=${encodeURIComponent(c.debut.toISOString())}`}
        />
      )}
      <LienPlusTard base={base} suite={suite} />
    </Layout>
  );
}

/**
 * Step 3: who comes. With `autres` (the slot was taken meanwhile, or is not one), the next free slots as radio
 * buttons in the same form, the typed values kept.
 */
export function PageFormulaireGuichet({
  ctx,
  site,
  motif,
  debut,
  etat,
  autres,
  mandat,
}: {
  ctx: ContextePage;
  site: SiteDuGuichet;
  motif: MotifGuichet;
  debut: Date | null;
  etat: EtatFormulaire;
  autres?: CreneauLibre[];
  /** The mandate the booking is made under (issue 14). */
  mandat?: MandatDuFormulaire | null;
}) {
  const fuseau = site.fuseauHoraire;
  return (
    <Layout
      titre={titreFormulaire(`Réserver – ${motif.nom} – ${site.nom}`, etat)}
      ctx={ctx}
      filAriane={filGuichet(site, 'Prendre un rendez-vous')}
    >
      <h1>Réserver pour une personne</h1>
      <div class="fr-callout fr-mb-3w">
        <h2 class="fr-callout__title fr-h6">{motif.nom}</h2>
        <p class="fr-callout__text fr-text--md">
          {debut && !autres ? <>Le {dateEtHeure(debut, fuseau)}, </> : null}
          {description(motif)}
        </p>
      </div>
      <MentionFuseau fuseau={fuseau} />
      <p>
        <a
          class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          href={`/sites/${site.id}/rendez-vous/nouveau?motif=${motif.id}${avecMandat(mandat?.id)}`}
        >
          Choisir un autre créneau
        </a>
      </p>
      <ResumeErreurs etat={etat} libelles={LIBELLES} />
      <Formulaire action={`/sites/${site.id}/rendez-vous`} csrf={ctx.csrf}>
        <input type="hidden" name="motif" value={motif.id} />
        <ChampMandat
          mandat={mandat ?? null}
          etat={etat}
          fuseau={fuseau}
          sansMandat={`/sites/${site.id}/rendez-vous/nouveau?motif=${motif.id}`}
        />
        {autres ? (
          <RadiosCreneaux
            creneaux={autres}
            fuseau={fuseau}
            legende="Choisissez un autre créneau"
            erreur={etat.erreurs.debut}
          />
        ) : (
          <input type="hidden" name="debut" value={debut?.toISOString() ?? ''} />
        )}
        <p class="fr-hint-text">Seul le nom est obligatoire : la personne peut ne donner ni adresse ni téléphone.</p>
        <ChampsCoordonnees
          etat={etat}
          libelles={LIBELLES}
          aides={{
            courriel: 'Pour la confirmation et le lien d’annulation, par exemple nom@exemple.fr',
            telephone: 'Un mobile reçoit un SMS, par exemple 06 12 34 56 78',
          }}
          saisieParUnAgent
        />
        <button type="submit" class="fr-btn">
          Réserver
        </button>
      </Formulaire>
    </Layout>
  );
}
