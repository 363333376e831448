import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../lib/config';
import { checkSendUrl, endpointHost } from '../../lib/config/network';
import { isValidTimeZone, parseIsoTime } from '../../lib/config/time-checks';

describe('loopback hosts', () => {
  it.each(['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST', '::1', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['128.0.0.1', '10.0.0.1', '127.example.com', 'localhost.example.com', '::2', '0.0.0.0'])(
    '%s is not loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('flink endpoints', () => {
  it.each([
    ['ververica.cn-hangzhou.aliyuncs.com', 'ververica.cn-hangzhou.aliyuncs.com'],
    ['127.0.0.1:18080', '127.0.0.1'],
    ['[::1]:18080', '[::1]'],
    ['localhost', 'localhost'],
  ])('%s → host %s', (endpoint, host) => {
    expect(endpointHost(endpoint)).toBe(host);
  });

  it.each(['https://ververica.cn-hangzhou.aliyuncs.com', 'host/path', 'host:0', 'host:70000', 'a..b', ''])(
    'rejects %s',
    (endpoint) => {
      expect(endpointHost(endpoint)).toBeUndefined();
    },
  );
});

describe('send URLs', () => {
  it('accepts https anywhere and http to loopback', () => {
    expect(checkSendUrl('https://oapi.dingtalk.com/robot/send?access_token=x', false).ok).toBe(true);
    expect(checkSendUrl('http://127.0.0.1:9099/alerts', false).ok).toBe(true);
    expect(checkSendUrl('http://[::1]:9099/alerts', false).ok).toBe(true);
  });

  it('refuses http elsewhere unless allowed, without showing the URL', () => {
    const refused = checkSendUrl('http://hooks.example.com/path?token=hidden-value-1', false);
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('hooks.example.com') });
    expect(JSON.stringify(refused)).not.toContain('hidden-value-1');
    expect(checkSendUrl('http://hooks.example.com/path', true).ok).toBe(true);
    expect(checkSendUrl('ftp://example.com/', true)).toMatchObject({ ok: false, message: 'uses ftp, not http(s)' });
    expect(checkSendUrl('not a url', false)).toMatchObject({ ok: false, message: 'is not a valid URL' });
  });
});

describe('times', () => {
  it('accepts ISO 8601 times with a zone', () => {
    expect(parseIsoTime('2025-06-01T22:00:00+08:00')?.toISOString()).toBe('2025-06-01T14:00:00.000Z');
    expect(parseIsoTime('2024-02-29T00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it.each(['2025-06-01 22:00', '2025-06-01T22:00:00', '2025-02-30T00:00:00Z', '2025-13-01T00:00:00Z', 'tomorrow'])(
    'rejects %s',
    (text) => {
      expect(parseIsoTime(text)).toBeUndefined();
    },
  );

  it('knows IANA time zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Asia/Shanghia')).toBe(false);
    expect(isValidTimeZone('CST+8')).toBe(false);
  });
});
