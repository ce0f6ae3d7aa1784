/**
 * Checks real API answers against the served OpenAPI document, as a validating proxy would: the path and
 * method are described (any other path answers the JSON 404, any other method 405), the status is one
 * the operation documents, the media type is the documented one, and a JSON body validates (ajv, JSON
 * Schema 2020-12, formats checked) against the schema of that operation and status. A failure names the
 * operation, the status and the field.
 *
 * Ajv runs in strict mode, so a keyword it does not know (a typo such as `maxlength`) fails the suite
 * instead of being silently ignored; OpenAPI's own schema keywords are accepted as annotations.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

export const HTTP_METHODS = ["get", "post", "patch", "put", "delete"] as const;
const DOC_ID = "https://roviec.invalid/api/v1/openapi.json";

export interface ContractAnswer {
  method: string;
  /** The path as called, query string allowed ("/api/v1/tasks/12?x=1"). */
  pathname: string;
  status: number;
  /** The Content-Type header of the answer. */
  contentType: string | null;
  /** The raw body text (parsed here when JSON). */
  text: string;
}

export class ContractViolation extends Error {
  name = "ContractViolation";
}

const pointer = (...parts: string[]) => "#/" + parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

export interface OpenApiContract {
  /** The document path template of a concrete path, or null if none matches. */
  templateOf(pathname: string): string | null;
  /** Throws a ContractViolation when the answer is not what the document says; returns "METHOD /template status". */
  check(answer: ContractAnswer): string;
  /** Compiles every schema of the document (strict): throws on a keyword ajv does not know. */
  compileAll(): void;
}

