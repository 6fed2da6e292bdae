import type { HelmEnvEntry } from '@jppol-idp/backstage-plugin-idp-postgres-common';

// Plain scalars are safe only for names and numbers; anything else is
// quoted so YAML cannot read it as another type or as syntax.
function scalar(value: string): string {
  return /^[A-Za-z_][A-Za-z0-9._/-]*$/.test(value) &&
    !/^(true|false|yes|no|on|off|null|~)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

/** The `env:` block for an app's Helm values, as the manual writes it. */
export function helmEnvYaml(entries: HelmEnvEntry[]): string {
  const lines = ['env:'];
  for (const entry of entries) {
    lines.push(`  - name: ${scalar(entry.name)}`);
    if ('valueFrom' in entry) {
      const { name, key } = entry.valueFrom.secretKeyRef;
      lines.push(
        '    valueFrom:',
        '      secretKeyRef:',
        `        name: ${scalar(name)}`,
        `        key: ${scalar(key)}`,
      );
    } else {
      lines.push(`    value: ${scalar(entry.value)}`);
    }
  }
  return lines.join('\n');
}
