/** Default alert block for WeCom markdown: its three font colours instead of emoji-heavy markup. */
export const WECOM_ALERT = `{%- if alert.status == "resolved" %}<font color="info">{{ alert.status_text }}</font>{% else %}<font color="warning">{{ alert.status_text }}</font>{% endif %} **{{ alert.name }}** · {{ alert.severity_text }}
{%- if alert.deployment != "" %}
> {{ t.deployment }}: {% if alert.console_url != "" %}[{{ alert.deployment }}]({{ alert.console_url }}){% else %}{{ alert.deployment }}{% endif %}
{%- endif %}
> {{ t.watch }}: {{ alert.watch }}{% if alert.namespace != "" %} · {{ alert.namespace }}{% endif %}
{%- if alert.summary != "" %}
> {{ alert.summary }}
{%- endif %}
> <font color="comment">{{ t.started }}: {{ alert.starts_at }}{% if alert.status == "resolved" %} · {{ t.resolvedAt }}: {{ alert.ends_at }}{% endif %}</font>`;
