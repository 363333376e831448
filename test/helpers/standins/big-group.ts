import type { AlertView } from '../../../lib/alerts/types';
import type { ReportConfig } from '../../../lib/config/types';
import type { Notification } from '../../../lib/notify/types';

const SEVERITIES = ['info', 'warning', 'critical'] as const;

/**
 * `count` alerts with long names and CJK text (3 bytes per character), mixed severities and states: the worst case
 * for size fitting. Alert i has fingerprint `fp-<i>` and severity SEVERITIES[i % 3].
 */
export function bigGroup(receiver: string, count: number, now = '2026-11-28T09:00:00.000Z'): Notification {
  const alerts: AlertView[] = [];
  for (let i = 0; i < count; i++) {
    const severity = SEVERITIES[i % 3] ?? 'info';
    const deployment = `支付-实时-订单-聚合-作业-${String(i).padStart(3, '0')}-${'x'.repeat(40)}`;
    alerts.push({
      fingerprint: `fp-${String(i).padStart(3, '0')}`,
      status: i % 7 === 0 ? 'resolved' : 'firing',
      labels: {
        alertname: `job-failed-${'very-long-rule-name-'.repeat(3)}${i % 5}`,
        watch: '支付团队-生产环境',
        deployment,
        deploymentId: `d-${String(i).padStart(4, '0')}-aaaa-bbbb-cccc`,
        namespace: 'default-namespace',
        workspace: 'a14bd5d90a',
        severity,
      },
      annotations: { summary: `作业 ${deployment} 有新的失败记录：失败次数从 6 增加到 7。${'详细'.repeat(30)}` },
      startsAt: new Date(Date.parse(now) - (count - i) * 60_000).toISOString(),
      ...(i % 7 === 0 ? { endsAt: now } : {}),
    });
  }
  return {
    receiver,
    groupKey: `${receiver}|{watch="payments"}`,
    groupLabels: { watch: 'payments' },
    status: 'firing',
    alerts,
    commonLabels: { namespace: 'default-namespace' },
    commonAnnotations: {},
    now,
  };
}

export function reportConfig(overrides: Partial<ReportConfig> = {}): ReportConfig {
  return {
    auth: 'none',
    url: 'https://flink-watch.example.com/report',
    consoleUrlTemplate:
      'https://realtime-compute.console.aliyun.com/region/{region}/workspace/{workspace}/namespace/{namespace}/operations/stream/{deploymentId}',
    timeZone: 'Asia/Shanghai',
    locale: 'en',
    ...overrides,
  };
}
