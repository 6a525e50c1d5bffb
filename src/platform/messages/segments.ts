// SMS length in segments (3GPP TS 23.038): a text made only of the GSM-7 default alphabet (the extension table's
// characters count twice, as an escape plus the character) fits 160 characters in one SMS, 153 per segment once
// concatenated; any other character switches the whole text to UCS-2: 70, then 67 per segment (in UTF-16 units).

const GSM7_BASE =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';

const BASE = new Set(GSM7_BASE);
const EXTENSION = new Set(GSM7_EXTENSION);

/** Most segments a message may take: above it, the text is refused when queued (cost, and phones reassemble badly). */
export const SEGMENTS_MAX = 3;

export interface Decompte {
  codage: 'gsm7' | 'ucs2';
  /** Length in the encoding's units (septets for GSM-7, UTF-16 units for UCS-2). */
  unites: number;
  segments: number;
}

/** Counts the segments an SMS text takes. */
export function compterSegments(texte: string): Decompte {
  let unites = 0;
  let gsm7 = true;
  for (const c of texte) {
    if (BASE.has(c)) unites += 1;
    else if (EXTENSION.has(c)) unites += 2;
    else {
      gsm7 = false;
      break;
    }
  }
  if (gsm7) return { codage: 'gsm7', unites, segments: unites <= 160 ? 1 : Math.ceil(unites / 153) };
  const utf16 = texte.length;
  return { codage: 'ucs2', unites: utf16, segments: utf16 <= 70 ? 1 : Math.ceil(utf16 / 67) };
}
