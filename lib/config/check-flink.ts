// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is the configuration's reference syntax, not a template.
import { type CheckContext, report, resolvedString } from './check-context';
import { endpointHost, isLoopbackHost } from './network';
import { isRecord, type Node, recordAt, stringAt } from './read';

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export function checkFlink(ctx: CheckContext): void {
  const flink = recordAt(ctx.document, 'flink');
  if (!flink) return;
  const region = resolvedString(ctx, flink, 'region', 'flink');
  if (region !== undefined && region !== '' && !REGION.test(region)) {
    report(
      ctx,
      'flink.region',
      `"${region}" is not a region id`,
      'use the region id, e.g. cn-hangzhou or ap-southeast-1',
    );
  }
  checkEndpoint(ctx, flink, region);
  checkCredentialPair(ctx, flink, 'flink');
}

function checkEndpoint(ctx: CheckContext, flink: Node, region: string | undefined): void {
  const endpoint = resolvedString(ctx, flink, 'endpoint', 'flink');
  let host: string | undefined;
  if (endpoint !== undefined) {
    host = endpointHost(endpoint);
    if (host === undefined) {
      const hasScheme = endpoint.includes('://');
      report(
        ctx,
        'flink.endpoint',
        'is not host[:port]',
        hasScheme
          ? 'write only the host (and port), without http:// or https://; choose the scheme with protocol'
          : 'write a host name or IP address with an optional port, e.g. ververica.cn-hangzhou.aliyuncs.com',
      );
      return;
    }
  } else if (ctx.unresolved.has('flink.endpoint')) {
    return;
  } else if (region !== undefined) {
    host = `ververica.${region}.aliyuncs.com`;
  }
  if (stringAt(flink, 'protocol') === 'http' && host !== undefined && !isLoopbackHost(host)) {
    report(
      ctx,
      'flink.protocol',
      `http is only accepted for a loopback endpoint (127.0.0.0/8, localhost, ::1), not ${host}: signed API requests and their answers would travel unencrypted`,
      'use protocol: https, or point endpoint at a local sandbox such as 127.0.0.1:18080',
    );
  }
}

/** AccessKey id and secret only make sense together; a security token needs both. */
export function checkCredentialPair(ctx: CheckContext, parent: unknown, path: string): void {
  if (!isRecord(parent)) return;
  const has = (key: string) => parent[key] !== undefined;
  if (has('accessKeyId') && !has('accessKeySecret')) {
    report(
      ctx,
      `${path}.accessKeySecret`,
      'is required when accessKeyId is set',
      'add accessKeySecret: ${env:ALIBABA_CLOUD_ACCESS_KEY_SECRET}, or remove accessKeyId to use the function role',
    );
  }
  if (has('accessKeySecret') && !has('accessKeyId')) {
    report(
      ctx,
      `${path}.accessKeyId`,
      'is required when accessKeySecret is set',
      'add accessKeyId: ${env:ALIBABA_CLOUD_ACCESS_KEY_ID}, or remove accessKeySecret to use the function role',
    );
  }
  if (has('securityToken') && !has('accessKeyId') && !has('accessKeySecret')) {
    report(
      ctx,
      `${path}.securityToken`,
      'needs accessKeyId and accessKeySecret next to it',
      'add the STS AccessKey id and secret, or remove securityToken',
    );
  }
}
