// A small RFC 4180 reader: comma-separated, fields optionally double-quoted ("" inside quotes is one quote), quoted
// fields may hold commas and line breaks, lines end with LF or CRLF. Each record keeps the line of the file where it
// starts, so that a report can say "ligne 123" even after multi-line fields (header = line 1).

export interface EnregistrementCsv {
  /** Line of the file where the record starts (1-based; the header is line 1). */
  ligne: number;
  champs: string[];
}

export type LectureCsv =
  | { ok: true; entete: string[]; enregistrements: EnregistrementCsv[] }
  | { ok: false; erreur: string };

/** Decodes UTF-8 (with or without BOM); anything else is refused rather than read as mojibake. */
export function decoderUtf8(contenu: Uint8Array | string): { ok: true; texte: string } | { ok: false; erreur: string } {
  if (typeof contenu === 'string') return { ok: true, texte: contenu.replace(/^\uFEFF/, '') };
  try {
    const texte = new TextDecoder('utf-8', { fatal: true }).decode(contenu);
    return { ok: true, texte: texte.replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, erreur: 'le fichier n’est pas encodé en UTF-8' };
  }
}

/** Splits a CSV text into records; an unterminated quote or text after a closing quote makes the file unreadable. */
export function lireCsv(texte: string): LectureCsv {
  const enregistrements: EnregistrementCsv[] = [];
  let champs: string[] = [];
  let champ = '';
  let ligne = 1;
  let debut = 1;
  let entreGuillemets = false;
  let apresGuillemet = false;
  let ligneGuillemet = 1;
  let vide = true; // nothing read yet on this record

  const finirEnregistrement = () => {
    champs.push(champ);
    // A blank line (a lone empty field) is not a record.
    if (!(vide && champs.length === 1 && champ === '')) enregistrements.push({ ligne: debut, champs });
    champs = [];
    champ = '';
    vide = true;
    apresGuillemet = false;
  };

  for (let i = 0; i < texte.length; i++) {
    const c = texte[i] as string;
    if (entreGuillemets) {
      if (c === '"') {
        if (texte[i + 1] === '"') {
          champ += '"';
          i++;
        } else {
          entreGuillemets = false;
          apresGuillemet = true;
        }
      } else {
        if (c === '\n') ligne++;
        champ += c;
      }
      continue;
    }
    if (c === ',') {
      champs.push(champ);
      champ = '';
      apresGuillemet = false;
      vide = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && texte[i + 1] === '\n') i++;
      finirEnregistrement();
      ligne++;
      debut = ligne;
    } else if (apresGuillemet) {
      return { ok: false, erreur: `ligne ${ligne} : caractère « ${c} » après un guillemet fermant` };
    } else if (c === '"' && champ === '') {
      entreGuillemets = true;
      ligneGuillemet = ligne;
      vide = false;
    } else {
      champ += c;
      vide = false;
    }
  }
  if (entreGuillemets) return { ok: false, erreur: `ligne ${ligneGuillemet} : guillemet ouvert jamais refermé` };
  if (!vide || champs.length > 0) finirEnregistrement();

  const [premiere, ...reste] = enregistrements;
  if (!premiere) return { ok: false, erreur: 'le fichier est vide' };
  return { ok: true, entete: premiere.champs.map((c) => c.trim()), enregistrements: reste };
}
