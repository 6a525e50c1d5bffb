import type { ContextePage } from '../../../ui/contexte.ts';
import { type EtatFormulaire, Formulaire, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';
import type { CatalogueDeSaisie } from '../../catalogue/index.ts';
import {
  type Canal,
  type Duree,
  type Issue,
  LIBELLES_CANAUX,
  LIBELLES_DUREES,
  LIBELLES_ISSUES,
  LIBELLES_NIVEAUX,
  LIBELLES_TRANCHES_AGE,
  type Niveau,
  type TrancheAge,
} from '../validation.ts';
import { FormulaireSollicitation } from './formulaire.tsx';
import { dateFr } from './journee.tsx';

const retourJournee = (siteId: string, jour: string) => `/sollicitations?site=${siteId}&jour=${jour}`;

interface Fil {
  siteId: string;
  siteNom: string;
  jour: string;
}

const filAriane = (f: Fil, page: string) => [
  { href: retourJournee(f.siteId, f.jour), libelle: `${f.siteNom}, ${dateFr(f.jour)}` },
  { libelle: page },
];

export function PageModifier(
  p: Fil & {
    ctx: ContextePage;
    id: string;
    etat: EtatFormulaire;
    catalogue: CatalogueDeSaisie;
    arrets: Array<{ id: string; nom: string; commune: string }>;
  },
) {
  return (
    <Layout
      titre={titreFormulaire(`Modifier une sollicitation`, p.etat)}
      ctx={p.ctx}
      filAriane={filAriane(p, 'Modifier')}
    >
      <h1>Modifier une sollicitation</h1>
      <p>
        {p.siteNom}, le {dateFr(p.jour)}. Chaque modification est conservée dans l’historique de la sollicitation.
      </p>
      <FormulaireSollicitation
        action={`/sollicitations/${p.id}`}
        csrf={p.ctx.csrf}
        etat={p.etat}
        catalogue={p.catalogue}
        siteId={p.siteId}
        arrets={p.arrets}
        rapide={false}
        libelleBouton="Enregistrer les modifications"
      />
      <p class="fr-mt-2w">
        <a class="fr-link" href={retourJournee(p.siteId, p.jour)}>
          Revenir à la journée sans modifier
        </a>
      </p>
    </Layout>
  );
}

export function PageSupprimer(p: Fil & { ctx: ContextePage; id: string; resume: string; heure: string }) {
  return (
    <Layout titre="Supprimer une sollicitation" ctx={p.ctx} filAriane={filAriane(p, 'Supprimer')}>
      <h1>Supprimer une sollicitation</h1>
      <p>
        Sollicitation du {dateFr(p.jour)} à {p.heure} : {p.resume}.
      </p>
      <p>Elle disparaîtra des listes et des rapports ; l’historique gardera la trace de sa suppression.</p>
      <Formulaire action={`/sollicitations/${p.id}/supprimer`} csrf={p.ctx.csrf}>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              Supprimer la sollicitation
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={retourJournee(p.siteId, p.jour)}>
              Conserver
            </a>
          </li>
        </ul>
      </Formulaire>
    </Layout>
  );
}

type Instantane = Record<string, unknown> | null;

interface Libelles {
  situations: Map<string, string>;
  partenaires: Map<string, string>;
}

/** The fields of a journal snapshot, in words. */
function resume(e: Instantane, l: Libelles, horodatage: Intl.DateTimeFormat): Array<[string, string]> {
  if (!e) return [];
  const texte = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
  const oui = (v: unknown) => (v ? 'oui' : 'non');
  return [
    ['Date et heure', e.survenue_le ? horodatage.format(new Date(String(e.survenue_le))) : '—'],
    ['Situation', l.situations.get(String(e.situation_id)) ?? texte(e.situation_id)],
    ['Partenaires', ((e.partenaires as string[] | undefined) ?? []).map((p) => l.partenaires.get(p) ?? p).join(', ')],
    ['Canal', LIBELLES_CANAUX[e.canal as Canal] ?? texte(e.canal)],
    ['Niveau d’aide', LIBELLES_NIVEAUX[e.niveau as Niveau] ?? texte(e.niveau)],
    ['Issue', LIBELLES_ISSUES[e.issue as Issue] ?? texte(e.issue)],
    ['Durée', LIBELLES_DUREES[e.duree as Duree] ?? texte(e.duree)],
    ['Non-recours repéré', oui(e.non_recours)],
    ['Difficulté numérique', oui(e.difficulte_numerique)],
    ['Première visite', oui(e.premiere_visite)],
    [
      'Tranche d’âge',
      e.tranche_age ? (LIBELLES_TRANCHES_AGE[e.tranche_age as TrancheAge] ?? texte(e.tranche_age)) : '—',
    ],
    ['Commune (INSEE)', texte(e.commune_residence)],
    ['Note', texte(e.note)],
  ];
}

const OPERATIONS = { creation: 'Création', modification: 'Modification', suppression: 'Suppression' } as const;

export function PageHistorique(p: {
  ctx: ContextePage;
  lignes: Array<{
    operation: keyof typeof OPERATIONS;
    le: Date;
    avant: unknown;
    apres: unknown;
    prenom: string | null;
    nom: string | null;
  }>;
  libelles: Libelles;
}) {
  const horodatage = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  });
  return (
    <Layout titre="Historique d’une sollicitation" ctx={p.ctx}>
      <h1>Historique d’une sollicitation</h1>
      <p>Ce journal est tenu par la base de données : il ne peut être ni modifié ni effacé.</p>
      {p.lignes.map((l, i) => {
        const avant = resume(l.avant as Instantane, p.libelles, horodatage);
        const apres = resume(l.apres as Instantane, p.libelles, horodatage);
        const lignes = (apres.length > 0 ? apres : avant).map(([champ], k) => ({
          champ,
          avant: avant[k]?.[1],
          apres: apres[k]?.[1],
        }));
        const changees = l.operation === 'modification' ? lignes.filter((x) => x.avant !== x.apres) : lignes;
        return (
          <section key={i} class="fr-mb-4w">
            <h2 class="fr-h5">
              {OPERATIONS[l.operation]} le {horodatage.format(l.le)} (heure de Paris) par {l.prenom ?? ''} {l.nom ?? ''}
            </h2>
            <CadreTableau
              legende={`${OPERATIONS[l.operation]} : champs`}
              entetes={l.operation === 'modification' ? ['Champ', 'Avant', 'Après'] : ['Champ', 'Valeur']}
              classe="fr-mt-1w"
            >
              {changees.map((x) => (
                <tr key={x.champ}>
                  <td>{x.champ}</td>
                  {l.operation === 'modification' ? (
                    <>
                      <td>{x.avant}</td>
                      <td>{x.apres}</td>
                    </>
                  ) : (
                    <td>{x.apres ?? x.avant}</td>
                  )}
                </tr>
              ))}
            </CadreTableau>
          </section>
        );
      })}
    </Layout>
  );
}
