import type { ComponentChildren } from 'preact';
import { Badge } from '../../../ui/tableau.tsx';
import type { Journee, PassageAffiche } from '../service-journee.ts';
import { heure } from './commun.tsx';

// The tables of the day board: the queue, the visits in progress, the day's appointments. Each action is a one-button
// POST form (works without JavaScript); its label names the ticket or the person for screen readers.

/** "4 min", "1 h 05". */
export function enMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The DSFR table frame, scrolling inside itself on a narrow screen (see guichet.css); the scrolling frame is a named,
 * focusable region so that a keyboard can scroll it even when no row has a button.
 */
function Cadre({ legende, entetes, children }: { legende: string; entetes: string[]; children: ComponentChildren }) {
  return (
    <div class="fr-table fr-table--no-caption fr-mt-1w guichet-table-defilante">
      <div class="fr-table__wrapper">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
        <section class="fr-table__container" tabIndex={0} aria-label={`Tableau : ${legende}`}>
          <div class="fr-table__content">
            <table>
              <caption>{legende}</caption>
              <thead>
                <tr>
                  {entetes.map((e) => (
                    <th scope="col" key={e}>
                      {e}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{children}</tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}

function Bouton(p: { action: string; csrf: string; libelle: string; precision: string; secondaire?: boolean }) {
  return (
    <form method="post" action={p.action} class="fr-displayed-inline fr-mr-1w">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <button type="submit" class={`fr-btn fr-btn--sm${p.secondaire ? ' fr-btn--secondary' : ''}`}>
        {p.libelle}
        <span class="fr-sr-only"> {p.precision}</span>
      </button>
    </form>
  );
}

/** Who the visit is: the ticket's label, and the appointment it checks in. */
function Personne({ p, fuseau }: { p: PassageAffiche; fuseau: string }) {
  const nom = p.libelle ?? p.rendezVous?.nom ?? null;
  return (
    <>
      {nom ?? <span class="fr-text--sm">Sans nom</span>}
      <br />
      <span class="fr-text--xs">
        {p.rendezVous
          ? `Rendez-vous de ${heure(p.rendezVous.debut, fuseau)}${p.rendezVous.motif ? ` – ${p.rendezVous.motif}` : ''}`
          : 'Sans rendez-vous'}
      </span>
    </>
  );
}

interface Props {
  vue: Journee;
  csrf: string;
}

const base = (vue: Journee) => `/sites/${vue.site.id}/journee`;

/** The waiting queue: checked-in appointments first, then walk-ins, each by arrival. */
export function FileAttente({ vue, csrf }: Props) {
  const fuseau = vue.site.fuseau;
  if (vue.file.length === 0) return <p>Personne n’attend pour le moment.</p>;
  return (
    <Cadre
      legende="File d’attente"
      entetes={['Ticket', 'Personne', 'Arrivée', 'Attente', ...(vue.agir ? ['Actions'] : [])]}
    >
      {vue.file.map((p) => (
        <tr key={p.id}>
          <td>n° {p.numero}</td>
          <td>
            <Personne p={p} fuseau={fuseau} />
          </td>
          <td>{heure(p.arriveLe, fuseau)}</td>
          <td>{enMinutes(p.attente)}</td>
          {vue.agir && (
            <td>
              <Bouton
                action={`${base(vue)}/passages/${p.id}/prise-en-charge`}
                csrf={csrf}
                libelle="Prendre en charge"
                precision={`le ticket n° ${p.numero}`}
              />
              {p.depart && (
                <Bouton
                  action={`${base(vue)}/passages/${p.id}/depart`}
                  csrf={csrf}
                  libelle="Parti"
                  precision={`: le ticket n° ${p.numero} est reparti sans être reçu`}
                  secondaire
                />
              )}
            </td>
          )}
        </tr>
      ))}
    </Cadre>
  );
}

/** The visits in progress, with who serves and how long the person waited. */
export function EnCours({ vue, csrf }: Props) {
  const fuseau = vue.site.fuseau;
  if (vue.enCours.length === 0) return <p>Aucune personne en cours d’accueil.</p>;
  return (
    <Cadre
      legende="En cours d’accueil"
      entetes={['Ticket', 'Personne', 'Reçue par', 'Attente', ...(vue.agir ? ['Actions'] : [])]}
    >
      {vue.enCours.map((p) => (
        <tr key={p.id}>
          <td>n° {p.numero}</td>
          <td>
            <Personne p={p} fuseau={fuseau} />
          </td>
          <td>{p.agent ?? '–'}</td>
          <td>{enMinutes(p.attente)}</td>
          {vue.agir && (
            <td>
              <Bouton
                action={`${base(vue)}/passages/${p.id}/fin`}
                csrf={csrf}
                libelle="Terminer"
                precision={`l’accueil du ticket n° ${p.numero} et noter la sollicitation`}
              />
            </td>
          )}
        </tr>
      ))}
    </Cadre>
  );
}

const STATUTS: Record<string, { libelle: string; type: 'success' | 'error' | 'info' | 'warning' | 'new' }> = {
  reserve: { libelle: 'Prévu', type: 'info' },
  arrive: { libelle: 'Arrivé', type: 'new' },
  vu: { libelle: 'Reçu', type: 'success' },
  absent: { libelle: 'Absent', type: 'warning' },
};

/** Today's appointments, with check-in and no-show (the latter once the start time has passed). */
export function RendezVousDuJour({ vue, csrf }: Props) {
  const fuseau = vue.site.fuseau;
  if (vue.rendezVous.length === 0) return <p>Aucun rendez-vous aujourd’hui.</p>;
  return (
    <Cadre
      legende="Rendez-vous du jour"
      entetes={['Heure', 'Personne', 'Motif', 'État', ...(vue.agir ? ['Actions'] : [])]}
    >
      {vue.rendezVous.map((r) => {
        const qui = r.nom ?? 'personne sans nom';
        const statut = STATUTS[r.statut] ?? { libelle: r.statut, type: 'info' as const };
        const actions: ComponentChildren[] = [];
        if (vue.agir && r.arrivee) {
          actions.push(
            <Bouton
              key="arrive"
              action={`${base(vue)}/rendez-vous/${r.id}/arrivee`}
              csrf={csrf}
              libelle="Arrivé"
              precision={`: ${qui}, rendez-vous de ${heure(r.debut, fuseau)}`}
            />,
          );
        }
        if (vue.agir && r.absence) {
          actions.push(
            <Bouton
              key="absent"
              action={`${base(vue)}/rendez-vous/${r.id}/absence`}
              csrf={csrf}
              libelle="Absent"
              precision={`: ${qui}, rendez-vous de ${heure(r.debut, fuseau)}`}
              secondaire
            />,
          );
        }
        return (
          <tr key={r.id}>
            <td>{heure(r.debut, fuseau)}</td>
            <td>{r.nom ?? <span class="fr-text--sm">Sans nom</span>}</td>
            <td>{r.motifNom}</td>
            <td>
              <Badge type={statut.type}>{statut.libelle}</Badge>
            </td>
            {vue.agir && <td>{actions}</td>}
          </tr>
        );
      })}
    </Cadre>
  );
}
