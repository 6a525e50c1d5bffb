import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe } from '../../platform/http/requete.ts';
import type { EtatFormulaire } from '../../ui/formulaire.tsx';
import { rapportCsv, rapportXlsx } from './export.ts';
import { rapportPdf } from './pdf.ts';
import { ajouterJours, type Periode, periodePrecedente } from './periode.ts';
import type { Rapport } from './service.ts';
import * as service from './service.ts';
import { PeriodeDemandee } from './validation.ts';
import { PageRapport } from './views/rapport.tsx';

/** Activity reports of a scope over a period: the page, and its CSV and XLSX exports. */
export async function rapportsRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };

  /** The scope and period asked for, the defaults, and the field errors (the default period is used on error). */
  async function lire(req: FastifyRequest) {
    const acteur = acteurDe(req);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const erreurs: Record<string, string> = {};
    let perimetre = service.perimetreParDefaut(acteur);
    if (q.perimetre !== undefined && q.perimetre !== '') {
      const lu = service.lirePerimetre(q.perimetre);
      if (lu) perimetre = lu;
      else throw new AppError('introuvable');
    }
    if (!perimetre) throw new AppError('interdit');
    let periode: Periode | null = null;
    if (q.du || q.au) {
      const lu = lireFormulaire(PeriodeDemandee, { du: q.du, au: q.au });
      if (lu.ok) periode = lu.donnees;
      else Object.assign(erreurs, lu.erreurs);
    }
    return { acteur, perimetre, periode, erreurs, valeurs: valeursSaisies(q) };
  }

  app.get('/rapports', connecte, async (req, reply) => {
    const l = await lire(req);
    const [r, perimetres] = await Promise.all([
      service.rapport(db, l.acteur, l.perimetre, l.periode),
      service.perimetresProposes(db, l.acteur),
    ]);
    const cle = service.cleDePerimetre(l.perimetre);
    if (!perimetres.some((p) => p.valeur === cle)) perimetres.unshift({ valeur: cle, libelle: r.perimetre.libelle });
    const etat: EtatFormulaire = {
      valeurs: Object.keys(l.erreurs).length
        ? { ...l.valeurs, perimetre: cle }
        : { perimetre: cle, du: r.periode.du, au: r.periode.au },
      erreurs: l.erreurs,
    };
    const trimestre = r.trimestreEnCours;
    const annee = `${trimestre.du.slice(0, 4)}`;
    const raccourcis = [
      { libelle: 'Trimestre en cours', ...trimestre },
      { libelle: 'Trimestre précédent', ...periodePrecedente(trimestre) },
      { libelle: `Année ${annee}`, du: `${annee}-01-01`, au: `${annee}-12-31` },
      { libelle: 'Douze derniers mois', du: ajouterJours(trimestre.du, -273), au: trimestre.au },
    ];
    const requete = new URLSearchParams({ perimetre: cle, du: r.periode.du, au: r.periode.au }).toString();
    return sendPage(
      reply,
      <PageRapport
        ctx={contexte(req)}
        r={r}
        perimetres={perimetres}
        etat={etat}
        requete={requete}
        raccourcis={raccourcis}
      />,
      Object.keys(l.erreurs).length ? 422 : 200,
    );
  });

  const nomFichier = (r: Awaited<ReturnType<typeof service.rapport>>) =>
    `rapport-${r.perimetre.libelle
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .toLowerCase()}-${r.periode.du}-${r.periode.au}`;

  // One report, three files: the same scope and period as the page, as CSV, XLSX or the steering committee's PDF.
  const FICHIERS = {
    'export.csv': { type: 'text/csv; charset=utf-8', extension: 'csv', produire: async (r: Rapport) => rapportCsv(r) },
    'export.xlsx': {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
      produire: (r: Rapport) => rapportXlsx(r),
    },
    'rapport.pdf': {
      type: 'application/pdf',
      extension: 'pdf',
      produire: async (r: Rapport) => rapportPdf(r, new Date()),
    },
  } as const;
  for (const [chemin, f] of Object.entries(FICHIERS)) {
    app.get(`/rapports/${chemin}`, connecte, async (req, reply) => {
      const l = await lire(req);
      if (Object.keys(l.erreurs).length) throw new AppError('requete_invalide', Object.values(l.erreurs).join(' '));
      const r = await service.rapport(db, l.acteur, l.perimetre, l.periode);
      return reply
        .type(f.type)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${nomFichier(r)}.${f.extension}"`)
        .send(await f.produire(r));
    });
  }
}
