import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonsEnregistrer,
  Cases,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  Radios,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { JOURS, type JourCle, NOMS_JOURS } from '../../horaires/index.ts';
import { CANAUX } from '../capacite.ts';
import type { RessourceLue } from '../service-gestion.ts';
import { champPlage, LIBELLE_RESSOURCE_MAX, PLAGES_PAR_JOUR, RANGS } from '../validation-gestion.ts';
import { filAriane, type SiteGestion } from './gestion.tsx';
import { CANAUX_EN_CLAIR, ChampSaisie } from './gestion-commun.tsx';

const RANG_EN_CLAIR: Record<(typeof RANGS)[number], string> = {
  '1': '1re semaine',
  '2': '2e semaine',
  '3': '3e semaine',
  '4': '4e semaine',
  '5': '5e semaine',
  '-1': 'Dernière semaine',
};

const libellePlage = (jour: string, i: number, bord: 'debut' | 'fin') =>
  `${jour}, ${i === 0 ? '1re' : `${i + 1}e`} plage – ${bord === 'debut' ? 'début' : 'fin'}`;

export const LIBELLES_RESSOURCE: Record<string, string> = {
  utilisateurId: 'Personne qui reçoit',
  valideDu: 'Valable à partir du',
  valideAu: 'Valable jusqu’au',
  partenaireId: 'Partenaire',
  libelle: 'Nom de la permanence',
  frequence: 'Fréquence',
  jour: 'Jour',
  semaines: 'Semaines (permanence hebdomadaire)',
  rangs: 'Semaines du mois (permanence mensuelle)',
  canaux: 'Canaux servis',
  ...Object.fromEntries(
    JOURS.flatMap((j) =>
      Array.from({ length: PLAGES_PAR_JOUR }, (_, i) =>
        (['debut', 'fin'] as const).map((b) => [champPlage(j, i, b), libellePlage(NOMS_JOURS[j], i, b)]),
      ).flat(),
    ),
  ),
  ...Object.fromEntries(
    Array.from({ length: PLAGES_PAR_JOUR }, (_, i) =>
      (['debut', 'fin'] as const).map((b) => [champPlage('p', i, b), libellePlage('Permanence', i, b)]),
    ).flat(),
  ),
};

/** Two ranges (four time inputs) under one legend: a weekday of an agent, or the hours of a permanence. */
function Plages({ prefixe, legende, etat }: { prefixe: string; legende: string; etat: EtatFormulaire }) {
  return (
    <fieldset class="fr-fieldset fr-mb-1w" id={`plages-${prefixe}`} aria-labelledby={`plages-${prefixe}-legende`}>
      <legend class="fr-fieldset__legend fr-text--lg fr-mb-0" id={`plages-${prefixe}-legende`}>
        {legende}
      </legend>
      {Array.from({ length: PLAGES_PAR_JOUR }, (_, i) => (
        <div class="fr-fieldset__element fr-col-12 fr-col-md-6" key={i}>
          <div class="fr-grid-row fr-grid-row--gutters">
            {(['debut', 'fin'] as const).map((bord) => (
              <div class="fr-col-6" key={bord}>
                <ChampSaisie
                  nom={champPlage(prefixe, i, bord)}
                  libelle={LIBELLES_RESSOURCE[champPlage(prefixe, i, bord)] ?? ''}
                  type="time"
                  requis={false}
                  etat={etat}
                />
              </div>
            ))}
          </div>
        </div>
      ))}
    </fieldset>
  );
}

function Validite({ etat }: { etat: EtatFormulaire }) {
  return (
    <div class="fr-grid-row fr-grid-row--gutters">
      <div class="fr-col-12 fr-col-md-6">
        <ChampSaisie
          nom="valideDu"
          libelle={LIBELLES_RESSOURCE.valideDu ?? ''}
          aide="Format attendu : JJ/MM/AAAA. Vide : dès maintenant."
          type="date"
          requis={false}
          etat={etat}
        />
      </div>
      <div class="fr-col-12 fr-col-md-6">
        <ChampSaisie
          nom="valideAu"
          libelle={LIBELLES_RESSOURCE.valideAu ?? ''}
          aide="Vide : sans date de fin."
          type="date"
          requis={false}
          etat={etat}
        />
      </div>
    </div>
  );
}

