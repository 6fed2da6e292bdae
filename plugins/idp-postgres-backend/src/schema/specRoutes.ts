import { spec } from './openapi.generated';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** One path of the spec, as a pattern that matches a request's path. */
export interface SpecRoute {
  pattern: RegExp;
  /** The methods it answers, upper case. */
  methods: string[];
  /**
   * Per method whose JSON body takes no properties beyond its own
   * (`additionalProperties: false`): the properties it takes.
   */
  bodyProperties: Record<string, string[]>;
}

interface BodySchema {
  $ref?: string;
  additionalProperties?: unknown;
  properties?: Record<string, unknown>;
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: BodySchema }> };
}

/** A component schema for `#/components/schemas/<name>`, or the schema itself. */
function resolve(schema: BodySchema | undefined): BodySchema | undefined {
  const name = schema?.$ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
  if (!name) return schema;
  return (spec.components.schemas as Record<string, BodySchema>)[name];
}

function bodyProperties(item: Record<string, unknown>) {
  const result: Record<string, string[]> = {};
  for (const method of HTTP_METHODS) {
    const operation = item[method] as Operation | undefined;
    const schema = resolve(
      operation?.requestBody?.content?.['application/json']?.schema,
    );
    if (schema?.additionalProperties === false) {
      result[method.toUpperCase()] = Object.keys(schema.properties ?? {});
    }
  }
  return result;
}

/** Every path of the spec. */
export const SPEC_ROUTES: SpecRoute[] = Object.entries(spec.paths).map(
  ([template, item]) => ({
    pattern: new RegExp(
      `^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\//g, '\\/')}$`,
    ),
    methods: Object.keys(item)
      .filter(key => HTTP_METHODS.includes(key))
      .map(key => key.toUpperCase()),
    bodyProperties: bodyProperties(item as Record<string, unknown>),
  }),
);

/** The spec's route for a request path, if any. */
export function specRouteOf(path: string): SpecRoute | undefined {
  return SPEC_ROUTES.find(route => route.pattern.test(path));
}
