// A small JSON Schema (2020-12) checker for the keywords the OpenAPI document uses. Any other keyword throws, so the
// document cannot grow a constraint this checker would silently ignore.

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['description', 'title', 'default', 'example', 'examples', 'deprecated']);
const CONNUS = new Set([
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'format',
  'minimum',
  'maximum',
  'maxLength',
  'pattern',
]);

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  // RFC 3339: an explicit offset is required.
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  uri: /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i,
};

function typeDe(valeur: unknown): string {
  if (valeur === null) return 'null';
  if (Array.isArray(valeur)) return 'array';
  if (typeof valeur === 'number') return Number.isInteger(valeur) ? 'integer' : 'number';
  return typeof valeur;
}

/** Errors of `valeur` against `schema` (empty when valid); `racine` resolves `#/…` references. */
export function verifierSchema(valeur: unknown, schema: Schema, racine: unknown, chemin = '$'): string[] {
  for (const mot of Object.keys(schema)) {
    if (!CONNUS.has(mot) && !ANNOTATIONS.has(mot)) throw new Error(`unsupported keyword ${mot} at ${chemin}`);
  }
  if (typeof schema.$ref === 'string') {
    let cible: unknown = racine;
    for (const etape of schema.$ref.replace(/^#\//, '').split('/')) cible = (cible as Record<string, unknown>)?.[etape];
    if (!cible) throw new Error(`unresolved $ref ${schema.$ref}`);
    return verifierSchema(valeur, cible as Schema, racine, chemin);
  }
  const erreurs: string[] = [];
  const t = typeDe(valeur);
  if (schema.type !== undefined) {
    const types = [schema.type].flat() as string[];
    const ok = types.includes(t) || (t === 'integer' && types.includes('number'));
    if (!ok) return [`${chemin}: expected ${types.join('|')}, got ${t}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(valeur)) {
    erreurs.push(`${chemin}: ${JSON.stringify(valeur)} not in ${JSON.stringify(schema.enum)}`);
  }
  if (typeof valeur === 'string') {
    if (typeof schema.format === 'string') {
      const motif = FORMATS[schema.format];
      if (!motif) throw new Error(`unsupported format ${schema.format}`);
      if (!motif.test(valeur)) erreurs.push(`${chemin}: ${JSON.stringify(valeur)} is not a ${schema.format}`);
    }
    if (typeof schema.maxLength === 'number' && valeur.length > schema.maxLength) erreurs.push(`${chemin}: too long`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(valeur)) {
      erreurs.push(`${chemin}: ${JSON.stringify(valeur)} does not match ${schema.pattern}`);
    }
  }
  if (typeof valeur === 'number') {
    if (typeof schema.minimum === 'number' && valeur < schema.minimum) erreurs.push(`${chemin}: below minimum`);
    if (typeof schema.maximum === 'number' && valeur > schema.maximum) erreurs.push(`${chemin}: above maximum`);
  }
  if (Array.isArray(valeur) && schema.items) {
    valeur.forEach((v, i) => {
      erreurs.push(...verifierSchema(v, schema.items as Schema, racine, `${chemin}[${i}]`));
    });
  }
  if (t === 'object') {
    const objet = valeur as Record<string, unknown>;
    const proprietes = (schema.properties ?? {}) as Record<string, Schema>;
    for (const cle of (schema.required ?? []) as string[]) {
      if (!(cle in objet)) erreurs.push(`${chemin}: missing ${cle}`);
    }
    for (const [cle, v] of Object.entries(objet)) {
      const sous = proprietes[cle];
      if (sous) erreurs.push(...verifierSchema(v, sous, racine, `${chemin}.${cle}`));
      else if (schema.additionalProperties === false) erreurs.push(`${chemin}: unexpected property ${cle}`);
    }
  }
  return erreurs;
}
