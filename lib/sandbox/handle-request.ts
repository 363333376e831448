import { parseQueryPairs } from './acs3';
import type { FaultBook, FaultKind, FaultRule } from './faults';
import type { NonceRegistry } from './nonce-registry';
import { renderDeployment } from './render';
import { gatewayErrorBody, newRequestId, ververicaErrorBody, ververicaSuccessBytes } from './responses';
import type { Scenario } from './scenario';
import { type DeploymentAtStep, scenarioAtStep } from './scenario-timeline';
import { type AccessKeys, type SignedRequest, verifyAcs3Request } from './verify-signature';

export const API_PATH = /^\/api\/v2\/namespaces\/([^/]+)\/deployments\/getDeployments\/byLabel\/?$/;
const ACTION = 'GetDeploymentsByLabel';
const VERSION = '2022-07-18';

export interface HandlerState {
  scenario: Scenario;
  step: number;
  faults: FaultBook;
  nonces: NonceRegistry;
  accessKeys: AccessKeys;
  maxClockSkewMs: number;
  /**
   * The scenario folded at `step`, memoised: folding every deployment's timeline per request made the emulator, not
   * the client, the bottleneck of concurrent calls (about 10 ms per request at 4 000 deployments).
   */
  world?: { step: number; deployments: DeploymentAtStep[] };
  /**
   * Rendered `data` lists of this step by query, memoised for the same reason: a wave of concurrent calls that each
   * render and serialise hundreds of deployments made the emulator answer later than its configured latency.
   */
  answers?: { step: number; dataJson: Map<string, Buffer> };
}

/** How many distinct queries' answers are kept per step. */
const MAX_MEMOISED_ANSWERS = 256;

/** The `data` list as UTF-8 JSON: kept encoded, so that answering does not encode hundreds of KB again each time. */
function dataJsonAt(state: HandlerState, key: string, render: () => unknown[]): Buffer {
  if (state.answers?.step !== state.step) state.answers = { step: state.step, dataJson: new Map() };
  const memo = state.answers.dataJson;
  let json = memo.get(key);
  if (json === undefined) {
    json = Buffer.from(JSON.stringify(render()), 'utf8');
    if (memo.size >= MAX_MEMOISED_ANSWERS) memo.clear();
    memo.set(key, json);
  }
  return json;
}

function worldAt(state: HandlerState): DeploymentAtStep[] {
  if (state.world?.step !== state.step) {
    state.world = { step: state.step, deployments: scenarioAtStep(state.scenario, state.step) };
  }
  return state.world.deployments;
}

export type Outcome =
  | { kind: 'respond'; status: number; body: string | Buffer; delayMs: number }
  | { kind: 'hang'; delayMs: number };

/** What the request log learns from handling one request. */
export interface HandlingNotes {
  requestId: string;
  signatureOk: boolean;
  rejectedBecause?: string;
  code?: string;
  fault?: FaultKind;
  accessKeyId?: string;
}

export interface Handled {
  outcome: Outcome;
  notes: HandlingNotes;
}

function json(status: number, body: unknown, delayMs = 0): Outcome {
  return { kind: 'respond', status, body: JSON.stringify(body), delayMs };
}

