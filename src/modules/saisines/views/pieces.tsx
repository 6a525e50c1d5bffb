import { formaterDate } from '../../../platform/formats/dates.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { MENTION_PIECES, PIECES_MAX_PAR_SAISINE, type PieceListee, TAILLE_MAX_PIECE_MO } from '../pieces.ts';

const QUAND: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const FORMATS: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/** A size in French: "850 ko", "1,2 Mo". */
function taille(octets: number): string {
  if (octets < 1024 * 1024) return `${Math.max(1, Math.round(octets / 1024))} ko`;
  return `${(octets / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

export interface ProprietesPieces {
  csrf: string;
  saisineId: string;
  fuseau: string;
  pieces: PieceListee[];
  peutDeposer: boolean;
  /** The upload's refusal, shown on the file field. */
  erreur?: string;
}

/**
 * The documents of a case, and the form adding one (multipart, works without JavaScript): the section the case page
 * includes, and the body of /saisines/:id/pieces.
 */
export function SectionPieces(p: ProprietesPieces) {
  const vivantes = p.pieces.filter((x) => !x.supprimeLe).length;
  return (
    <section id="pieces" aria-labelledby="pieces-titre" class="fr-mt-4w">
      <h2 id="pieces-titre">Pièces jointes</h2>
      {p.pieces.length === 0 ? (
        <p>Aucune pièce jointe.</p>
      ) : (
        <ul>
          {p.pieces.map((x) => (
            <li key={x.id}>
              {x.supprimeLe ? (
                <>
                  {x.nomFichier} – supprimée le {formaterDate(x.supprimeLe, p.fuseau, QUAND)}
                </>
              ) : (
                <>
                  <a href={`/saisines/${p.saisineId}/pieces/${x.id}`} download>
                    {x.nomFichier}
                  </a>{' '}
                  ({FORMATS[x.typeMime] ?? x.typeMime}, {taille(x.taille)}) – déposée le{' '}
                  {formaterDate(x.deposeLe, p.fuseau, QUAND)}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.peutDeposer || p.erreur ? (
        <form method="post" action={`/saisines/${p.saisineId}/pieces`} encType="multipart/form-data" class="fr-mt-2w">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <div class={`fr-upload-group${p.erreur ? ' fr-upload-group--error' : ''}`}>
            <label class="fr-label" for="piece">
              Joindre une pièce
              <span class="fr-hint-text">
                PDF, JPEG ou PNG, {TAILLE_MAX_PIECE_MO} Mo au plus, un fichier à la fois ({PIECES_MAX_PAR_SAISINE}{' '}
                pièces au plus par saisine). {MENTION_PIECES}
              </span>
            </label>
            <input
              class="fr-upload"
              type="file"
              id="piece"
              name="piece"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-describedby="piece-messages"
            />
            <div class="fr-messages-group" id="piece-messages" aria-live="polite">
              {p.erreur && <p class="fr-message fr-message--error">{p.erreur}</p>}
            </div>
          </div>
          <button type="submit" class="fr-btn fr-btn--secondary fr-mt-2w">
            Joindre la pièce
          </button>
        </form>
      ) : (
        vivantes >= PIECES_MAX_PAR_SAISINE && (
          <p class="fr-text--sm">
            Cette saisine contient déjà {PIECES_MAX_PAR_SAISINE} pièces : attendez qu’elles soient supprimées pour en
            joindre d’autres.
          </p>
        )
      )}
    </section>
  );
}

/** The documents' own page: where an upload comes back with its refusal (422), and a page of its own without the case. */
export function PagePieces({ ctx, ...p }: ProprietesPieces & { ctx: ContextePage }) {
  const titre = 'Pièces jointes de la saisine';
  return (
    <Layout
      titre={p.erreur ? `Erreur – ${titre}` : titre}
      ctx={ctx}
      filAriane={[
        { href: '/saisines', libelle: 'Saisines' },
        { href: `/saisines/${p.saisineId}`, libelle: 'Saisine' },
        { libelle: 'Pièces jointes' },
      ]}
    >
      <h1>{titre}</h1>
      {p.erreur && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>
            La pièce n’a pas été jointe : <a href="#piece">{p.erreur}</a>
          </p>
        </div>
      )}
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/saisines/${p.saisineId}`}>
          Retour à la saisine
        </a>
      </p>
      <SectionPieces {...p} />
    </Layout>
  );
}
