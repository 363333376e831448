import { startDingTalkStandIn } from '../../helpers/standins/dingtalk-standin';
import { warmUp } from '../../helpers/standins/platform-server';
import {
  type RecordedRequest,
  type ServerAnswer,
  startWebhookServer,
  type WebhookServer,
} from '../../helpers/webhook-server';
import { SECRETS } from './secrets';

/** A real local HTTP endpoint that either passes requests on or answers them with an injected fault. */
export interface FaultGate {
  readonly url: string;
  readonly server: WebhookServer;
  /** Answer every request with `answer` until cleared with `undefined`. */
  setFault(answer: ServerAnswer | undefined): void;
  close(): Promise<void>;
}

export async function startFaultGate(pass: (request: RecordedRequest) => Promise<ServerAnswer>): Promise<FaultGate> {
  let fault: ServerAnswer | undefined;
  const server = await startWebhookServer({ handler: (request) => fault ?? pass(request) });
  return {
    url: server.url,
    server,
    setFault: (answer) => {
      fault = answer;
    },
    close: () => server.close(),
  };
}

/** The two receivers of the fault world, each behind its own gate. */
export interface ReceiverWorld {
  hook: FaultGate;
  ding: FaultGate;
  /** Alertmanager-format bodies the webhook accepted, oldest first. */
  hookAccepted: string[];
  /** Markdown texts the DingTalk stand-in accepted (token, signature, keyword and size checked), oldest first. */
  dingAccepted(): string[];
  close(): Promise<void>;
}

/**
 * `hook` accepts any Alertmanager-format JSON; `ding` forwards to a DingTalk stand-in that checks the token, the
 * signature (secret `SECRETS.dingSecret`, timestamps within an hour of the real clock: receivers sign with the real
 * time, whatever time a tick evaluates as), the keyword `flink`, the 20000-byte limit and its rate limit.
 */
export async function startReceiverWorld(): Promise<ReceiverWorld> {
  const hookAccepted: string[] = [];
  const hook = await startFaultGate(async (request) => {
    const parsed: unknown = JSON.parse(request.body);
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { alerts?: unknown }).alerts)) {
      return { status: 400, body: 'not an Alertmanager-format message' };
    }
    hookAccepted.push(request.body);
    return { status: 200, body: 'ok' };
  });
  const standIn = await startDingTalkStandIn({
    accessToken: SECRETS.dingToken,
    secret: SECRETS.dingSecret,
    keywords: ['flink'],
  });
  await warmUp(standIn);
  const ding = await startFaultGate(async (request) => {
    const res = await fetch(`${standIn.url}${request.url}`, {
      method: request.method,
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
      body: request.body,
      signal: AbortSignal.timeout(5_000),
    });
    return { status: res.status, body: await res.text(), headers: { 'content-type': 'application/json' } };
  });
  return {
    hook,
    ding,
    hookAccepted,
    dingAccepted: () =>
      standIn.accepted.map((body) => {
        const markdown = (body as { markdown?: { text?: unknown } }).markdown;
        return typeof markdown?.text === 'string' ? markdown.text : '';
      }),
    close: async () => {
      await Promise.all([hook.close(), ding.close(), standIn.close()]);
    },
  };
}
