// The information given to the person before they sign a mandate (convention 4.6; loi Informatique et libertés art. 48
// and 104-106; GDPR art. 13): who is responsible for the data, why it is used, who receives it, the person's rights and
// how long the data is kept. The text is versioned: a mandate keeps the version it was shown and printed with, so a
// reprint shows the same words (and the same hash) even after the text changes. A new wording is a new version.

export interface SectionNotice {
  titre: string;
  texte: string;
}

export interface Notice {
  version: string;
  titre: string;
  sections: SectionNotice[];
}

/** What the notice names: the controller (the structure) and the recipients (the partners in the mandate's scope). */
export interface ParametresNotice {
  structure: string;
  partenaires: string[];
}

/** The version shown on new mandates. */
export const VERSION_NOTICE = '2026-12';

const joindre = (noms: string[]) =>
  noms.length <= 1 ? (noms[0] ?? '') : `${noms.slice(0, -1).join(', ')} et ${noms.at(-1)}`;

const VERSIONS: Record<string, (p: ParametresNotice) => SectionNotice[]> = {
  '2026-12': (p) => [
    {
      titre: 'Responsable du traitement',
      texte: `${p.structure}, structure France Services qui signe ce mandat avec vous. Ses agents sont tenus au secret professionnel.`,
    },
    {
      titre: 'Finalité',
      texte:
        'Vos données servent uniquement à réaliser en votre nom les démarches administratives énumérées dans ce mandat, à votre seul bénéfice, et à garder la trace de chaque action faite en votre nom. Elles ne font l’objet d’aucune utilisation commerciale ni d’aucune cession. La base légale est le mandat que vous signez.',
    },
    {
      titre: 'Destinataires',
      texte: `Les agents France Services de la structure et, pour les seules démarches du mandat, ${joindre(p.partenaires)}.`,
    },
    {
      titre: 'Vos droits',
      texte:
        'Vous pouvez accéder à vos données, les faire rectifier ou effacer, demander la limitation de leur utilisation et vous y opposer, en vous adressant à la structure France Services. Vous pouvez révoquer ce mandat à tout moment. Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (www.cnil.fr, 3 place de Fontenoy, 75007 Paris).',
    },
    {
      titre: 'Durée de conservation',
      texte:
        'Vos données sont conservées pendant la durée du mandat puis 5 ans (prescription civile, art. 2224 du code civil), puis effacement.',
    },
  ],
};

/** The notice of a version, for a structure and the partners of a mandate; an unknown version is a programming error. */
export function noticeMandat(version: string, p: ParametresNotice): Notice {
  const sections = VERSIONS[version];
  if (!sections) throw new Error(`unknown notice version ${version}`);
  return { version, titre: 'Information sur l’utilisation de vos données personnelles', sections: sections(p) };
}