function firstValues(pairs: Array<[string, string]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of pairs) if (!out.has(k)) out.set(k, v);
  return out;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function headerText(req: SignedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Fault kinds answered by the gateway in front of the service, before the request is looked at. */
function gatewayFault(
  fault: FaultRule,
  requestId: string,
  host: string,
  delayMs: number,
): { outcome: Outcome; code?: string } | undefined {
  if (fault.kind === 'hang') return { outcome: { kind: 'hang', delayMs } };
  if (fault.kind !== 'throttle' && fault.kind !== 'server-error') return undefined;
  const throttle = fault.kind === 'throttle';
  const code = fault.errorCode ?? (throttle ? 'Throttling.User' : 'ServiceUnavailable');
  const message =
    fault.errorMessage ??
    (throttle
      ? 'Request was denied due to user flow control.'
      : 'The request has failed due to a temporary failure of the server.');
  const status = fault.httpStatus ?? (throttle ? 429 : 503);
  return { outcome: json(status, gatewayErrorBody(requestId, host, code, message), delayMs), code };
}

/** One request to the emulated API: signature, faults, parameters, then the scenario's answer at this step. */
export function handleSandboxRequest(
  req: SignedRequest,
  state: HandlerState,
  now: number,
  baseLatencyMs: number,
): Handled {
  const requestId = newRequestId();
  const host = headerText(req, 'host') ?? '127.0.0.1';
  const notes: HandlingNotes = { requestId, signatureOk: false };
  const route = API_PATH.exec(req.rawPath);
  if (req.method !== 'GET' || !route) {
    notes.code = 'InvalidAction.NotFound';
    const msg = `Specified api is not found, please check your url and method: ${req.method} ${req.rawPath}`;
    return { outcome: json(404, gatewayErrorBody(requestId, host, notes.code, msg), baseLatencyMs), notes };
  }
  const verified = verifyAcs3Request(req, { ...state, now });
  if (verified.accessKeyId !== undefined) notes.accessKeyId = verified.accessKeyId;
  if (!verified.ok) {
    notes.code = verified.code;
    notes.rejectedBecause = `${verified.code}: ${verified.reason}`;
    const body = gatewayErrorBody(requestId, host, verified.code, verified.message);
    return { outcome: json(verified.status, body, baseLatencyMs), notes };
  }
  notes.signatureOk = true;
  if (headerText(req, 'x-acs-version') !== VERSION || headerText(req, 'x-acs-action') !== ACTION) {
    notes.code = 'InvalidAction.NotFound';
    const msg = `The path ${req.rawPath} is the ${ACTION} API of version ${VERSION}; x-acs-action/x-acs-version do not match.`;
    return { outcome: json(404, gatewayErrorBody(requestId, host, notes.code, msg), baseLatencyMs), notes };
  }
  const namespace = decodeSegment(route[1] ?? '');
  const query = firstValues(parseQueryPairs(req.rawQuery));
  const workspace = headerText(req, 'workspace') ?? '';
  const labelKey = query.get('labelKey') ?? '';
  const fault = state.faults.take({ workspace, namespace, labelKey });
  const delayMs = baseLatencyMs + (fault?.kind === 'latency' ? (fault.latencyMs ?? 1000) : (fault?.latencyMs ?? 0));
  if (fault) notes.fault = fault.kind;
  const early = fault ? gatewayFault(fault, requestId, host, delayMs) : undefined;
  if (early) {
    if (early.code !== undefined) notes.code = early.code;
    return { outcome: early.outcome, notes };
  }
  const missing =
    workspace.trim() === ''
      ? 'the workspace header is required: send the workspace ID in the "workspace" HTTP header'
      : labelKey === ''
        ? 'the query parameter labelKey is required'
        : (query.get('labelValue') ?? '') === ''
          ? 'the query parameter labelValue is required (several values separated by commas mean OR)'
          : undefined;
  if (missing) {
    notes.code = 'MissingParameter';
    return { outcome: json(400, ververicaErrorBody(requestId, 400, notes.code, missing), delayMs), notes };
  }
  if (fault?.kind === 'malformed-json') {
    const body = `{"requestId":"${requestId}","success":true,"httpCode":200,"data":[{"deploymentId":`;
    return { outcome: { kind: 'respond', status: 200, body, delayMs }, notes };
  }
  if (fault?.kind === 'success-false') {
    notes.code = fault.errorCode ?? 'NoPermission';
    const message =
      fault.errorMessage ??
      `the caller has no permission to read deployments in namespace ${namespace} of workspace ${workspace}`;
    return { outcome: json(200, ververicaErrorBody(requestId, 403, notes.code, message), delayMs), notes };
  }
  const values = new Set((query.get('labelValue') ?? '').split(',').filter((v) => v !== ''));
  const options = {
    ignoreJobSummary: query.get('ignoreJobSummary')?.toLowerCase() === 'true',
    ignoreResourceSetting: query.get('ignoreResourceSetting')?.toLowerCase() === 'true',
    dropJobSummary: fault?.kind === 'missing-job-summary',
  };
  // Unknown workspaces and namespaces answer an empty list (what the real service does there is not documented).
  const render = () =>
    worldAt(state)
      .filter((d) => d.present && d.deployment.workspace === workspace && d.deployment.namespace === namespace)
      .filter((d) => Object.hasOwn(d.labels, labelKey) && values.has(String(d.labels[labelKey])))
      .map((d) => renderDeployment(d, options));
  const key = JSON.stringify([workspace, namespace, labelKey, [...values].sort(), options]);
  const body = ververicaSuccessBytes(requestId, dataJsonAt(state, key, render));
  return { outcome: { kind: 'respond', status: 200, body, delayMs }, notes };
}
