import type { ComponentChildren } from 'preact';
import { deNom } from '../../../platform/formats/francais.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';
import type { DocumentOpenApi, OperationOpenApi, ParametreOpenApi, ReponseOpenApi, Schema } from '../openapi.ts';

// The documentation page of the public API, generated from the OpenAPI document: no Swagger UI (the CSP allows no
// inline or third-party script), everything readable without JavaScript. Descriptions written for developers in the
// document are English and marked `lang="en"`; the page's own words are French.

type Document = DocumentOpenApi;
type Methode = 'GET' | 'POST';
const METHODES: Methode[] = ['GET', 'POST'];

function resoudre<T>(document: Document, valeur: T | { $ref: string }): T {
  if (valeur && typeof valeur === 'object' && '$ref' in valeur) {
    const chemin = valeur.$ref.replace(/^#\//, '').split('/');
    let courant: unknown = document;
    for (const etape of chemin) courant = (courant as Record<string, unknown>)[etape];
    return courant as T;
  }
  return valeur as T;
}

const ancreSchema = (nom: string) => `schema-${nom}`;
const ancreOperation = (op: OperationOpenApi) => `operation-${op.operationId}`;
const ancreTag = (nom: string) => `tag-${nom.replace(/\s+/g, '-')}`;

/** Description text of the document, with its `code spans` (CommonMark's only markup used there) as code. */
function Texte({ texte }: { texte: string }) {
  return <>{texte.split('`').map((morceau, i) => (i % 2 === 1 ? <code key={i}>{morceau}</code> : morceau))}</>;
}

/** A schema's type in a few words: "string (date) | null", "array of Stop", "enum: all, even, odd". */
function TypeSchema({ schema }: { schema: Schema }): ComponentChildren {
  if (typeof schema.$ref === 'string') {
    const nom = schema.$ref.split('/').pop() as string;
    return <a href={`#${ancreSchema(nom)}`}>{nom}</a>;
  }
  const types = [schema.type ?? (schema.enum ? 'enum' : 'object')].flat() as string[];
  const principal = types.filter((t) => t !== 'null');
  const parts: ComponentChildren[] = principal.map((t) => {
    if (t === 'array' && schema.items) {
      return (
        <>
          tableau de <TypeSchema schema={schema.items as Schema} />
        </>
      );
    }
    if (t === 'object' && schema.properties) return `object { ${Object.keys(schema.properties).join(', ')} }`;
    return typeof schema.format === 'string' ? `${t} (${schema.format})` : t;
  });
  return (
    <>
      <code>{parts.flatMap((p, i) => (i > 0 ? [' | ', p] : [p]))}</code>
      {types.includes('null') && ' ou null'}
      {Array.isArray(schema.enum) && ` : ${schema.enum.map(String).join(', ')}`}
      {typeof schema.minimum === 'number' && typeof schema.maximum === 'number'
        ? ` de ${schema.minimum} à ${schema.maximum}`
        : typeof schema.minimum === 'number'
          ? ` à partir de ${schema.minimum}`
          : null}
    </>
  );
}

/** Source text in a block that scrolls, reachable with the keyboard. */
function Code({ children }: { children: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling block must be reachable by keyboard (WCAG 2.1.1)
    <pre class="fr-mb-3w" tabIndex={0}>
      <code>{children}</code>
    </pre>
  );
}

function Operation({
  document,
  chemin,
  methode,
  op,
}: {
  document: Document;
  chemin: string;
  methode: Methode;
  op: OperationOpenApi;
}) {
  const parametres = (op.parameters ?? []).map((p) => resoudre<ParametreOpenApi>(document, p));
  const reponses = Object.entries(op.responses).map(
    ([code, r]) => [code, resoudre<ReponseOpenApi>(document, r)] as const,
  );
  const [, succes] = reponses.find(([code]) => code === '200' || code === '201') ?? [];
  const [typeCorps, corps] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
  const [, contenuSucces] = Object.entries(succes?.content ?? {})[0] ?? [];
  const url = `${document.servers[0]?.url ?? ''}${op['x-example-request']}`;
  const essayable = methode === 'GET' && !chemin.includes('{');
  return (
    <section class="fr-mt-6w" aria-labelledby={ancreOperation(op)}>
      <h3 id={ancreOperation(op)}>
        <code>
          {methode} {chemin}
        </code>{' '}
        <span lang="en">– {op.summary}</span>
      </h3>
      <p lang="en">
        <Texte texte={op.description} />
      </p>
      {parametres.length > 0 && (
        <CadreTableau
          classe="fr-mt-2w"
          legende={`Paramètres de ${methode} ${chemin}`}
          entetes={['Nom', 'Emplacement', 'Type', 'Description']}
        >
          {parametres.map((p) => (
            <tr key={p.name}>
              <th scope="row">
                <code>{p.name}</code>
                {p.required && ' (obligatoire)'}
              </th>
              <td>{p.in === 'path' ? 'chemin' : 'requête'}</td>
              <td>
                <TypeSchema schema={p.schema} />
                {p.schema.default !== undefined && `, ${String(p.schema.default)} par défaut`}
              </td>
              <td lang="en" class="fr-cell--multiline">
                <Texte texte={p.description} />
              </td>
            </tr>
          ))}
        </CadreTableau>
      )}
      {corps && (
        <p>
          Corps de la requête : <code>{typeCorps}</code>, <TypeSchema schema={corps.schema} />.
        </p>
      )}
      <h4 class="fr-mt-3w">Réponses</h4>
      <ul>
        {reponses.map(([code, r]) => {
          const [type, contenu] = Object.entries(r.content ?? {})[0] ?? [];
          return (
            <li key={code}>
              <strong>{code}</strong>{' '}
              <span lang="en">
                <Texte texte={r.description} />
              </span>
              {type && (
                <>
                  {' '}
                  (<code>{type}</code>
                  {contenu && typeof contenu.schema.$ref === 'string' && (
                    <>
                      , <TypeSchema schema={contenu.schema} />
                    </>
                  )}
                  )
                </>
              )}
            </li>
          );
        })}
      </ul>
      <h4 class="fr-mt-3w">Exemple de requête</h4>
      <Code>{`${methode} ${url}`}</Code>
      {essayable && (
        <p>
          <a class="fr-link" href={op['x-example-request']}>
            Ouvrir cet exemple<span class="fr-sr-only"> ({op['x-example-request']})</span>
          </a>
        </p>
      )}
      {contenuSucces?.example !== undefined && (
        <>
          <h4>Exemple de réponse</h4>
          <Code>
            {typeof contenuSucces.example === 'string'
              ? contenuSucces.example
              : JSON.stringify(contenuSucces.example, null, 2)}
          </Code>
        </>
      )}
    </section>
  );
}

function SchemaObjet({ nom, schema }: { nom: string; schema: Schema }) {
  const proprietes = (schema.properties ?? {}) as Record<string, Schema>;
  const obligatoires = new Set((schema.required ?? []) as string[]);
  return (
    <section class="fr-mt-4w" aria-labelledby={ancreSchema(nom)}>
      <h3 id={ancreSchema(nom)}>
        <code>{nom}</code>
      </h3>
      {typeof schema.description === 'string' && <p lang="en">{schema.description}</p>}
      <CadreTableau
        classe="fr-mt-2w"
        legende={`Champs ${deNom(nom)}`}
        entetes={['Champ', 'Type', 'Description']}
        legendeMasquee
      >
        {Object.entries(proprietes).map(([champ, s]) => (
          <tr key={champ}>
            <th scope="row">
              <code>{champ}</code>
              {!obligatoires.has(champ) && ' (facultatif)'}
            </th>
            <td>
              <TypeSchema schema={s} />
            </td>
            <td lang="en" class="fr-cell--multiline">
              <Texte texte={typeof s.description === 'string' ? s.description : ''} />
            </td>
          </tr>
        ))}
      </CadreTableau>
    </section>
  );
}

/** `/api/docs`: the endpoints with their parameters, responses and examples, then the schemas. */
export function PageDocumentationApi({ ctx, document }: { ctx: ContextePage; document: Document }) {
  const operations = Object.entries(document.paths).flatMap(([chemin, p]) =>
    METHODES.flatMap((methode) => {
      const op = p[methode === 'GET' ? 'get' : 'post'];
      return op ? [{ chemin, methode, op }] : [];
    }),
  );
  const parTag = document.tags.map((t) => ({ tag: t, ops: operations.filter((o) => o.op.tags.includes(t.name)) }));
  const base = document.servers[0]?.url ?? '';
  return (
    <Layout titre="API publique" ctx={ctx} filAriane={[{ href: '/', libelle: 'Accueil' }, { libelle: 'API publique' }]}>
      <h1>API publique du réseau France services</h1>
      <p class="fr-text--lead">
        Les lieux France services, leurs horaires et leurs ouvertures réelles, en JSON, sans clé ni inscription.
      </p>
      <ul>
        <li>
          Adresse de base : <code>{base}</code>. Réponses en JSON (noms de champs en anglais), messages d’erreur en
          français au format <code>application/problem+json</code> (RFC 9457).
        </li>
        <li>
          Lecture possible depuis toute page web (<code>Access-Control-Allow-Origin: *</code>, méthode GET uniquement) ;
          les réponses peuvent être gardées en cache une minute.
        </li>
        <li>
          Description OpenAPI 3.1 : <a href="/api/openapi.json">/api/openapi.json</a>. Données sous Licence Ouverte /
          Etalab 2.0.
        </li>
      </ul>
      <p lang="en" class="fr-text--sm">
        <Texte texte={document.info.description} />
      </p>
      <nav class="fr-summary fr-mt-4w" aria-labelledby="sommaire-api">
        <h2 class="fr-summary__title" id="sommaire-api">
          Sommaire
        </h2>
        <ol class="fr-summary__list">
          {operations.map(({ chemin, methode, op }) => (
            <li key={op.operationId}>
              <a class="fr-summary__link" href={`#${ancreOperation(op)}`}>
                {methode} {chemin}
              </a>
            </li>
          ))}
          <li>
            <a class="fr-summary__link" href="#schemas">
              Schémas des réponses
            </a>
          </li>
        </ol>
      </nav>
      {parTag.map(({ tag, ops }) => (
        <section key={tag.name} class="fr-mt-6w" aria-labelledby={ancreTag(tag.name)}>
          <h2 id={ancreTag(tag.name)} lang="en">
            {tag.name}
          </h2>
          <p lang="en">{tag.description}</p>
          {ops.map(({ chemin, methode, op }) => (
            <Operation key={op.operationId} document={document} chemin={chemin} methode={methode} op={op} />
          ))}
        </section>
      ))}
      <section class="fr-mt-6w" aria-labelledby="schemas">
        <h2 id="schemas">Schémas des réponses</h2>
        {Object.entries(document.components.schemas).map(([nom, schema]) => (
          <SchemaObjet key={nom} nom={nom} schema={schema} />
        ))}
      </section>
    </Layout>
  );
}