/** The form's values for an agent's stored pattern (the first one, the one the form edits). */
export function valeursAgent(r: RessourceLue | null): EtatFormulaire['valeurs'] {
  const m = r?.modeles[0];
  if (!m) return {};
  const valeurs: Record<string, string> = { valideDu: m.valideDu ?? '', valideAu: m.valideAu ?? '' };
  for (const jour of JOURS) {
    (m.jours[jour as JourCle] ?? []).slice(0, PLAGES_PAR_JOUR).forEach((p, i) => {
      valeurs[champPlage(jour, i, 'debut')] = p.debut;
      valeurs[champPlage(jour, i, 'fin')] = p.fin;
    });
  }
  return valeurs;
}

/** An agent's weekly working pattern at the site; when adding, the person is chosen among the structure's. */
export function PageAgent({
  ctx,
  site,
  ressource,
  personnes,
  etat,
}: {
  ctx: ContextePage;
  site: SiteGestion;
  ressource: RessourceLue | null;
  personnes: Array<{ id: string; prenom: string; nom: string }>;
  etat: EtatFormulaire;
}) {
  const base = `/admin/sites/${site.id}/rendez-vous`;
  const titre = ressource ? `Planning de ${ressource.libelle}` : 'Ajouter un agent qui reçoit';
  return (
    <Layout titre={titreFormulaire(titre, etat)} ctx={ctx} filAriane={filAriane(site, { libelle: titre })}>
      <h1>{titre}</h1>
      <p>
        Les jours et heures où cette personne reçoit sur rendez-vous à ce site, au plus {PLAGES_PAR_JOUR} plages par
        jour (par exemple 09:00–12:00 et 13:30–17:00). Les créneaux restent dans les horaires d’ouverture du site.
      </p>
      {ressource && ressource.modeles.length > 1 && (
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>
            Ce planning comporte {ressource.modeles.length} modèles (semaines paires et impaires ou périodes) :
            l’enregistrer les remplace par celui-ci.
          </p>
        </div>
      )}
      <ResumeErreurs etat={etat} libelles={LIBELLES_RESSOURCE} />
      <Formulaire
        action={ressource ? `${base}/agents/${ressource.id}` : `${base}/agents`}
        csrf={ctx.csrf}
        id="formulaire-agent"
      >
        {!ressource && (
          <Liste
            nom="utilisateurId"
            libelle={LIBELLES_RESSOURCE.utilisateurId ?? ''}
            aide="Un agent ou un gestionnaire de la structure qui ne reçoit pas encore à ce site"
            vide={personnes.length === 0 ? 'Aucune personne disponible' : 'Choisir une personne'}
            etat={etat}
            options={personnes.map((p) => ({ valeur: p.id, libelle: `${p.prenom} ${p.nom}` }))}
          />
        )}
        {JOURS.map((jour) => (
          <Plages key={jour} prefixe={jour} legende={NOMS_JOURS[jour]} etat={etat} />
        ))}
        <Validite etat={etat} />
        <BoutonsEnregistrer annuler={base} />
      </Formulaire>
    </Layout>
  );
}

/** The form's values for a stored permanence (its first rule, the one the form edits). */
export function valeursPermanence(r: RessourceLue | null): EtatFormulaire['valeurs'] {
  const p = r?.permanence;
  if (!r || !p) return { frequence: 'mensuelle', semaines: 'toutes' };
  const o = p.occurrences[0];
  const valeurs: EtatFormulaire['valeurs'] = {
    partenaireId: r.partenaireId ?? '',
    libelle: r.libelle,
    frequence: o?.regle.frequence ?? 'mensuelle',
    jour: o?.regle.jour ?? '',
    semaines: o?.regle.frequence === 'hebdomadaire' ? (o.regle.semaines ?? 'toutes') : 'toutes',
    rangs: o?.regle.frequence === 'mensuelle' ? o.regle.rangs.map(String) : [],
    canaux: p.canaux ?? [],
    valideDu: p.valideDu ?? '',
    valideAu: p.valideAu ?? '',
  };
  (o?.plages ?? []).slice(0, PLAGES_PAR_JOUR).forEach((pl, i) => {
    valeurs[champPlage('p', i, 'debut')] = pl.debut;
    valeurs[champPlage('p', i, 'fin')] = pl.fin;
  });
  return valeurs;
}

