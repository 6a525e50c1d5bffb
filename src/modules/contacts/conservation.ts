// How long requests written to a site keep the person's words (issue 12, retention rules in retention.ts): stated on
// the form, applied each night. A request serves its answer and the questions that follow it: three months after
// closure, like an appointment's contact; a request nobody closed is erased a year after receipt all the same.

/** Months after closure before names, contacts, subject and messages are erased. */
export const MOIS_APRES_CLOTURE = 3;
/** Months after receipt for a request never closed. */
export const MOIS_SANS_CLOTURE = 12;
/** Hours a rate-limit mark is kept: the limits look back one hour, a day covers any review of a flood. */
export const HEURES_LIMITES = 24;

/** The retention, as the form states it. */
export const CONSERVATION_TEXTE = `${MOIS_APRES_CLOTURE} mois après la clôture de votre demande (et au plus tard ${MOIS_SANS_CLOTURE} mois après son envoi)`;
