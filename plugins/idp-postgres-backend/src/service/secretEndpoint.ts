const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

/**
 * Why a role secret's `endpoint` and `port` could not be used to connect,
 * or undefined when they can: an app's DB_HOST and DB_PORT read them as
 * they are.
 */
export function endpointProblem(data: {
  endpoint?: string;
  port?: string;
}): string | undefined {
  const endpoint = (data.endpoint ?? '').trim();
  if (
    !HOST_NAME.test(endpoint) &&
    !(endpoint.includes(':') && IPV6.test(endpoint))
  ) {
    return 'its endpoint is not a host name (no scheme, port or path expected)';
  }
  const text = (data.port ?? '').trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    return 'its port is not a number between 1 and 65535';
  }
  return undefined;
}
