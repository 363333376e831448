/** The alerts area: lifecycle, identity, muting, routing, grouping and the notify decision. All pure. */
export { buildNotification, toAlertView } from './alert-view';
export { decide, isSendReason, type NotifyReason, repeatElapsed, type SendReason, type SkipReason } from './decide';
export { AlertsError, InvalidMaintenanceWindowError, InvalidMatcherError } from './errors';
export { type AlertExplanation, describeReason, explainAlert, formatDuration, type ReceiverVerdict } from './explain';
export { CORE_LABEL_NAMES, fingerprint, identifyingLabels, LABEL_NAME_PATTERN, sortLabels } from './fingerprint';
export { commonPairs, GROUP_BY_ALL, groupKey, groupLabels } from './group';
export { inhibitionMuter } from './inhibition-muter';
export {
  type AlertInput,
  type AlertStep,
  advanceAlert,
  type Condition,
  pendingRemainingMs,
  pruneResolved,
} from './lifecycle';
export { inWindow, localTimeReader, maintenanceMuter } from './maintenance-muter';
export { type CompiledMatchers, compileMatchers, formatMatcher, formatMatchers, matchesAll } from './matchers';
export {
  type DeliveryProblem,
  FAILED_RECEIVER_LABEL,
  META_ALERT,
  metaAlert,
  notificationUndeliverable,
  watchEmpty,
  watchQueryFailing,
} from './meta-alerts';
export { type MuteReason, type MuteResult, type Muter, muteAll } from './muter';
export { buildMuters } from './muters';
export { logKey, pruneNotificationLog } from './notification-log';
export {
  type MutedAlert,
  type NotificationPlan,
  type PlanInput,
  type PlannedNotification,
  planNotifications,
  type ReceiverPolicy,
  type SkippedGroup,
} from './plan';
export { compileRouter, type Router, type RouteTarget, routeAlert } from './route';
export { silenceMuter } from './silence-muter';
export { updateWatchHealth, type WatchQueryOutcome } from './watch-health';
