import { type RecordedRequest, type ServerAnswer, startWebhookServer, type WebhookServer } from '../webhook-server';

/** A stand-in's verdict on one request: the answer, and the parsed body when the platform accepted it. */
export interface Verdict {
  answer: ServerAnswer;
  accepted?: unknown;
}

export interface PlatformStandIn extends WebhookServer {
  /** Parsed bodies the platform accepted, oldest first (forced answers from `respondNext` are not judged). */
  readonly accepted: unknown[];
  /** Every verdict the rules gave, oldest first. */
  readonly verdicts: Verdict[];
}

/** JSON answer with the platform's content type. */
export function json(body: unknown, status = 200): ServerAnswer {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json; charset=utf-8' } };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sliding-window admission, as a platform counts messages per robot: `admit(at)` is false when any window is full.
 * Time comes from the caller (the platform's reading of the request's timestamp, or the arrival time).
 */
export function createWindowCounter(limits: { max: number; perMs: number }[]) {
  const sent: number[] = [];
  return {
    admit(at: number): boolean {
      for (const { max, perMs } of limits) {
        const inWindow = sent.filter((t) => t > at - perMs && t <= at).length;
        if (inWindow >= max) return false;
      }
      sent.push(at);
      return true;
    },
  };
}

/** A real HTTP server whose default answers come from a platform's acceptance rules. */
export async function startPlatformServer(
  judge: (request: RecordedRequest) => Verdict,
  now: () => number,
): Promise<PlatformStandIn> {
  const accepted: unknown[] = [];
  const verdicts: Verdict[] = [];
  const server = await startWebhookServer({
    now,
    handler: (request) => {
      const verdict = judge(request);
      verdicts.push(verdict);
      if (verdict.accepted !== undefined) accepted.push(verdict.accepted);
      return verdict.answer;
    },
  });
  const reset = server.reset;
  return Object.assign(server, {
    accepted,
    verdicts,
    reset: () => {
      reset();
      accepted.length = 0;
      verdicts.length = 0;
    },
  });
}

/**
 * One throwaway request, then forget it: the first HTTP request of a test worker pays for loading and compiling the
 * HTTP client, which on a busy 2-core machine can exceed a short receiver timeout.
 */
export async function warmUp(server: WebhookServer): Promise<void> {
  await fetch(`${server.url}/warm-up`, { signal: AbortSignal.timeout(10_000) }).then((res) => res.text());
  server.reset();
}
