import request from 'supertest';

type Server = Parameters<typeof request>[0];

/**
 * Invokes one of the plugin's actions the way Backstage's actions service
 * does: over HTTP, through the real actions registry's invoke route, as the
 * caller the Authorization header names.
 */
export async function invokeAction(
  server: Server,
  name: string,
  input: object,
  authorization: string,
) {
  const res = await request(server)
    .post(
      `/api/idp-postgres/.backstage/actions/v1/actions/idp-postgres:${name}/invoke`,
    )
    .set('Authorization', authorization)
    .send(input);
  return {
    status: res.status,
    output: res.body.output,
    error: res.body.error as { name: string; message: string } | undefined,
  };
}

/** The actions the registry lists to a caller, as the actions service reads them. */
export async function listActions(server: Server, authorization: string) {
  const res = await request(server)
    .get('/api/idp-postgres/.backstage/actions/v1/actions')
    .set('Authorization', authorization);
  expect(res.status).toBe(200);
  return res.body.actions as Array<{
    id: string;
    name: string;
    description: string;
    attributes: {
      readOnly: boolean;
      destructive: boolean;
      idempotent: boolean;
    };
    schema: {
      input: {
        properties: Record<string, { description?: string }>;
        required?: string[];
      };
      output: object;
    };
  }>;
}
