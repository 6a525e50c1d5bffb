import { deNom } from '../../../platform/formats/francais.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';
import type { LigneRapport } from '../service.ts';
import type { ImportListe } from '../service-suivi.ts';

const ETATS: Record<ImportListe['etat'], string> = {
  en_attente: 'en attente',
  en_cours: 'en cours',
  terminee: 'terminé',
  echec: 'échec',
};

function Lignes({ titre, lignes }: { titre: string; lignes: LigneRapport[] }) {
  if (lignes.length === 0) return null;
  return (
    <CadreTableau legende={titre} entetes={['Ligne', 'id_fs', 'Motif']}>
      {lignes.map((l) => (
        <tr key={`${l.ligne}-${l.raison}`}>
          <td>{l.ligne}</td>
          <td>{l.idFs ?? ''}</td>
          <td>{l.raison}</td>
        </tr>
      ))}
    </CadreTableau>
  );
}

/** The upload form of the national list, and the imports started from this server. */
export function PageImports({
  ctx,
  erreur,
  taches,
  tailleMaxMo,
}: {
  ctx: ContextePage;
  erreur?: string;
  taches: ImportListe[];
  tailleMaxMo: number;
}) {
  return (
    <Layout titre={erreur ? 'Erreur – Importer la liste nationale' : 'Importer la liste nationale'} ctx={ctx}>
      <h1>Importer la liste nationale des France services</h1>
      <p>
        Fichier CSV au format de la liste publiée par l’ANCT (colonnes id_fs, insee_dep, lib_fs, …, h_lundi à h_samedi).
        Chaque ligne est créée ou mise à jour selon son id_fs, ou rejetée avec son motif ; un nouvel import ne crée pas
        de doublon.
      </p>
      {erreur && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{erreur}</p>
        </div>
      )}
      <form method="post" action="/admin/imports" encType="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        <div class={`fr-upload-group${erreur ? ' fr-upload-group--error' : ''}`}>
          <label class="fr-label" for="fichier">
            Fichier CSV de la liste nationale
            <span class="fr-hint-text">
              Taille maximale : {tailleMaxMo} Mo (la liste nationale pèse environ 1 Mo). Format : CSV, séparateur
              virgule, UTF-8.
            </span>
          </label>
          <input
            class="fr-upload"
            type="file"
            id="fichier"
            name="fichier"
            accept=".csv,text/csv"
            aria-describedby="fichier-messages"
          />
          <div class="fr-messages-group" id="fichier-messages" aria-live="polite">
            {erreur && <p class="fr-message fr-message--error">{erreur}</p>}
          </div>
        </div>
        <button type="submit" class="fr-btn fr-mt-2w">
          Importer
        </button>
      </form>
      {taches.length > 0 && (
        <>
          <h2 class="fr-mt-4w">Imports récents</h2>
          <ul>
            {taches.map((t) => (
              <li key={t.id}>
                <a href={`/admin/imports/${t.id}`}>
                  {t.fichier}, {t.creeLe.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}
                </a>{' '}
                – {ETATS[t.etat]}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** Progress while the import runs (the page reloads itself every 2 seconds), then the full report. */
export function PageImport({ ctx, tache }: { ctx: ContextePage; tache: ImportListe }) {
  const r = tache.rapport;
  const enCours = tache.etat === 'en_cours' || tache.etat === 'en_attente';
  return (
    <Layout
      titre={`Import ${deNom(tache.fichier)}`}
      ctx={ctx}
      rafraichir={enCours ? 2 : undefined}
      filAriane={[{ href: '/admin/imports', libelle: 'Imports' }, { libelle: tache.fichier }]}
    >
      <h1>Import {deNom(tache.fichier)}</h1>
      {tache.etat === 'en_attente' && (
        <p role="status">
          Import en attente : il commence dans quelques secondes. Cette page se met à jour toute seule.
        </p>
      )}
      {tache.etat === 'en_cours' && (
        <div role="status">
          {tache.tentatives > 1 && (
            <p>Le serveur a redémarré pendant l’import : il a repris depuis le début du fichier.</p>
          )}
          <p>
            Import en cours : {tache.faites} lignes traitées sur {tache.total || '…'}. Cette page se met à jour toute
            seule.
          </p>
          <label for="avancement">Avancement</label>
          <progress id="avancement" max={tache.total || 1} value={tache.faites} />
        </div>
      )}
      {tache.etat === 'echec' && (
        <div class="fr-alert fr-alert--error" role="alert">
          <h2 class="fr-alert__title">L’import a échoué</h2>
          <p>{tache.erreur ?? 'Erreur inconnue'}. Rien n’a été importé pour les lignes non traitées.</p>
        </div>
      )}
      {tache.etat === 'terminee' && r && (
        <>
          <div class="fr-alert fr-alert--success" role="status">
            <h2 class="fr-alert__title">Import terminé</h2>
            <p>
              {r.lues} lignes lues : {r.creees} sites créés, {r.misesAJour} mis à jour, {r.rejetees.length} lignes
              rejetées, {r.avertissements.length} avertissements.
            </p>
          </div>
          <Lignes titre={`Lignes rejetées (${r.rejetees.length})`} lignes={r.rejetees} />
          <Lignes titre={`Avertissements (${r.avertissements.length})`} lignes={r.avertissements} />
        </>
      )}
    </Layout>
  );
}
