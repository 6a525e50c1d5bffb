import { formaterJour } from '../../../platform/formats/dates.ts';
import { CadreTableau } from '../../../ui/tableau.tsx';
import type { Semaines } from '../calcul.ts';
import { LIBELLES_SEMAINE_53, type RegleSemaine53 } from '../semaine53.ts';
import type { passagesAutourSemaine53 } from '../semaine53-passages.ts';

export type VueSemaine53 = ReturnType<typeof passagesAutourSemaine53>;

const LIBELLES_SEMAINES: Record<Semaines, string> = {
  toutes: 'Toutes les semaines',
  paires: 'Semaines paires',
  impaires: 'Semaines impaires',
};

const long = (date: string) => formaterJour(date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const court = (date: string) => formaterJour(date, { weekday: 'short', day: 'numeric', month: 'short' });

/** "entre le vendredi 11 décembre 2026 et le vendredi 15 janvier 2027 (35 jours)". */
function periodeSansPassage(s: NonNullable<VueSemaine53['arrets'][number]['sansPassage']>, v: VueSemaine53) {
  const apres = s.apres ? `le ${long(s.apres)}` : `avant le ${long(v.fenetre.du)}`;
  const avant = s.avant ? `le ${long(s.avant)}` : `après le ${long(v.fenetre.au)}`;
  return `aucun passage entre ${apres} et ${avant} (${s.jours} jours)`;
}

/** The stops that go three weeks or more without a passage around week 53: shown on the tour's hours page. */
export function AlerteSemaine53({ vue }: { vue: VueSemaine53 }) {
  const touches = vue.arrets.filter((a) => a.sansPassage);
  if (touches.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--warning fr-mb-3w" id="alerte-semaine-53">
      <h3 class="fr-alert__title">
        {touches.length === 1
          ? '1 arrêt reste trois semaines ou plus sans passage'
          : `${touches.length} arrêts restent trois semaines ou plus sans passage`}{' '}
        autour de la semaine 53 de {vue.annee}
      </h3>
      <ul>
        {touches.map((a) =>
          a.sansPassage ? (
            <li key={a.arret.id}>
              {a.arret.nom} ({a.arret.commune}) : {periodeSansPassage(a.sansPassage, vue)}.
            </li>
          ) : null,
        )}
      </ul>
      <p>Jours fériés compris. Changez la règle de la semaine 53 ci-dessous, ou prévenez les habitants.</p>
    </div>
  );
}

/** Which dates week 53 covers, the rule in force, and every stop's passages around it. */
export function Semaine53({ vue, regle }: { vue: VueSemaine53; regle: RegleSemaine53 }) {
  return (
    <section aria-labelledby="titre-semaine-53">
      <h2 id="titre-semaine-53">Semaine 53 de {vue.annee}</h2>
      <p>
        L’année {vue.annee} compte 53 semaines : la semaine 53 va du {long(vue.du)} au {long(vue.au)}, et la semaine
        suivante (semaine 1 de {vue.annee + 1}) est elle aussi impaire. L’alternance des arrêts des semaines paires et
        impaires dépend donc de la règle de la tournée, actuellement : <strong>{LIBELLES_SEMAINE_53[regle]}</strong>.
      </p>
      <AlerteSemaine53 vue={vue} />
      {vue.arrets.length > 0 && (
        <CadreTableau
          classe="fr-mt-2w"
          legende={`Passages des arrêts du ${long(vue.fenetre.du)} au ${long(vue.fenetre.au)}`}
          entetes={['Arrêt', 'Semaines', 'Passages']}
        >
          {vue.arrets.map((a) => (
            <tr key={a.arret.id}>
              <th scope="row">
                {a.arret.nom} ({a.arret.commune})
              </th>
              <td>{LIBELLES_SEMAINES[a.arret.semaines]}</td>
              <td>{a.passages.length === 0 ? 'Aucun passage' : a.passages.map(court).join(', ')}</td>
            </tr>
          ))}
        </CadreTableau>
      )}
    </section>
  );
}
