/**
 * The demo's configuration, as a user would write it, pointed at the embedded sandbox. One tick is one simulated
 * minute, so `for: 2m` means two ticks.
 */
export function demoConfigYaml(sandboxEndpoint: string): string {
  return `
flink:
  region: cn-hangzhou
  endpoint: "${sandboxEndpoint}"
  protocol: http
  accessKeyId: \${env:FLINK_WATCH_DEMO_ACCESS_KEY_ID}
  accessKeySecret: \${env:FLINK_WATCH_DEMO_ACCESS_KEY_SECRET}
watches:
  - name: payments
    workspace: a14bd5d90a
    selector: "team = payments, env = prod"
    labels: { owner: payments-oncall }
  - name: risk
    workspace: a14bd5d90a
    selector: "team in (risk), env in (prod, staging)"
  - name: search
    workspace: edcef8b4f2
    selector: "team = search"
rules:
  - name: job-not-running
    when: 'running < 1 && executionMode == "STREAMING"'
    for: 2m
    severity: critical
    summary: "{{ name }} has no running job"
  - name: job-failed
    when: increase.failed > 0
    severity: critical
    summary: "{{ name }}: a job failed ({{ failed }} failures so far)"
  - name: stuck-starting
    when: starting > 0
    for: 4m
    severity: warning
    summary: "{{ name }} has been starting for a while"
  - name: restart-storm
    when: 'increaseIn("10m").failed >= 2'
    severity: warning
    summary: "{{ name }} failed repeatedly in the last 10 minutes"
receivers:
  terminal: { type: console, timeZone: Asia/Shanghai }
alerting:
  repeatInterval: 30m
state: { type: memory }
report:
  auth: none
  timeZone: Asia/Shanghai
`;
}
