import { CadreTableau } from '../../../ui/tableau.tsx';
import {
  COLONNES_CONTACTS,
  type ContactsRapport,
  DEFINITION_CONTACTS,
  formaterHeures,
  formaterPart,
  type LigneContacts,
} from '../contacts.ts';

const nombre = new Intl.NumberFormat('fr-FR');

function Lignes({ lignes, total }: { lignes: LigneContacts[]; total: LigneContacts }) {
  const ligne = (l: LigneContacts, gras = false) => (
    <tr key={l.cle} class={gras ? 'fr-text--bold' : undefined}>
      <th scope="row">{l.libelle}</th>
      <td>{nombre.format(l.recues)}</td>
      <td>{nombre.format(l.repondues)}</td>
      <td>{nombre.format(l.dansDelai)}</td>
      <td>{nombre.format(l.enRetard)}</td>
      <td>{formaterPart(l.part)}</td>
      <td>{formaterHeures(l.mediane)}</td>
    </tr>
  );
  return (
    <>
      {lignes.map((l) => ligne(l))}
      {ligne(total, true)}
    </>
  );
}

/** Messages written to the sites over the period: the totals, then tables per département, structure and site. */
export function SectionContacts({ contacts }: { contacts: ContactsRapport }) {
  const t = contacts.total;
  const tables: Array<[string, string, LigneContacts[]]> = [
    ['Messages par département', 'Département', contacts.departements],
    ['Messages par structure', 'Structure', contacts.structures],
    ['Messages par lieu', 'Lieu', contacts.sites],
  ];
  return (
    <section class="fr-mb-6w" aria-labelledby="messages">
      <h2 id="messages" class="fr-h4">
        Messages écrits aux lieux
      </h2>
      <p class="fr-text--sm">{DEFINITION_CONTACTS}</p>
      {t.recues === 0 ? (
        <p>Aucun message reçu sur la période.</p>
      ) : (
        <>
          <p>
            <strong>{nombre.format(t.recues)}</strong> messages reçus, dont {nombre.format(t.repondues)} répondus.
            {t.part !== null && (
              <>
                {' '}
                Part dans le délai de 72 heures ouvrées : <strong>{formaterPart(t.part)}</strong>.
              </>
            )}
            {t.mediane !== null && (
              <>
                {' '}
                Délai médian de première réponse : <strong>{formaterHeures(t.mediane)}</strong> ouvrées.
              </>
            )}
          </p>
          {tables
            .filter(([, entete, lignes]) => lignes.length > 1 || entete === 'Lieu')
            .map(([legende, entete, lignes]) => (
              <CadreTableau key={legende} legende={legende} entetes={[entete, ...COLONNES_CONTACTS]} classe="fr-mt-1w">
                <Lignes lignes={lignes} total={t} />
              </CadreTableau>
            ))}
        </>
      )}
    </section>
  );
}
