/**
 * Loopback ports of these tests, apart from `yarn start` (3000/7007, sandbox
 * 55432/56443/54566) and the end-to-end tests (3100/7107, 55532/56543/54666),
 * so they run beside both. The replica and load tests use the same ports:
 * run them one after the other.
 */
export const PORTS = {
  backends: [7207, 7208],
  sandbox: { postgres: 55232, kubernetes: 55243, secretsManager: 55266 },
  redis: 55279,
} as const;
