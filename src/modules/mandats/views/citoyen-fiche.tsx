import { formaterDate, formaterJour } from '../../../platform/formats/dates.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';
import type { FicheCitoyen } from '../service-citoyens.ts';
import { TableauObjetsLies } from './citoyen-demarches.tsx';

// The citizen record (issue 14 point 1): who the person is, how to reach them, why guichet holds the record, their
// mandates, and what names them.

const JOUR: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

const STATUTS: Record<string, string> = {
  brouillon: 'Brouillon',
  signe: 'Signé',
  actif: 'Actif',
  expire: 'Expiré',
  revoque: 'Révoqué',
};
const COULEURS: Record<string, string> = {
  brouillon: 'fr-badge--info',
  signe: 'fr-badge--info',
  actif: 'fr-badge--success',
  expire: 'fr-badge--warning',
  revoque: 'fr-badge--error',
};
const BASES: Record<string, string> = {
  mandat: 'Mandat signé par la personne',
  consentement: 'Consentement de la personne, recueilli au guichet',
};

/** The page of a citizen record. */
export function PageCitoyen({ ctx, fiche }: { ctx: ContextePage; fiche: FicheCitoyen }) {
  const { citoyen, mandats, objets } = fiche;
  const nom = `${citoyen.prenom} ${citoyen.nom}`;
  return (
    <Layout
      titre={`Fiche de ${nom}`}
      ctx={ctx}
      filAriane={[{ href: '/tableau-de-bord', libelle: 'Tableau de bord' }, { libelle: 'Fiche de la personne' }]}
    >
      <h1>
        <bdi>{nom}</bdi>
      </h1>
      <dl class="fr-mb-4w">
        <dt>Date de naissance</dt>
        <dd>{formaterJour(citoyen.dateNaissance, JOUR)}</dd>
        <dt>Adresse électronique</dt>
        <dd>{citoyen.courriel ? <bdi>{citoyen.courriel}</bdi> : 'Non renseignée'}</dd>
        <dt>Téléphone</dt>
        <dd>{citoyen.telephone ?? 'Non renseigné'}</dd>
        <dt>Base légale de la fiche</dt>
        <dd>{BASES[citoyen.baseLegale] ?? citoyen.baseLegale}</dd>
        <dt>Fiche créée</dt>
        <dd>
          le {formaterDate(citoyen.creeLe, 'Europe/Paris', JOUR)} à {citoyen.site}
        </dd>
      </dl>
      <h2 class="fr-mt-4w">Mandats</h2>
      {mandats.length === 0 ? (
        <p>Aucun mandat.</p>
      ) : (
        <CadreTableau legende={`Mandats de ${nom}`} legendeMasquee entetes={['Référence', 'État', 'Fin']}>
          {mandats.map((m) => (
            <tr key={m.id}>
              <td>
                <a href={`/mandats/${m.id}`}>{m.reference}</a>
              </td>
              <td>
                <p class={`fr-badge fr-badge--sm ${COULEURS[m.statut] ?? ''}`}>{STATUTS[m.statut] ?? m.statut}</p>
              </td>
              <td>
                {m.termineLe
                  ? `Terminé le ${formaterDate(m.termineLe, 'Europe/Paris', JOUR)}`
                  : m.fin
                    ? `${m.statut === 'expire' ? 'Échu le' : 'Jusqu’au'} ${formaterDate(m.fin, 'Europe/Paris', JOUR)}`
                    : 'Non signé'}
              </td>
            </tr>
          ))}
        </CadreTableau>
      )}
      <h2 class="fr-mt-4w">Démarches, rendez-vous et saisines</h2>
      <TableauObjetsLies objets={objets} legende={`Ce qui concerne ${nom}`} avecMandat />
    </Layout>
  );
}
