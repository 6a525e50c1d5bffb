import type { ComponentChildren } from 'preact';
import { Badge } from '../../../ui/tableau.tsx';

/** Shown beside a retired entry, agreeing with its noun ("une situation retirée", "un partenaire retiré"). */
export function Retire({ actif, genre }: { actif: boolean; genre: 'f' | 'm' }) {
  if (actif) return null;
  return <Badge type="error">{genre === 'f' ? 'Retirée' : 'Retiré'}</Badge>;
}

/** Which catalogue an entry belongs to: the national one, or one structure's (a local entry). */
export function libelleCatalogue(e: { structureId: string | null; structureNom: string | null }): string {
  return e.structureId ? `Local – ${e.structureNom ?? ''}` : 'National';
}

/** What kind of partner: one of the 9 national ones, the national-level "other organisation", or a local one. */
export function typePartenaire(p: { national: boolean; structureId: string | null; structureNom: string | null }) {
  if (p.national) return 'Partenaire national';
  if (p.structureId) return `Partenaire local – ${p.structureNom ?? ''}`;
  return 'Hors partenaires nationaux';
}

/** A titled block of a record page explaining an action before its button (retire, reactivate). */
export function EncadreAction({ titre, children }: { titre: string; children: ComponentChildren }) {
  return (
    <section class="fr-mt-6w fr-p-3w fr-background-alt--grey" aria-labelledby="action-titre">
      <h2 class="fr-h5" id="action-titre">
        {titre}
      </h2>
      {children}
    </section>
  );
}