/** A partner's permanence at the site: weekly ("chaque jeudi") or monthly ("2e et 4e mardis"), hours, channels. */
export function PagePermanence({
  ctx,
  site,
  ressource,
  partenaires,
  etat,
}: {
  ctx: ContextePage;
  site: SiteGestion;
  ressource: RessourceLue | null;
  partenaires: Array<{ id: string; nomCourt: string; nom: string }>;
  etat: EtatFormulaire;
}) {
  const base = `/admin/sites/${site.id}/rendez-vous`;
  const titre = ressource ? `Modifier la permanence « ${ressource.libelle} »` : 'Ajouter une permanence de partenaire';
  const action = ressource ? `${base}/permanences/${ressource.id}` : `${base}/permanences`;
  return (
    <Layout titre={titreFormulaire(titre, etat)} ctx={ctx} filAriane={filAriane(site, { libelle: titre })}>
      <h1>{titre}</h1>
      {ressource?.permanence && ressource.permanence.occurrences.length > 1 && (
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>
            Cette permanence a {ressource.permanence.occurrences.length} règles : l’enregistrer les remplace par
            celle-ci.
          </p>
        </div>
      )}
      <ResumeErreurs etat={etat} libelles={LIBELLES_RESSOURCE} />
      <Formulaire action={action} csrf={ctx.csrf} id="formulaire-permanence">
        <Liste
          nom="partenaireId"
          libelle={LIBELLES_RESSOURCE.partenaireId ?? ''}
          vide="Choisir un partenaire"
          etat={etat}
          options={partenaires.map((p) => ({
            valeur: p.id,
            libelle: p.nomCourt === p.nom ? p.nom : `${p.nomCourt} – ${p.nom}`,
          }))}
        />
        <Champ
          nom="libelle"
          libelle={LIBELLES_RESSOURCE.libelle ?? ''}
          aide="Par exemple : Permanence CAF en visio"
          etat={etat}
          longueurMax={LIBELLE_RESSOURCE_MAX}
        />
        <Radios
          nom="frequence"
          legende={LIBELLES_RESSOURCE.frequence ?? ''}
          etat={etat}
          enLigne
          options={[
            { valeur: 'hebdomadaire', libelle: 'Chaque semaine' },
            { valeur: 'mensuelle', libelle: 'Certaines semaines du mois' },
          ]}
        />
        <Liste
          nom="jour"
          libelle={LIBELLES_RESSOURCE.jour ?? ''}
          vide="Choisir un jour"
          etat={etat}
          options={JOURS.map((j) => ({ valeur: j, libelle: NOMS_JOURS[j] }))}
        />
        <Cases
          nom="rangs"
          legende={LIBELLES_RESSOURCE.rangs ?? ''}
          aide="Par exemple 2e et 4e semaines pour « les 2e et 4e mardis du mois »"
          etat={etat}
          enLigne
          options={RANGS.map((r) => ({ valeur: r, libelle: RANG_EN_CLAIR[r] }))}
        />
        <Radios
          nom="semaines"
          legende={LIBELLES_RESSOURCE.semaines ?? ''}
          etat={etat}
          enLigne
          options={[
            { valeur: 'toutes', libelle: 'Toutes' },
            { valeur: 'paires', libelle: 'Paires' },
            { valeur: 'impaires', libelle: 'Impaires' },
          ]}
        />
        <Plages prefixe="p" legende="Heures de la permanence" etat={etat} />
        <Cases
          nom="canaux"
          legende={LIBELLES_RESSOURCE.canaux ?? ''}
          aide="Aucun coché : les motifs de tous les canaux. Sinon, la permanence ne reçoit que les motifs des canaux cochés."
          etat={etat}
          options={CANAUX.map((c) => ({ valeur: c, libelle: CANAUX_EN_CLAIR[c] }))}
        />
        <Validite etat={etat} />
        <BoutonsEnregistrer annuler={base} />
      </Formulaire>
    </Layout>
  );
}
