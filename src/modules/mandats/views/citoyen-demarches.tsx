import { formaterDate } from '../../../platform/formats/dates.ts';
import { CadreTableau } from '../../../ui/tableau.tsx';
import type { DemarchesDuMandat, ObjetLie } from '../service-citoyens.ts';

// The requests, appointments and cases linked to a person or a mandate (issue 14 points 1 and 5), and the links that
// start a new one under a mandate while it is in force. Shown on the citizen record and on the mandate page.

const QUAND: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

const TYPES: Record<ObjetLie['type'], string> = {
  sollicitation: 'Démarche au guichet',
  rendez_vous: 'Rendez-vous',
  saisine: 'Saisine d’un référent',
};

/** The linked objects, newest first; each opens its page when the viewer may. */
export function TableauObjetsLies({
  objets,
  legende,
  avecMandat = false,
}: {
  objets: ObjetLie[];
  legende: string;
  avecMandat?: boolean;
}) {
  if (objets.length === 0) return <p>Aucune démarche, aucun rendez-vous ni aucune saisine pour l’instant.</p>;
  const entetes = ['Date', 'Nature', 'Lieu', 'Partenaire', 'État', ...(avecMandat ? ['Mandat'] : [])];
  return (
    <CadreTableau legende={legende} entetes={entetes} defilable>
      {objets.map((o) => (
        <tr key={o.id}>
          <td>{formaterDate(o.le, o.fuseau, QUAND)}</td>
          <td>{o.lien ? <a href={o.lien}>{TYPES[o.type]}</a> : TYPES[o.type]}</td>
          <td>{o.site}</td>
          <td>{o.partenaire}</td>
          <td>{o.statut}</td>
          {avecMandat && <td>{o.mandat ?? '—'}</td>}
        </tr>
      ))}
    </CadreTableau>
  );
}

/**
 * The mandate page's section: "Enregistrer une démarche sous ce mandat", "Prendre un rendez-vous", "Saisir un
 * référent" (each opening its form with `?mandat=`) while the mandate is in force, and what was done under it.
 */
export function DemarchesSousMandat({ demarches }: { demarches: DemarchesDuMandat }) {
  const { mandat, objets, enVigueur } = demarches;
  const q = `mandat=${mandat.id}`;
  return (
    <section class="fr-mt-4w" aria-labelledby="demarches-mandat">
      <h2 id="demarches-mandat">Démarches sous ce mandat</h2>
      {mandat.citoyenId && (
        <p>
          <a class="fr-link fr-icon-user-line fr-link--icon-left" href={`/mandats/citoyens/${mandat.citoyenId}`}>
            Fiche de la personne : ses mandats, démarches, rendez-vous et saisines
          </a>
        </p>
      )}
      {enVigueur ? (
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <a class="fr-btn fr-btn--icon-left fr-icon-edit-line" href={`/sollicitations?site=${mandat.siteId}&${q}`}>
              Enregistrer une démarche sous ce mandat
            </a>
          </li>
          <li>
            <a
              class="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-calendar-line"
              href={`/sites/${mandat.siteId}/rendez-vous/nouveau?${q}`}
            >
              Prendre un rendez-vous
            </a>
          </li>
          <li>
            <a
              class="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-send-plane-line"
              href={`/sites/${mandat.siteId}/saisines/nouvelle?${q}`}
            >
              Saisir un référent
            </a>
          </li>
        </ul>
      ) : (
        <p>Ce mandat n’est pas en vigueur : aucune nouvelle démarche ne peut s’appuyer sur lui.</p>
      )}
      <TableauObjetsLies objets={objets} legende={`Démarches faites sous le mandat ${mandat.reference}`} />
    </section>
  );
}
