/**
 * The configuration file as written, after it passed `schema/flink-watch.schema.json`. Mirrors the schema; the
 * builders turn it into `Config` (defaults applied, durations in ms, matchers parsed).
 */
export type DurationText = string | number;
export type LabelValue = string | number | boolean;

export interface MatchDocument {
  severity?: 'critical' | 'warning' | 'info';
  watch?: string;
  rule?: string;
  labels?: Record<string, LabelValue>;
}

export interface FlinkDocument {
  region: string;
  endpoint?: string;
  protocol?: 'https' | 'http';
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  timeout?: DurationText;
  concurrency?: number;
  maxAttempts?: number;
  includeResourceSetting?: boolean;
}

export interface WatchDocument {
  name: string;
  workspace: string;
  namespace?: string;
  selector: string;
  labels?: Record<string, LabelValue>;
}

export interface RuleDocument {
  name: string;
  when: string;
  scope?: 'deployment' | 'watch';
  for?: DurationText;
  severity?: 'critical' | 'warning' | 'info';
  watches?: string[];
  summary?: string;
  description?: string;
  labels?: Record<string, LabelValue>;
}

/** Every receiver type's keys; the schema allows each type only its own subset. */
export interface ReceiverDocument {
  type: 'console' | 'webhook' | 'dingtalk' | 'feishu' | 'wecom' | 'slack' | 'alertmanager';
  url?: string;
  secret?: string;
  sendResolved?: boolean;
  timeout?: DurationText;
  endsAfter?: DurationText;
  mentions?: { all?: boolean; mobiles?: Array<string | number>; userIds?: string[] };
  rateLimit?: { max: number; per: DurationText };
  [option: string]: unknown;
}

export interface RouteDocument {
  match?: MatchDocument;
  matchers?: string[];
  receivers: string[];
  continue?: boolean;
  groupBy?: string[];
  repeatInterval?: DurationText;
}

export interface SilenceDocument {
  match?: MatchDocument;
  matchers?: string[];
  startsAt: string;
  endsAt: string;
  comment: string;
  createdBy?: string;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface MaintenanceDocument {
  name: string;
  match?: MatchDocument;
  matchers?: string[];
  timeZone: string;
  days?: Weekday[];
  start: string;
  end: string;
}

export interface AlertingDocument {
  repeatInterval?: DurationText;
  groupBy?: string[];
  queryFailuresBeforeAlert?: number;
  resolvedRetention?: DurationText;
  outboxMaxAge?: DurationText;
  defaultReceivers?: string[];
}

export type StateDocument =
  | { type: 'file'; path?: string }
  | { type: 'memory' }
  | {
      type: 'oss';
      bucket: string;
      region: string;
      prefix?: string;
      endpoint?: string;
      accessKeyId?: string;
      accessKeySecret?: string;
      securityToken?: string;
      secure?: boolean;
    };

export interface ReportDocument {
  auth?: 'token' | 'none';
  token?: string;
  url?: string;
  consoleUrlTemplate?: string;
  timeZone?: string;
  locale?: 'en' | 'zh-CN';
}

export interface ConfigDocument {
  $schema?: string;
  flink: FlinkDocument;
  watches: WatchDocument[];
  rules?: RuleDocument[];
  receivers?: Record<string, ReceiverDocument>;
  routes?: RouteDocument[];
  silences?: SilenceDocument[];
  maintenance?: MaintenanceDocument[];
  alerting?: AlertingDocument;
  state?: StateDocument;
  report?: ReportDocument;
  tickTimeout?: DurationText;
}
