/** Default title of every chat platform, e.g. `[FIRING:2] job-failed · payments`, `[告警中:2] …` in zh-CN. */
export const DEFAULT_TITLE = [
  '{% if test %}[{{ t.test }}] {% endif %}',
  '{% if status == "firing" %}[{{ t.firing }}:{{ firing_count }}]',
  '{% if resolved_count > 0 %} [{{ t.resolved }}:{{ resolved_count }}]{% endif %}',
  '{% else %}[{{ t.resolved }}:{{ resolved_count }}]{% endif %}',
  ' {{ group_title }}',
].join('');
