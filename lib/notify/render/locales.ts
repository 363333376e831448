export type LocaleName = 'en' | 'zh-CN';
export const LOCALE_NAMES: readonly LocaleName[] = ['en', 'zh-CN'];

/** Every fixed word a default template or the size fitting prints. Templates reach them as `t.<key>`. */
export interface LocaleStrings {
  firing: string;
  resolved: string;
  severity: Record<string, string>;
  deployment: string;
  watch: string;
  namespace: string;
  workspace: string;
  started: string;
  resolvedAt: string;
  duration: string;
  console: string;
  report: string;
  openReport: string;
  rules: string;
  test: string;
  testSummary: string;
  units: { day: string; hour: string; minute: string; second: string };
  /** `+N more (see report: URL)`; `{n}` and `{url}` are replaced. */
  more: string;
  moreNoUrl: string;
  /** Split messages: `(part 1/3)`. */
  part: string;
}

const en: LocaleStrings = {
  firing: 'FIRING',
  resolved: 'RESOLVED',
  severity: { critical: 'critical', warning: 'warning', info: 'info' },
  deployment: 'Deployment',
  watch: 'Watch',
  namespace: 'Namespace',
  workspace: 'Workspace',
  started: 'Started',
  resolvedAt: 'Resolved',
  duration: 'Duration',
  console: 'Flink console',
  report: 'Report',
  openReport: 'Open report',
  rules: 'rules',
  test: 'TEST',
  testSummary: 'Test message from flink-watch: this receiver works. No action needed.',
  units: { day: 'd', hour: 'h', minute: 'm', second: 's' },
  more: '+{n} more (see report: {url})',
  moreNoUrl: '+{n} more',
  part: '(part {i}/{n})',
};

const zhCN: LocaleStrings = {
  firing: '告警中',
  resolved: '已恢复',
  severity: { critical: '严重', warning: '警告', info: '提示' },
  deployment: '作业',
  watch: '监控组',
  namespace: '项目空间',
  workspace: '工作空间',
  started: '开始时间',
  resolvedAt: '恢复时间',
  duration: '持续时间',
  console: 'Flink 控制台',
  report: '报告',
  openReport: '查看报告',
  rules: '条规则',
  test: '测试',
  testSummary: '这是 flink-watch 发送的测试消息：此接收端工作正常，无需处理。',
  units: { day: '天', hour: '小时', minute: '分', second: '秒' },
  more: '另有 {n} 条告警未显示（见报告：{url}）',
  moreNoUrl: '另有 {n} 条告警未显示',
  part: '（第 {i}/{n} 条）',
};

export const LOCALES: Record<LocaleName, LocaleStrings> = { en, 'zh-CN': zhCN };

export function isLocaleName(value: unknown): value is LocaleName {
  return typeof value === 'string' && (LOCALE_NAMES as readonly string[]).includes(value);
}

/** The line that ends a summarised message. */
export function moreLine(strings: LocaleStrings, omitted: number, reportUrl: string | undefined): string {
  const template = reportUrl ? strings.more : strings.moreNoUrl;
  return template.replace('{n}', String(omitted)).replace('{url}', reportUrl ?? '');
}

export function partLabel(strings: LocaleStrings, index: number, total: number): string {
  return strings.part.replace('{i}', String(index)).replace('{n}', String(total));
}
