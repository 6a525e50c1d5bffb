import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonAction,
  BoutonsEnregistrer,
  Case,
  Champ,
  type EtatFormulaire,
  Formulaire,
  ResumeErreurs,
  titreFormulaire,
  ZoneTexte,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { DELAI_MAX_JOURS, DELAI_MIN_JOURS } from '../delais.ts';
import type { consulterDelais, consulterOffre, consulterOffresSite } from '../service-annuaire.ts';
import { MODALITES_MAX } from '../validation-annuaire.ts';
import { DELAI_ANNUAIRE, delaiEnClair, FIL_ANNUAIRE, Lignes, modalitesOffre } from './annuaire-commun.tsx';

type OffresSite = Awaited<ReturnType<typeof consulterOffresSite>>;
type Offre = Awaited<ReturnType<typeof consulterOffre>>;
type Delais = Awaited<ReturnType<typeof consulterDelais>>;

export const LIBELLES_OFFRE: Record<string, string> = {
  modalites: 'Modalités',
  permanence: 'Permanence sur place',
  rendezVous: 'Sur rendez-vous',
  visio: 'En visio',
};

const filSite = (site: { id: string; nom: string }) => [
  { href: '/admin/sites', libelle: 'Sites' },
  { href: `/admin/sites/${site.id}`, libelle: site.nom },
];

/** The partners' complementary offer at a site (convention annexe 5), with links to edit the actor's partners'. */
export function PageOffresSite({ ctx, o }: { ctx: ContextePage; o: OffresSite }) {
  const titre = `Offre complémentaire des partenaires – ${o.site.nom}`;
  const parPartenaire = new Map(o.offres.map((x) => [x.partenaireId, x]));
  return (
    <Layout titre={titre} ctx={ctx} filAriane={[...filSite(o.site), { libelle: 'Offre des partenaires' }]}>
      <h1>{titre}</h1>
      <p>
        Permanences, rendez-vous et visio que chaque partenaire propose dans ce lieu, en plus de l’accueil par les
        agents France services. Les référents sont dans l’
        <a href={`/referents?departement=${o.site.departement}`}>annuaire</a>.
      </p>
      {o.offres.length === 0 ? (
        <p>Aucune offre complémentaire n’est renseignée pour ce lieu.</p>
      ) : (
        <ul>
          {o.offres.map((x) => (
            <li key={x.id}>
              <strong>{x.partenaire}</strong> ({modalitesOffre(x)}) :<br />
              <Lignes texte={x.modalites} />
            </li>
          ))}
        </ul>
      )}
      {o.modifiables.length > 0 && o.site.actif && (
        <>
          <h2 class="fr-mt-4w">Renseigner une offre</h2>
          <ul>
            {o.modifiables.map((p) => (
              <li key={p.id}>
                <a href={`/admin/sites/${o.site.id}/offres-partenaires/${p.id}`}>
                  {parPartenaire.has(p.id) ? 'Modifier' : 'Ajouter'} l’offre de {p.nomCourt}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** The edit form of one partner's offer at a site, with its removal. */
export function FormulaireOffre({ ctx, o, etat }: { ctx: ContextePage; o: Offre; etat: EtatFormulaire }) {
  const titre = `Offre de ${o.partenaire.nomCourt} – ${o.site.nom}`;
  const base = `/admin/sites/${o.site.id}/offres-partenaires`;
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[
        ...filSite(o.site),
        { href: base, libelle: 'Offre des partenaires' },
        { libelle: o.partenaire.nomCourt },
      ]}
    >
      <h1>{titre}</h1>
      <ResumeErreurs etat={etat} libelles={LIBELLES_OFFRE} />
      <Formulaire action={`${base}/${o.partenaire.id}`} csrf={ctx.csrf}>
        <Case nom="permanence" libelle={LIBELLES_OFFRE.permanence ?? ''} etat={etat} />
        <Case nom="rendezVous" libelle={LIBELLES_OFFRE.rendezVous ?? ''} etat={etat} />
        <Case nom="visio" libelle={LIBELLES_OFFRE.visio ?? ''} etat={etat} />
        <ZoneTexte
          nom="modalites"
          libelle={LIBELLES_OFFRE.modalites ?? ''}
          aide={`Jours, horaires, prise de rendez-vous… ; ${MODALITES_MAX} caractères au plus`}
          etat={etat}
          longueurMax={MODALITES_MAX}
        />
        <BoutonsEnregistrer annuler={base} />
      </Formulaire>
      {o.offre && (
        <BoutonAction
          action={`${base}/${o.partenaire.id}/supprimer`}
          csrf={ctx.csrf}
          libelle="Retirer cette offre"
          secondaire
        />
      )}
    </Layout>
  );
}

/** The national administration's settings of each partner's deadline for a first answer. */
export function PageDelais({ ctx, d, etat }: { ctx: ContextePage; d: Delais; etat: EtatFormulaire }) {
  const libelles = Object.fromEntries(d.delais.map((p) => [`delai-${p.id}`, p.nom]));
  return (
    <Layout titre={titreFormulaire(DELAI_ANNUAIRE, etat)} ctx={ctx} filAriane={[FIL_ANNUAIRE, { libelle: 'Délais' }]}>
      <h1>{DELAI_ANNUAIRE}</h1>
      <p>
        En jours ouvrés, de {DELAI_MIN_JOURS} à {DELAI_MAX_JOURS}, comptés à partir du lendemain de la saisine, jours
        fériés du lieu exclus. Laissez vide pour appliquer le délai national de {d.delaiNational} jours ouvrés.
      </p>
      <ResumeErreurs etat={etat} libelles={libelles} />
      <Formulaire action="/admin/delais-partenaires" csrf={ctx.csrf}>
        {d.delais.map((p) => (
          <Champ
            key={p.id}
            nom={`delai-${p.id}`}
            libelle={p.nom}
            aide={`Actuellement : ${delaiEnClair(p.jours, d.delaiNational)}`}
            etat={etat}
            inputMode="numeric"
            longueurMax={2}
            requis={false}
          />
        ))}
        <BoutonsEnregistrer annuler="/referents" />
      </Formulaire>
    </Layout>
  );
}
