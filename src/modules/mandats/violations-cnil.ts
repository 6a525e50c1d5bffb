// The prefilled draft of the CNIL notification (issue 14 point 7): the sections of the CNIL's online form
// (notifications.cnil.fr) in their order, filled from the register; what the register does not hold reads
// "[à compléter]", so that whoever notifies sees at once what is left to gather. Pure: the page prints it.

import { echeanceViolation, instantEnClair } from './violations-delai.ts';
import { LIBELLES_NATURES, type NatureViolation } from './violations-validation.ts';

/** The CNIL's online notification service. */
export const URL_NOTIFICATION_CNIL = 'https://notifications.cnil.fr/notifications/index';
/** What a field the register cannot fill says. */
export const A_COMPLETER = '[à compléter]';

export interface ChampCnil {
  libelle: string;
  /** null: "[à compléter]"; the text may hold line breaks. */
  valeur: string | null;
}

export interface SectionCnil {
  titre: string;
  champs: ChampCnil[];
}

/** What the draft reads of an entry. */
export interface ViolationPourCnil {
  reference: string;
  structure: string | null;
  structureId: string | null;
  nature: string[];
  description: string;
  survenueLe: Date | null;
  decouverteLe: Date;
  categoriesDonnees: string;
  categoriesPersonnes: string;
  nombrePersonnes: number | null;
  nombreEnregistrements: number | null;
  consequences: string | null;
  mesuresPrises: string;
  mesuresEnvisagees: string | null;
  informationPersonnes: string | null;
  statut: string;
  notifieeLe: Date | null;
  numeroCnil: string | null;
}

const nombre = (n: number | null) => (n === null ? null : n.toLocaleString('fr-FR'));

/** The sections of the CNIL form, filled from the entry as of `maintenant` (on the level's clock `fuseau`). */
export function brouillonCnil(v: ViolationPourCnil, maintenant: Date, fuseau: string): SectionCnil[] {
  const complementaire = v.statut === 'notifiee' || (v.statut === 'close' && v.numeroCnil !== null);
  const echeance = echeanceViolation(v.decouverteLe);
  const enRetard = (v.notifieeLe ?? maintenant).getTime() > echeance.getTime();
  const natures = v.nature.map((n) => LIBELLES_NATURES[n as NatureViolation] ?? n).join('\n');
  return [
    {
      titre: '1. Type de notification',
      champs: [
        {
          libelle: 'Type',
          valeur: complementaire
            ? 'Notification complémentaire (une notification initiale a été faite)'
            : 'Notification initiale (compléments possibles ensuite)',
        },
        ...(complementaire ? [{ libelle: 'Numéro de la notification initiale', valeur: v.numeroCnil }] : []),
        { libelle: 'Référence interne (registre guichet)', valeur: v.reference },
      ],
    },
    {
      titre: '2. L’organisme (responsable de traitement) et le contact',
      champs: [
        {
          libelle: 'Responsable de traitement',
          valeur: v.structureId === null ? 'Administration nationale de guichet (réseau France services)' : v.structure,
        },
        { libelle: 'Numéro SIREN et adresse', valeur: null },
        {
          libelle:
            'Personne à contacter (délégué à la protection des données ou autre) : nom, fonction, courriel, téléphone',
          valeur: null,
        },
        { libelle: 'Sous-traitant impliqué, le cas échéant', valeur: null },
      ],
    },
    {
      titre: '3. La violation',
      champs: [
        {
          libelle: 'Date et heure du début de la violation',
          valeur: v.survenueLe ? instantEnClair(v.survenueLe, fuseau) : null,
        },
        { libelle: 'Date et heure de la découverte', valeur: instantEnClair(v.decouverteLe, fuseau) },
        { libelle: 'La violation est-elle terminée ? Si oui, depuis quand', valeur: null },
        { libelle: 'Circonstances', valeur: v.description },
        { libelle: 'Nature de la violation', valeur: natures || null },
        {
          libelle: 'Origine et cause (acte interne ou externe, malveillant ou accidentel, inconnu)',
          valeur: null,
        },
        ...(enRetard
          ? [
              {
                libelle: `Motifs du retard (notification au-delà de 72 heures, échéance du ${instantEnClair(echeance, fuseau)})`,
                valeur: null,
              },
            ]
          : []),
      ],
    },
    {
      titre: '4. Les données concernées',
      champs: [
        { libelle: 'Catégories de données', valeur: v.categoriesDonnees },
        { libelle: 'Nombre approximatif d’enregistrements', valeur: nombre(v.nombreEnregistrements) },
      ],
    },
    {
      titre: '5. Les personnes concernées',
      champs: [
        { libelle: 'Catégories de personnes', valeur: v.categoriesPersonnes },
        { libelle: 'Nombre approximatif de personnes', valeur: nombre(v.nombrePersonnes) },
      ],
    },
    {
      titre: '6. Les conséquences probables pour les personnes',
      champs: [
        { libelle: 'Conséquences probables', valeur: v.consequences },
        { libelle: 'Gravité estimée (négligeable, limitée, importante, maximale)', valeur: null },
      ],
    },
    {
      titre: '7. Les mesures prises et envisagées',
      champs: [
        { libelle: 'Mesures prises pour remédier à la violation et en limiter les effets', valeur: v.mesuresPrises },
        { libelle: 'Mesures envisagées', valeur: v.mesuresEnvisagees },
      ],
    },
    {
      titre: '8. L’information des personnes concernées',
      champs: [
        {
          libelle: 'Les personnes ont-elles été informées ? Quand, comment, ou pourquoi pas (RGPD art. 34)',
          valeur: v.informationPersonnes,
        },
      ],
    },
    {
      titre: '9. Autres informations',
      champs: [
        { libelle: 'Personnes concernées dans d’autres pays de l’Union, autres autorités informées', valeur: null },
      ],
    },
  ];
}