export function openApiContract(doc: Doc): OpenApiContract {
  // `ajv.default` under Node's ESM loader, the class itself under a bundler.
  const Ajv = ((Ajv2020 as unknown as { default?: typeof Ajv2020 }).default ?? Ajv2020) as typeof Ajv2020;
  const formats = ((addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats) as typeof addFormats;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  formats(ajv);
  // OpenAPI 3.1's schema dialect adds these keywords; they only annotate.
  ajv.addVocabulary(["discriminator", "xml", "externalDocs", "example"]);
  // The document's top-level keys are not schema keywords; registering them lets the whole document be
  // one ajv resource, so "#/components/schemas/…" references resolve as they do for any OpenAPI tool.
  ajv.addVocabulary(["openapi", "info", "servers", "security", "paths", "components", "webhooks", "tags", "jsonSchemaDialect"]);
  ajv.addSchema({ ...doc, $id: DOC_ID });

  const templates = Object.keys(doc.paths ?? {}).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));
  const validators = new Map<string, ValidateFunction>();

  function validator(ref: string): ValidateFunction {
    let v = validators.get(ref);
    if (!v) {
      v = ajv.getSchema(DOC_ID + ref);
      if (!v) throw new ContractViolation(`No schema at ${ref}`);
      validators.set(ref, v);
    }
    return v;
  }

  function resolve(node: Doc): { node: Doc; at: string | null } {
    if (node?.$ref && typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
      let target: Doc = doc;
      for (const part of node.$ref.slice(2).split("/")) target = target?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
      return { node: target, at: node.$ref };
    }
    return { node, at: null };
  }

  function describe(errors: ErrorObject[] | null | undefined): string {
    return (errors ?? [])
      .slice(0, 8)
      .map((e) => {
        const field = "$" + e.instancePath.replace(/\/(\d+)(?=\/|$)/g, "[$1]").replace(/\//g, ".");
        const extra =
          e.keyword === "additionalProperties"
            ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"`
            : e.keyword === "enum"
              ? ` ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}`
              : "";
        return `${field} ${e.message}${extra} (schema ${e.schemaPath})`;
      })
      .join("; ");
  }

  function validateJson(label: string, ref: string, text: string) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ContractViolation(`${label}: the body is not JSON: ${text.slice(0, 200)}`);
    }
    const v = validator(ref);
    if (!v(body))
      throw new ContractViolation(`${label}: the body does not match ${ref}: ${describe(v.errors)}\nbody: ${text.slice(0, 600)}`);
  }

  function templateOf(pathname: string): string | null {
    const bare = pathname.split("?")[0];
    return templates.find((t) => t.pattern.test(bare))?.template ?? null;
  }

  return {
    templateOf,

    check({ method, pathname, status, contentType, text }: ContractAnswer): string {
      const lower = method.toLowerCase();
      const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
      const template = templateOf(pathname);
      const errorSchema = pointer("components", "schemas", "Error");
      if (template === null) {
        // Not a documented path: the JSON 404 of app/routes/api.v1.$.ts, whatever the method.
        const label = `${method} ${pathname} (no documented path) → ${status}`;
        if (status !== 404) throw new ContractViolation(`${label}: a path the document does not describe must answer 404`);
        if (mediaType !== "application/json") throw new ContractViolation(`${label}: expected application/json, got ${contentType}`);
        validateJson(label, errorSchema, text);
        return `${method} (undocumented path) 404`;
      }
      const operation = doc.paths[template][lower];
      if (!operation) {
        const label = `${method} ${template} (method not documented) → ${status}`;
        if (status !== 405) throw new ContractViolation(`${label}: a method the document does not list must answer 405`);
        validateJson(label, errorSchema, text);
        return `${method} ${template} 405`;
      }
      const label = `${method} ${template} (${operation.operationId}) → ${status}`;
      const documented = operation.responses?.[String(status)] ?? operation.responses?.[`${String(status)[0]}XX`];
      if (!documented) {
        throw new ContractViolation(
          `${label}: status ${status} is not documented for this operation (documented: ${Object.keys(operation.responses).join(", ")})\nbody: ${text.slice(0, 300)}`,
        );
      }
      const { node: response, at } = resolve(documented);
      const content = response?.content ?? {};
      if (Object.keys(content).length === 0) {
        if (text !== "") throw new ContractViolation(`${label}: documented without a body, but one came`);
        return `${method} ${template} ${status}`;
      }
      if (!(mediaType in content))
        throw new ContractViolation(
          `${label}: media type ${contentType} is not documented (documented: ${Object.keys(content).join(", ")})`,
        );
      if (content[mediaType].schema) {
        const ref = at
          ? `${at}/content/${mediaType.replace(/\//g, "~1")}/schema`
          : pointer("paths", template, lower, "responses", String(status), "content", mediaType, "schema");
        validateJson(label, ref, text);
      }
      return `${method} ${template} ${status}`;
    },

    compileAll() {
      for (const name of Object.keys(doc.components?.schemas ?? {})) validator(pointer("components", "schemas", name));
      for (const [template, item] of Object.entries(doc.paths ?? {}) as Array<[string, Doc]>) {
        for (const method of HTTP_METHODS) {
          const op = item[method];
          if (!op) continue;
          (item.parameters ?? []).forEach((_: Doc, i: number) => validator(pointer("paths", template, "parameters", String(i), "schema")));
          (op.parameters ?? []).forEach((_: Doc, i: number) =>
            validator(pointer("paths", template, method, "parameters", String(i), "schema")),
          );
          for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Record<string, Doc>)) {
            if (media.schema) validator(pointer("paths", template, method, "requestBody", "content", type, "schema"));
          }
          for (const status of Object.keys(op.responses ?? {})) {
            const { node, at } = resolve(op.responses[status]);
            for (const [type, media] of Object.entries((node?.content ?? {}) as Record<string, Doc>)) {
              if (media.schema)
                validator(
                  at
                    ? `${at}/content/${type.replace(/\//g, "~1")}/schema`
                    : pointer("paths", template, method, "responses", status, "content", type, "schema"),
                );
            }
          }
        }
      }
    },
  };
}
