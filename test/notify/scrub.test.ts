import { describe, expect, it } from 'vitest';
import { scrubError, scrubText } from '../../lib/notify/scrub';

describe('scrubText', () => {
  it('hides the token of a robot URL in prose and keeps the punctuation around it', () => {
    const text = 'POST https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef, then gave up.';
    const out = scrubText(text);
    expect(out).not.toContain('0123456789abcdef');
    expect(out).toBe('POST https://oapi.dingtalk.com/robot/send?access_token=<redacted>, then gave up.');
  });

  it('leaves an already safe URL followed by an ellipsis unchanged on a second pass', () => {
    const once = scrubText('POST http://127.0.0.1:19099/… failed: HTTP 503');
    expect(once).toBe('POST http://127.0.0.1:19099/… failed: HTTP 503');
    expect(scrubText(once)).toBe(once);
  });

  it('hides Feishu hook tokens in the path and known secrets anywhere', () => {
    const out = scrubError(
      new Error('POST https://open.feishu.cn/open-apis/bot/v2/hook/abcd-efgh-1234 failed (sign SECRETVALUE)'),
      ['SECRETVALUE'],
    );
    expect(out).not.toContain('abcd-efgh-1234');
    expect(out).not.toContain('SECRETVALUE');
    expect(out).toContain('Error: POST https://open.feishu.cn/open-apis/bot/v2/hook/<redacted>');
  });
});
