import type { ContextePage } from '../../../ui/contexte.ts';
import { Champ, type EtatFormulaire, Liste, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';

const LIBELLES = { du: 'Du', au: 'Au', structure: 'Structure', format: 'Format' };

/** The export form: a GET form (a download changes nothing), one button per format. */
export function PageExport(p: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  structures: Array<{ id: string; nom: string; departement: string }>;
}) {
  return (
    <Layout titre={titreFormulaire(`Exporter les sollicitations`, p.etat)} ctx={p.ctx}>
      <h1>Exporter les sollicitations</h1>
      {
        <form method="get" action="/sollicitations/export" noValidate>
          <ResumeErreurs etat={p.etat} libelles={LIBELLES} />
          <p>
            Une ligne par sollicitation, sans aucune donnée nominative. La période exportée est d’un an au plus ; les
            dates sont celles des sollicitations.
          </p>
          {p.structures.length > 1 ? (
            <Liste
              nom="structure"
              libelle="Structure"
              etat={p.etat}
              options={p.structures.map((s) => ({ valeur: s.id, libelle: `${s.nom} (${s.departement})` }))}
            />
          ) : (
            <input type="hidden" name="structure" value={p.structures[0]?.id} />
          )}
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-6">
              <Champ nom="du" libelle="Du" type="date" etat={p.etat} />
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <Champ nom="au" libelle="Au (inclus)" type="date" etat={p.etat} />
            </div>
          </div>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button type="submit" class="fr-btn" name="format" value="xlsx">
                Télécharger en XLSX (tableur)
              </button>
            </li>
            <li>
              <button type="submit" class="fr-btn fr-btn--secondary" name="format" value="csv">
                Télécharger en CSV
              </button>
            </li>
          </ul>
        </form>
      }
    </Layout>
  );
}
