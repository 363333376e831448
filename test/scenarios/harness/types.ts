import type { FaultRule } from '../../../lib/sandbox/faults';
import type { TickResult } from '../../../lib/tick/run-tick';
import type { RecordedRequest } from '../../helpers/webhook-server';
import type { AcceptedMessage } from './webhook-log';

/** One alert of a notification the webhook must receive in a tick. */
export interface ExpectedAlert {
  status: 'firing' | 'resolved';
  alertname: string;
  /** Absent for watch-level alerts and meta-alerts (they carry no `deployment` label). */
  deployment?: string;
}

export const firing = (alertname: string, deployment?: string): ExpectedAlert => ({
  status: 'firing',
  alertname,
  ...(deployment === undefined ? {} : { deployment }),
});

export const resolved = (alertname: string, deployment?: string): ExpectedAlert => ({
  status: 'resolved',
  alertname,
  ...(deployment === undefined ? {} : { deployment }),
});

/** What a tick's `check` gets to make further assertions. */
export interface TickContext {
  index: number;
  now: number;
  /** One per runTick call of the tick (several with `concurrent`). */
  results: TickResult[];
  /** The result of the tick that ran (not skipped). */
  ran: TickResult;
  /** Messages the webhook accepted during this tick. */
  messages: AcceptedMessage[];
  /** Every HTTP request the webhook got during this tick (accepted or refused). */
  requests: RecordedRequest[];
}

export interface ScenarioTick {
  /** Sandbox step the API answers from during this tick. */
  step: number;
  /** Simulated time of the tick, relative to the scenario's start: `+0`, `+90s`, `+1h5m`. */
  at: string;
  /** Exactly the alerts of every notification the webhook accepts in this tick (order does not matter). */
  expect: ExpectedAlert[];
  /** HTTP requests the webhook gets in this tick; default one per alertname in `expect` (one watch, default groupBy). */
  requests?: number;
  /** Sandbox faults for this tick only. */
  faults?: FaultRule[];
  /** The webhook answers 503 during this tick. */
  webhookDown?: boolean;
  /** Replaces the scenario's configuration (watches, rules, …) from this tick on. */
  config?: string;
  /** Start this many ticks at once, each with its own client and store on the same state file. */
  concurrent?: number;
  /** Each summary error must match one of these and each pattern must match an error; default: no errors. */
  errors?: RegExp[];
  /** The same for summary warnings; default: no warnings. */
  warnings?: RegExp[];
  check?: (ctx: TickContext) => void;
}

export interface ScenarioSpec {
  /** The sandbox's world: deployments and their job-summary timeline (lib/sandbox scenario YAML). */
  world: string;
  /**
   * The configuration without `flink`, `receivers`, `state`, `report` and `tickTimeout` (the runner adds those:
   * the sandbox, one `webhook` receiver named `hook`, a file store in a temp dir).
   */
  config: string;
  /** ISO time of `+0`; default 2025-06-02T00:00:00Z (a Monday). */
  start?: string;
  ticks: ScenarioTick[];
}
