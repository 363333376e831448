/** Default alert section for Slack mrkdwn (`*bold*`, `<url|text>`); values are escaped (&, <, >). */
export const SLACK_ALERT = `{%- if alert.status == "resolved" %}:white_check_mark:{% elsif alert.severity == "critical" %}:red_circle:{% elsif alert.severity == "warning" %}:large_orange_circle:{% else %}:large_blue_circle:{% endif %} *{{ alert.name }}* · {{ alert.severity_text }} · {{ alert.status_text }}
{%- if alert.deployment != "" %}
{{ t.deployment }}: {% if alert.console_url != "" %}<{{ alert.console_url }}|{{ alert.deployment }}>{% else %}{{ alert.deployment }}{% endif %}
{%- endif %}
{{ t.watch }}: {{ alert.watch }}{% if alert.namespace != "" %} · {{ alert.namespace }}{% endif %}{% if alert.workspace != "" %} · {{ alert.workspace }}{% endif %}
{%- if alert.summary != "" %}
{{ alert.summary }}
{%- endif %}
{{ t.started }}: {{ alert.starts_at }}{% if alert.status == "resolved" %} · {{ t.resolvedAt }}: {{ alert.ends_at }}{% endif %}`;
