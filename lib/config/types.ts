/**
 * The validated, resolved configuration. Durations are milliseconds; `${env:NAME}` references are already
 * replaced by their values. The JSON Schema in `schema/flink-watch.schema.json` describes the file a user writes;
 * these types describe what the loader hands to the rest of the program.
 */
export type Severity = 'critical' | 'warning' | 'info';

export interface FlinkConfig {
  region: string;
  /** host[:port]; defaults to `ververica.<region>.aliyuncs.com`. */
  endpoint: string;
  protocol: 'https' | 'http';
  /** Explicit credentials (from env references); otherwise FC context credentials, then the default chain. */
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  /** Per-request timeout, ms (used for both connect and read timeouts of the client). */
  timeoutMs: number;
  /** At most this many API calls in flight. */
  concurrency: number;
  /** Attempts per call including the first. */
  maxAttempts: number;
  /** Ask the API for resource settings (off by default: smaller answers). */
  includeResourceSetting: boolean;
}

export interface WatchConfig {
  name: string;
  workspace: string;
  namespace: string;
  /** Kubernetes label-selector syntax, e.g. `team in (payments, risk), env = prod`. */
  selector: string;
  /** Extra labels put on every alert of this watch (e.g. `owner: payments-oncall`). */
  labels: Record<string, string>;
}

export interface RuleConfig {
  name: string;
  /** CEL expression; true means the condition holds. */
  when: string;
  scope: 'deployment' | 'watch';
  /** How long the condition must hold before the alert fires; 0 fires at once. */
  forMs: number;
  severity: Severity;
  /** Restrict the rule to these watches; empty means all. */
  watches: string[];
  /** Human text, may use `{{ name }}`-style placeholders rendered by the notifier templates. */
  summary?: string;
  description?: string;
  labels: Record<string, string>;
}

export type ReceiverType = 'console' | 'webhook' | 'dingtalk' | 'feishu' | 'wecom' | 'slack' | 'alertmanager';

export interface ReceiverConfig {
  name: string;
  type: ReceiverType;
  /** Webhook / robot URL (or Alertmanager base URL). Secret-bearing: never log it unredacted. */
  url?: string;
  /** Signing secret (DingTalk `SEC…`, Feishu, or the webhook HMAC key). */
  secret?: string;
  sendResolved: boolean;
  /** Extra settings of one platform (keyword, mentions, locale, templates, headers, …). */
  options: Record<string, unknown>;
}

/** An Alertmanager-style label matcher: `name op "value"` with op one of `=`, `!=`, `=~`, `!~`. */
export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface RouteConfig {
  /** All matchers must match the alert's labels; empty matches every alert. */
  matchers: Matcher[];
  receivers: string[];
  /** Keep looking at later routes after this one matched. */
  continue: boolean;
  groupBy: string[];
  repeatIntervalMs: number;
}

export interface SilenceConfig {
  matchers: Matcher[];
  startsAt: Date;
  endsAt: Date;
  comment: string;
  createdBy?: string;
}

export interface MaintenanceWindowConfig {
  name: string;
  matchers: Matcher[];
  /** IANA time zone name, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday; empty means every day. */
  weekdays: number[];
  /** Minutes after local midnight; `end` may be smaller than `start` (window crosses midnight). */
  startMinute: number;
  endMinute: number;
}

export type StateConfig =
  | { type: 'file'; path: string }
  | { type: 'memory' }
  | {
      type: 'oss';
      bucket: string;
      region: string;
      /** Object key prefix, e.g. `flink-watch/prod/`. */
      prefix: string;
      endpoint?: string;
      /** Explicit credentials; otherwise FC context credentials. */
      credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
      secure: boolean;
    };

export interface AlertingConfig {
  repeatIntervalMs: number;
  groupBy: string[];
  /** Consecutive failed queries of a watch before `WatchQueryFailing` fires. */
  queryFailuresBeforeAlert: number;
  /** Resolved alerts are forgotten after this long. */
  resolvedRetentionMs: number;
  /** An undeliverable notification is dropped from the outbox (with an error and a meta-alert) after this long. */
  outboxMaxAgeMs: number;
  /** Default receiver when no route matches. */
  defaultReceivers: string[];
}

export interface ReportConfig {
  /** `token`: requests need `Authorization: Bearer <token>`; `none`: explicit opt-out. */
  auth: 'token' | 'none';
  token?: string;
  /** Public URL of the report, used for links in messages. */
  url?: string;
  /** Flink console link template, e.g. `https://.../#/workspaces/{workspace}/namespaces/{namespace}/operations/stream/{deploymentId}`. */
  consoleUrlTemplate?: string;
  timeZone: string;
  locale: 'en' | 'zh-CN';
}

export interface Config {
  flink: FlinkConfig;
  watches: WatchConfig[];
  rules: RuleConfig[];
  receivers: Record<string, ReceiverConfig>;
  routes: RouteConfig[];
  silences: SilenceConfig[];
  maintenance: MaintenanceWindowConfig[];
  alerting: AlertingConfig;
  state: StateConfig;
  report: ReportConfig;
  /** Overall budget of one tick, ms (the FC handler passes its own deadline instead). */
  tickTimeoutMs: number;
}

/**
 * What the loader puts in `ReceiverConfig.options`. Each receiver type allows only its own subset (see
 * docs/configuration.md); durations are already milliseconds.
 */
export interface ReceiverOptions {
  locale?: 'en' | 'zh-CN';
  timeZone?: string;
  /** Liquid template of the title. */
  title?: string;
  /**
   * Liquid template of ONE alert's block (chat receivers assemble the message from the title, one block per alert,
   * "+N more" and the report link, so that it can be fitted to the platform's size limit). The title is `title`.
   */
  template?: string;
  /** Timeout of one delivery request, ms. */
  timeout?: number;
  mentions?: { all?: boolean; mobiles?: string[]; userIds?: string[] };
  overflow?: 'summarise' | 'split';
  maxMessages?: number;
  /** Plain http:// to a non-loopback host was explicitly allowed. */
  allowHttp?: boolean;
  /** DingTalk / Feishu security keyword(s). */
  keyword?: string | string[];
  msgType?: 'markdown' | 'actionCard';
  headers?: Record<string, string>;
  maxAlerts?: number;
  rateLimit?: { max: number; perMs: number };
  /** Alertmanager: `endsAt` of a posted firing alert = now + this, ms. */
  endsAfter?: number;
}
