/**
 * Builds sandbox scenario YAML (lib/sandbox/scenario.ts) one deployment per call, so a test reads as a table of
 * timelines: `deployment('pay-ingest', ['{ at: 0, running: 1 }', '{ at: 2, running: 0 }'])`.
 */
export function deployment(
  name: string,
  changes: readonly string[],
  options: { workspace?: string; labels?: string } = {},
): string {
  const lines = [
    `  - id: dep-${name}`,
    `    name: ${name}`,
    `    workspace: ${options.workspace ?? 'ws-pay'}`,
    `    labels: ${options.labels ?? '{ team: payments }'}`,
    '    timeline:',
    ...changes.map((change) => `      - ${change}`),
  ];
  return lines.join('\n');
}

export function world(...deployments: string[]): string {
  return `deployments:\n${deployments.join('\n')}\n`;
}

/** The watch most scenarios use: every deployment labelled team=payments in workspace ws-pay. */
export const PAYMENTS_WATCH = `
watches:
  - name: payments
    workspace: ws-pay
    selector: "team = payments"
`;
