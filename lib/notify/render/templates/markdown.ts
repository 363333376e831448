/**
 * Default alert block for DingTalk markdown and Feishu card markdown (`**bold**`, `[text](url)`, `- ` lists).
 * A blank line separates the heading line from the list: DingTalk joins single-newline lines otherwise.
 * Words come from the locale (`t.*`), so the same template serves English and Simplified Chinese.
 */
export const MARKDOWN_ALERT = `{%- if alert.status == "resolved" %}✅{% elsif alert.severity == "critical" %}🔴{% elsif alert.severity == "warning" %}🟠{% else %}🔵{% endif %} **{{ alert.name }}** · {{ alert.severity_text }} · {{ alert.status_text }}

{% if alert.deployment != "" -%}
- {{ t.deployment }}: {% if alert.console_url != "" %}[{{ alert.deployment }}]({{ alert.console_url }}){% else %}{{ alert.deployment }}{% endif %}
{% endif -%}
- {{ t.watch }}: {{ alert.watch }}{% if alert.namespace != "" %} · {{ alert.namespace }}{% endif %}{% if alert.workspace != "" %} · {{ alert.workspace }}{% endif %}
{%- if alert.summary != "" %}
- {{ alert.summary }}
{%- endif %}
- {{ t.started }}: {{ alert.starts_at }}
{%- if alert.status == "resolved" %}
- {{ t.resolvedAt }}: {{ alert.ends_at }} ({{ t.duration }} {{ alert.duration }})
{%- endif %}`;
